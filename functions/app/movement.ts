/**
 * What every money-moving service shares: optimistic retries with jittered
 * back-off, the "busy" answer, request-key checks and fingerprints, and the
 * domain event shape.
 */
import { createHash } from "node:crypto";
import { ConflictError, NotFoundError, ValidationError } from "../core/errors.js";
import type { DomainEvent } from "../core/model.js";
import { requiredText } from "../core/validate.js";
import type { Deps } from "./deps.js";

/**
 * Concurrent movements on one item are serialised by its version: a loser
 * re-reads and tries again, with jittered back-off, for up to this long
 * (well inside the API's 10 s Lambda timeout) before answering "busy".
 */
const RETRY_MS = 8_000;

/** Too many concurrent changes right now: safe to retry (extensions.retryable). */
export function busy(what = "The member's account") {
  return new ConflictError(`${what} is busy with other changes; try again`, { retryable: true });
}

export function retries() {
  const deadline = Date.now() + RETRY_MS;
  let attempt = 0;
  return {
    async next(): Promise<boolean> {
      if (attempt > 0 && Date.now() > deadline) return false;
      // Exponential back-off with full jitter: many contenders spread out instead of colliding again.
      if (attempt) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(250, 4 * 2 ** attempt)));
      attempt++;
      return true;
    },
  };
}

export function event(deps: Deps, merchantId: string, type: string, detail: Record<string, unknown>): DomainEvent {
  return { id: deps.ids.id(), merchantId, type, at: deps.clock.now(), detail };
}

/**
 * What a request asked for, parameter by parameter, hashed (no personal data
 * is kept): the idempotency contract's memory. An absent parameter, null and
 * an empty list mean the same thing.
 */
export type RequestPrint = Record<string, string>;

/** JSON with object keys sorted, so that the same value always reads the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined && item !== null);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export function fingerprint(params: Record<string, unknown>): RequestPrint {
  const print: RequestPrint = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    print[name] = createHash("sha256").update(canonical(value)).digest("base64url").slice(0, 16);
  }
  return print;
}

/**
 * The idempotency contract, as Stripe's: a key reused with the same
 * parameters is the same request (the caller gets the first answer); with any
 * other parameter it is refused with CONFLICT naming the key and what differs.
 * A print from before prints were kept per parameter (a string) cannot tell.
 */
export function assertSameRequest(keyField: string, id: string, seen: unknown, now: RequestPrint) {
  const before = seen && typeof seen === "object" ? (seen as RequestPrint) : undefined;
  const names = [...new Set([...Object.keys(before ?? {}), ...Object.keys(now)])].sort();
  const differs = before ? names.find((name) => before[name] !== now[name]) : "request";
  if (differs) {
    throw new ConflictError(
      `${keyField} ${id} was already used with a different ${differs}; a new request needs a new ${keyField}`,
      { field: keyField, differs },
    );
  }
}

/** A caller's idempotency key: 1–64 letters, digits and . _ : @ / -. */
export function requestKey(field: string, value: unknown): string {
  const id = requiredText(field, value, 64);
  if (!/^[\w.:@/-]+$/.test(id)) throw new ValidationError(field, `${field} may use letters, digits and . _ : @ / -`);
  return id;
}

/**
 * Change a catalogue item (coupon template, reward, top-up plan) with
 * optimistic concurrency: read it, build the next version, write it only if
 * it is unchanged since read; on a lost race read again.
 */
export async function editWithRetry<T>(
  what: string,
  id: string,
  read: () => Promise<T | undefined>,
  next: (current: T) => T | Promise<T>,
  write: (next: T, current: T) => Promise<boolean>,
): Promise<T> {
  for (const retry = retries(); await retry.next();) {
    const current = await read();
    if (!current) throw new NotFoundError(what, id);
    const changed = await next(current);
    if (await write(changed, current)) return changed;
  }
  throw busy(`The ${what.toLowerCase()}`);
}
