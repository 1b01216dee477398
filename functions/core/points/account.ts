/**
 * A member's loyalty account and what each money-moving action does to it:
 * purchase, refund, redeem, staff adjustment, expiry. Pure functions that
 * return the next account and the ledger entries to write with it.
 */
import { ValidationError } from "../errors.js";
import { requiredText } from "../validate.js";
import {
  addMonths,
  earnLines,
  isMemberDay,
  refundShare,
  type EarnedLine,
  type PointsRules,
  type PurchaseLine,
} from "./rules.js";
import { addMonthGrowth, datedTierReview, tierAfterEarning, type Ladder } from "./tiers.js";
import { localDate } from "../time.js";
import { balance, clawback, earn, emptyWallet, expire, spend, type Balance, type Draw, type Wallet } from "./wallet.js";
import type { SvDraw, SvWallet } from "../storedValue.js";
import type { MemberContact } from "../model.js";

export interface MemberAccount {
  memberId: string;
  merchantId: string;
  wallet: Wallet;
  /** Lifetime growth value, net of refunds. */
  growth: number;
  /**
   * Growth a review set aside: after a review lowers the tier, upgrades count
   * only growth earned since the review's window began (growth − this), so
   * one small purchase does not restore a tier the review took away.
   */
  tierGrowthOffset?: number;
  tierId: string;
  /** A tier granted by hand: a floor. */
  manualTierId?: string;
  /**
   * Net growth of the member's orders by the UTC month of the order ("YYYY-MM"), for the months a review
   * window can reach: dates the next tier review without reading orders (see tiers.ts, tierDueFromMonths).
   */
  growthByMonth?: Record<string, number>;
  /**
   * The first review date (local, YYYY-MM-DD) on which the tier could drop, never later than the truth;
   * absent when it cannot (the first tier, a tier the floor holds). The tier review reads only accounts due.
   */
  tierDueOn?: string;
  visits: number;
  lastVisitAt?: string;
  /** Lifetime spend in fen, net of refunds. */
  lifetimeSpend: number;
  /** Check-in streak (签到). */
  checkin?: { lastDate?: string; streak: number };
  /** Stored value (储值): top-up lots of principal and bonus. */
  storedValue?: SvWallet;
  /** The merchant's time zone when last written: the daily jobs' index keys use its local days. */
  timeZone?: string;
  /** Lifecycle stage: active after a purchase; the daily job moves it on (silent, sleeping, lost). Absent = new. */
  stage?: "new" | "active" | "silent" | "sleeping" | "lost";
  /** The member's home store as of this write: the dashboard counts the account there. */
  homeStoreId?: string | null;
  /** The store the stored version was counted at (kept by storage; see core/stats.ts). */
  statsStoreId?: string | null;
  /**
   * The member's contact as of their last change: the wake-up and lifecycle jobs find the account and need
   * no member item. Written with the account's creation and by every member change that alters it (in the
   * change's transaction); absent on accounts written before it was kept (the jobs read the member then).
   */
  contact?: MemberContact;
  version: number;
}

export type LedgerType = "earn" | "redeem" | "adjust" | "expire" | "reverse" | "checkin" | "reward" | "referral";

export interface LedgerEntry {
  id: string;
  memberId: string;
  at: string;
  type: LedgerType;
  /** Signed points: + earned, − spent / expired / reversed. */
  points: number;
  /** Lots drawn (spend, expiry, reversal). */
  draws?: Draw[];
  /** Order, refund or request this entry belongs to. */
  ref: string;
  reason?: string;
  actor: string;
  /** Debt repaid from an earning, or added by a reversal; shortfall recorded under the cap policy. */
  debtRepaid?: number;
  debtAdded?: number;
  shortfall?: number;
  balanceAfter: Balance;
}

export interface OrderLine extends EarnedLine {
  refundedQty: number;
  refundedAmount: number;
  refundedPoints: number;
  refundedGrowth: number;
}

