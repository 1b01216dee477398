/**
 * Holdout groups (对照组) and what they prove. Every automation step and
 * campaign ("a program") sets a share of the members it finds aside: they are
 * recorded as acted on and get nothing. Who is held out is decided by a hash
 * of the merchant, the program and the member, so every run, retry or rerun
 * decides the same way.
 *
 * When a program acts on a member (treated or held out), the member carries an
 * exposure for 30 days; each purchase in that time adds to the program's
 * counters for every attribution window (7, 14, 30 days) it falls in: members
 * converted, revenue, and revenue squared per member (for the variance). The
 * results are read from those counters alone. Pure: no storage, no clock. Who is held out: holdoutGroups.ts.
 */
import { ValidationError } from "./errors.js";

/** Attribution windows, days; an exposure is kept for the longest. */
export const WINDOWS = [7, 14, 30] as const;
export type AttributionDays = (typeof WINDOWS)[number];
export const DEFAULT_WINDOW: AttributionDays = 14;
const KEEP_DAYS = WINDOWS[WINDOWS.length - 1];
const DAY_MS = 86_400_000;

/** The largest holdout share a merchant may set, percent. */
export const MAX_HOLDOUT_PERCENT = 50;
/** Fewer members than this in either group: too few to tell. */
export const MIN_GROUP = 30;

export type Group = "t" | "h";

/** The program's id: `wakeup:{days}`, `birthday`, `coupon-expiry`, `campaign:{id}` (as the SMS purpose). */
export type ProgramId = string;

/** A holdout share as entered: a whole percent from 0 to 50. */
export function parseHoldoutPercent(field: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_HOLDOUT_PERCENT)
    throw new ValidationError(field, `${field} must be a whole percent from 0 to ${MAX_HOLDOUT_PERCENT}`);
  return value as number;
}

/** A program acting on a member: kept on the member 30 days for the purchases that follow. */
export interface Exposure {
  /** Program. */
  p: ProgramId;
  g: Group;
  /** When it acted (ISO-8601). */
  a: string;
  /** Bit i: the member has bought inside WINDOWS[i] already. */
  c: number;
  /** Revenue so far inside each window, fen. */
  r: number[];
}

export const newExposure = (program: ProgramId, group: Group, at: string): Exposure => ({
  p: program,
  g: group,
  a: at,
  c: 0,
  r: WINDOWS.map(() => 0),
});

/** Exposures still inside the longest window at `now`. */
export const current = (exposures: Exposure[], now: string): Exposure[] =>
  exposures.filter((e) => Date.parse(e.a) + KEEP_DAYS * DAY_MS >= Date.parse(now));

/** Counter name of a group's figure: `tn`, `hc14`, `tr7`, `hq30`… */
export const counterName = (group: Group, figure: "n" | "c" | "r" | "q", days?: number) =>
  `${group}${figure}${days ?? ""}`;

/**
 * A purchase of `amount` fen at `at`: the exposures after it and, per program,
 * the counters it adds. A purchase before an exposure, or after its windows, adds nothing to it.
 */
export function attribute(
  exposures: Exposure[],
  at: string,
  amount: number,
): { exposures: Exposure[]; counts: Map<ProgramId, Record<string, number>> } {
  const counts = new Map<ProgramId, Record<string, number>>();
  const time = Date.parse(at);
  const after = exposures.map((exposure) => {
    const since = time - Date.parse(exposure.a);
    if (since <= 0) return exposure;
    const next = { ...exposure, r: [...exposure.r] };
    const add = counts.get(exposure.p) ?? {};
    WINDOWS.forEach((days, i) => {
      if (since > days * DAY_MS) return;
      const bit = 1 << i;
      const inc = (name: string, value: number) => value && (add[name] = (add[name] ?? 0) + value);
      if (!(next.c & bit)) inc(counterName(exposure.g, "c", days), 1);
      next.c |= bit;
      inc(counterName(exposure.g, "r", days), amount);
      inc(counterName(exposure.g, "q", days), (next.r[i] + amount) ** 2 - next.r[i] ** 2);
      next.r[i] += amount;
    });
    if (Object.keys(add).length) counts.set(exposure.p, add);
    return next;
  });
  return { exposures: after, counts };
}

/** A figure with its 95 % interval. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

export type Verdict = "TOO_FEW" | "UNCLEAR" | "POSITIVE" | "NEGATIVE";

/** A program's counters, summed over its shards (absent: 0). */
export type HoldoutCounters = Record<string, number>;

