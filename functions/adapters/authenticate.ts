/**
 * Turn request headers into a Caller: an API key (x-api-key) or a staff /
 * operator ID token (Authorization: Bearer), verified against the issuer's
 * JWKS — Cognito in AWS, the local issuer on a laptop, the same code for both.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { authenticateApiKey } from "../app/apiKeys.js";
import type { Caller } from "../core/access.js";
import { UnauthenticatedError } from "../core/errors.js";
import type { Db } from "../data/db.js";
import { getStaff } from "../data/staff.js";
import type { CallerCache } from "./callerCache.js";
import type { Clock } from "./clock.js";
import { CLAIMS } from "./identity/port.js";

export interface TokenConfig {
  /** Expected `iss`, e.g. https://cognito-idp.{region}.amazonaws.com/{poolId}. */
  issuer: string;
  /** Expected `aud` (the console's app client id). */
  audience: string;
  /** JWKS location; {issuer}/.well-known/jwks.json when omitted. */
  jwksUrl?: string;
  /** The longest a token may live (exp − iat), seconds; DEFAULT_MAX_TOKEN_LIFETIME when omitted. */
  maxLifetimeSeconds?: number;
}

/**
 * A day: Cognito's ID tokens live an hour (a day at most, as configured per
 * client), the local issuer's eight hours. A token without exp or iat, or
 * meant to live longer, is refused: a stolen one must not work for ever.
 */
export const DEFAULT_MAX_TOKEN_LIFETIME = 24 * 3600;

/** The issuers' public keys, fetched once and kept for ten minutes; one cache per handler. */
export function jwksCache() {
  const sets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  return (url: string) => {
    let set = sets.get(url);
    if (!set) sets.set(url, (set = createRemoteJWKSet(new URL(url), { cacheMaxAge: 10 * 60_000 })));
    return set;
  };
}
export type JwksCache = ReturnType<typeof jwksCache>;

async function verifyToken(token: string, config: TokenConfig, keys: JwksCache, now: Date): Promise<JWTPayload> {
  const maxLifetime = config.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME;
  try {
    const { payload } = await jwtVerify(token, keys(config.jwksUrl ?? `${config.issuer}/.well-known/jwks.json`), {
      issuer: config.issuer,
      audience: config.audience,
      requiredClaims: ["exp", "iat"],
      maxTokenAge: maxLifetime,
      currentDate: now,
    });
    if (payload.exp! - payload.iat! > maxLifetime) throw new Error("lives too long");
    if (payload[CLAIMS.tokenUse] !== "id") throw new Error("not an ID token");
    return payload;
  } catch {
    throw new UnauthenticatedError("The sign-in token is invalid or has expired; sign in again");
  }
}

/** Header names are case-insensitive; API Gateway v2 lowercases them. */
function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  return headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

export async function authenticate(
  headers: Record<string, string | undefined>,
  deps: { db: Db; token: TokenConfig; keys: JwksCache; callers?: CallerCache; clock?: Clock },
): Promise<Caller> {
  const apiKey = header(headers, "x-api-key");
  if (apiKey) {
    const caller = await authenticateApiKey(deps, apiKey);
    if (!caller) throw new UnauthenticatedError("The API key is invalid or revoked");
    return caller;
  }
  const authorization = header(headers, "authorization");
  if (!authorization) return { kind: "anonymous" };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError("Authorization must be 'Bearer <token>'");
  const now = new Date(deps.clock ? deps.clock.now() : Date.now());
  const verify = () => verifyToken(match[1], deps.token, deps.keys, now);
  const claims = deps.callers ? await deps.callers.token(match[1], verify) : await verify();
  const groups = (claims[CLAIMS.groups] as string[] | undefined) ?? [];
  if (groups.includes("operator")) return { kind: "operator", subject: claims.sub! };
  const merchantId = claims[CLAIMS.merchantId] as string | undefined;
  if (!merchantId || !claims.sub) throw new UnauthenticatedError("The sign-in token names no merchant");
  // The staff record, not the token, decides role and stores: changes apply at once.
  const read = () => getStaff(deps.db, merchantId, claims.sub!);
  const staff = deps.callers ? await deps.callers.staff(merchantId, claims.sub, read) : await read();
  if (!staff || staff.status !== "active") throw new UnauthenticatedError("This staff sign-in is disabled");
  return {
    kind: "staff",
    merchantId,
    staffId: staff.id,
    username: staff.username,
    role: staff.role,
    storeIds: staff.storeIds,
  };
}
