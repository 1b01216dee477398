/**
 * The dashboard's arithmetic (数据看板). Every stored change of an account,
 * coupon, member or order adds a few counters to its store's figures for the
 * local day, in the same transaction as the change, so the figures are exact:
 *
 * - gauges (`g.…`) are what stands at a moment: members, accounts per tier and
 *   lifecycle stage, points outstanding, stored value owed, open coupons. A
 *   change adds (what the item counts for now) − (what it counted for before),
 *   to the store each version belongs to, so a member moving home store moves
 *   their figures with their next change.
 * - flows (`f.…`) are what happened during the day: joins, orders, revenue,
 *   points issued / redeemed / expired, coupons issued / redeemed by template.
 *
 * The daily roll-up adds a day's deltas to the day before (gauges) and keeps
 * the day's flows. Pure: no storage, no clock.
 */
import type { Coupon } from "./coupons/templates.js";
import type { Member } from "./model.js";
import type { MemberAccount, Order } from "./points/account.js";

/** Counter name → amount (fen, points or a count). */
export type Counters = Record<string, number>;
/** Store id → counters. Members without a home store count under UNASSIGNED. */
export type StoreCounters = Map<string, Counters>;

export const UNASSIGNED = "-";
export const CHAIN = "*";
export const STAGES = ["new", "active", "silent", "sleeping", "lost"] as const;

/** Add `counters` × `sign` into the store's entry, dropping zeros. */
export function addTo(target: StoreCounters, storeId: string, counters: Counters, sign = 1): StoreCounters {
  const current = target.get(storeId) ?? {};
  for (const [name, value] of Object.entries(counters)) {
    const next = (current[name] ?? 0) + sign * value;
    if (next === 0) delete current[name];
    else current[name] = next;
  }
  if (Object.keys(current).length) target.set(storeId, current);
  else target.delete(storeId);
  return target;
}

/** Sum several per-store deltas into one. */
export function mergeStores(parts: StoreCounters[]): StoreCounters {
  const merged: StoreCounters = new Map();
  for (const part of parts) for (const [storeId, counters] of part) addTo(merged, storeId, counters);
  return merged;
}

/** Sum of counters (e.g. a chain from its stores). */
export function sumCounters(parts: Iterable<Counters>): Counters {
  const total: Counters = {};
  for (const part of parts) for (const [name, value] of Object.entries(part)) total[name] = (total[name] ?? 0) + value;
  return total;
}

/** The change between what `before` and `after` count for, each at its own store. */
function diff<T>(
  before: T | undefined,
  after: T | undefined,
  storeOf: (item: T) => string,
  gauges: (item: T) => Counters,
): StoreCounters {
  const delta: StoreCounters = new Map();
  if (before) addTo(delta, storeOf(before), gauges(before), -1);
  if (after) addTo(delta, storeOf(after), gauges(after));
  return delta;
}

const storeOrUnassigned = (storeId: string | null | undefined) => storeId || UNASSIGNED;

/**
 * Points still owed to the member (open lots, pending included, less a debt): the ledger's view until the expiry job
 * runs.
 */
export function pointsOutstanding(account: MemberAccount): number {
  return account.wallet.lots.reduce((sum, lot) => sum + lot.remaining, 0) - account.wallet.debt;
}

function accountGauges(account: MemberAccount): Counters {
  return {
    "g.accounts": 1,
    [`g.tier.${account.tierId}`]: 1,
    [`g.stage.${account.stage ?? "new"}`]: 1,
    "g.points": pointsOutstanding(account),
    "g.buyers": account.visits >= 1 ? 1 : 0,
    "g.repeaters": account.visits >= 2 ? 1 : 0,
  };
}

/** Stored value still owed, booked to the store of each top-up (as the liability report does). */
function storedValueByStore(account: MemberAccount | undefined, sign: number, into: StoreCounters) {
  for (const lot of account?.storedValue?.lots ?? []) {
    if (lot.status !== "open") continue;
    addTo(into, lot.storeId, { "g.svPrincipal": lot.principalLeft, "g.svBonus": lot.bonusLeft }, sign);
  }
}

/**
 * What an account write adds: its gauges at its home store (before: the store
 * it was counted at), stored value at the top-up stores, and the day's points
 * and visit flows. `before` is undefined (or version 0) for a new account.
 */
export function accountDelta(
  before: MemberAccount | undefined,
  after: MemberAccount,
  homeStoreOf: (account: MemberAccount) => string | null | undefined,
): StoreCounters {
  const previous = before && before.version > 0 ? before : undefined;
  const storeOf = (account: MemberAccount) => storeOrUnassigned(homeStoreOf(account));
  const delta = diff(previous, after, storeOf, accountGauges);
  storedValueByStore(previous, -1, delta);
  storedValueByStore(after, 1, delta);
  const was = previous?.wallet;
  const visits = after.visits - (previous?.visits ?? 0);
  addTo(delta, storeOf(after), {
    "f.pointsIssued": after.wallet.earned - (was?.earned ?? 0),
    "f.pointsRedeemed": after.wallet.spent - (was?.spent ?? 0),
    "f.pointsExpired": after.wallet.expired - (was?.expired ?? 0),
    "f.pointsReversed": after.wallet.reversed - (was?.reversed ?? 0),
    "f.memberVisits": visits,
    "f.repeatVisits": visits > 0 && (previous?.visits ?? 0) >= 1 ? visits : 0,
  });
  return delta;
}

