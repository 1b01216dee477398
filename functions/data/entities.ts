/**
 * The items a purchase, a refund and the other account movements write, each
 * defined once (see entity.ts): key, index projections, derived attributes.
 * Repositories build every such item from here.
 */
import type { Coupon, CouponTemplate } from "../core/coupons/templates.js";
import type { AuditEntry, DomainEvent, Member, Merchant, Staff, Store } from "../core/model.js";
import type { LedgerEntry, MemberAccount, Order } from "../core/points/account.js";
import type { Reward } from "../core/points/rewards.js";
import type { Referral } from "../core/referral.js";
import type { TopUpPlan } from "../core/storedValue.js";
import { localDate } from "../core/time.js";
import { defineCounter, defineEntity } from "./entity.js";
import { indexKeys, keys } from "./keys.js";

export type SvEntryType = "topup" | "pay" | "refund" | "topup_refund";

/** One movement of a member's stored value. */
export interface SvEntry {
  id: string;
  memberId: string;
  at: string;
  type: SvEntryType;
  /** Signed change of principal and bonus, fen. */
  principal: number;
  bonus: number;
  storeId: string;
  /** order:{id}, refund:{id}, payment:{id}. */
  ref: string;
  actor: string;
  /** Top-up refunds: principal handed back to the member, and bonus taken back. */
  principalReturned?: number;
  bonusForfeited?: number;
  balanceAfter: { principal: number; bonus: number };
}

/** A reward bought with points. */
export interface Redemption {
  id: string;
  memberId: string;
  rewardId: string;
  rewardName: string;
  points: number;
  at: string;
  requestId: string;
  /** coupon rewards: the coupon issued. */
  couponCode?: string;
}

/** A tier move in the member's history (written beside each TierChanged event). */
export interface TierChange {
  at: string;
  from: string;
  to: string;
  reason: string;
}

/** A member's loyalty account: one item, so every movement is one conditional write on it. */
const account = defineEntity<MemberAccount>({
  name: "account",
  key: (a) => keys.account(a.merchantId, a.memberId),
  // Listed by last visit (wake-up, lifecycle), by the soonest points expiry, by tier (segments, the review
  // after a ladder change) and by the date its tier could first drop (the review).
  indexes: (a) => {
    const timeZone = a.timeZone ?? "Asia/Shanghai";
    const soonest = a.wallet.lots.find((lot) => lot.remaining > 0);
    const visit = a.lastVisitAt
      ? indexKeys.accountsByLastVisit(a.merchantId, localDate(a.lastVisitAt, timeZone), a.memberId)
      : undefined;
    const expiry = soonest
      ? indexKeys.accountsByPointsExpiry(a.merchantId, localDate(soonest.expiresAt, timeZone), a.memberId)
      : undefined;
    const tier = indexKeys.accountsByTier(a.merchantId, a.tierId, a.memberId);
    const due = a.tierDueOn ? indexKeys.accountsByTierDue(a.merchantId, a.tierDueOn, a.memberId) : undefined;
    return {
      ...(visit ? { gsi1pk: visit.gsi1pk, gsi1sk: visit.gsi1sk } : {}),
      ...(expiry ? { gsi2pk: expiry.gsi2pk, gsi2sk: expiry.gsi2sk } : {}),
      gsi3pk: tier.gsi3pk,
      gsi3sk: tier.gsi3sk,
      ...(due ? { gsi4pk: due.gsi4pk, gsi4sk: due.gsi4sk } : {}),
    };
  },
  // The store the dashboard counts the account at.
  derived: (a) => ({ statsStoreId: a.homeStoreId ?? null }),
});

/** An order, listed in its member's orders (gsi1), newest first. */
const order = defineEntity<Order>({
  name: "order",
  key: (o) => keys.order(o.merchantId, o.id),
  indexes: (o) => {
    const byMember = indexKeys.ordersOfMember(o.merchantId, o.memberId, o.at, o.id);
    return { gsi1pk: byMember.gsi1pk, gsi1sk: byMember.gsi1sk };
  },
});

/**
 * A coupon, in its member's wallet (gsi1) and, while usable or counted open,
 * on the expiry calendar of its lapse day in the merchant's zone (gsi2).
 */
const coupon = defineEntity<Coupon, { timeZone: string; countedOpen: boolean }>({
  name: "coupon",
  key: (c) => keys.coupon(c.merchantId, c.code),
  indexes: (c, { timeZone, countedOpen }) => {
    const wallet = indexKeys.couponsOfMember(c.merchantId, c.memberId, c.issuedAt, c.code);
    // A coupon counted open stays in the calendar until its lapse day is rolled up (see core/stats.ts).
    const usable = c.status === "issued" || c.status === "reserved" || countedOpen;
    const expiring = indexKeys.couponsExpiringOn(c.merchantId, localDate(c.validUntil, timeZone), c.code);
    return {
      gsi1pk: wallet.gsi1pk,
      gsi1sk: wallet.gsi1sk,
      ...(usable ? { gsi2pk: expiring.gsi2pk, gsi2sk: expiring.gsi2sk } : {}),
    };
  },
  // The member's contact stays on a coupon only while it is usable (the expiry reminder's copy).
  derived: (c, { countedOpen }) => ({
    countedOpen,
    ...(c.status === "issued" || c.status === "reserved" ? {} : { contact: undefined }),
  }),
});