export interface HoldoutResult {
  attributionDays: number;
  treated: number;
  heldOut: number;
  treatedConverted: number;
  heldOutConverted: number;
  /** null when the group is empty. */
  treatedConversionRate: number | null;
  heldOutConversionRate: number | null;
  /** Fen per member; null when the group is empty. */
  treatedRevenuePerMember: number | null;
  heldOutRevenuePerMember: number | null;
  /** Treated members who bought because of the program (treated × the difference in conversion rates). */
  incrementalConversions: Estimate | null;
  /** Fen: treated × the difference in revenue per member. */
  incrementalRevenue: Estimate | null;
  smsParts: number;
  smsCost: number;
  couponsIssued: number;
  couponsRedeemed: number;
  couponDiscounts: number;
  cost: number;
  /** Incremental revenue less cost, fen. */
  netRevenue: Estimate | null;
  verdict: Verdict;
}

const Z = 1.959964;
const get = (counters: HoldoutCounters, name: string) => counters[name] ?? 0;

/** Treated × (p_t − p_h), with the Agresti–Caffo interval (one success and one failure added to each group). */
function conversions(nt: number, ct: number, nh: number, ch: number): Estimate {
  const [pt, ph] = [ct / nt, ch / nh];
  const [at, ah] = [(ct + 1) / (nt + 2), (ch + 1) / (nh + 2)];
  const se = Math.sqrt((at * (1 - at)) / (nt + 2) + (ah * (1 - ah)) / (nh + 2));
  const centre = at - ah;
  return { value: nt * (pt - ph), low: nt * (centre - Z * se), high: nt * (centre + Z * se) };
}

/** Sample variance from count, sum and sum of squares. */
const variance = (n: number, sum: number, squares: number) =>
  n > 1 ? Math.max(0, (squares - (sum * sum) / n) / (n - 1)) : 0;

/** Treated × (mean_t − mean_h), with Welch's normal interval. */
function revenue(nt: number, rt: number, qt: number, nh: number, rh: number, qh: number): Estimate {
  const diff = rt / nt - rh / nh;
  const se = Math.sqrt(variance(nt, rt, qt) / nt + variance(nh, rh, qh) / nh);
  return { value: nt * diff, low: nt * (diff - Z * se), high: nt * (diff + Z * se) };
}

const shift = (estimate: Estimate, by: number): Estimate => ({
  value: estimate.value - by,
  low: estimate.low - by,
  high: estimate.high - by,
});

/** What the counters say over `days`, SMS priced at `pricePerPart` fen. */
export function holdoutResult(counters: HoldoutCounters, days: AttributionDays, pricePerPart: number): HoldoutResult {
  const [nt, nh] = [get(counters, "tn"), get(counters, "hn")];
  const [ct, ch] = [get(counters, counterName("t", "c", days)), get(counters, counterName("h", "c", days))];
  const [rt, rh] = [get(counters, counterName("t", "r", days)), get(counters, counterName("h", "r", days))];
  const [qt, qh] = [get(counters, counterName("t", "q", days)), get(counters, counterName("h", "q", days))];
  const smsParts = get(counters, "sms");
  const couponDiscounts = get(counters, "cpd");
  const cost = smsParts * pricePerPart + couponDiscounts;
  const both = nt > 0 && nh > 0;
  const incrementalConversions = both ? conversions(nt, ct, nh, ch) : null;
  const incrementalRevenue = both ? revenue(nt, rt, qt, nh, rh, qh) : null;
  const verdict: Verdict =
    nt < MIN_GROUP || nh < MIN_GROUP || !incrementalConversions
      ? "TOO_FEW"
      : incrementalConversions.low > 0
        ? "POSITIVE"
        : incrementalConversions.high < 0
          ? "NEGATIVE"
          : "UNCLEAR";
  return {
    attributionDays: days,
    treated: nt,
    heldOut: nh,
    treatedConverted: ct,
    heldOutConverted: ch,
    treatedConversionRate: nt ? ct / nt : null,
    heldOutConversionRate: nh ? ch / nh : null,
    treatedRevenuePerMember: nt ? rt / nt : null,
    heldOutRevenuePerMember: nh ? rh / nh : null,
    incrementalConversions,
    incrementalRevenue,
    smsParts,
    smsCost: smsParts * pricePerPart,
    couponsIssued: get(counters, "cpi"),
    couponsRedeemed: get(counters, "cpr"),
    couponDiscounts,
    cost,
    netRevenue: incrementalRevenue ? shift(incrementalRevenue, cost) : null,
    verdict,
  };
}

/** The attribution window as asked for (7, 14 or 30; default 14). */
export function parseAttributionDays(value: unknown): AttributionDays {
  if (value === undefined || value === null) return DEFAULT_WINDOW;
  if (!WINDOWS.includes(value as AttributionDays))
    throw new ValidationError("attributionDays", "attributionDays must be 7, 14 or 30");
  return value as AttributionDays;
}
