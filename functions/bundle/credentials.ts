/**
 * Stands in for @aws-sdk/credential-provider-node in the Lambda bundle (an esbuild
 * alias, infra lambda-bundle.ts). Lambda gives a function its role's credentials in
 * the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN),
 * the first link of the SDK's default chain; the other links (SSO, profiles,
 * processes, web identity, container and instance metadata, ~140 kB with the
 * clients they bring) never run there. Outside Lambda the full chain is used.
 */
import { fromEnv } from "@aws-sdk/credential-provider-env";

export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