/** A points ledger entry, in the member's partition by time. */
const ledgerEntry = defineEntity<LedgerEntry, string>({
  name: "ledger",
  key: (entry, merchantId) => keys.ledgerEntry(merchantId, entry.memberId, entry.at, entry.id),
});

/** A domain event in the merchant's outbox partition of its UTC day. */
const event = defineEntity<DomainEvent>({
  name: "event",
  key: (e) => keys.event(e.merchantId, e.at, e.id),
});

/** A tier move in the member's partition, keyed by the TierChanged event it records. */
const tierChange = defineEntity<TierChange & { memberId: string }, { merchantId: string; eventId: string }>({
  name: "tierChange",
  key: (change, { merchantId, eventId }) => keys.tierChange(merchantId, change.memberId, change.at, eventId),
});

/** A stored-value ledger entry, in the member's partition by time. */
const svEntry = defineEntity<SvEntry, string>({
  name: "svEntry",
  key: (entry, merchantId) => keys.svEntry(merchantId, entry.memberId, entry.at, entry.id),
});

/** A referral, keyed by the new member; listed for the merchant (gsi1) and for the referrer (gsi2). */
const referral = defineEntity<Referral, string>({
  name: "referral",
  key: (r, merchantId) => keys.referral(merchantId, r.memberId),
  indexes: (r, merchantId) => {
    const all = indexKeys.referrals(merchantId, r.at, r.memberId);
    const by = indexKeys.referralsBy(merchantId, r.referrerId, r.at, r.memberId);
    return { gsi1pk: all.gsi1pk, gsi1sk: all.gsi1sk, gsi2pk: by.gsi2pk, gsi2sk: by.gsi2sk };
  },
});

/** A reward redemption, in the member's partition by time. */
const redemption = defineEntity<Redemption, string>({
  name: "redemption",
  key: (r, merchantId) => keys.redemption(merchantId, r.memberId, r.at, r.id),
});

/** Names are searched by prefix in lower case with single spaces. */
export function nameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, " ");
}

/**
 * A member, listed while active: all members (gsi1), by home store (gsi2), by guide (gsi3), by
 * name (gsi4) and by birthday (gsi5); an erased member leaves every index.
 */
const member = defineEntity<Member>({
  name: "member",
  key: (m) => keys.member(m.merchantId, m.id),
  indexes: (m) => {
    if (m.status !== "active") return {};
    const all = indexKeys.membersByJoinDate(m.merchantId, m.joinedAt, m.id);
    const byStore = indexKeys.membersByHomeStore(m.merchantId, m.homeStoreId, m.joinedAt, m.id);
    const byName = indexKeys.membersByName(m.merchantId, nameKey(m.name), m.id);
    const byGuide = m.guideId ? indexKeys.membersByGuide(m.merchantId, m.guideId, m.joinedAt, m.id) : undefined;
    const born = m.birthday
      ? indexKeys.membersByBirthday(m.merchantId, m.birthday.month, m.birthday.day, m.id)
      : undefined;
    return {
      gsi1pk: all.gsi1pk,
      gsi1sk: all.gsi1sk,
      gsi2pk: byStore.gsi2pk,
      gsi2sk: byStore.gsi2sk,
      gsi4pk: byName.gsi4pk,
      gsi4sk: byName.gsi4sk,
      ...(byGuide ? { gsi3pk: byGuide.gsi3pk, gsi3sk: byGuide.gsi3sk } : {}),
      ...(born ? { gsi5pk: born.gsi5pk, gsi5sk: born.gsi5sk } : {}),
    };
  },
  // Members written before tags, status and versions were kept.
  read: (m) => ({ ...m, tags: m.tags ?? [], status: m.status ?? "active", version: m.version ?? 1 }),
});

/** A merchant's settings (name, time zone, status): read by most movements and jobs. */
const merchant = defineEntity<Merchant>({ name: "merchant", key: (m) => keys.merchant(m.id) });

/** The merchant's catalogue-like records, each in the merchant's partition (stores: their own). */
const store = defineEntity<Store>({ name: "store", key: (s) => keys.store(s.merchantId, s.id) });
const staff = defineEntity<Staff>({ name: "staff", key: (s) => keys.staff(s.merchantId, s.id) });
const couponTemplate = defineEntity<CouponTemplate>({
  name: "couponTemplate",
  key: (t) => keys.couponTemplate(t.merchantId, t.id),
});
const reward = defineEntity<Reward>({ name: "reward", key: (r) => keys.reward(r.merchantId, r.id) });
const topUpPlan = defineEntity<TopUpPlan>({ name: "topUpPlan", key: (p) => keys.topUpPlan(p.merchantId, p.id) });

