/**
 * The tier ladder (会员等级): tiers follow earned growth value, never the
 * spendable balance; upgrades happen at once, downgrades only at a review over
 * a rolling window; a manually granted tier is a floor.
 */
import { ValidationError } from "../errors.js";
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
