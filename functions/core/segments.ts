/**
 * Segmentation (会员分层): RFM scores and classes, the frequency class, tag
 * rules evaluated on purchase, and saved segments (filters over tier, tags,
 * lifecycle stage, RFM class, store, birthday month and consent). Pure.
 */
import type { Stage } from "./automation.js";
import { STAGES } from "./automation.js";
import { ValidationError } from "./errors.js";
import type { Member } from "./model.js";
import { oneOf, optionalText, requiredText } from "./validate.js";

/** Score thresholds, best first: a value at or beyond thresholds[i] scores 5 − i. */
export interface RfmThresholds {
  /** Days since the last visit for scores 5, 4, 3, 2 (fewer is better). */
  recencyDays: [number, number, number, number];
  /** Visits for scores 5, 4, 3, 2. */
  frequency: [number, number, number, number];
  /** Lifetime spend in fen for scores 5, 4, 3, 2. */
  monetary: [number, number, number, number];
}

export const DEFAULT_RFM: RfmThresholds = {
  recencyDays: [7, 30, 90, 180],
  frequency: [20, 10, 5, 2],
  monetary: [500_000, 200_000, 50_000, 10_000],
};

export const RFM_CLASSES = [
  "高价值",
  "重要发展",
  "重要保持",
  "重要挽留",
  "一般价值",
  "一般发展",
  "一般保持",
  "一般挽留",
] as const;
export type RfmClass = (typeof RFM_CLASSES)[number];

export interface Rfm {
  r: number;
  f: number;
  m: number;
  class: RfmClass;
  /** high (F ≥ 4), medium (F 2–3) or low (F 1). */
  frequencyClass: "high" | "medium" | "low";
}

function parseSteps(field: string, value: unknown, descending: boolean): [number, number, number, number] {
  if (!Array.isArray(value) || value.length !== 4 || value.some((v) => !Number.isSafeInteger(v) || v < 0))
    throw new ValidationError(field, `${field} takes 4 whole numbers ≥ 0 (for scores 5, 4, 3, 2)`);
  for (let i = 1; i < 4; i++)
    if (descending ? value[i] >= value[i - 1] : value[i] <= value[i - 1])
      throw new ValidationError(field, `${field} must ${descending ? "fall" : "rise"} from score 5 to score 2`);
  return value as [number, number, number, number];
}

export function parseRfm(input: Partial<RfmThresholds>, base: RfmThresholds = DEFAULT_RFM): RfmThresholds {
  return {
    recencyDays: parseSteps("recencyDays", input.recencyDays ?? base.recencyDays, false),
    frequency: parseSteps("frequency", input.frequency ?? base.frequency, true),
    monetary: parseSteps("monetary", input.monetary ?? base.monetary, true),
  };
}

const scoreAtLeast = (value: number, steps: number[]) =>
  5 - (steps.findIndex((step) => value >= step) === -1 ? 4 : steps.findIndex((step) => value >= step));
const scoreAtMost = (value: number, steps: number[]) =>
  5 - (steps.findIndex((step) => value <= step) === -1 ? 4 : steps.findIndex((step) => value <= step));

/** The classic eight classes from whether each score is high (≥ 3). */
export function rfmClass(r: number, f: number, m: number): RfmClass {
  const key = `${r >= 3 ? "H" : "L"}${f >= 3 ? "H" : "L"}${m >= 3 ? "H" : "L"}`;
  const classes: Record<string, RfmClass> = {
    HHH: "高价值",
    HLH: "重要发展",
    LHH: "重要保持",
    LLH: "重要挽留",
    HHL: "一般价值",
    HLL: "一般发展",
    LHL: "一般保持",
    LLL: "一般挽留",
  };
  return classes[key];
}

/** RFM of a member from their account; a member who never bought scores R = F = M = 1. */
export function rfm(
  account: { visits: number; lastVisitAt?: string; lifetimeSpend: number } | undefined,
  now: string,
  thresholds: RfmThresholds = DEFAULT_RFM,
): Rfm {
  const days = account?.lastVisitAt
    ? Math.floor((Date.parse(now) - Date.parse(account.lastVisitAt)) / 86_400_000)
    : Infinity;
  const r = account?.visits ? scoreAtMost(days, thresholds.recencyDays) : 1;
  const f = account?.visits ? scoreAtLeast(account.visits, thresholds.frequency) : 1;
  const m = account?.visits ? scoreAtLeast(account.lifetimeSpend, thresholds.monetary) : 1;
  return { r, f, m, class: rfmClass(r, f, m), frequencyClass: f >= 4 ? "high" : f >= 2 ? "medium" : "low" };
}

// ---------------------------------------------------------------- tag rules

export type TagRule =
  | { id: string; tag: string; kind: "category_count"; category: string; count: number; days: number }
  | { id: string; tag: string; kind: "lifetime_spend"; amount: number };

export function parseTagRule(input: Record<string, unknown>, id: string): TagRule {
  const tag = requiredText("tag", input.tag, 20);
  const kind = oneOf("kind", input.kind, ["category_count", "lifetime_spend"] as const);
  const whole = (field: string, min: number, max: number) => {
    const value = input[field];
    if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max)
      throw new ValidationError(field, `${field} must be a whole number from ${min} to ${max}`);
    return value as number;
  };
  if (kind === "lifetime_spend") return { id, tag, kind, amount: whole("amount", 1, 100_000_000_000) };
  return {
    id,
    tag,
    kind,
    category: requiredText("category", input.category, 40),
    count: whole("count", 1, 1000),
    days: whole("days", 1, 730),
  };
}

