/**
 * The parts of a purchase beyond points: the coupons it uses and the part
 * paid from stored value. Each adds its writes and events to the purchase
 * being assembled, so the whole purchase stays one transaction.
 */
import type { Quote } from "../../core/coupons/quote.js";
import type { Coupon } from "../../core/coupons/templates.js";
import type { DomainEvent, Store } from "../../core/model.js";
import type { Context, LedgerEntry, MemberAccount, Order } from "../../core/points/account.js";
import { pay as svPay } from "../../core/storedValue.js";
import * as couponRepo from "../../data/coupons.js";
import * as svRepo from "../../data/storedValue.js";
import type { Write } from "../../data/transaction.js";
import type { Deps } from "../deps.js";
import { event } from "../movement.js";
import { svEntry } from "./account.js";
import { svRulesOf, type LoyaltyConfig } from "./config.js";

/** A purchase being assembled: the order, the account after, and everything written beside the account. */
export interface Assembly {
  merchantId: string;
  memberId: string;
  order: Order;
  after: MemberAccount;
  entries: LedgerEntry[];
  writes: Write[];
  events: DomainEvent[];
  ctx: Context;
  timeZone: string;
}

/** Mark the quoted coupons redeemed by the order, each only if nobody changed it since read. */
export function useCoupons(deps: Deps, a: Assembly, quoted: Quote, found: Map<string, Coupon>): void {
  const orderId = a.order.id;
  a.order.subtotal = quoted.subtotal;
  a.order.discount = quoted.discount;
  a.order.coupons = quoted.steps.map(({ code, templateId, name, discount }) => ({ code, templateId, name, discount }));
  for (const step of quoted.steps) {
    const coupon = found.get(step.code)!;
    const redeemed: Coupon = {
      ...coupon,
      status: "redeemed",
      reservation: undefined,
      redeemed: { orderId, at: a.ctx.now, discount: step.discount },
      version: coupon.version + 1,
    };
    a.writes.push(couponRepo.couponChange(deps.db, coupon, redeemed, a.timeZone, a.ctx.now));
    a.events.push(
      event(deps, a.merchantId, "CouponRedeemed", {
        code: step.code,
        templateId: step.templateId,
        memberId: a.memberId,
        orderId,
        discount: step.discount,
      }),
    );
  }
}

/** Draw `amount` fen from the member's stored value at `store`, by the merchant's draw rule. */
export function payStoredValue(
  deps: Deps,
  a: Assembly,
  amount: number,
  store: Store,
  config: LoyaltyConfig | undefined,
): void {
  const orderId = a.order.id;
  const paid = svPay(a.after.storedValue, amount, { storeId: store.id, city: store.city }, svRulesOf(config).drawRule);
  a.after = { ...a.after, storedValue: paid.wallet };
  a.order.storedValue = { amount, draws: paid.draws, returned: paid.draws.map(() => ({ principal: 0, bonus: 0 })) };
  const principal = paid.draws.reduce((sum, draw) => sum + draw.principal, 0);
  const entry = svEntry(
    a.ctx,
    a.memberId,
    "pay",
    -principal,
    -(amount - principal),
    store.id,
    `order:${orderId}`,
    paid.wallet,
  );
  a.writes.push(
    svRepo.svEntryItem(deps.db, a.merchantId, entry),
    ...svRepo.liabilityItems(deps.db, a.merchantId, svRepo.byStore(paid.draws, -1)),
  );
  a.events.push(
    event(deps, a.merchantId, "StoredValuePaid", {
      memberId: a.memberId,
      orderId,
      amount,
      principal,
      bonus: amount - principal,
    }),
  );
}
