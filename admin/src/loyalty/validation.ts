/**
 * The loyalty forms' values and checks: the same limits the API enforces
 * (functions/core/points/rules.ts parseRules, tiers.ts parseLadder,
 * checkin.ts parseCheckinRules, rewards.ts parseReward), so a form the API
 * would refuse is stopped in the browser with the reason next to the input.
 * Messages are translation keys, with arguments where they need them.
 * tests/unit/loyalty-form-checks.test.ts holds the two sides to agreement.
 */

export type Message = string | { message: string; args: Record<string, unknown> };
type Errors = Record<string, unknown>;

const KEY = "resources.loyalty.validation";

const empty = (value: unknown) => value === undefined || value === null || value === "";

/** A number from min to max (decimals allowed). */
export function numberIn(value: unknown, min: number, max: number): Message | undefined {
  if (empty(value)) return `${KEY}.required`;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max)
    return { message: `${KEY}.range`, args: { min, max } };
  return undefined;
}

/** A whole number from min to max; without max, any safe integer from min. */
export function wholeIn(value: unknown, min: number, max?: number): Message | undefined {
  if (empty(value)) return `${KEY}.required`;
  const inRange =
    Number.isSafeInteger(value) && (value as number) >= min && (max === undefined || (value as number) <= max);
  if (inRange) return undefined;
  return max === undefined
    ? { message: `${KEY}.whole_min`, args: { min } }
    : { message: `${KEY}.whole_range`, args: { min, max } };
}

/** Text the API trims and counts in characters (not UTF-16 units). */
export function textIn(value: unknown, max: number, required = true): Message | undefined {
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) return required ? `${KEY}.required` : undefined;
  if ([...text].length > max) return { message: `${KEY}.max_length`, args: { max } };
  return undefined;
}

const itemsAtMost = (value: unknown, max: number): Message | undefined =>
  Array.isArray(value) && value.length > max ? { message: `${KEY}.max_items`, args: { max } } : undefined;

/** Set errors[field] when there is a message. */
function put(errors: Errors, field: string, message: Message | undefined) {
  if (message) errors[field] = message;
}

const hasErrors = (errors: Errors) => Object.keys(errors).length > 0;

/* Points rules -------------------------------------------------------------- */

export type ClawbackPolicy = "debt" | "cap";

/** The points rules as the API returns them, and as the form edits them. */
export interface PointsRulesValues {
  pointsPerYuan: number;
  growthPerYuan: number;
  pendingDays: number;
  lifetimeMonths: number;
  memberDayDaysOfMonth: number[];
  memberDayWeekdays: number[];
  memberDayMultiplier: number;
  excludedCategories: string[];
  excludedSkus: string[];
  clawbackPolicy: ClawbackPolicy;
}

export function validatePointsRules(values: PointsRulesValues): Errors {
  const errors: Errors = {};
  put(errors, "pointsPerYuan", numberIn(values.pointsPerYuan, 0, 100));
  put(errors, "growthPerYuan", numberIn(values.growthPerYuan, 0, 100));
  put(errors, "pendingDays", wholeIn(values.pendingDays, 0, 90));
  put(errors, "lifetimeMonths", wholeIn(values.lifetimeMonths, 1, 120));
  put(errors, "memberDayMultiplier", numberIn(values.memberDayMultiplier, 1, 10));
  put(
    errors,
    "memberDayDaysOfMonth",
    (values.memberDayDaysOfMonth ?? []).map((day) => wholeIn(day, 1, 31)).find(Boolean),
  );
  put(errors, "memberDayWeekdays", (values.memberDayWeekdays ?? []).map((day) => wholeIn(day, 1, 7)).find(Boolean));
  // The API keeps only the first 100 categories and 500 SKUs; refusing more beats dropping them unseen.
  put(errors, "excludedCategories", itemsAtMost(values.excludedCategories, 100));
  put(errors, "excludedSkus", itemsAtMost(values.excludedSkus, 500));
  if (values.clawbackPolicy !== "debt" && values.clawbackPolicy !== "cap") errors.clawbackPolicy = `${KEY}.required`;
  return errors;
}

/** The API names member-day fields as the core nests them (memberDay.multiplier); the form has them flat. */
export function pointsRulesField(apiField: string): string {
  const memberDay: Record<string, string> = {
    "memberDay.multiplier": "memberDayMultiplier",
    "memberDay.daysOfMonth": "memberDayDaysOfMonth",
    "memberDay.weekdays": "memberDayWeekdays",
  };
  return memberDay[apiField] ?? apiField;
}

/* Tier ladder --------------------------------------------------------------- */

export const MAX_TIERS = 20;
const TIER_ID = /^[a-z0-9_-]{1,20}$/;

/**
 * One tier as the form edits it: tierId (not id, which the form's array keeps for itself) and whether it is stored
 * already.
 */
export interface TierValues {
  tierId: string;
  name: string;
  threshold: number;
  discountPercent: number;
  pointsMultiplier: number;
  birthdayCouponTemplateId?: string | null;
  /** Stored on the ladder: its id is fixed, members may hold it. */
  saved?: boolean;
}

export interface LadderValues {
  tiers: TierValues[];
  reviewWindowDays: number;
}