export interface Order {
  id: string;
  merchantId: string;
  memberId: string;
  storeId: string;
  at: string;
  paymentMethod: string;
  lines: OrderLine[];
  /** Paid total in fen: the lines less the coupons' discount. */
  total: number;
  /** The lines before coupons, and what the coupons took off (absent on orders without coupons). */
  subtotal?: number;
  discount?: number;
  /** Coupons used, in the order they applied. */
  coupons?: { code: string; templateId: string; name: string; discount: number }[];
  /** Whether a full refund gave the coupons back. */
  couponsRestored?: boolean;
  /** The part paid from stored value, where it was drawn from, and what refunds gave back per draw. */
  storedValue?: { amount: number; draws: SvDraw[]; returned: { principal: number; bonus: number }[] };
  /** The referral this purchase completed. */
  referral?: {
    referrerId: string;
    referrerPoints: number;
    refereePoints: number;
    referrerCoupon?: string;
    refereeCoupon?: string;
  };
  points: number;
  growth: number;
  lotId?: string;
  pointsMultiplier: number;
  memberDay: boolean;
  /**
   * Refunds, oldest first; `storedValue` is what went back to stored value (the rest goes back by the payment method).
   */
  refunds: {
    id: string;
    at: string;
    lines: { sku: string; qty: number }[];
    amount: number;
    points: number;
    growth: number;
    storedValue?: { principal: number; bonus: number };
  }[];
  status: "paid" | "partially_refunded" | "refunded";
  /** What the purchase asked for, per parameter (the idempotency contract: a reused order id must ask the same). */
  fingerprint?: Record<string, string>;
  /** What the purchase returned the first time (a retry returns it again). */
  result: {
    balance: Balance;
    tierId: string;
    pointsEarned: number;
    storedValue?: { principal: number; bonus: number };
  };
}

/** A member's first account, with the member's contact when the caller has it (a write must keep it). */
export const newAccount = (
  merchantId: string,
  memberId: string,
  tierId: string,
  contact?: MemberContact,
): MemberAccount => ({
  memberId,
  merchantId,
  wallet: emptyWallet(),
  growth: 0,
  tierId,
  visits: 0,
  lifetimeSpend: 0,
  ...(contact ? { contact } : {}),
  version: 0,
});

export interface PurchaseInput {
  orderId: string;
  storeId: string;
  lines: PurchaseLine[];
  total: number;
  paymentMethod: string;
  at: string;
}

/**
 * Validate order lines: 1–100, one line per SKU, whole quantities and prices in fen; at most one amount line
 * (a sale recorded without products), of quantity 1.
 */
export function parseLines(input: PurchaseLine[]): PurchaseLine[] {
  if (!Array.isArray(input) || input.length === 0 || input.length > 100)
    throw new ValidationError("lines", "An order has 1–100 lines");
  const skus = new Set<string>();
  const amounts = input.filter((line) => line.kind === "amount");
  if (amounts.length > 1) throw new ValidationError("lines", "An order has at most one amount line");
  return input.map((line, i) => {
    if (line.kind === "amount" && line.qty !== 1)
      throw new ValidationError(`lines.${i}.qty`, "An amount line has qty 1: its unitPrice is the amount");
    const sku = requiredText(`lines.${i}.sku`, line.sku, 64);
    if (skus.has(sku))
      throw new ValidationError(`lines.${i}.sku`, `SKU ${sku} appears twice; put its quantity on one line`);
    skus.add(sku);
    if (!Number.isSafeInteger(line.qty) || line.qty <= 0 || line.qty > 10_000)
      throw new ValidationError(`lines.${i}.qty`, "qty must be a whole number from 1 to 10000");
    if (!Number.isSafeInteger(line.unitPrice) || line.unitPrice <= 0 || line.unitPrice > 100_000_000)
      throw new ValidationError(`lines.${i}.unitPrice`, "unitPrice must be a whole number of fen above 0");
    return {
      ...(line.kind === "amount" ? { kind: "amount" as const } : {}),
      sku,
      name: requiredText(`lines.${i}.name`, line.name, 60),
      category: requiredText(`lines.${i}.category`, line.category ?? "default", 40),
      qty: line.qty,
      unitPrice: line.unitPrice,
    };
  });
}

/**
 * Validate a purchase: its lines, and its total, which is what the member
 * pays: the lines less the coupons' discount (`discount`, 0 without coupons).
 */
export function parsePurchase(input: PurchaseInput, discount = 0): PurchaseInput {
  const orderId = requiredText("orderId", input.orderId, 64);
  if (!/^[\w.:@/-]+$/.test(orderId))
    throw new ValidationError("orderId", "orderId may use letters, digits and . _ : @ / -");
  const lines = parseLines(input.lines);
  const sum = lines.reduce((total, line) => total + line.qty * line.unitPrice, 0);
  if (!Number.isSafeInteger(input.total) || input.total <= 0)
    throw new ValidationError("total", "total must be a whole number of fen above 0");
  if (sum - discount !== input.total)
    throw new ValidationError(
      "total",
      discount
        ? `The lines add up to ${sum} fen and the coupons take off ${discount}: ` +
            `the total is ${sum - discount}, not ${input.total}`
        : `The lines add up to ${sum} fen, not ${input.total}`,
    );
  if (Number.isNaN(Date.parse(input.at))) throw new ValidationError("at", "at must be an ISO timestamp");
  return {
    ...input,
    orderId,
    lines,
    paymentMethod: requiredText("paymentMethod", input.paymentMethod, 30),
    at: new Date(input.at).toISOString(),
  };
}

