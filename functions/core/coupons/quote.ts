/**
 * The checkout quote: which of the offered coupons apply to a basket, in
 * which order, what each takes off and from which lines, and why each of the
 * others was refused. Pure: the same basket and coupons give the same quote,
 * at the till and again inside the purchase transaction.
 */
import type { PurchaseLine } from "../points/rules.js";
import { couponState, type Coupon, type CouponKind, type CouponTerms } from "./templates.js";

export const REJECTIONS = {
  DUPLICATE: "The same code was given twice",
  NOT_FOUND: "No such coupon",
  NOT_YOURS: "The coupon belongs to another member",
  ALREADY_REDEEMED: "The coupon was already used",
  REVOKED: "The coupon was revoked",
  EXPIRED: "The coupon has expired",
  NOT_YET_VALID: "The coupon is not valid yet",
  RESERVED: "Another checkout is holding the coupon",
  WRONG_STORE: "The coupon is not valid in this store",
  WRONG_TIER: "The coupon is not for this member's tier",
  SAME_TEMPLATE: "Only one coupon of this kind per order",
  NOT_STACKABLE: "The coupon cannot be combined with another coupon on the order",
  NO_ELIGIBLE_ITEMS: "Nothing in the basket qualifies for the coupon",
  BELOW_MIN_SPEND: "The qualifying spend is below the coupon's minimum",
} as const;
export type RejectionReason = keyof typeof REJECTIONS;

export interface QuoteStep {
  code: string;
  templateId: string;
  name: string;
  kind: CouponKind;
  /** The qualifying amount left when this coupon was applied, fen. */
  eligibleAmount: number;
  discount: number;
  /** What the basket costs after this step. */
  totalAfter: number;
  /** Where the discount landed, so a refund of a line gives back exactly its share. */
  lines: { sku: string; discount: number }[];
}

export interface Rejection {
  code: string;
  reason: RejectionReason;
  message: string;
}

export interface Quote {
  subtotal: number;
  discount: number;
  total: number;
  steps: QuoteStep[];
  rejected: Rejection[];
  /** Discount per SKU over every step. */
  lineDiscounts: Record<string, number>;
}

export interface QuoteContext {
  memberId: string;
  storeId: string;
  tierId: string;
  now: string;
  /** A checkout hold whose reserved coupons this quote may use. */
  holdId?: string;
}

/** Split `amount` over weights exactly (largest remainder), never more than a weight. */
export function allocate(amount: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const raw = weights.map((w) => (amount * w) / sum);
  const parts = raw.map(Math.floor);
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    if (parts[i] < weights[i]) {
      parts[i]++;
      left--;
    }
  }
  return parts;
}

/** Why a coupon cannot be used by this member here and now, before looking at the basket. */
function precheck(code: string, coupon: Coupon | undefined, ctx: QuoteContext): RejectionReason | undefined {
  if (!coupon) return "NOT_FOUND";
  if (coupon.memberId !== ctx.memberId) return "NOT_YOURS";
  const state = couponState(coupon, ctx.now);
  if (state === "redeemed") return "ALREADY_REDEEMED";
  if (state === "revoked") return "REVOKED";
  if (state === "expired") return "EXPIRED";
  if (coupon.validFrom > ctx.now) return "NOT_YET_VALID";
  if (state === "reserved" && coupon.reservation?.holdId !== ctx.holdId) return "RESERVED";
  if (coupon.terms.storeIds.length && !coupon.terms.storeIds.includes(ctx.storeId)) return "WRONG_STORE";
  if (coupon.terms.tierIds.length && !coupon.terms.tierIds.includes(ctx.tierId)) return "WRONG_TIER";
  return code ? undefined : "NOT_FOUND";
}

function reject(code: string, reason: RejectionReason, detail?: string): Rejection {
  return { code, reason, message: detail ? `${REJECTIONS[reason]}: ${detail}` : REJECTIONS[reason] };
}

/** A coupon that passed its pre-checks, with its place in the list given. */
interface Candidate {
  code: string;
  coupon: Coupon;
  index: number;
}

/** Refuse repeated codes and coupons that fail their pre-checks; order the rest by priority, then as given. */
function candidatesOf(
  codes: string[],
  found: Map<string, Coupon>,
  ctx: QuoteContext,
): { candidates: Candidate[]; rejected: Rejection[] } {
  const rejected: Rejection[] = [];
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  codes.forEach((code, index) => {
    if (seen.has(code)) return rejected.push(reject(code, "DUPLICATE"));
    seen.add(code);
    const coupon = found.get(code);
    const reason = precheck(code, coupon, ctx);
    if (reason) return rejected.push(reject(code, reason));
    candidates.push({ code, coupon: coupon!, index });
  });
  candidates.sort((a, b) => a.coupon.terms.priority - b.coupon.terms.priority || a.index - b.index);
  return { candidates, rejected };
}

