/** Resolvers: short adapters from GraphQL arguments to the application services. */
import * as apiKeys from "../functions/app/apiKeys.js";
import * as campaigns from "../functions/app/campaigns.js";
import type { Campaign } from "../functions/core/campaigns.js";
import * as coupons from "../functions/app/coupons.js";
import * as jobs from "../functions/app/jobs/index.js";
import * as messaging from "../functions/app/messaging.js";
import { enrolMember } from "../functions/app/enrolment.js";
import * as referral from "../functions/app/referral.js";
import * as recommendations from "../functions/app/recommendations.js";
import * as segments from "../functions/app/segments.js";
import * as stats from "../functions/app/stats.js";
import * as storedValue from "../functions/app/storedValue.js";
import * as worklist from "../functions/app/worklist.js";
import {
  couponState,
  formatCouponCode,
  type Coupon,
  type CouponTemplate,
} from "../functions/core/coupons/templates.js";
import { DEFAULT_REFERRAL } from "../functions/core/referral.js";
import { parseSegmentFilter } from "../functions/core/segments.js";
import { DEFAULT_SV_RULES } from "../functions/core/storedValue.js";
import type { Order } from "../functions/core/points/account.js";
import * as loyalty from "../functions/app/loyalty/index.js";
import * as members from "../functions/app/members.js";
import * as merchants from "../functions/app/merchants.js";
import * as staff from "../functions/app/staff.js";
import * as stores from "../functions/app/stores.js";
import { importMembers } from "../functions/app/memberImport.js";
import { seesMaskedPhones, storeScope } from "../functions/core/access.js";
import { cardPayload } from "../functions/core/card.js";
import { maskPhone } from "../functions/core/phone.js";
import { NotFoundError } from "../functions/core/errors.js";
import type { AuditEntry, Member } from "../functions/core/model.js";
import type { PointsRules } from "../functions/core/points/rules.js";
import { connection } from "./connection.js";
import type { Context } from "./context.js";

type Args = Record<string, any>;
type Resolver = (parent: any, args: Args, context: Context) => unknown;

/** The GraphQL rules input (flat member-day fields) as the core's shape. */
function rulesFromInput(input: Record<string, any>): Partial<PointsRules> {
  const { memberDayDaysOfMonth, memberDayWeekdays, memberDayMultiplier, ...rest } = input;
  const memberDay = Object.fromEntries(
    Object.entries({
      daysOfMonth: memberDayDaysOfMonth,
      weekdays: memberDayWeekdays,
      multiplier: memberDayMultiplier,
    }).filter(([, value]) => value != null),
  );
  return { ...rest, ...(Object.keys(memberDay).length ? { memberDay: memberDay as PointsRules["memberDay"] } : {}) };
}

/** A member's stage and RFM, read once however many of the two fields a query asks for. */
const memberFacts = new WeakMap<Member, ReturnType<typeof segments.memberFacts>>();
function factsOf(member: Member, { caller, deps }: Context) {
  if (!memberFacts.has(member)) memberFacts.set(member, segments.memberFacts(deps, caller, member.id));
  return memberFacts.get(member)!;
}

