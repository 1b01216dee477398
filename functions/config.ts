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
    token: {
      issuer,
      audience,
      jwksUrl: env.JWKS_URL || undefined,
      maxLifetimeSeconds: maxTokenLifetime(env.TOKEN_MAX_LIFETIME_SECONDS),
    },
    identity: env.USER_POOL_ID ? { kind: "cognito", userPoolId: env.USER_POOL_ID } : { kind: "local" },
    production: env.NODE_ENV === "production",
  };
}

/** TOKEN_MAX_LIFETIME_SECONDS: the longest a staff token may live (exp − iat); a day when unset. */
function maxTokenLifetime(raw: string | undefined): number | undefined {
  if (!raw?.trim()) return undefined;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 60)
    throw new Error(`TOKEN_MAX_LIFETIME_SECONDS must be a whole number of seconds, 60 or more, not ${raw}`);
  return seconds;
}
