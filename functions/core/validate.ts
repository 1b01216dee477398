/** Small input rules shared by every domain module. */
import { NotFoundError, ValidationError } from "./errors.js";

/** Longest id this system issues or accepts from a caller; a longer one cannot name anything. */
export const MAX_ID_LENGTH = 64;

/**
 * An id looked up as given: one longer than any we store names nothing, so it
 * is NOT_FOUND here rather than an over-long DynamoDB key (an internal error).
 */
export function lookupId(what: string, id: unknown): string {
  if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID_LENGTH)
    throw new NotFoundError(what, typeof id === "string" ? `${[...id].slice(0, 20).join("")}…` : String(id));
  return id;
}

/** A required, trimmed, non-empty string no longer than `max`. */
export function requiredText(field: string, value: unknown, max: number): string {
  if (typeof value !== "string") throw new ValidationError(field, `${field} is required`);
  const text = value.trim();
  if (!text) throw new ValidationError(field, `${field} must not be empty`);
  if ([...text].length > max) throw new ValidationError(field, `${field} must be at most ${max} characters`);
  return text;
}

/** An optional trimmed string: empty becomes undefined. */
export function optionalText(field: string, value: unknown, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && !value.trim()) return undefined;
  return requiredText(field, value, max);
}

/** One of the allowed values. */
export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw new ValidationError(field, `${field} must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

/** A page size between 1 and `max` (default `fallback`). */
export function pageSize(value: unknown, fallback = 25, max = 100): number {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    throw new ValidationError("first", `first must be a whole number from 1 to ${max}`);
  }
  return value as number;
}

/** A valid IANA time zone name, e.g. Asia/Shanghai. */
export function timeZone(field: string, value: unknown): string {
  const name = requiredText(field, value, 64);
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
  } catch {
    throw new ValidationError(field, `${field} must be an IANA time zone such as Asia/Shanghai`);
  }
  return name;
}

/** A login name: 3–40 letters, digits, dot, dash, underscore or @. */
export function username(field: string, value: unknown): string {
  const name = requiredText(field, value, 40).toLowerCase();
  if (!/^[a-z0-9._@-]{3,40}$/.test(name)) {
    throw new ValidationError(field, `${field} must be 3–40 letters, digits, '.', '_', '-' or '@'`);
  }
  return name;
}

/** A password with at least 8 characters, a letter and a digit. */
export function password(field: string, value: unknown): string {
  if (
    typeof value !== "string" ||
    value.length < 8 ||
    value.length > 128 ||
    !/[A-Za-z]/.test(value) ||
    !/\d/.test(value)
  ) {
    throw new ValidationError(field, `${field} must have 8–128 characters with at least one letter and one digit`);
  }
  return value;
}