/** The tags a member's purchases now earn: lifetime spend from the account, category counts from the window's lines. */
export function tagsEarned(
  rules: TagRule[],
  account: { lifetimeSpend: number },
  recent: { at: string; lines: { category: string; qty: number; refundedQty?: number }[] }[],
  now: string,
): string[] {
  const tags = new Set<string>();
  for (const rule of rules) {
    if (rule.kind === "lifetime_spend" && account.lifetimeSpend >= rule.amount) tags.add(rule.tag);
    if (rule.kind === "category_count") {
      const since = new Date(Date.parse(now) - rule.days * 86_400_000).toISOString();
      const purchases = recent.filter(
        (order) =>
          order.at >= since &&
          order.lines.some((line) => line.category === rule.category && line.qty - (line.refundedQty ?? 0) > 0),
      ).length;
      if (purchases >= rule.count) tags.add(rule.tag);
    }
  }
  return [...tags];
}

// ---------------------------------------------------------------- segments

export interface SegmentFilter {
  tierIds?: string[];
  tags?: string[];
  stages?: Stage[];
  rfmClasses?: RfmClass[];
  storeIds?: string[];
  birthdayMonth?: number;
  /** true: only members who consented to marketing SMS. */
  marketingConsent?: boolean;
  /** Lifetime spend net of refunds, fen, inclusive. */
  spendMin?: number;
  spendMax?: number;
  /** Stored value left (principal and bonus), fen, inclusive. */
  balanceMin?: number;
  balanceMax?: number;
}

const RANGES = [
  ["spendMin", "spendMax"],
  ["balanceMin", "balanceMax"],
] as const;

/** The amount ranges of a filter: whole fen from 0 to 100,000,000, the minimum not above the maximum. */
function parseRanges(input: Record<string, unknown>): Partial<SegmentFilter> {
  const ranges: Partial<SegmentFilter> = {};
  for (const [low, high] of RANGES) {
    for (const field of [low, high]) {
      const value = input[field];
      if (value == null) continue;
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 100_000_000)
        throw new ValidationError(field, `${field} must be a whole number of fen from 0 to 100000000`);
      ranges[field] = value as number;
    }
    if (ranges[low] !== undefined && ranges[high] !== undefined && ranges[low] > ranges[high])
      throw new ValidationError(high, `${high} must not be below ${low}`);
  }
  return ranges;
}

export interface Segment {
  id: string;
  merchantId: string;
  name: string;
  description?: string;
  filter: SegmentFilter;
  createdAt: string;
  updatedAt: string;
}

export function parseSegmentFilter(input: Record<string, unknown>): SegmentFilter {
  const list = <T extends string>(field: string, allowed?: readonly T[]): T[] | undefined => {
    const value = input[field];
    if (value == null) return undefined;
    if (!Array.isArray(value) || value.length > 50)
      throw new ValidationError(field, `${field} must be a list of at most 50`);
    return [
      ...new Set(
        value.map((v, i) =>
          allowed ? oneOf(`${field}.${i}`, v, allowed) : (requiredText(`${field}.${i}`, v, 64) as T),
        ),
      ),
    ];
  };
  const month = input.birthdayMonth;
  if (month != null && (!Number.isInteger(month) || (month as number) < 1 || (month as number) > 12))
    throw new ValidationError("birthdayMonth", "birthdayMonth must be 1–12");
  if (input.marketingConsent != null && typeof input.marketingConsent !== "boolean")
    throw new ValidationError("marketingConsent", "marketingConsent must be true or false");
  const filter: SegmentFilter = {
    tierIds: list("tierIds"),
    tags: list("tags"),
    stages: list("stages", STAGES),
    rfmClasses: list("rfmClasses", RFM_CLASSES),
    storeIds: list("storeIds"),
    birthdayMonth: (month as number | undefined) ?? undefined,
    marketingConsent: (input.marketingConsent as boolean | undefined) ?? undefined,
    ...parseRanges(input),
  };
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as SegmentFilter;
}

export function parseSegment(
  input: { name?: unknown; description?: unknown; filter?: unknown },
  base: Omit<Segment, "name" | "filter"> & Partial<Segment>,
): Segment {
  return {
    ...base,
    name: requiredText("name", input.name ?? base.name, 40),
    description:
      input.description === undefined ? base.description : optionalText("description", input.description, 200),
    filter:
      input.filter === undefined
        ? (base.filter ?? {})
        : parseSegmentFilter((input.filter ?? {}) as Record<string, unknown>),
  };
}

/** Does a member (with their account facts) match a filter? Every given criterion must hold; within one, any value. */
export function matches(
  filter: SegmentFilter,
  member: Member,
  facts: { tierId: string; stage: Stage; rfmClass: RfmClass; lifetimeSpend: number; balance: number },
): boolean {
  if (member.status !== "active") return false;
  if (filter.tierIds && !filter.tierIds.includes(facts.tierId)) return false;
  if (filter.tags && !filter.tags.some((tag) => member.tags.includes(tag))) return false;
  if (filter.stages && !filter.stages.includes(facts.stage)) return false;
  if (filter.rfmClasses && !filter.rfmClasses.includes(facts.rfmClass)) return false;
  if (filter.storeIds && !filter.storeIds.includes(member.homeStoreId)) return false;
  if (filter.birthdayMonth && member.birthday?.month !== filter.birthdayMonth) return false;
  if (filter.marketingConsent !== undefined && Boolean(member.marketingSms?.granted) !== filter.marketingConsent)
    return false;
  const within = (value: number, min?: number, max?: number) =>
    (min === undefined || value >= min) && (max === undefined || value <= max);
  return (
    within(facts.lifetimeSpend, filter.spendMin, filter.spendMax) &&
    within(facts.balance, filter.balanceMin, filter.balanceMax)
  );
}