/**
 * An idempotency record: the request's print, parameter by parameter, and its first result
 * (a checkout hold's record expires a day after the hold: `expiresAtEpoch`, DynamoDB TTL).
 */
const request = defineEntity<
  { fingerprint: unknown; result?: unknown; expiresAtEpoch?: number },
  { merchantId: string; scope: string; id: string }
>({ name: "request", key: (_, { merchantId, scope, id }) => keys.request(merchantId, scope, id) });

/** A refund's idempotency record, with its result. */
const refundRecord = defineEntity<
  { refundId: string; orderId: string; memberId: string; fingerprint: unknown; result: unknown },
  string
>({ name: "refund", key: (r, merchantId) => keys.refund(merchantId, r.refundId) });

/** A check-in on a local date: one per member and date (its key is the guard). */
const checkin = defineEntity<{ date: string; result: unknown }, { merchantId: string; memberId: string }>({
  name: "checkin",
  key: (c, { merchantId, memberId }) => keys.checkin(merchantId, memberId, c.date),
});

/** A member's audit entry, in the member's partition by time. */
const audit = defineEntity<AuditEntry, string>({
  name: "audit",
  key: (entry, merchantId) => keys.memberAudit(merchantId, entry.memberId, entry.at, entry.id),
});

/** The phone and member-code pointers: one item each, so a phone or code belongs to one member. */
type Pointer = { merchantId: string; memberId: string };
const memberPhone = defineEntity<Pointer, string>({
  name: "memberPhone",
  key: (p, phone) => keys.memberPhone(p.merchantId, phone),
});
const memberCode = defineEntity<Pointer, string>({
  name: "memberCode",
  key: (p, code) => keys.memberCode(p.merchantId, code),
});

/** A member listed under a tag, with what a listing by tag filters on (home store, guide). */
const taggedMember = defineEntity<
  { memberId: string; homeStoreId: string; guideId?: string | null; joinedAt: string },
  { merchantId: string; tag: string }
>({
  name: "taggedMember",
  key: (t, { merchantId, tag }) => keys.taggedMember(merchantId, tag, t.joinedAt, t.memberId),
});

/** A member listed under the last 4 digits of their phone (手机尾号), with what store-scoped listing filters on. */
const phoneTailMember = defineEntity<
  { memberId: string; homeStoreId: string; guideId?: string | null; joinedAt: string },
  { merchantId: string; tail: string }
>({
  name: "phoneTailMember",
  key: (t, { merchantId, tail }) => keys.phoneTailMember(merchantId, tail, t.joinedAt, t.memberId),
});

export const entities = {
  merchant,
  account,
  order,
  coupon,
  ledgerEntry,
  event,
  tierChange,
  svEntry,
  referral,
  redemption,
  member,
  store,
  staff,
  couponTemplate,
  reward,
  topUpPlan,
  request,
  refundRecord,
  checkin,
  audit,
  memberPhone,
  phoneTailMember,
  memberCode,
  taggedMember,
};

/** A tag's member count, chain-wide: named by the tag. */
const tagCount = defineCounter<{ merchantId: string; tag: string }, { name: string; count: number }>({
  name: "tag",
  key: ({ merchantId, tag }) => keys.tag(merchantId, tag),
  labels: ({ tag }) => ({ name: tag }),
});

/** The same count among the members of one home store (for staff scoped to stores). */
const tagCountInStore = defineCounter<
  { merchantId: string; storeId: string; tag: string },
  { name: string; count: number }
>({
  name: "tag",
  key: ({ merchantId, storeId, tag }) => keys.tagInStore(merchantId, storeId, tag),
  labels: ({ tag }) => ({ name: tag }),
});

/** How many coupons of a template a member was given (the template's per-member limit). */
const couponTaken = defineCounter<{ merchantId: string; memberId: string; templateId: string }, { count: number }>({
  name: "couponTaken",
  key: ({ merchantId, memberId, templateId }) => keys.couponTaken(merchantId, memberId, templateId),
});

/** How many units of a reward a member took (the reward's per-member limit). */
const rewardTaken = defineCounter<{ merchantId: string; memberId: string; rewardId: string }, { count: number }>({
  name: "rewardTaken",
  key: ({ merchantId, memberId, rewardId }) => keys.rewardTaken(merchantId, memberId, rewardId),
});

/** One shard of a store's stored-value liability: principal and bonus still owed to members. */
const liability = defineCounter<
  { merchantId: string; storeId: string; shard: number },
  { storeId: string; principal: number; bonus: number }
>({
  name: "liability",
  key: ({ merchantId, storeId, shard }) => keys.liabilityShard(merchantId, storeId, shard),
  labels: ({ storeId }) => ({ storeId }),
});

/** The counters movements and member changes add to in their transactions (see entity.ts, defineCounter). */
export const counters = { tagCount, tagCountInStore, couponTaken, rewardTaken, liability };