export interface Context {
  /** Points multiplier of a campaign running on the purchase's local day. */
  campaignMultiplier?: number;
  rules: PointsRules;
  ladder: Ladder;
  timeZone: string;
  now: string;
  actor: string;
  newId: () => string;
}

/** What a purchase's lines earn, and the multipliers that applied. */
interface PurchaseEarnings {
  lines: EarnedLine[];
  points: number;
  growth: number;
  pointsMultiplier: number;
  memberDay: boolean;
}

/** What a purchase's lines earn: the member's tier multiplier, and the larger of member day and a campaign. */
function purchaseEarnings(account: MemberAccount, input: PurchaseInput, ctx: Context): PurchaseEarnings {
  const tier = ctx.ladder.tiers.find((t) => t.id === account.tierId) ?? ctx.ladder.tiers[0];
  const memberDay = isMemberDay(ctx.rules, input.at, ctx.timeZone);
  // A member day and a campaign's multiplier do not stack: the larger applies.
  const lines = earnLines(input.lines, ctx.rules, {
    tier: tier.pointsMultiplier,
    memberDay: Math.max(memberDay ? ctx.rules.memberDay.multiplier : 1, ctx.campaignMultiplier ?? 1),
  });
  const points = lines.reduce((sum, line) => sum + line.points, 0);
  const growth = lines.reduce((sum, line) => sum + line.growth, 0);
  return { pointsMultiplier: tier.pointsMultiplier, memberDay, lines, points, growth };
}

/** A purchase's points as a lot, pending for the return window, with its ledger entry (nothing for 0 points). */
function earnPurchasePoints(
  account: MemberAccount,
  input: PurchaseInput,
  points: number,
  ctx: Context,
): { wallet: Wallet; lotId?: string; entries: LedgerEntry[] } {
  const lotId = points > 0 ? ctx.newId() : undefined;
  if (!lotId) return { wallet: account.wallet, lotId, entries: [] };
  const availableAt = new Date(Date.parse(input.at) + ctx.rules.pendingDays * 86_400_000).toISOString();
  const earned = earn(account.wallet, {
    id: lotId,
    amount: points,
    earnedAt: input.at,
    availableAt,
    expiresAt: addMonths(availableAt, ctx.rules.lifetimeMonths),
    source: `order:${input.orderId}`,
  });
  const entry: LedgerEntry = {
    id: ctx.newId(),
    memberId: account.memberId,
    at: ctx.now,
    type: "earn",
    points,
    ref: `order:${input.orderId}`,
    actor: ctx.actor,
    debtRepaid: earned.repaid || undefined,
    balanceAfter: balance(earned.wallet, ctx.now),
  };
  return { wallet: earned.wallet, lotId, entries: [entry] };
}

/** The account after a purchase: growth, the tier it reaches, a visit, spend; the member becomes active. */
function accountAfterPurchase(
  account: MemberAccount,
  input: PurchaseInput,
  wallet: Wallet,
  growth: number,
  ctx: Context,
): MemberAccount {
  const nextGrowth = account.growth + growth;
  const nextTier = tierAfterEarning(
    ctx.ladder,
    account.tierId,
    nextGrowth - (account.tierGrowthOffset ?? 0),
    account.manualTierId,
  );
  return {
    ...account,
    wallet,
    growth: nextGrowth,
    growthByMonth: addMonthGrowth(account.growthByMonth, input.at, growth, ctx.now),
    tierId: nextTier.id,
    visits: account.visits + 1,
    lastVisitAt: !account.lastVisitAt || input.at > account.lastVisitAt ? input.at : account.lastVisitAt,
    lifetimeSpend: account.lifetimeSpend + input.total,
    stage: "active",
    version: account.version + 1,
  };
}