export function validateLadder(values: LadderValues): Errors {
  const errors: Errors = {};
  const tiers = values.tiers ?? [];
  if (tiers.length < 1 || tiers.length > MAX_TIERS) {
    errors.tiers = { message: `${KEY}.tier_count`, args: { max: MAX_TIERS } };
  } else {
    const typedIds = tiers.map((tier) => (tier.tierId ?? "").trim()).filter(Boolean);
    const tierErrors = tiers.map((tier, index) => {
      const item: Errors = {};
      const id = (tier.tierId ?? "").trim();
      if (id && !TIER_ID.test(id)) item.tierId = `${KEY}.tier_id`;
      else if (id && typedIds.indexOf(id) !== typedIds.lastIndexOf(id)) item.tierId = `${KEY}.tier_id_taken`;
      put(item, "name", textIn(tier.name, 20));
      const threshold = wholeIn(tier.threshold, 0);
      if (threshold) item.threshold = threshold;
      else if (index === 0 && tier.threshold !== 0) item.threshold = `${KEY}.first_threshold`;
      else if (
        index > 0 &&
        Number.isSafeInteger(tiers[index - 1].threshold) &&
        tier.threshold <= tiers[index - 1].threshold
      ) {
        item.threshold = { message: `${KEY}.rising_threshold`, args: { previous: tiers[index - 1].threshold } };
      }
      put(item, "discountPercent", numberIn(tier.discountPercent, 0, 100));
      put(item, "pointsMultiplier", numberIn(tier.pointsMultiplier, 1, 10));
      put(item, "birthdayCouponTemplateId", textIn(tier.birthdayCouponTemplateId, 64, false));
      return item;
    });
    if (tierErrors.some(hasErrors)) errors.tiers = tierErrors;
  }
  put(errors, "reviewWindowDays", wholeIn(values.reviewWindowDays, 30, 1095));
  return errors;
}

/** Ids for tiers left without one: tier2, tier3… never one the ladder already uses. */
export function withTierIds(tiers: TierValues[]): TierValues[] {
  const used = new Set(tiers.map((tier) => (tier.tierId ?? "").trim()).filter(Boolean));
  return tiers.map((tier, index) => {
    const typed = (tier.tierId ?? "").trim();
    if (typed) return { ...tier, tierId: typed };
    let n = index + 1;
    while (used.has(`tier${n}`)) n++;
    used.add(`tier${n}`);
    return { ...tier, tierId: `tier${n}` };
  });
}

/** The ladder as the API returns it. */
export interface ApiLadder {
  tiers: {
    id: string;
    name: string;
    threshold: number;
    discountPercent: number;
    pointsMultiplier: number;
    birthdayCouponTemplateId: string | null;
  }[];
  reviewWindowDays: number;
}

/** The ladder as the form edits it. */
export function ladderValues(ladder: ApiLadder): LadderValues {
  return {
    tiers: ladder.tiers.map((tier) => ({
      tierId: tier.id,
      name: tier.name,
      threshold: tier.threshold,
      discountPercent: tier.discountPercent,
      pointsMultiplier: tier.pointsMultiplier,
      birthdayCouponTemplateId: tier.birthdayCouponTemplateId ?? "",
      saved: true,
    })),
    reviewWindowDays: ladder.reviewWindowDays,
  };
}

/** The form's ladder as TierLadderInput. */
export function ladderInput(values: LadderValues) {
  return {
    tiers: withTierIds(values.tiers ?? []).map((tier) => ({
      id: tier.tierId,
      name: (tier.name ?? "").trim(),
      threshold: tier.threshold,
      discountPercent: tier.discountPercent,
      pointsMultiplier: tier.pointsMultiplier,
      ...(tier.birthdayCouponTemplateId ? { birthdayCouponTemplateId: tier.birthdayCouponTemplateId } : {}),
    })),
    reviewWindowDays: values.reviewWindowDays,
  };
}

/** The API says tiers.2.id; the form calls it tiers.2.tierId. */
export const ladderField = (apiField: string) => apiField.replace(/^(tiers\.\d+)\.id$/, "$1.tierId");

/* Check-in ------------------------------------------------------------------ */

export interface CheckinValues {
  enabled: boolean;
  points: number;
  growth: number;
  bonuses: { day: number; points: number }[];
  cycle: boolean;
}

export function validateCheckin(values: CheckinValues): Errors {
  const errors: Errors = {};
  put(errors, "points", wholeIn(values.points, 0, 10_000));
  put(errors, "growth", wholeIn(values.growth, 0, 10_000));
  const bonuses = values.bonuses ?? [];
  const days = bonuses.map((bonus) => bonus.day);
  const bonusErrors = bonuses.map((bonus, index) => {
    const item: Errors = {};
    put(item, "day", wholeIn(bonus.day, 1, 366));
    if (!item.day && days.indexOf(bonus.day) !== index) item.day = `${KEY}.bonus_day_taken`;
    put(item, "points", wholeIn(bonus.points, 0, 100_000));
    return item;
  });
  if (bonusErrors.some(hasErrors)) errors.bonuses = bonusErrors;
  return errors;
}

/* Rewards ------------------------------------------------------------------- */

/** Per-input checks of the reward form (react-admin validators: value, then all values). */
export const rewardRules = {
  name: (value: unknown) => textIn(value, 40),
  description: (value: unknown) => textIn(value, 200, false),
  couponTemplateId: (value: unknown, all: { kind?: string }) => (all.kind === "coupon" ? textIn(value, 64) : undefined),
  pointsCost: (value: unknown) => wholeIn(value, 1, 10_000_000),
  stock: (value: unknown, all: { unlimited?: boolean }) => (all.unlimited ? undefined : wholeIn(value, 0, 10_000_000)),
  perMemberLimit: (value: unknown) => (empty(value) ? undefined : wholeIn(value, 1, 1000)),
};
