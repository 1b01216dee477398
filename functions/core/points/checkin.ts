/**
 * Check-in (签到): once per local date in the merchant's time zone; a streak
 * counts consecutive days; the bonus table adds points on given streak days.
 */
import { ValidationError } from "../errors.js";
import { addDays } from "../time.js";

export interface CheckinRules {
  enabled: boolean;
  /** Points for every check-in. */
  points: number;
  /** Growth value for every check-in. */
  growth: number;
  /** Extra points on reaching a streak day, e.g. { day: 7, points: 50 }. */
  bonuses: { day: number; points: number }[];
  /** After the longest bonus day the streak starts again from 1. */
  cycle: boolean;
}

export const DEFAULT_CHECKIN: CheckinRules = {
  enabled: true,
  points: 5,
  growth: 1,
  bonuses: [{ day: 7, points: 50 }],
  cycle: true,
};

export function parseCheckinRules(input: Partial<CheckinRules>, base: CheckinRules = DEFAULT_CHECKIN): CheckinRules {
  const merged = { ...base, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v != null)) } as CheckinRules;
  const whole = (field: string, value: unknown, max: number) => {
    if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > max)
      throw new ValidationError(field, `${field} must be a whole number from 0 to ${max}`);
    return value as number;
  };
  const bonuses = (merged.bonuses ?? []).map((bonus, i) => ({
    day: whole(`bonuses.${i}.day`, bonus.day, 366),
    points: whole(`bonuses.${i}.points`, bonus.points, 100_000),
  }));
  if (bonuses.some((bonus) => bonus.day < 1)) throw new ValidationError("bonuses", "A bonus day is 1 or more");
  if (new Set(bonuses.map((b) => b.day)).size !== bonuses.length)
    throw new ValidationError("bonuses", "Each streak day may have one bonus");
  return {
    enabled: Boolean(merged.enabled),
    points: whole("points", merged.points, 10_000),
    growth: whole("growth", merged.growth, 10_000),
    bonuses: bonuses.sort((a, b) => a.day - b.day),
    cycle: Boolean(merged.cycle),
  };
}

export interface CheckinState {
  lastDate?: string;
  streak: number;
}

/** The streak and points of checking in on `today` (YYYY-MM-DD, local). */
export function checkIn(
  state: CheckinState | undefined,
  today: string,
  rules: CheckinRules,
): { state: CheckinState; points: number; bonus: number; growth: number } {
  if (state?.lastDate === today) throw new ValidationError("date", "Already checked in today");
  const longest = rules.bonuses.at(-1)?.day ?? 0;
  let streak = state?.lastDate === addDays(today, -1) ? state.streak + 1 : 1;
  if (rules.cycle && longest > 0 && streak > longest) streak = 1;
  const bonus = rules.bonuses.find((b) => b.day === streak)?.points ?? 0;
  return { state: { lastDate: today, streak }, points: rules.points + bonus, bonus, growth: rules.growth };
}
