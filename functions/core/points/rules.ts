/**
 * How a purchase earns: points and growth per line, so a refund can take back
 * exactly what each refunded line earned. Amounts are integer fen.
 */
import { ValidationError } from "../errors.js";
import { localDate } from "../time.js";
import type { ClawbackPolicy } from "./wallet.js";

export interface PointsRules {
  /** Points per ¥1 (100 fen) of eligible spend. */
  pointsPerYuan: number;
  /** Growth value (成长值) per ¥1 of spend. */
  growthPerYuan: number;
  /** Days a purchase's points stay pending (the return window); 0 = spendable at once. */
  pendingDays: number;
  /** Months after earning that a lot expires. */
  lifetimeMonths: number;
  /** Member day (会员日): days of the month and/or weekdays (1 = Monday … 7 = Sunday) with a multiplier. */
  memberDay: { daysOfMonth: number[]; weekdays: number[]; multiplier: number };
  /** Lines in these categories or with these SKUs earn no points (they still earn growth). */
  excludedCategories: string[];
  excludedSkus: string[];
  /** What a refund does when the points were already spent. */
  clawbackPolicy: ClawbackPolicy;
}

export const DEFAULT_RULES: PointsRules = {
  pointsPerYuan: 1,
  growthPerYuan: 1,
  pendingDays: 0,
  lifetimeMonths: 12,
  memberDay: { daysOfMonth: [], weekdays: [], multiplier: 1 },
  excludedCategories: [],
  excludedSkus: [],
  clawbackPolicy: "debt",
};

/** What a line is: a product, or the amount of a sale recorded without products (输入消费金额). */
export type PurchaseLineKind = "item" | "amount";

export interface PurchaseLine {
  /** Absent on lines stored before kinds: a product. */
  kind?: PurchaseLineKind;
  sku: string;
  name: string;
  category: string;
  qty: number;
  /** Unit price in fen. */
  unitPrice: number;
  /** Coupon discount landed on this line, fen (the line earns on what is paid). */
  discount?: number;
}

export interface EarnedLine extends PurchaseLine {
  /** What was paid for the line: qty × unitPrice less its coupon discount. */
  amount: number;
  points: number;
  growth: number;
}

function ruleNumber(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max)
    throw new ValidationError(field, `${field} must be a number from ${min} to ${max}`);
  return value;
}

function ruleWhole(field: string, value: unknown, min: number, max: number): number {
  const n = ruleNumber(field, value, min, max);
  if (!Number.isInteger(n)) throw new ValidationError(field, `${field} must be a whole number`);
  return n;
}

/** Validate a complete rules object. */
export function parseRules(input: Partial<PointsRules>, base: PointsRules = DEFAULT_RULES): PointsRules {
  const merged = { ...base, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v != null)) } as PointsRules;
  const memberDay = { ...base.memberDay, ...(merged.memberDay ?? {}) };
  return {
    pointsPerYuan: ruleNumber("pointsPerYuan", merged.pointsPerYuan, 0, 100),
    growthPerYuan: ruleNumber("growthPerYuan", merged.growthPerYuan, 0, 100),
    pendingDays: ruleWhole("pendingDays", merged.pendingDays, 0, 90),
    lifetimeMonths: ruleWhole("lifetimeMonths", merged.lifetimeMonths, 1, 120),
    memberDay: {
      daysOfMonth: [...new Set(memberDay.daysOfMonth.map((d) => ruleWhole("memberDay.daysOfMonth", d, 1, 31)))],
      weekdays: [...new Set(memberDay.weekdays.map((d) => ruleWhole("memberDay.weekdays", d, 1, 7)))],
      multiplier: ruleNumber("memberDay.multiplier", memberDay.multiplier, 1, 10),
    },
    excludedCategories: [...new Set(merged.excludedCategories.map(String))].slice(0, 100),
    excludedSkus: [...new Set(merged.excludedSkus.map(String))].slice(0, 500),
    clawbackPolicy:
      merged.clawbackPolicy === "cap"
        ? "cap"
        : merged.clawbackPolicy === "debt"
          ? "debt"
          : (() => {
              throw new ValidationError("clawbackPolicy", "clawbackPolicy must be debt or cap");
            })(),
  };
}

/** Is this instant a member day in the merchant's time zone? */
export function isMemberDay(rules: PointsRules, at: string, timeZone: string): boolean {
  const date = localDate(at, timeZone);
  const dayOfMonth = Number(date.slice(8, 10));
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return rules.memberDay.daysOfMonth.includes(dayOfMonth) || rules.memberDay.weekdays.includes(weekday);
}

/** Points and growth per line: floor(amount × rate × tier multiplier × member-day multiplier / 100). */
export function earnLines(
  lines: PurchaseLine[],
  rules: PointsRules,
  multipliers: { tier: number; memberDay: number },
): EarnedLine[] {
  return lines.map((line) => {
    const amount = line.qty * line.unitPrice - (line.discount ?? 0);
    const excluded = rules.excludedCategories.includes(line.category) || rules.excludedSkus.includes(line.sku);
    const points = excluded
      ? 0
      : Math.floor((amount * rules.pointsPerYuan * multipliers.tier * multipliers.memberDay) / 100 + 1e-9);
    const growth = Math.floor((amount * rules.growthPerYuan) / 100 + 1e-9);
    return { ...line, amount, points, growth };
  });
}

/**
 * What refunding `qty` more units of a line takes back: proportional, with the
 * last unit taking the remainder, so refunding every unit returns exactly what the line earned.
 */
export function refundShare(
  earned: number,
  qty: number,
  refundedQty: number,
  refundingQty: number,
  alreadyTaken: number,
): number {
  if (refundedQty + refundingQty >= qty) return earned - alreadyTaken;
  return Math.floor((earned * (refundedQty + refundingQty)) / qty) - alreadyTaken;
}

/** The instant N months after another (clamped to the month's last day). */
export function addMonths(at: string, months: number): string {
  const date = new Date(at);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return date.toISOString();
}
