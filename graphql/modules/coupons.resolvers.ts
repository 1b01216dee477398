import { issueCouponsToAudience } from "../../functions/app/couponAudience.js";
import * as coupons from "../../functions/app/coupons.js";
import { couponShortfalls } from "../../functions/app/shortfalls.js";
import { couponState, formatCouponCode } from "../../functions/core/coupons/templates.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";
import { orNull } from "../orNull.js";
import { checkedByService } from "../serviceInput.js";

export const resolvers: Resolvers = {
  Query: {
    couponTemplates: async (_, args, { caller, deps }) =>
      connection(await coupons.listTemplates(deps, caller, args.first, args.after)),
    couponTemplate: (_, args, { caller, deps }) => orNull(coupons.getTemplate(deps, caller, args.id)),
    coupon: (_, args, { caller, deps }) => coupons.couponByCode(deps, caller, args.code),
    quoteCheckout: (_, args, { caller, deps }) =>
      coupons.quoteCheckout(deps, caller, checkedByService<coupons.BasketInput>(args.input)),
    couponShortfalls: (_, args, { caller, deps }) => couponShortfalls(deps, caller, args),
  },
  Mutation: {
    createCouponTemplate: (_, args, { caller, deps }) => coupons.createTemplate(deps, caller, args.input),
    updateCouponTemplate: (_, args, { caller, deps }) => coupons.updateTemplate(deps, caller, args.id, args.input),
    updateCouponSettings: (_, args, { caller, deps }) => coupons.updateCouponSettings(deps, caller, args),
    issueCoupons: (_, args, { caller, deps }) => coupons.issueCoupons(deps, caller, args),
    issueCouponsToAudience: (_, args, { caller, deps }) => issueCouponsToAudience(deps, caller, args),
    claimCoupon: (_, args, { caller, deps }) => coupons.claimCoupon(deps, caller, args),
    revokeCoupon: (_, args, { caller, deps }) => coupons.revokeCoupon(deps, caller, args),
    reserveCoupons: (_, args, { caller, deps }) =>
      coupons.reserveCoupons(
        deps,
        caller,
        checkedByService<Parameters<typeof coupons.reserveCoupons>[2]>({
          ...args.input,
          holdId: args.holdId,
          minutes: args.minutes,
        }),
      ),
    releaseCoupons: (_, args, { caller, deps }) => coupons.releaseCoupons(deps, caller, args),
  },
  Member: {
    coupons: async (member, args, { caller, deps }) =>
      connection(await coupons.memberCoupons(deps, caller, member.id, args.first, args.after)),
  },
  CouponShortfall: {
    storeId: (row) => (row.storeId === "-" ? null : row.storeId),
  },
  CouponTemplate: {
    validityType: (t) => t.validity.type,
    validFrom: (t) => (t.validity.type === "fixed" ? t.validity.from : null),
    validUntil: (t) => (t.validity.type === "fixed" ? t.validity.until : null),
    validDays: (t) => (t.validity.type === "relative" ? t.validity.days : null),
  },
  Coupon: {
    displayCode: (c) => formatCouponCode(c.code),
    name: (c) => c.terms.name,
    kind: (c) => c.terms.kind,
    amountOff: (c) => c.terms.amountOff ?? null,
    percentOff: (c) => c.terms.percentOff ?? null,
    maxDiscount: (c) => c.terms.maxDiscount ?? null,
    threshold: (c) => c.terms.threshold ?? null,
    giftSku: (c) => c.terms.giftSku ?? null,
    minSpend: (c) => c.terms.minSpend,
    stacking: (c) => c.terms.stacking,
    state: (c, _, { deps }) => couponState(c, deps.clock.now()),
    reservedUntil: (c, _, { deps }) => (couponState(c, deps.clock.now()) === "reserved" ? c.reservation!.until : null),
    redeemedOrderId: (c) => c.redeemed?.orderId ?? null,
    redeemedAt: (c) => c.redeemed?.at ?? null,
    redeemedDiscount: (c) => c.redeemed?.discount ?? null,
    revokedReason: (c) => c.revoked?.reason ?? null,
  },
  IssueCouponResult: {
    errorCode: (r) => r.error?.code ?? null,
    errorMessage: (r) => r.error?.message ?? null,
  },
  Order: {
    subtotal: (o) => o.subtotal ?? o.total,
    discount: (o) => o.discount ?? 0,
    coupons: (o) => o.coupons ?? [],
    couponsRestored: (o) => o.couponsRestored ?? false,
  },
  OrderLine: {
    discount: (line) => line.discount ?? 0,
  },
  LoyaltyConfig: {
    welcomeCouponTemplateIds: (c) => c.welcomeTemplateIds ?? [],
    restoreCouponsOnFullRefund: (c) => c.restoreCouponsOnFullRefund ?? true,
  },
};