/** Turn NOT_FOUND into null for nullable single-item queries. */
async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export const resolvers: Record<string, Record<string, Resolver>> = {
  Dashboard: {
    // Measured on demand (see campaignResults): only when asked for.
    campaigns: (dashboard, _, { caller, deps }) => stats.dashboardCampaigns(deps, caller, dashboard.from, dashboard.to),
  },
  Query: {
    version: () => process.env.APP_VERSION ?? "0.1.0",
    viewer: async (_, __, { caller, deps }) => {
      if (caller.kind === "staff") {
        return {
          kind: "staff",
          staff: await staff.me(deps, caller),
          merchantId: caller.merchantId,
          role: caller.role,
          storeIds: storeScope(caller) ?? null,
        };
      }
      if (caller.kind === "apiKey")
        return { kind: "apiKey", merchantId: caller.merchantId, storeIds: storeScope(caller) ?? null };
      return { kind: caller.kind };
    },
    merchant: (_, __, { caller, deps }) => merchants.getMerchantSettings(deps, caller),
    merchants: async (_, args, { caller, deps }) =>
      connection(await merchants.listMerchants(deps, caller, args.first, args.after)),
    stores: async (_, args, { caller, deps }) =>
      connection(await stores.listStores(deps, caller, args.first, args.after)),
    store: (_, args, { caller, deps }) => orNull(stores.getStore(deps, caller, args.id)),
    staffMembers: async (_, args, { caller, deps }) =>
      connection(await staff.listStaff(deps, caller, args.first, args.after)),
    staff: (_, args, { caller, deps }) => orNull(staff.getStaff(deps, caller, args.id)),
    apiKeys: (_, __, { caller, deps }) => apiKeys.listApiKeys(deps, caller),
    member: (_, args, { caller, deps }) => orNull(members.getMember(deps, caller, args.id)),
    memberByPhone: (_, args, { caller, deps }) => members.findMemberByPhone(deps, caller, args.phone),
    memberByCode: (_, args, { caller, deps }) => members.findMemberByCode(deps, caller, args.code),
    members: async (_, args, { caller, deps }) =>
      connection(
        await members.searchMembers(
          deps,
          caller,
          { storeId: args.storeId, ...(args.filter ?? {}) },
          args.first,
          args.after,
        ),
      ),
    memberTags: (_, __, { caller, deps }) => members.memberTags(deps, caller),
    loyaltyConfig: (_, __, { caller, deps }) => loyalty.loyaltyConfig(deps, caller),
    order: (_, args, { caller, deps }) => orNull(loyalty.getOrder(deps, caller, args.id)),
    rewards: async (_, args, { caller, deps }) =>
      connection(await loyalty.listRewards(deps, caller, args.first, args.after)),
    reward: (_, args, { caller, deps }) => orNull(loyalty.getReward(deps, caller, args.id)),
    couponTemplates: async (_, args, { caller, deps }) =>
      connection(await coupons.listTemplates(deps, caller, args.first, args.after)),
    couponTemplate: (_, args, { caller, deps }) => orNull(coupons.getTemplate(deps, caller, args.id)),
    coupon: (_, args, { caller, deps }) => coupons.couponByCode(deps, caller, args.code),
    quoteCheckout: (_, args, { caller, deps }) => coupons.quoteCheckout(deps, caller, args.input),
    topUpPlans: async (_, args, { caller, deps }) =>
      connection(await storedValue.listPlans(deps, caller, args.first, args.after)),
    topUpPlan: (_, args, { caller, deps }) => orNull(storedValue.getPlan(deps, caller, args.id)),
    storedValueLiability: (_, args, { caller, deps }) => storedValue.storedValueLiability(deps, caller, args.storeId),
    dashboard: (_, args, { caller, deps }) =>
      stats.dashboard(deps, caller, args as { from: string; to: string; storeId?: string | null }),
    liabilityReport: (_, args, { caller, deps }) => stats.liabilityReport(deps, caller, args.storeId),
    referrals: async (_, args, { caller, deps }) =>
      connection(await referral.listReferrals(deps, caller, null, args.first, args.after)),
    automationSettings: (_, __, { caller, deps }) => jobs.automationSettings(deps, caller),
    segmentationSettings: (_, __, { caller, deps }) => segments.segmentationSettings(deps, caller),
    campaigns: async (_, args, { caller, deps }) =>
      connection(await campaigns.listCampaigns(deps, caller, args.first, args.after)),
    campaign: (_, args, { caller, deps }) => orNull(campaigns.getCampaign(deps, caller, args.id)),
    campaignResults: (_, args, { caller, deps }) => campaigns.campaignResults(deps, caller, args.id),
    segments: async (_, args, { caller, deps }) =>
      connection(await segments.listSegments(deps, caller, args.first, args.after)),
    segment: (_, args, { caller, deps }) => orNull(segments.getSegment(deps, caller, args.id)),
    segmentPreview: (_, args, { caller, deps }) =>
      segments.previewSegment(deps, caller, parseSegmentFilter(args.filter ?? {})),
    domainEvents: async (_, args, { caller, deps }) =>
      connection(await messaging.listEvents(deps, caller, args.date, args.first, args.after)),
    smsMessages: async (_, args, { caller, deps }) =>
      connection(await messaging.listMessages(deps, caller, args.first, args.after)),
    memberDataExport: async (_, args, { caller, deps }) =>
      JSON.stringify(await members.exportMemberData(deps, caller, args.id), null, 2),
    guideWorklist: (_, args, { caller, deps }) => worklist.guideWorklist(deps, caller, args),
  },
  Mutation: {
    onboardMerchant: (_, args, { caller, deps }) => merchants.onboardMerchant(deps, caller, args.input),
    updateMerchant: (_, args, { caller, deps }) => merchants.updateMerchantSettings(deps, caller, args.input),
    createStore: (_, args, { caller, deps }) => stores.createStore(deps, caller, args.input),
    updateStore: (_, args, { caller, deps }) => stores.updateStore(deps, caller, args.id, args.input),
    createStaff: (_, args, { caller, deps }) => staff.createStaff(deps, caller, args.input),
    updateStaff: (_, args, { caller, deps }) => staff.updateStaff(deps, caller, args.id, args.input),
    createApiKey: (_, args, { caller, deps }) => apiKeys.createApiKey(deps, caller, args.input),
    revokeApiKey: (_, args, { caller, deps }) => apiKeys.revokeApiKey(deps, caller, args.id),
    setApiKeyRateLimit: (_, args, { caller, deps }) =>
      apiKeys.setApiKeyRateLimit(deps, caller, args.id, args.rateLimitPerSecond as number | null | undefined),
    registerMember: (_, args, { caller, deps }) => enrolMember(deps, caller, args.input),
    updateMember: (_, args, { caller, deps }) =>
      members.updateMember(deps, caller, args.id, args.input, args.expectedVersion),
    setMarketingConsent: (_, args, { caller, deps }) => members.setMarketingConsent(deps, caller, args.id, args.input),
    addMemberTags: (_, args, { caller, deps }) => members.addMemberTags(deps, caller, args.id, args.tags),
    removeMemberTags: (_, args, { caller, deps }) => members.removeMemberTags(deps, caller, args.id, args.tags),
    assignGuide: (_, args, { caller, deps }) => members.assignGuide(deps, caller, args.memberIds, args.guideId ?? null),
    eraseMember: (_, args, { caller, deps }) => members.eraseMember(deps, caller, args.id, args.reason),
    importMembers: (_, args, { caller, deps }) => importMembers(deps, caller, args.input),
    updatePointsRules: (_, args, { caller, deps }) =>
      loyalty.updatePointsRules(deps, caller, rulesFromInput(args.input)),
    updateTierLadder: (_, args, { caller, deps }) => loyalty.updateTierLadder(deps, caller, args.input),
    recordPurchase: (_, args, { caller, deps }) => loyalty.recordPurchase(deps, caller, args.input),
    recordAnonymousOrder: (_, args, { caller, deps }) =>
      stats.recordAnonymousOrder(deps, caller, args as { orderId: string; storeId: string; total: number }),
    refundOrder: (_, args, { caller, deps }) => loyalty.refundOrder(deps, caller, args.input),
    redeemPoints: (_, args, { caller, deps }) => loyalty.redeemPoints(deps, caller, args as never),
    adjustPoints: (_, args, { caller, deps }) => loyalty.adjustPoints(deps, caller, args as never),
    setManualTier: (_, args, { caller, deps }) =>
      loyalty.setManualTier(deps, caller, args.memberId, args.tierId ?? null),
    updateCheckinRules: (_, args, { caller, deps }) => loyalty.updateCheckinRules(deps, caller, args.input),
    checkIn: (_, args, { caller, deps }) => loyalty.checkInMember(deps, caller, args.memberId),
    createReward: (_, args, { caller, deps }) => loyalty.createReward(deps, caller, args.input),
    updateReward: (_, args, { caller, deps }) => loyalty.updateReward(deps, caller, args.id, args.input),
    redeemReward: (_, args, { caller, deps }) => loyalty.redeemReward(deps, caller, args as never),
    createCouponTemplate: (_, args, { caller, deps }) => coupons.createTemplate(deps, caller, args.input),
    updateCouponTemplate: (_, args, { caller, deps }) => coupons.updateTemplate(deps, caller, args.id, args.input),
    updateCouponSettings: (_, args, { caller, deps }) => coupons.updateCouponSettings(deps, caller, args),
    issueCoupons: (_, args, { caller, deps }) => coupons.issueCoupons(deps, caller, args as never),
    claimCoupon: (_, args, { caller, deps }) => coupons.claimCoupon(deps, caller, args as never),
    revokeCoupon: (_, args, { caller, deps }) => coupons.revokeCoupon(deps, caller, args as never),
    reserveCoupons: (_, args, { caller, deps }) =>
      coupons.reserveCoupons(deps, caller, { ...args.input, holdId: args.holdId, minutes: args.minutes }),
    releaseCoupons: (_, args, { caller, deps }) => coupons.releaseCoupons(deps, caller, args as never),
    updateStoredValueRules: (_, args, { caller, deps }) => storedValue.updateStoredValueRules(deps, caller, args.input),
    createTopUpPlan: (_, args, { caller, deps }) => storedValue.createPlan(deps, caller, args.input),
    updateTopUpPlan: (_, args, { caller, deps }) => storedValue.updatePlan(deps, caller, args.id, args.input),
    topUpStoredValue: (_, args, { caller, deps }) => storedValue.topUp(deps, caller, args as never),
    refundTopUp: (_, args, { caller, deps }) => storedValue.refundTopUp(deps, caller, args as never),
    updateReferralRules: (_, args, { caller, deps }) => referral.updateReferralRules(deps, caller, args.input),
    updateSegmentationSettings: (_, args, { caller, deps }) => {
      const { recencyDays, frequency, monetary, tagRules } = args.input;
      const rfm = Object.fromEntries(Object.entries({ recencyDays, frequency, monetary }).filter(([, v]) => v != null));
      return segments.updateSegmentationSettings(deps, caller, { rfm, tagRules });
    },
    saveSegment: (_, args, { caller, deps }) => segments.saveSegment(deps, caller, args.id, args.input),
    saveCampaign: (_, args, { caller, deps }) => campaigns.saveCampaign(deps, caller, args.id, args.input),
    logContact: (_, args, { caller, deps }) => worklist.logContact(deps, caller, args.input),
    updateAutomationSettings: (_, args, { caller, deps }) => {
      const { tierReviewDayOfMonth, ...rest } = args.input;
      return jobs.updateAutomation(deps, caller, {
        ...rest,
        ...(tierReviewDayOfMonth != null ? { tierReview: { dayOfMonth: tierReviewDayOfMonth } } : {}),
      });
    },
  },
  Member: {
    phone: (member: Member, _, { caller }) => (seesMaskedPhones(caller) ? maskPhone(member.phone) : member.phone),
    phoneMasked: (member: Member) => maskPhone(member.phone),
    cardPayload: (member: Member) => cardPayload(member.memberCode),
    homeStore: (member: Member, _, { storeLoader }) => storeLoader(member.homeStoreId),
    guide: (member: Member, _, { caller, staffLoader }) =>
      member.guideId && caller.kind === "staff" ? staffLoader(member.guideId) : null,
    auditLog: async (member: Member, args, { caller, deps }) =>
      connection(await members.memberAudit(deps, caller, member.id, args.first, args.after)),
    account: (member: Member, _, { caller, deps }) => loyalty.memberAccount(deps, caller, member.id),
    pointsLedger: async (member: Member, args, { caller, deps }) =>
      connection(await loyalty.memberLedger(deps, caller, member.id, args.first, args.after)),
    orders: async (member: Member, args, { caller, deps }) =>
      connection(await loyalty.memberOrders(deps, caller, member.id, args.first, args.after)),
    tierHistory: async (member: Member, args, { caller, deps }) =>
      connection(await loyalty.memberTierChanges(deps, caller, member.id, args.first, args.after)),
    redemptions: async (member: Member, args, { caller, deps }) =>
      connection(await loyalty.memberRedemptions(deps, caller, member.id, args.first, args.after)),
    coupons: async (member: Member, args, { caller, deps }) =>
      connection(await coupons.memberCoupons(deps, caller, member.id, args.first, args.after)),
    storedValue: async (member: Member, _, { caller, deps }) => {
      const { principal, bonus } = (await loyalty.memberAccount(deps, caller, member.id)).storedValue;
      return { principal, bonus, total: principal + bonus };
    },
    storedValueTopUps: (member: Member, _, { caller, deps }) => storedValue.memberSvLots(deps, caller, member.id),
    storedValueLedger: async (member: Member, args, { caller, deps }) =>
      connection(await storedValue.memberSvLedger(deps, caller, member.id, args.first, args.after)),
    inviteCode: (member: Member) => member.memberCode,
    stage: async (member: Member, _, context) => (await factsOf(member, context)).stage,
    rfm: async (member: Member, _, context) => (await factsOf(member, context)).rfm,
    referral: (member: Member, _, { caller, deps }) => referral.memberReferral(deps, caller, member.id),
    referrals: async (member: Member, args, { caller, deps }) =>
      connection(await referral.listReferrals(deps, caller, member.id, args.first, args.after)),
    contacts: async (member: Member, args, { caller, deps }) =>
      connection(await worklist.memberContacts(deps, caller, member, args.first, args.after)),
    recommendations: (member: Member, args, { caller, deps }) =>
      recommendations.memberRecommendations(deps, caller, member.id, args.limit),
  },
  WorklistCoupon: {
    code: (entry: { coupon: Coupon }) => entry.coupon.code,
    displayCode: (entry: { coupon: Coupon }) => formatCouponCode(entry.coupon.code),
    templateId: (entry: { coupon: Coupon }) => entry.coupon.templateId,
    templateName: (entry: { coupon: Coupon }) => entry.coupon.terms.name,
    validUntil: (entry: { coupon: Coupon }) => entry.coupon.validUntil,
  },
  WorklistNewMember: {
    joinedAt: (entry: { member: Member }) => entry.member.joinedAt,
  },
  DomainEvent: {
    detail: (event: { detail: unknown }) => JSON.stringify(event.detail ?? {}),
  },
  Campaign: {
    kind: (c: Campaign) => c.schedule.kind,
    date: (c: Campaign) => (c.schedule.kind === "once" ? c.schedule.date : null),
    dayOfMonth: (c: Campaign) => (c.schedule.kind === "monthly" ? c.schedule.dayOfMonth : null),
    from: (c: Campaign) => (c.schedule.kind === "monthly" ? c.schedule.from : null),
    until: (c: Campaign) => (c.schedule.kind === "monthly" ? (c.schedule.until ?? null) : null),
  },
  SegmentationSettings: {
    recencyDays: (s: { rfm: { recencyDays: number[] } }) => s.rfm.recencyDays,
    frequency: (s: { rfm: { frequency: number[] } }) => s.rfm.frequency,
    monetary: (s: { rfm: { monetary: number[] } }) => s.rfm.monetary,
  },
  AutomationSettings: {
    tierReviewDayOfMonth: (settings: { tierReview: { dayOfMonth: number } }) => settings.tierReview.dayOfMonth,
  },
  SmsMessage: {
    phone: (message: { phone: string }, _, { caller }) =>
      seesMaskedPhones(caller) ? maskPhone(message.phone) : message.phone,
  },
  Referral: {
    member: (r: { memberId: string }, _, { caller, deps }) => orNull(members.getMember(deps, caller, r.memberId)),
    referrer: (r: { referrerId: string }, _, { caller, deps }) => orNull(members.getMember(deps, caller, r.referrerId)),
    // A store's staff may see that a member of theirs was invited from another store, not by whom.
    referrerId: (r: { referrerId: string; referrerStoreId?: string }, _, { caller }) => {
      const scope = caller.kind === "staff" || caller.kind === "apiKey" ? storeScope(caller) : undefined;
      return !scope || (r.referrerStoreId && scope.includes(r.referrerStoreId)) ? r.referrerId : null;
    },
  },
  CouponTemplate: {
    validityType: (t: CouponTemplate) => t.validity.type,
    validFrom: (t: CouponTemplate) => (t.validity.type === "fixed" ? t.validity.from : null),
    validUntil: (t: CouponTemplate) => (t.validity.type === "fixed" ? t.validity.until : null),
    validDays: (t: CouponTemplate) => (t.validity.type === "relative" ? t.validity.days : null),
  },
  Coupon: {
    displayCode: (c: Coupon) => formatCouponCode(c.code),
    name: (c: Coupon) => c.terms.name,
    kind: (c: Coupon) => c.terms.kind,
    amountOff: (c: Coupon) => c.terms.amountOff ?? null,
    percentOff: (c: Coupon) => c.terms.percentOff ?? null,
    maxDiscount: (c: Coupon) => c.terms.maxDiscount ?? null,
    threshold: (c: Coupon) => c.terms.threshold ?? null,
    giftSku: (c: Coupon) => c.terms.giftSku ?? null,
    minSpend: (c: Coupon) => c.terms.minSpend,
    stacking: (c: Coupon) => c.terms.stacking,
    state: (c: Coupon, _, { deps }) => couponState(c, deps.clock.now()),
    reservedUntil: (c: Coupon, _, { deps }) =>
      couponState(c, deps.clock.now()) === "reserved" ? c.reservation!.until : null,
    redeemedOrderId: (c: Coupon) => c.redeemed?.orderId ?? null,
    redeemedAt: (c: Coupon) => c.redeemed?.at ?? null,
    redeemedDiscount: (c: Coupon) => c.redeemed?.discount ?? null,
    revokedReason: (c: Coupon) => c.revoked?.reason ?? null,
  },
  IssueCouponResult: {
    errorCode: (r: coupons.IssueResult) => r.error?.code ?? null,
    errorMessage: (r: coupons.IssueResult) => r.error?.message ?? null,
  },
  Order: {
    subtotal: (o: Order) => o.subtotal ?? o.total,
    discount: (o: Order) => o.discount ?? 0,
    coupons: (o: Order) => o.coupons ?? [],
    couponsRestored: (o: Order) => o.couponsRestored ?? false,
    storedValueAmount: (o: Order) => o.storedValue?.amount ?? 0,
    refunds: (o: Order) =>
      o.refunds.map((r) => {
        const principal = r.storedValue?.principal ?? 0;
        const bonus = r.storedValue?.bonus ?? 0;
        return {
          ...r,
          storedValuePrincipal: principal,
          storedValueBonus: bonus,
          toPaymentMethod: r.amount - principal - bonus,
        };
      }),
    referral: (o: Order) => o.referral ?? null,
  },
  OrderLine: {
    discount: (line: { discount?: number }) => line.discount ?? 0,
  },
  LoyaltyConfig: {
    welcomeCouponTemplateIds: (c: { welcomeTemplateIds?: string[] }) => c.welcomeTemplateIds ?? [],
    restoreCouponsOnFullRefund: (c: { restoreCouponsOnFullRefund?: boolean }) => c.restoreCouponsOnFullRefund ?? true,
    storedValue: (c: { storedValue?: unknown }) => c.storedValue ?? DEFAULT_SV_RULES,
    referral: (c: { referral?: unknown }) => c.referral ?? DEFAULT_REFERRAL,
  },
  StoredValueEntry: {
    principalAfter: (e: { balanceAfter: { principal: number } }) => e.balanceAfter.principal,
    bonusAfter: (e: { balanceAfter: { bonus: number } }) => e.balanceAfter.bonus,
  },
  MemberAccount: {
    storedValuePrincipal: (account: loyalty.AccountView) => account.storedValue?.principal ?? 0,
    storedValueBonus: (account: loyalty.AccountView) => account.storedValue?.bonus ?? 0,
    nextExpiryAt: (account: loyalty.AccountView) => account.nextExpiry?.at ?? null,
    nextExpiryPoints: (account: loyalty.AccountView) => account.nextExpiry?.points ?? null,
  },
  LedgerEntry: {
    draws: (entry: { draws?: unknown[] }) => entry.draws ?? [],
    availableAfter: (entry: { balanceAfter: { available: number } }) => entry.balanceAfter.available,
    pendingAfter: (entry: { balanceAfter: { pending: number } }) => entry.balanceAfter.pending,
  },
  PointsRules: {
    memberDayDaysOfMonth: (rules: PointsRules) => rules.memberDay.daysOfMonth,
    memberDayWeekdays: (rules: PointsRules) => rules.memberDay.weekdays,
    memberDayMultiplier: (rules: PointsRules) => rules.memberDay.multiplier,
  },
  AuditEntry: {
    changes: (entry: AuditEntry, _, { caller }) =>
      Object.entries(entry.changes ?? {}).map(([field, [before, after]]) => {
        const show = (value: unknown) =>
          value == null
            ? null
            : JSON.stringify(
                field === "phone" && seesMaskedPhones(caller) && typeof value === "string" && value.startsWith("+")
                  ? maskPhone(value)
                  : value,
              );
        return { field, before: show(before), after: show(after) };
      }),
  },
};
