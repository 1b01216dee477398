/** Local dates in a merchant's IANA time zone; everything stored is UTC. */
import { ValidationError } from "./errors.js";

/** The offset (ms) of a time zone from UTC at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant (ISO) at which a local date (YYYY-MM-DD) starts in a time zone. */
export function startOfLocalDay(date: string, timeZone: string): string {
  return localInstant(date, 0, timeZone);
}

/**
 * The UTC instant (ISO) of a local date and time of day (ms after local
 * midnight) in a time zone, right on daylight-saving change days too (where
 * "midnight + N hours" is an hour off).
 */
export function localInstant(date: string, msOfDay: number, timeZone: string): string {
  const [year, month, day] = date.split("-").map(Number);
  const guess = Date.UTC(year, month - 1, day) + msOfDay;
  let instant = guess - offsetAt(guess, timeZone);
  instant = guess - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );
}

/** Add days to a local date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * A bound of a date range: YYYY-MM-DD means that local day in the merchant's
 * time zone (the start of it, or for an upper bound the start of the next
 * day); a full ISO timestamp is taken as is.
 */
export function rangeBound(
  field: string,
  value: string | null | undefined,
  timeZone: string,
  upper: boolean,
): string | undefined {
  if (value == null || value === "") return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const parsed = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== value)
      throw new ValidationError(field, `${field} is not a real date`);
    return startOfLocalDay(upper ? addDays(value, 1) : value, timeZone);
  }
  const parsed = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(parsed))
    throw new ValidationError(field, `${field} must be a date (YYYY-MM-DD) or an ISO timestamp`);
  return new Date(parsed).toISOString();
}