/** Why a coupon cannot join the steps so far: one of its template is there, or either side is exclusive. */
function conflict(code: string, coupon: Coupon, steps: QuoteStep[], found: Map<string, Coupon>): Rejection | undefined {
  const terms = coupon.terms;
  if (steps.some((step) => step.templateId === coupon.templateId)) return reject(code, "SAME_TEMPLATE", terms.name);
  const blocker = steps.find(
    (step) => terms.stacking === "exclusive" || found.get(step.code)!.terms.stacking === "exclusive",
  );
  return blocker ? reject(code, "NOT_STACKABLE", `${terms.name} and ${blocker.name}`) : undefined;
}

/** The lines a coupon covers (a gift: its gift SKU) that still have an amount left to discount. */
function eligibleLines(terms: CouponTerms, lines: PurchaseLine[], remaining: Map<string, number>): PurchaseLine[] {
  return lines.filter(
    (line) =>
      (terms.kind === "gift"
        ? line.sku === terms.giftSku
        : !terms.categories.length || terms.categories.includes(line.category)) && remaining.get(line.sku)! > 0,
  );
}

/** What a coupon takes off the qualifying amount (a gift: one unit of the gift line). */
function discountOf(terms: CouponTerms, eligible: PurchaseLine[], eligibleAmount: number): number {
  if (terms.kind === "amount_off" || terms.kind === "threshold") return Math.min(terms.amountOff!, eligibleAmount);
  if (terms.kind === "percent_off")
    return Math.min(Math.floor((eligibleAmount * terms.percentOff!) / 100), terms.maxDiscount ?? Infinity);
  return Math.min(eligible[0].unitPrice, eligibleAmount);
}

/**
 * Apply a coupon to what is left of the basket (`total` and, per SKU,
 * `remaining`, which it lowers by its discount): its step, or why it does not apply.
 */
function applyCoupon(
  code: string,
  coupon: Coupon,
  lines: PurchaseLine[],
  remaining: Map<string, number>,
  total: number,
): QuoteStep | Rejection {
  const terms = coupon.terms;
  const eligible = eligibleLines(terms, lines, remaining);
  const eligibleAmount = eligible.reduce((sum, line) => sum + remaining.get(line.sku)!, 0);
  if (eligibleAmount === 0)
    return reject(code, "NO_ELIGIBLE_ITEMS", terms.kind === "gift" ? `add ${terms.giftSku} to the basket` : undefined);
  const floor = Math.max(terms.minSpend, terms.kind === "threshold" ? terms.threshold! : 0);
  if (eligibleAmount < floor)
    return reject(
      code,
      "BELOW_MIN_SPEND",
      `needs ¥${(floor / 100).toFixed(2)}, has ¥${(eligibleAmount / 100).toFixed(2)}`,
    );
  const discount = discountOf(terms, eligible, eligibleAmount);
  if (discount <= 0) return reject(code, "NO_ELIGIBLE_ITEMS");
  const parts = allocate(
    discount,
    eligible.map((line) => remaining.get(line.sku)!),
  );
  eligible.forEach((line, i) => remaining.set(line.sku, remaining.get(line.sku)! - parts[i]));
  return {
    code,
    templateId: coupon.templateId,
    name: terms.name,
    kind: terms.kind,
    eligibleAmount,
    discount,
    totalAfter: total - discount,
    lines: eligible.map((line, i) => ({ sku: line.sku, discount: parts[i] })).filter((line) => line.discount > 0),
  };
}

/**
 * Quote a basket. Coupons apply in order of priority (then the order given);
 * an exclusive coupon stands alone; one coupon per template; each coupon's
 * minimum spend and discount are measured on what is left after the earlier steps.
 */
export function quote(lines: PurchaseLine[], codes: string[], found: Map<string, Coupon>, ctx: QuoteContext): Quote {
  const subtotal = lines.reduce((sum, line) => sum + line.qty * line.unitPrice, 0);
  const remaining = new Map(lines.map((line) => [line.sku, line.qty * line.unitPrice]));
  const { candidates, rejected } = candidatesOf(codes, found, ctx);
  const steps: QuoteStep[] = [];
  let total = subtotal;
  for (const { code, coupon } of candidates) {
    const outcome = conflict(code, coupon, steps, found) ?? applyCoupon(code, coupon, lines, remaining, total);
    if ("reason" in outcome) rejected.push(outcome);
    else {
      steps.push(outcome);
      total = outcome.totalAfter;
    }
  }
  const lineDiscounts = Object.fromEntries(
    lines.map((line) => [line.sku, line.qty * line.unitPrice - remaining.get(line.sku)!]),
  );
  return { subtotal, discount: subtotal - total, total, steps, rejected, lineDiscounts };
}
