/**
 * The tier ladder (会员等级): tiers follow earned growth value, never the
 * spendable balance; upgrades happen at once, downgrades only at a review over
 * a rolling window; a manually granted tier is a floor.
 */
import { ValidationError } from "../errors.js";
import { addDays } from "../time.js";
import { requiredText } from "../validate.js";

export interface Tier {
  id: string;
  name: string;
  /** Growth value needed to reach the tier. The first tier has 0. */
  threshold: number;
  /** Discount the tier gives at checkout, in percent (0–100). */
  discountPercent: number;
  /** Points multiplier of the tier (≥ 1). */
  pointsMultiplier: number;
  /** Coupon template given on the birthday (wired when coupons land). */
  birthdayCouponTemplateId?: string;
}

export interface Ladder {
  tiers: Tier[];
  /** Review window in days for downgrades (e.g. 365). */
  reviewWindowDays: number;
}

export const DEFAULT_LADDER: Ladder = {
  tiers: [
    { id: "regular", name: "普通会员", threshold: 0, discountPercent: 0, pointsMultiplier: 1 },
    { id: "silver", name: "银卡", threshold: 1000, discountPercent: 2, pointsMultiplier: 1.2 },
    { id: "gold", name: "金卡", threshold: 5000, discountPercent: 5, pointsMultiplier: 1.5 },
    { id: "black", name: "黑卡", threshold: 20000, discountPercent: 8, pointsMultiplier: 2 },
  ],
  reviewWindowDays: 365,
};

/** A valid ladder: ids unique, thresholds strictly rising from 0. */
export function parseLadder(input: Ladder): Ladder {
  if (!Array.isArray(input.tiers) || input.tiers.length === 0 || input.tiers.length > 20)
    throw new ValidationError("tiers", "A ladder has 1–20 tiers");
  const tiers = input.tiers.map((tier, index) => {
    const field = `tiers.${index}`;
    if (!/^[a-z0-9_-]{1,20}$/.test(tier.id ?? ""))
      throw new ValidationError(`${field}.id`, "A tier id is 1–20 of a–z 0–9 _ -");
    if (!Number.isSafeInteger(tier.threshold) || tier.threshold < 0)
      throw new ValidationError(`${field}.threshold`, "A threshold is a whole number ≥ 0");
    if (typeof tier.discountPercent !== "number" || tier.discountPercent < 0 || tier.discountPercent > 100)
      throw new ValidationError(`${field}.discountPercent`, "discountPercent is 0–100");
    if (typeof tier.pointsMultiplier !== "number" || tier.pointsMultiplier < 1 || tier.pointsMultiplier > 10)
      throw new ValidationError(`${field}.pointsMultiplier`, "pointsMultiplier is 1–10");
    const birthdayCouponTemplateId = tier.birthdayCouponTemplateId
      ? requiredText(`${field}.birthdayCouponTemplateId`, tier.birthdayCouponTemplateId, 64)
      : undefined;
    return {
      id: tier.id,
      name: requiredText(`${field}.name`, tier.name, 20),
      threshold: tier.threshold,
      discountPercent: tier.discountPercent,
      pointsMultiplier: tier.pointsMultiplier,
      ...(birthdayCouponTemplateId ? { birthdayCouponTemplateId } : {}),
    };
  });
  if (tiers[0].threshold !== 0) throw new ValidationError("tiers.0.threshold", "The first tier starts at 0");
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i].threshold <= tiers[i - 1].threshold)
      throw new ValidationError(`tiers.${i}.threshold`, "Thresholds must rise tier by tier");
  }
  if (new Set(tiers.map((t) => t.id)).size !== tiers.length)
    throw new ValidationError("tiers", "Tier ids must be unique");
  if (!Number.isInteger(input.reviewWindowDays) || input.reviewWindowDays < 30 || input.reviewWindowDays > 1095)
    throw new ValidationError("reviewWindowDays", "reviewWindowDays is 30–1095");
  return { tiers, reviewWindowDays: input.reviewWindowDays };
}

const rank = (ladder: Ladder, id: string | undefined) => (id ? ladder.tiers.findIndex((tier) => tier.id === id) : -1);

/** The highest tier a growth value reaches. */
export function tierFor(ladder: Ladder, growth: number): Tier {
  return [...ladder.tiers].reverse().find((tier) => growth >= tier.threshold) ?? ladder.tiers[0];
}

/** After earning growth: never down, up at once to what growth (or the manual floor) reaches. */
export function tierAfterEarning(
  ladder: Ladder,
  current: string | undefined,
  growth: number,
  manualFloor?: string,
): Tier {
  const candidates = [rank(ladder, current), ladder.tiers.indexOf(tierFor(ladder, growth)), rank(ladder, manualFloor)];
  return ladder.tiers[Math.max(0, ...candidates)];
}

