/**
 * Who a credential belongs to, remembered in the warm function so that a
 * request does not read it again: API keys and staff records for
 * CALLER_CACHE_SECONDS, verified sign-in tokens until they expire.
 *
 * A change made through the API (revoking a key, changing its limit, editing or
 * disabling a staff member) forgets the entry on the instance that made it at
 * once (the services call `forget…` through Deps); every other warm instance
 * sees it within CALLER_CACHE_SECONDS. Unknown and revoked keys are never
 * remembered: a refused credential is read again on every request.
 */
import type { Clock } from "./clock.js";

/** How long a warm function trusts an API key or staff record it has read: 30 seconds. */
export const CALLER_CACHE_SECONDS = 30;
/** Entries kept per kind; beyond it the oldest go first (a function serves a few merchants' keys and staff). */
const MAX_ENTRIES = 5_000;

interface Entry<V> {
  value: Promise<V>;
  expiresAt: number;
}

/** A map of loads that expire; a load that fails or finds nothing is not kept. */
class ExpiringLoads<V> {
  private readonly entries = new Map<string, Entry<V | undefined>>();

  constructor(private readonly now: () => number) {}

  get(key: string, ttlMs: (value: V) => number, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    if (hit) this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    const entry: Entry<V | undefined> = { value: load(), expiresAt: Number.POSITIVE_INFINITY };
    this.entries.set(key, entry);
    entry.value.then(
      (value) => {
        if (value === undefined) this.forget(key, entry);
        else entry.expiresAt = this.now() + ttlMs(value);
      },
      () => this.forget(key, entry),
    );
    return entry.value;
  }

  /** Forget every entry whose value matches. */
  async forgetWhere(matches: (value: V) => boolean): Promise<void> {
    for (const [key, entry] of [...this.entries]) {
      const value = await entry.value.catch(() => undefined);
      if (value !== undefined && matches(value)) this.forget(key, entry);
    }
  }

  private forget(key: string, entry: Entry<V | undefined>) {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }
}

export interface CallerCache {
  /** The API key with this secret hash, read with `load` at most every CALLER_CACHE_SECONDS. */
  apiKey<K extends { merchantId: string; keyId: string }>(
    hash: string,
    load: () => Promise<K | undefined>,
  ): Promise<K | undefined>;
  /** A staff record, read with `load` at most every CALLER_CACHE_SECONDS. */
  staff<S extends { merchantId: string; id: string }>(
    merchantId: string,
    staffId: string,
    load: () => Promise<S | undefined>,
  ): Promise<S | undefined>;
  /** A sign-in token's verified claims, kept until the token expires (`exp`, seconds). */
  token<C extends { exp?: number }>(token: string, verify: () => Promise<C>): Promise<C>;
  /** Forget an API key at once (revoked, limit changed). */
  forgetApiKey(merchantId: string, keyId: string): Promise<void>;
  /** Forget a staff record at once (role, stores, status or name changed). */
  forgetStaff(merchantId: string, staffId: string): Promise<void>;
}

/** One cache per handler (per warm function), timed by the handler's clock. */
export function callerCache(clock: Clock, seconds = CALLER_CACHE_SECONDS): CallerCache {
  const now = () => Date.parse(clock.now());
  const keys = new ExpiringLoads<{ merchantId: string; keyId: string }>(now);
  const staff = new ExpiringLoads<{ merchantId: string; id: string }>(now);
  const tokens = new ExpiringLoads<{ exp?: number }>(now);
  const ttl = () => seconds * 1000;
  return {
    apiKey: (hash, load) => keys.get(hash, ttl, load) as ReturnType<typeof load>,
    staff: (merchantId, staffId, load) => staff.get(`${merchantId}#${staffId}`, ttl, load) as ReturnType<typeof load>,
    token: async (token, verify) => {
      const claims = await tokens.get(token, (value) => (value.exp ?? 0) * 1000 - now(), verify);
      return claims as Awaited<ReturnType<typeof verify>>;
    },
    forgetApiKey: (merchantId, keyId) =>
      keys.forgetWhere((key) => key.merchantId === merchantId && key.keyId === keyId),
    forgetStaff: (merchantId, staffId) =>
      staff.forgetWhere((record) => record.merchantId === merchantId && record.id === staffId),
  };
}
