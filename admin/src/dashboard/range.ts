/** The dashboard's period: the last 7, 30 or 90 local days up to today, or days picked by hand. */
import { addDays } from "../common/zonedDate";

export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number] | "custom";

/** The API's longest range. */
export const MAX_DAYS = 366;

/** The last `days` local days ending today. */
export const lastDays = (today: string, days: number) => ({ from: addDays(today, -(days - 1)), to: today });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days from `from` to `to` inclusive (0 when either is not a date or they are the wrong way round). */
export function rangeDays(from: string, to: string): number {
  if (!DATE.test(from) || !DATE.test(to) || from > to) return 0;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** True when the API would take the range. */
export const validRange = (from: string, to: string) => {
  const days = rangeDays(from, to);
  return days > 0 && days <= MAX_DAYS;
};