/** At a review: the tier the window's growth earns, but never below the manual floor. */
export function tierAtReview(ladder: Ladder, windowGrowth: number, manualFloor?: string): Tier {
  return ladder.tiers[Math.max(ladder.tiers.indexOf(tierFor(ladder, windowGrowth)), rank(ladder, manualFloor), 0)];
}

/**
 * What dating an account's next tier review needs (see MemberAccount): the tier, its floor, the growth of
 * the account's orders by month, and the date found.
 */
export interface TierDates {
  tierId: string;
  manualTierId?: string;
  growthByMonth?: Record<string, number>;
  tierDueOn?: string;
}

/** Months of growth an account keeps: enough for the longest review window (1095 days) and a margin. */
const DAYS_KEPT = 1130;

/**
 * Growth an order added (or a refund took back, negative) in the UTC month of the order's time, with the
 * months no review window reaches any more dropped. A refund of an order never counted (written before
 * months were kept) takes nothing; a month never goes below 0.
 */
export function addMonthGrowth(
  months: Record<string, number> | undefined,
  orderAt: string,
  growth: number,
  now: string,
): Record<string, number> {
  const month = orderAt.slice(0, 7);
  const oldest = addDays(now.slice(0, 10), -DAYS_KEPT).slice(0, 7);
  const next = { ...(months ?? {}) };
  if (growth > 0 || next[month] !== undefined) next[month] = Math.max(0, (next[month] ?? 0) + growth);
  return Object.fromEntries(Object.entries(next).filter(([key, value]) => key >= oldest && value > 0));
}

/** The tier a review could lower: none for the first tier or a tier the manual floor holds. */
function droppable(ladder: Ladder, account: TierDates): Tier | undefined {
  const at = rank(ladder, account.tierId);
  if (at <= 0 || rank(ladder, account.manualTierId) >= at) return undefined;
  return ladder.tiers[at];
}

/**
 * The first date a review could lower the tier, from the growth by month: the newest months are summed until
 * they reach the tier's threshold, and that month's growth is taken as earned on its first day, so the date
 * is never later than the truth (up to a month early). `today` when the months do not reach it.
 */
export function tierDueFromMonths(ladder: Ladder, account: TierDates, today: string): string | undefined {
  const tier = droppable(ladder, account);
  if (!tier) return undefined;
  let sum = 0;
  for (const [month, growth] of Object.entries(account.growthByMonth ?? {}).sort(([a], [b]) => b.localeCompare(a))) {
    sum += growth;
    if (sum >= tier.threshold) return addDays(`${month}-01`, ladder.reviewWindowDays);
  }
  return today;
}

/** The same from the orders a review's window holds (net growth each): exact to the day. */
export function tierDueFromOrders(
  ladder: Ladder,
  account: TierDates,
  orders: { at: string; growth: number }[],
  today: string,
): string | undefined {
  const tier = droppable(ladder, account);
  if (!tier) return undefined;
  let sum = 0;
  for (const order of [...orders].sort((a, b) => b.at.localeCompare(a.at))) {
    sum += order.growth;
    if (sum >= tier.threshold) return addDays(order.at.slice(0, 10), ladder.reviewWindowDays);
  }
  return today;
}

/**
 * An account after a movement, with its next review date: found again from the months when its tier, its
 * floor or its growth by month changed — never earlier than the date it had when growth only rose (more
 * growth only puts a lapse off) — and kept otherwise.
 */
export function datedTierReview<T extends TierDates>(ladder: Ladder, before: TierDates, after: T, today: string): T {
  const moved = before.tierId !== after.tierId || before.manualTierId !== after.manualTierId;
  const was = before.growthByMonth ?? {};
  const now = after.growthByMonth ?? {};
  const months = new Set([...Object.keys(was), ...Object.keys(now)]);
  const changed = [...months].some((month) => (was[month] ?? 0) !== (now[month] ?? 0));
  if (!moved && !changed) return after;
  // Months that dropped off for age are outside every window: only a fall within the kept ones counts.
  const oldest = addDays(today, -DAYS_KEPT).slice(0, 7);
  const fell = [...months].some((month) => month >= oldest && (now[month] ?? 0) < (was[month] ?? 0));
  const found = tierDueFromMonths(ladder, after, today);
  const kept = !moved && !fell && found && before.tierDueOn && before.tierDueOn > found;
  return { ...after, tierDueOn: kept ? before.tierDueOn : found };
}

/** What the review dates depend on in a ladder: after a change to it, the next review reads every tier once. */
export function ladderBasis(ladder: Ladder): string {
  return [ladder.reviewWindowDays, ...ladder.tiers.map((tier) => `${tier.id}:${tier.threshold}`)].join("|");
}
