/**
 * Calendar dates in the merchant's time zone, for inputs that pick a day
 * ("valid until 31 May") while the API stores instants in UTC.
 */

/** How far a time zone is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return (
    Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second")) -
    Math.floor(instant / 1000) * 1000
  );
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a local date (YYYY-MM-DD) begins in a time zone (the browser's when none or unknown), as ISO. */
export function startOfDay(date: string, timeZone?: string): string {
  const match = DATE.exec(date);
  if (!match) throw new Error(`Not a date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const wall = Date.UTC(year, month, day);
  try {
    if (!timeZone) throw new Error("no time zone");
    // Twice: the offset at the guess may differ from the offset at the answer across a DST change.
    const guess = wall - offsetAt(wall, timeZone);
    return new Date(wall - offsetAt(guess, timeZone)).toISOString();
  } catch {
    return new Date(year, month, day).toISOString();
  }
}

/** The local date (YYYY-MM-DD) of an instant in a time zone (the browser's when none or unknown). */
export function localDate(iso: string, timeZone?: string): string {
  const instant = new Date(iso);
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
      instant,
    );
  } catch {
    return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
  }
}

/** A date n days after a date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const match = DATE.exec(date);
  if (!match) throw new Error(`Not a date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days)).toISOString().slice(0, 10);
}

/** The instant just before `iso`: the last moment of a period that ends at `iso`. */
export const justBefore = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();
