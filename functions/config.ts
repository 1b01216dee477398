/** The handler's configuration, read from the environment once per cold start. */
import type { TokenConfig } from "./adapters/authenticate.js";

export interface AppConfig {
  tableName?: string;
  dynamodbEndpoint?: string;
  token: TokenConfig;
  /** "cognito" in AWS (USER_POOL_ID), "local" for the built-in issuer. */
  identity: { kind: "cognito"; userPoolId: string } | { kind: "local" };
  production: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const issuer = env.JWT_ISSUER;
  const audience = env.JWT_AUDIENCE;
  if (!issuer || !audience) throw new Error("JWT_ISSUER and JWT_AUDIENCE must be set");
  return {
    tableName: env.TABLE_NAME || undefined,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    token: { issuer, audience, jwksUrl: env.JWKS_URL || undefined },
    identity: env.USER_POOL_ID ? { kind: "cognito", userPoolId: env.USER_POOL_ID } : { kind: "local" },
    production: env.NODE_ENV === "production",
  };
}