/** The face value a coupon stands for while open: its amount off (percent-off and gift coupons have none fixed). */
export function couponFaceValue(coupon: Coupon): number {
  return coupon.terms.amountOff ?? 0;
}

/** Open = may still be used (issued or held at a till) and not past its validity at `at`. */
export function couponOpen(coupon: Coupon, at: string): boolean {
  return (coupon.status === "issued" || coupon.status === "reserved") && coupon.validUntil > at;
}

/**
 * Whether a stored coupon is counted among the open ones: kept on the item
 * (`countedOpen`), so the roll-up of the day it lapses takes away exactly those
 * counted; items from before the field was kept are judged by their state.
 */
export function couponCountedOpen(coupon: Coupon): boolean {
  return coupon.countedOpen ?? (coupon.status === "issued" || coupon.status === "reserved");
}

/**
 * Whether the coupon counts as open once written at `at`. After its last
 * moment a coupon keeps what it was counted as: the roll-up of its lapse day
 * settles it, whatever is written later.
 */
export function countedOpenAfter(before: Coupon | undefined, after: Coupon, at: string): boolean {
  if (after.validUntil <= at) return before ? couponCountedOpen(before) : false;
  return couponOpen(after, at);
}

/**
 * What a coupon write adds: open coupons (count and face value) at the coupon's store, and issue/redeem flows by
 * template.
 */
export function couponDelta(before: Coupon | undefined, after: Coupon, at: string): StoreCounters {
  const storeOf = (coupon: Coupon) => storeOrUnassigned(coupon.storeId);
  const open = (coupon: Coupon): Counters => ({ "g.couponsOpen": 1, "g.couponsOpenValue": couponFaceValue(coupon) });
  const delta: StoreCounters = new Map();
  if (before && couponCountedOpen(before)) addTo(delta, storeOf(before), open(before), -1);
  if (countedOpenAfter(before, after, at)) addTo(delta, storeOf(after), open(after));
  const tpl = after.templateId;
  const wasRedeemed = before?.status === "redeemed";
  const isRedeemed = after.status === "redeemed";
  const flows: Counters = {};
  if (!before) flows[`f.couponsIssued.${tpl}`] = 1;
  if (isRedeemed && !wasRedeemed)
    Object.assign(flows, { [`f.couponsRedeemed.${tpl}`]: 1, "f.couponDiscount": after.redeemed?.discount ?? 0 });
  if (wasRedeemed && !isRedeemed)
    Object.assign(flows, { [`f.couponsRedeemed.${tpl}`]: -1, "f.couponDiscount": -(before?.redeemed?.discount ?? 0) });
  if (after.status === "revoked" && before?.status !== "revoked") flows["f.couponsRevoked"] = 1;
  return addTo(delta, storeOf(after), flows);
}

/** What the roll-up takes away for a coupon that lapsed while counted open. */
export function lapsedCouponDelta(coupon: Coupon): StoreCounters {
  return addTo(new Map(), storeOrUnassigned(coupon.storeId), {
    "g.couponsOpen": -1,
    "g.couponsOpenValue": -couponFaceValue(coupon),
    "f.couponsLapsed": 1,
  });
}

/** What a member write adds: the member count at the home store (moving with it), joins and erasures. */
export function memberDelta(before: Member | undefined, after: Member): StoreCounters {
  const counted = (member: Member) => member.status !== "erased";
  const delta = diff(
    before,
    after,
    (member) => storeOrUnassigned(member.homeStoreId),
    (member): Counters => (counted(member) ? { "g.members": 1 } : {}),
  );
  if (!before) addTo(delta, storeOrUnassigned(after.homeStoreId), { "f.joined": 1 });
  if (before && counted(before) && !counted(after))
    addTo(delta, storeOrUnassigned(before.homeStoreId), { "f.erased": 1 });
  return delta;
}

const refunded = (order: Order) => order.refunds.reduce((sum, refund) => sum + refund.amount, 0);

/** What an order write adds at its store: a member order and its revenue when new, refunds as they come. */
export function orderDelta(before: Order | undefined, after: Order): StoreCounters {
  const flows: Counters = before
    ? {}
    : { "f.orders": 1, "f.revenue": after.total, "f.orderDiscount": after.discount ?? 0 };
  flows["f.refunded"] = refunded(after) - (before ? refunded(before) : 0);
  return addTo(new Map(), after.storeId, flows);
}

/** A storefront's order from a customer who is not a member: counted for the member vs non-member comparison. */
export function anonymousOrderDelta(storeId: string, total: number): StoreCounters {
  return addTo(new Map(), storeId, { "f.anonOrders": 1, "f.anonRevenue": total });
}

/** Gauges of the day after `previous` with the day's deltas applied; flows are the day's own. */
export function rollDay(previousGauges: Counters, deltas: Counters): { gauges: Counters; flows: Counters } {
  const gauges: Counters = { ...previousGauges };
  const flows: Counters = {};
  for (const [name, value] of Object.entries(deltas)) {
    if (name.startsWith("g.")) gauges[name] = (gauges[name] ?? 0) + value;
    else if (name.startsWith("f.")) flows[name] = value;
  }
  for (const [name, value] of Object.entries(gauges)) if (value === 0) delete gauges[name];
  return { gauges, flows };
}