/** The order a purchase records, nothing refunded yet, with what the purchase returned. */
function newOrder(
  account: MemberAccount,
  input: PurchaseInput,
  earnings: PurchaseEarnings,
  lotId: string | undefined,
  result: Order["result"],
): Order {
  return {
    id: input.orderId,
    merchantId: account.merchantId,
    memberId: account.memberId,
    storeId: input.storeId,
    at: input.at,
    paymentMethod: input.paymentMethod,
    lines: earnings.lines.map((line) => ({
      ...line,
      refundedQty: 0,
      refundedAmount: 0,
      refundedPoints: 0,
      refundedGrowth: 0,
    })),
    total: input.total,
    points: earnings.points,
    growth: earnings.growth,
    lotId,
    pointsMultiplier: earnings.pointsMultiplier,
    memberDay: earnings.memberDay,
    refunds: [],
    status: "paid",
    result,
  };
}

/** A purchase: points (a lot, pending for the return window), growth, visit, spend, and an upgrade at once. */
export function purchase(
  account: MemberAccount,
  input: PurchaseInput,
  ctx: Context,
): {
  account: MemberAccount;
  order: Order;
  entries: LedgerEntry[];
  tierChanged?: { from: string; to: string };
  stageChanged?: { from: string; to: "active" };
} {
  const earnings = purchaseEarnings(account, input, ctx);
  const { wallet, lotId, entries } = earnPurchasePoints(account, input, earnings.points, ctx);
  const next = datedTierReview(
    ctx.ladder,
    account,
    accountAfterPurchase(account, input, wallet, earnings.growth, ctx),
    localDate(ctx.now, ctx.timeZone),
  );
  const order = newOrder(account, input, earnings, lotId, {
    balance: balance(wallet, ctx.now),
    tierId: next.tierId,
    pointsEarned: earnings.points,
  });
  return {
    account: next,
    order,
    entries,
    tierChanged: next.tierId !== account.tierId ? { from: account.tierId, to: next.tierId } : undefined,
    stageChanged: account.stage !== "active" ? { from: account.stage ?? "new", to: "active" } : undefined,
  };
}

/** Check the lines a refund names; mark each one's share of amount, points and growth refunded on a copy. */
function refundLines(
  order: Order,
  lines: { sku: string; qty: number }[],
): { next: OrderLine[]; amount: number; points: number; growth: number } {
  const next = order.lines.map((line) => ({ ...line }));
  let amount = 0;
  let points = 0;
  let growth = 0;
  const seen = new Set<string>();
  for (const [i, wanted] of lines.entries()) {
    const line = next.find((candidate) => candidate.sku === wanted.sku);
    if (!line || seen.has(wanted.sku))
      throw new ValidationError(
        `lines.${i}.sku`,
        `Order ${order.id} has no line ${wanted.sku}${seen.has(wanted.sku) ? " left to name twice" : ""}`,
      );
    seen.add(wanted.sku);
    if (!Number.isSafeInteger(wanted.qty) || wanted.qty <= 0)
      throw new ValidationError(`lines.${i}.qty`, "qty must be a whole number above 0");
    if (line.refundedQty + wanted.qty > line.qty)
      throw new ValidationError(
        `lines.${i}.qty`,
        `Only ${line.qty - line.refundedQty} of ${line.sku} can still be refunded`,
      );
    const p = refundShare(line.points, line.qty, line.refundedQty, wanted.qty, line.refundedPoints);
    const g = refundShare(line.growth, line.qty, line.refundedQty, wanted.qty, line.refundedGrowth);
    const a = refundShare(line.amount, line.qty, line.refundedQty, wanted.qty, line.refundedAmount);
    line.refundedQty += wanted.qty;
    line.refundedPoints += p;
    line.refundedGrowth += g;
    line.refundedAmount += a;
    points += p;
    growth += g;
    amount += a;
  }
  return { next, amount, points, growth };
}

/** Take back a refund's points, the order's own lot first, with the reversal's ledger entry (nothing for 0 points). */
function reversePoints(
  account: MemberAccount,
  order: Order,
  refundId: string,
  points: number,
  ctx: Context,
): { wallet: Wallet; entries: LedgerEntry[] } {
  if (points > 0) {
    const taken = clawback(account.wallet, points, `order:${order.id}`, ctx.rules.clawbackPolicy, ctx.now);
    const entry: LedgerEntry = {
      id: ctx.newId(),
      memberId: account.memberId,
      at: ctx.now,
      type: "reverse",
      points: -points,
      draws: taken.draws,
      ref: `refund:${refundId}`,
      actor: ctx.actor,
      debtAdded: taken.debtAdded || undefined,
      shortfall: taken.shortfall || undefined,
      balanceAfter: balance(taken.wallet, ctx.now),
    };
    return { wallet: taken.wallet, entries: [entry] };
  }
  return { wallet: account.wallet, entries: [] };
}

