/**
 * A request-rate limit per API key, in fixed one-second windows, counted in the
 * function and shared through DynamoDB in batches:
 * - each warm function counts the requests it admits per key and window, and
 *   refuses one when its count plus what it last learned of the others' reaches
 *   the limit: at once, without a request to DynamoDB;
 * - every `batchOf(limit)` requests it admits (a tenth of the limit, at least 1)
 *   it adds them to the key's counter item for the window, in parallel with the
 *   operation (the handler waits for the write only before answering), and learns
 *   the window's total across every function.
 * A key within its limit thus costs no extra round trip and one write per tenth
 * of its limit (0.2 writes per request at the default 50, none below 5 a second);
 * a burst over the limit is refused within the window by the function that
 * serves it. Across N warm functions at most N × batch requests beyond the limit
 * get through before each knows the total (with one function, none). A counter
 * that cannot be written admits requests: the limiter must not become an outage.
 */
import type { MerchantCaller } from "../core/access.js";
import { RateLimitedError } from "../core/errors.js";
import { addRequests } from "../data/rateLimit.js";
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

/** Requests a function admits for a key before it adds them to the shared counter: a tenth of the limit. */
export const batchOf = (limit: number) => Math.max(1, Math.ceil(limit / 10));

interface KeyWindow {
  window: number;
  /** The window's total across functions at the last flush (ours included). */
  known: number;
  /** Admitted here and being added to the counter now. */
  flushing: number;
  /** Admitted here and not yet added. */
  pending: number;
}

export interface RateLimiter {
  /** Count a request of an API-key caller; throws RATE_LIMITED when its window is full. Never waits. */
  admit(caller: MerchantCaller): void;
  /** Wait for the counter writes started so far (the handler does before it answers). */
  settle(): Promise<void>;
}

/** One limiter per handler (per warm function). */
export function rateLimiter(
  deps: Pick<Deps, "db" | "clock">,
  defaultPerSecond: number | undefined,
  log: (entry: Record<string, unknown>) => void = () => {},
): RateLimiter {
  const windows = new Map<string, KeyWindow>();
  const writes = new Set<Promise<void>>();

  function flush(caller: Extract<MerchantCaller, { kind: "apiKey" }>, state: KeyWindow) {
    const requests = state.pending;
    state.pending = 0;
    state.flushing += requests;
    const address = { merchantId: caller.merchantId, keyId: caller.keyId, windowStart: state.window };
    const write = addRequests(deps.db, address, requests, state.window + 1 + WINDOW_TTL_SECONDS)
      .then(
        (total) => void (state.known = Math.max(state.known, total)),
        (error: Error) =>
          log({ level: "warn", message: "rate-limit counter unavailable", error: error.message, keyId: caller.keyId }),
      )
      .finally(() => {
        state.flushing -= requests;
        writes.delete(write);
      });
    writes.add(write);
  }

  function windowOf(id: string, window: number): KeyWindow {
    let state = windows.get(id);
    if (state?.window === window) return state;
    if (windows.size > 1_000) for (const [other, old] of windows) if (old.window < window) windows.delete(other);
    state = { window, known: 0, flushing: 0, pending: 0 };
    windows.set(id, state);
    return state;
  }

  return {
    admit(caller) {
      if (caller.kind !== "apiKey") return;
      const limit = caller.rateLimitPerSecond ?? defaultPerSecond;
      if (!limit) return;
      const nowMs = Date.parse(deps.clock.now());
      const state = windowOf(`${caller.merchantId}#${caller.keyId}`, Math.floor(nowMs / 1000));
      if (state.known + state.flushing + state.pending >= limit) {
        throw new RateLimitedError(limit, Math.max(1, Math.ceil(((state.window + 1) * 1000 - nowMs) / 1000)));
      }
      state.pending += 1;
      if (state.pending >= batchOf(limit) && state.flushing === 0) flush(caller, state);
    },
    async settle() {
      await Promise.all([...writes]);
    },
  };
}
