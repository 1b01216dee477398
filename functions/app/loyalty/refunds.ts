/**
 * Refund some or all lines of an order, idempotent by refund id: takes back
 * what those lines earned, gives back their share of the stored-value payment
 * (principal and bonus to the lots they came from) and, on a full refund,
 * the coupons when the merchant's policy says so. One transaction.
 */
import { assertStoreWritable, requireMerchant, type Caller } from "../../core/access.js";
import type { Coupon } from "../../core/coupons/templates.js";
import { ConflictError, NotFoundError } from "../../core/errors.js";
import { refund, type Order } from "../../core/points/account.js";
import { giveBack, returnShare } from "../../core/storedValue.js";
import { requiredText } from "../../core/validate.js";
import * as couponRepo from "../../data/coupons.js";
import * as repo from "../../data/loyalty.js";
import * as svRepo from "../../data/storedValue.js";
import { commit } from "../../data/transaction.js";
import type { Deps } from "../deps.js";
import { assertSameRequest, busy, event, fingerprint, retries, type RequestPrint } from "../movement.js";
import { accountView, load, svEntry, type Loaded } from "./account.js";
import { timeZoneOf } from "./config.js";
import type { Assembly } from "./purchaseParts.js";
import type { PurchaseResult } from "./purchases.js";

export interface RefundInput {
  refundId: string;
  orderId: string;
  lines: { sku: string; qty: number }[];
}

/** The refund's share of the stored-value payment, back to the lots it was drawn from. */
function returnStoredValue(deps: Deps, a: Assembly, before: Order, refundId: string): void {
  const paid = before.storedValue;
  if (!paid) return;
  const refunded = a.order.refunds.reduce((sum, r) => sum + r.amount, 0);
  const shares = returnShare(paid.draws, paid.returned, refunded, before.total);
  const principal = shares.reduce((sum, share) => sum + share.principal, 0);
  const bonus = shares.reduce((sum, share) => sum + share.bonus, 0);
  if (!principal && !bonus) return;
  const last = a.order.refunds.at(-1)!;
  a.order.refunds = [...a.order.refunds.slice(0, -1), { ...last, storedValue: { principal, bonus } }];
  a.after = { ...a.after, storedValue: giveBack(a.after.storedValue, paid.draws, shares) };
  a.order.storedValue = {
    ...paid,
    returned: paid.returned.map((r, i) => ({
      principal: r.principal + shares[i].principal,
      bonus: r.bonus + shares[i].bonus,
    })),
  };
  const ref = `refund:${refundId}`;
  const entry = svEntry(a.ctx, before.memberId, "refund", principal, bonus, before.storeId, ref, a.after.storedValue);
  const byStore = svRepo.byStore(
    paid.draws.map((draw, i) => ({ storeId: draw.storeId, ...shares[i] })),
    1,
  );
  a.writes.push(
    svRepo.svEntryItem(deps.db, a.merchantId, entry),
    ...svRepo.liabilityItems(deps.db, a.merchantId, byStore),
  );
  const detail = { memberId: before.memberId, orderId: before.id, refundId, principal, bonus };
  a.events.push(event(deps, a.merchantId, "StoredValueReturned", detail));
}

/** On a full refund, the order's coupons go back to the member (if the merchant's policy says so). */
function restoreCoupons(deps: Deps, a: Assembly, before: Order, loaded: Loaded, refundId: string): void {
  if (a.order.status !== "refunded" || !before.coupons?.length) return;
  if (!(loaded.config?.restoreCouponsOnFullRefund ?? true)) return;
  for (const used of before.coupons) {
    const coupon = loaded.coupons.get(used.code);
    if (!coupon || coupon.status !== "redeemed" || coupon.redeemed?.orderId !== before.id) continue;
    const restored: Coupon = { ...coupon, status: "issued", redeemed: undefined, version: coupon.version + 1 };
    a.writes.push(couponRepo.couponChange(deps.db, coupon, restored, a.timeZone, a.ctx.now));
    const detail = { code: used.code, memberId: before.memberId, orderId: before.id, refundId };
    a.events.push(event(deps, a.merchantId, "CouponRestored", detail));
  }
  a.order.couponsRestored = true;
}

/** The refund as one change: its record, the order, the account, and what goes back. */
function assembleRefund(deps: Deps, before: Order, loaded: Loaded, input: RefundInput, print: RequestPrint) {
  const { account, ctx } = loaded;
  const result = refund(account, before, input.refundId, input.lines, ctx);
  const last = result.order.refunds.at(-1)!;
  const refunded = {
    orderId: before.id,
    refundId: input.refundId,
    memberId: before.memberId,
    amount: last.amount,
    points: last.points,
    growth: last.growth,
  };
  const a: Assembly = {
    merchantId: account.merchantId,
    memberId: before.memberId,
    order: result.order,
    after: result.account,
    entries: result.entries,
    writes: [],
    events: [event(deps, account.merchantId, "PurchaseRefunded", refunded)],
    ctx,
    timeZone: timeZoneOf(loaded.merchant),
  };
  returnStoredValue(deps, a, before, input.refundId);
  restoreCoupons(deps, a, before, loaded, input.refundId);
  const change = { before: account, after: a.after, entries: a.entries, events: a.events };
  const writes = [
    repo.refundPut(deps.db, before, input.refundId, print, last),
    repo.orderPut(deps.db, a.order, ctx.now, before),
    ...repo.changeItems(deps.db, change),
    ...a.writes,
  ];
  return { a, writes };
}

/** Refund lines of an order (see the file's comment). */
export async function refundOrder(deps: Deps, caller: Caller, input: RefundInput): Promise<PurchaseResult> {
  const actor = requireMerchant(caller);
  const refundId = requiredText("refundId", input.refundId, 64);
  const print = fingerprint({ operation: "refundOrder", orderId: input.orderId, lines: input.lines });
  const done = await repo.getRefund(deps.db, actor.merchantId, refundId);
  for (const retry = retries(); await retry.next();) {
    const orderId = done?.orderId ?? requiredText("orderId", input.orderId, 64);
    const order = await repo.getOrder(deps.db, actor.merchantId, orderId, true);
    if (!order) throw new NotFoundError("Order", input.orderId);
    const codes = (order.coupons ?? []).map((coupon) => coupon.code);
    const loaded = await load(deps, actor, order.memberId, { couponCodes: codes });
    if (done || order.refunds.some((r) => r.id === refundId)) {
      if (order.id !== input.orderId)
        throw new ConflictError(`Refund ${refundId} belongs to order ${order.id}`, {
          field: "refundId",
          differs: "orderId",
        });
      if (done?.fingerprint) assertSameRequest("refundId", refundId, done.fingerprint, print);
      return { order, account: accountView(loaded.account, loaded.ctx.ladder, loaded.ctx.now), created: false };
    }
    assertStoreWritable(actor, order.storeId);
    const { a, writes } = assembleRefund(deps, order, loaded, { ...input, refundId }, print);
    const written = await commit(deps.db, writes);
    if (written.written)
      return { order: a.order, account: accountView(a.after, a.ctx.ladder, a.ctx.now), created: true };
    if (written.failed.includes("refund")) return refundOrder(deps, caller, input);
  }
  throw busy();
}