/**
 * A refund of some units of some lines: takes back exactly what those units
 * earned (points and growth), from the order's own lot first; the tier is not
 * lowered here (only at review).
 */
export function refund(
  account: MemberAccount,
  order: Order,
  refundId: string,
  lines: { sku: string; qty: number }[],
  ctx: Context,
): { account: MemberAccount; order: Order; entries: LedgerEntry[] } {
  if (!Array.isArray(lines) || lines.length === 0) throw new ValidationError("lines", "Name the lines to refund");
  const { next, amount, points, growth } = refundLines(order, lines);
  const { wallet, entries } = reversePoints(account, order, refundId, points, ctx);
  const refunded = next.every((line) => line.refundedQty === line.qty);
  const after: MemberAccount = {
    ...account,
    wallet,
    growth: account.growth - growth,
    growthByMonth: addMonthGrowth(account.growthByMonth, order.at, -growth, ctx.now),
    lifetimeSpend: account.lifetimeSpend - amount,
    version: account.version + 1,
  };
  return {
    account: datedTierReview(ctx.ladder, account, after, localDate(ctx.now, ctx.timeZone)),
    order: {
      ...order,
      lines: next,
      refunds: [...order.refunds, { id: refundId, at: ctx.now, lines, amount, points, growth }],
      status: refunded ? "refunded" : "partially_refunded",
    },
    entries,
  };
}

/** Spend points (redeem, a reward or a negative staff adjustment). */
export function spendPoints(
  account: MemberAccount,
  points: number,
  type: "redeem" | "adjust" | "reward",
  ref: string,
  ctx: Context,
  reason?: string,
): { account: MemberAccount; entry: LedgerEntry } {
  const spent = spend(account.wallet, points, ctx.now);
  return {
    account: { ...account, wallet: spent.wallet, version: account.version + 1 },
    entry: {
      id: ctx.newId(),
      memberId: account.memberId,
      at: ctx.now,
      type,
      points: -points,
      draws: spent.draws,
      ref,
      reason,
      actor: ctx.actor,
      balanceAfter: balance(spent.wallet, ctx.now),
    },
  };
}

/** Add points by hand (a staff adjustment) or for a check-in: a lot that expires like any other. */
export function grantPoints(
  account: MemberAccount,
  points: number,
  ref: string,
  ctx: Context,
  reason: string,
  type: "adjust" | "checkin" | "referral" = "adjust",
): { account: MemberAccount; entry: LedgerEntry } {
  const lotId = ctx.newId();
  const earned = earn(account.wallet, {
    id: lotId,
    amount: points,
    earnedAt: ctx.now,
    availableAt: ctx.now,
    expiresAt: addMonths(ctx.now, ctx.rules.lifetimeMonths),
    source: ref,
  });
  return {
    account: { ...account, wallet: earned.wallet, version: account.version + 1 },
    entry: {
      id: ctx.newId(),
      memberId: account.memberId,
      at: ctx.now,
      type,
      points,
      ref,
      reason,
      actor: ctx.actor,
      debtRepaid: earned.repaid || undefined,
      balanceAfter: balance(earned.wallet, ctx.now),
    },
  };
}

/** Expire what is left of lots past their expiry as of a date (the daily job calls this). */
export function expirePoints(
  account: MemberAccount,
  asOf: string,
  ctx: Context,
): { account: MemberAccount; entry?: LedgerEntry } {
  const result = expire(account.wallet, asOf);
  const total = result.expired.reduce((sum, draw) => sum + draw.amount, 0);
  if (!total) return { account };
  return {
    account: { ...account, wallet: result.wallet, version: account.version + 1 },
    entry: {
      id: ctx.newId(),
      memberId: account.memberId,
      at: ctx.now,
      type: "expire",
      points: -total,
      draws: result.expired,
      ref: `expiry:${asOf.slice(0, 10)}`,
      actor: ctx.actor,
      balanceAfter: balance(result.wallet, ctx.now),
    },
  };
}

/** The growth that counts for upgrades between reviews. */
export const tierGrowth = (account: Pick<MemberAccount, "growth" | "tierGrowthOffset">, extra = 0) =>
  account.growth + extra - (account.tierGrowthOffset ?? 0);
