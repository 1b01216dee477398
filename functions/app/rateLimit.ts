/**
 * A request-rate limit per API key: a fixed one-second window counted in
 * DynamoDB, so the limit holds across every Lambda instance (a per-instance
 * token bucket would not: N warm instances would allow N times the limit).
 * Cost: one conditional UpdateItem (1 write unit) per API-key request, made
 * after the key is authenticated and before the operation runs.
 */
import type { MerchantCaller } from "../core/access.js";
import { RateLimitedError } from "../core/errors.js";
import { countRequest } from "../data/rateLimit.js";
import type { Deps } from "./deps.js";

/** Requests per second an API key may send when neither the key nor the deployment says otherwise. */
export const DEFAULT_API_KEY_RATE_LIMIT = 50;
/**
 * Counter items live this long after their window ends (DynamoDB TTL deletes them within days; they are never read
 * again).
 */
const WINDOW_TTL_SECONDS = 60;

/**
 * The deployment's default limit (requests per second per API key) from
 * API_KEY_RATE_LIMIT: a positive number, or "off". Unset, it is 50 in
 * production (NODE_ENV=production) and off elsewhere, so local load and
 * concurrency tests are not throttled.
 */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.API_KEY_RATE_LIMIT?.trim();
  if (raw === "off" || raw === "0") return undefined;
  if (raw) {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`API_KEY_RATE_LIMIT must be a positive integer or "off", not ${raw}`);
    return value;
  }
  return env.NODE_ENV === "production" ? DEFAULT_API_KEY_RATE_LIMIT : undefined;
}

/**
 * Count this request against the caller's API key; throws RATE_LIMITED when
 * the key's window is full. Staff sign-ins are not counted here (the HTTP
 * API's stage throttling covers them). A counter that cannot be written
 * admits the request: the limiter must not become an outage of its own.
 */
export async function admitRequest(
  deps: Pick<Deps, "db" | "clock">,
  caller: MerchantCaller,
  defaultPerSecond: number | undefined,
  log: (entry: Record<string, unknown>) => void = () => {},
): Promise<void> {
  if (caller.kind !== "apiKey") return;
  const limit = caller.rateLimitPerSecond ?? defaultPerSecond;
  if (!limit) return;
  const nowMs = Date.parse(deps.clock.now());
  const windowStart = Math.floor(nowMs / 1000);
  let admitted: boolean;
  try {
    admitted = await countRequest(
      deps.db,
      caller.merchantId,
      caller.keyId,
      windowStart,
      limit,
      windowStart + 1 + WINDOW_TTL_SECONDS,
    );
  } catch (error) {
    log({
      level: "warn",
      message: "rate-limit counter unavailable; request admitted",
      error: (error as Error).message,
      keyId: caller.keyId,
    });
    return;
  }
  if (!admitted) throw new RateLimitedError(limit, Math.max(1, Math.ceil(((windowStart + 1) * 1000 - nowMs) / 1000)));
}
