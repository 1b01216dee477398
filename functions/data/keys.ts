/**
 * Every key of the single table is assembled here and nowhere else.
 * Merchant data lives under `T#{merchantId}`; the few platform-wide items
 * (merchant directory, login names) live under `P#`.
 */
import { table } from "./table.js";

export type Key = {
  pk: string;
  sk: string;
};

const T = (merchantId: string) => `T#${merchantId}`;

export const keys = {
  /** Merchant settings. */
  merchant: (merchantId: string): Key => ({ pk: T(merchantId), sk: "MERCHANT" }),
  /** Automation settings (jobs, SMS rules, ladder, reminders). */
  automation: (merchantId: string): Key => ({ pk: T(merchantId), sk: "CONFIG#AUTOMATION" }),
  /** A saved segment; all of a merchant's share the prefix. */
  segment: (merchantId: string, id: string): Key => ({ pk: T(merchantId), sk: `SEGMENT#${id}` }),
  segmentsPrefix: () => "SEGMENT#",
  /** A campaign; all of a merchant's share the prefix. */
  campaign: (merchantId: string, id: string): Key => ({ pk: T(merchantId), sk: `CAMPAIGN#${id}` }),
  campaignsPrefix: () => "CAMPAIGN#",
  /** The members a campaign reached, one item per (member, day). */
  campaignRecipients: (merchantId: string, id: string) => `${T(merchantId)}#CAMPAIGN#${id}`,
  campaignRecipient: (merchantId: string, id: string, memberId: string, date: string): Key => ({
    pk: `${T(merchantId)}#CAMPAIGN#${id}`,
    sk: `M#${memberId}#${date}`,
  }),
  /** An SMS in the outbox. */
  sms: (merchantId: string, id: string): Key => ({ pk: `${T(merchantId)}#SMS#${id}`, sk: "SMS" }),
  /** The marketing messages a member was sent in a month (e.g. 2026-06). */
  smsCap: (merchantId: string, memberId: string, month: string): Key => ({
    pk: `${T(merchantId)}#M#${memberId}`,
    sk: `SMSCAP#${month}`,
  }),
  /** Which ladder the accounts' next tier reviews were dated under (the tier review's index holds until it changes). */
  tierReviewState: (merchantId: string): Key => ({ pk: T(merchantId), sk: "TIERREVIEW" }),
  /** Whether a merchant's daily jobs for a local date are done (or handed off). */
  jobDay: (merchantId: string, date: string): Key => ({ pk: T(merchantId), sk: `JOBDAY#${date}` }),
  /** Operator's directory of merchants, one partition. */
  merchantDirectory: (merchantId: string): Key => ({ pk: "P#MERCHANTS", sk: T(merchantId) }),
  merchantDirectoryPartition: () => "P#MERCHANTS",

  store: (merchantId: string, storeId: string): Key => ({ pk: T(merchantId), sk: `STORE#${storeId}` }),
  storesPrefix: () => "STORE#",

  staff: (merchantId: string, staffId: string): Key => ({ pk: T(merchantId), sk: `STAFF#${staffId}` }),
  staffPrefix: () => "STAFF#",
  /** Globally unique login name → merchant and staff id. */
  login: (username: string): Key => ({ pk: `P#LOGIN#${username}`, sk: "LOGIN" }),
  /** The local demo's mark that its seed ran to the end (`npm start` only). */
  localDemo: (): Key => ({ pk: "P#LOCALDEMO", sk: "SEEDED" }),
  /** Local identity adapter's credential (local mode only; Cognito holds it in AWS). */
  localCredential: (username: string): Key => ({ pk: `P#LOCALAUTH#${username}`, sk: "CREDENTIAL" }),

  /** API keys of a merchant, addressed by the SHA-256 of the secret. */
  apiKey: (merchantId: string, secretHash: string): Key => ({ pk: `${T(merchantId)}#APIKEY`, sk: secretHash }),
  apiKeysPartition: (merchantId: string) => `${T(merchantId)}#APIKEY`,

  member: (merchantId: string, memberId: string): Key => ({ pk: `${T(merchantId)}#M#${memberId}`, sk: "PROFILE" }),
  /** Uniqueness and look-up item for a member's phone (E.164). */
  memberPhone: (merchantId: string, phone: string): Key => ({ pk: `${T(merchantId)}#PHONE#${phone}`, sk: "PHONE" }),
  /** Uniqueness and look-up item for a member's card code. */
  memberCode: (merchantId: string, code: string): Key => ({ pk: `${T(merchantId)}#CODE#${code}`, sk: "CODE" }),

  /** Audit entries of one member live in the member's own partition. */
  memberAudit: (merchantId: string, memberId: string, at: string, entryId: string): Key => ({
    pk: `${T(merchantId)}#M#${memberId}`,
    sk: `AUDIT#${at}#${entryId}`,
  }),
  memberAuditPrefix: () => "AUDIT#",
  memberPartition: (merchantId: string, memberId: string) => `${T(merchantId)}#M#${memberId}`,
  /** A daily job's record that it acted on a member for (job, step, period): written once. */
  jobMarker: (merchantId: string, memberId: string, marker: string): Key => ({
    pk: `${T(merchantId)}#M#${memberId}`,
    sk: `ACTED#${marker}`,
  }),
  /** One item per (tag, member), sorted by join date, so members are listed by tag. */
  taggedMember: (merchantId: string, tag: string, joinedAt: string, memberId: string): Key => ({
    pk: `${T(merchantId)}#TAG#${tag}`,
    sk: `${joinedAt}#${memberId}`,
  }),
  taggedMembersPartition: (merchantId: string, tag: string) => `${T(merchantId)}#TAG#${tag}`,
  /** A member under the last 4 digits of their phone (手机尾号), newest first. */
  phoneTailMember: (merchantId: string, tail: string, joinedAt: string, memberId: string): Key => ({
    pk: `${T(merchantId)}#PHONETAIL#${tail}`,
    sk: `${joinedAt}#${memberId}`,
  }),
  phoneTailPartition: (merchantId: string, tail: string) => `${T(merchantId)}#PHONETAIL#${tail}`,
  /** The merchant's tag catalogue with member counts. */
  tag: (merchantId: string, tag: string): Key => ({ pk: T(merchantId), sk: `TAG#${tag}` }),
  tagsPrefix: () => "TAG#",
  /** The same count among the members of one home store, for staff scoped to stores. */
  tagInStore: (merchantId: string, storeId: string, tag: string): Key => ({
    pk: T(merchantId),
    sk: `TAGSTORE#${storeId}#${tag}`,
  }),
  tagsInStorePrefix: (storeId: string) => `TAGSTORE#${storeId}#`,

  /** Points rules and tier ladder of a merchant. */
  loyaltyConfig: (merchantId: string): Key => ({ pk: T(merchantId), sk: "CONFIG#LOYALTY" }),
  /** A member's loyalty account (points lots, growth, tier, visits) lives in the member's partition. */
  /** The programs (automation steps, campaigns) that acted on a member in the last 30 days, for attribution. */
  exposures: (merchantId: string, memberId: string): Key => ({ pk: `${T(merchantId)}#M#${memberId}`, sk: "EXPOSURES" }),
  /** A program's holdout counters, spread over shards: one partition per program. */
  holdoutPartition: (merchantId: string, program: string) => `${T(merchantId)}#HOLDOUT#${program}`,
  holdoutShard: (merchantId: string, program: string, shard: number): Key => ({
    pk: `${T(merchantId)}#HOLDOUT#${program}`,
    sk: `S#${shard}`,
  }),
  account: (merchantId: string, memberId: string): Key => ({ pk: `${T(merchantId)}#M#${memberId}`, sk: "ACCOUNT" }),
  ledgerEntry: (merchantId: string, memberId: string, at: string, entryId: string): Key => ({
    pk: `${T(merchantId)}#M#${memberId}`,
    sk: `LEDGER#${at}#${entryId}`,
  }),
  ledgerPrefix: () => "LEDGER#",
  /** An order, addressed by the storefront's order id (its idempotency key). */
  order: (merchantId: string, orderId: string): Key => ({ pk: `${T(merchantId)}#ORDER#${orderId}`, sk: "ORDER" }),
  /** A refund's idempotency record. */
  refund: (merchantId: string, refundId: string): Key => ({ pk: `${T(merchantId)}#REFUND#${refundId}`, sk: "REFUND" }),
  /** A caller's request key (redeem, adjust) with the first result. */
  request: (merchantId: string, scope: string, requestId: string): Key => ({
    pk: `${T(merchantId)}#REQ#${scope}#${requestId}`,
    sk: "REQUEST",
  }),

  /** A member's check-in on a local date: its existence makes a double tap one check-in. */
  checkin: (merchantId: string, memberId: string, date: string): Key => ({
    pk: `${T(merchantId)}#M#${memberId}`,
    sk: `CHECKIN#${date}`,
  }),
  /** A member's tier changes, newest last. */
  tierChange: (merchantId: string, memberId: string, at: string, id: string): Key => ({
    pk: `${T(merchantId)}#M#${memberId}`,
    sk: `TIERHIST#${at}#${id}`,
  }),
  tierChangesPrefix: () => "TIERHIST#",
  /** Points-mall rewards of a merchant. */
  reward: (merchantId: string, rewardId: string): Key => ({ pk: T(merchantId), sk: `REWARD#${rewardId}` }),
  rewardsPrefix: () => "REWARD#",
  /** A declared resource's record (core/resource.ts), e.g. a product: `{storage}#{sku}` with storage PRODUCT. */
  record: (merchantId: string, storage: string, id: string): Key => ({ pk: T(merchantId), sk: `${storage}#${id}` }),
  recordsPrefix: (storage: string) => `${storage}#`,
  /** A member's reward redemption. */
  redemption: (merchantId: string, memberId: string, at: string, id: string): Key => ({
    pk: `${T(merchantId)}#M#${memberId}`,
    sk: `REDEMPTION#${at}#${id}`,
  }),
  redemptionsPrefix: () => "REDEMPTION#",
  /** How many units of a reward a member took (for per-member limits). */
  rewardTaken: (merchantId: string, memberId: string, rewardId: string): Key => ({
    pk: `${T(merchantId)}#M#${memberId}`,
    sk: `REWARDTAKEN#${rewardId}`,
  }),

  /** Coupon templates of a merchant. */
  couponTemplate: (merchantId: string, templateId: string): Key => ({
    pk: T(merchantId),
    sk: `COUPONTPL#${templateId}`,
  }),
  couponTemplatesPrefix: () => "COUPONTPL#",
  /** A coupon, addressed by its code (the code is what a till scans or types). */
  coupon: (merchantId: string, code: string): Key => ({ pk: `${T(merchantId)}#COUPON#${code}`, sk: "COUPON" }),
  /** How many coupons of a template a member was given (for per-member limits). */
  couponTaken: (merchantId: string, memberId: string, templateId: string): Key => ({
    pk: `${T(merchantId)}#M#${memberId}`,
    sk: `COUPONTAKEN#${templateId}`,
  }),
  /** Stored-value top-up plans (充值方案). */
  topUpPlan: (merchantId: string, planId: string): Key => ({ pk: T(merchantId), sk: `SVPLAN#${planId}` }),
  topUpPlansPrefix: () => "SVPLAN#",
  /** A member's stored-value movements, oldest first. */
  svEntry: (merchantId: string, memberId: string, at: string, entryId: string): Key => ({
    pk: `${T(merchantId)}#M#${memberId}`,
    sk: `SVLEDGER#${at}#${entryId}`,
  }),
  svEntriesPrefix: () => "SVLEDGER#",
  /** Stored-value liability of a store, split over shards so busy stores do not contend on one item. */
  liabilityShard: (merchantId: string, storeId: string, shard: number): Key => ({
    pk: `${T(merchantId)}#LIABILITY#${storeId}`,
    sk: `SV#${String(shard).padStart(2, "0")}`,
  }),
  liabilityPartition: (merchantId: string, storeId: string) => `${T(merchantId)}#LIABILITY#${storeId}`,
  /** The referral of a member who joined with an invite code (one per member). */
  referral: (merchantId: string, memberId: string): Key => ({ pk: `${T(merchantId)}#M#${memberId}`, sk: "REFERRAL" }),

  /**
   * Dashboard counters as the changes happen: one item per (local day, store)
   * in each of a few shard partitions, so a busy merchant's writes spread out.
   */
  statsLive: (merchantId: string, shard: number, day: string, storeId: string): Key => ({
    pk: `${T(merchantId)}#STATS#${shard}`,
    sk: `${day}#S#${storeId}`,
  }),
  statsLivePartition: (merchantId: string, shard: number) => `${T(merchantId)}#STATS#${shard}`,
  /** The daily roll-up of a store (or the chain, "*"): the day's flows and the gauges at its end. */
  statsDay: (merchantId: string, storeId: string, day: string): Key => ({
    pk: `${T(merchantId)}#STATDAY#${storeId}`,
    sk: day,
  }),
  statsDayPartition: (merchantId: string, storeId: string) => `${T(merchantId)}#STATDAY#${storeId}`,
  /** The last day the roll-up finished. */
  statsState: (merchantId: string): Key => ({ pk: T(merchantId), sk: "STATS#ROLLUP" }),
  /** A storefront's order from a non-member, addressed by its order id (its idempotency key). */
  anonymousOrder: (merchantId: string, orderId: string): Key => ({
    pk: `${T(merchantId)}#ANONORDER#${orderId}`,
    sk: "ORDER",
  }),

  /** Domain event outbox, one partition per merchant and UTC day. */
  event: (merchantId: string, at: string, eventId: string): Key => ({
    pk: `${T(merchantId)}#EVENTS#${at.slice(0, 10)}`,
    sk: `${at}#${eventId}`,
  }),

  // --- Rewards not given -------------------------------------------------------
  /**
   * Members a coupon could not be given to (a sold-out template, a member's limit…), counted per local day, home
   * store, template, how it would have been given and why; the merchant's whole record is one partition.
   */
  couponShortfall: (merchantId: string, sortKey: string): Key => ({ pk: `${T(merchantId)}#SHORTFALL`, sk: sortKey }),
  couponShortfallPartition: (merchantId: string) => `${T(merchantId)}#SHORTFALL`,

  // --- Recommendations (智能推荐) ---------------------------------------------
  /** How often `otherSku` was bought in the same order as `sku`: one counter per ordered pair, in `sku`'s partition. */
  coPurchase: (merchantId: string, sku: string, otherSku: string): Key => ({
    pk: `${T(merchantId)}#COPURCHASE#${sku}`,
    sk: otherSku,
  }),
  /** Every product bought together with `sku` (one Query). */
  coPurchasePartition: (merchantId: string, sku: string) => `${T(merchantId)}#COPURCHASE#${sku}`,

  // --- Guide worklist (导购工作台) ----------------------------------------------
  /** A guide's contact note in the member's partition, so the member page lists them with one Query (newest first). */
  contactNote: (merchantId: string, memberId: string, at: string, noteId: string): Key => ({
    pk: `${T(merchantId)}#M#${memberId}`,
    sk: `CONTACT#${at}#${noteId}`,
  }),
  contactNotesPrefix: () => "CONTACT#",
  /** When a member was last contacted and how often: the worklist batch-reads it to leave contacted new members out. */
  contactSummary: (merchantId: string, memberId: string): Key => ({
    pk: `${T(merchantId)}#M#${memberId}`,
    sk: "CONTACTED",
  }),

  // --- Webhooks -----------------------------------------------------------------
  /** A webhook endpoint, in the merchant's partition (a merchant has at most 10). */
  webhookEndpoint: (merchantId: string, id: string): Key => ({ pk: T(merchantId), sk: `WEBHOOK#${id}` }),
  webhookEndpointsPrefix: () => "WEBHOOK#",
  /** One event's delivery to one endpoint; its id is `{endpointId}.{eventId}`, so an event is taken once. */
  webhookDelivery: (merchantId: string, id: string): Key => ({ pk: `${T(merchantId)}#WHDLV#${id}`, sk: "DELIVERY" }),
  /** How far the local dispatcher has read the merchant's event outbox (scripts/local/webhooks.ts). */
  webhookCursor: (merchantId: string): Key => ({ pk: T(merchantId), sk: "WHCURSOR" }),

  // --- API hardening: request-rate windows --------------------------------------
  /** Requests one API key made in one fixed window (epoch second); expires by TTL. */
  rateWindow: (merchantId: string, keyId: string, windowStart: number): Key => ({
    pk: `${T(merchantId)}#RATE#${keyId}`,
    sk: String(windowStart),
  }),
};

/** Secondary-index keys, named by access pattern. */
export const indexKeys = {
  /** gsi1: the SMS outbox log, newest last. */
  smsLog: (merchantId: string, createdAt: string, id: string) => ({
    gsi1pk: `${T(merchantId)}#SMSLOG`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  smsLogPartition: (merchantId: string) => `${T(merchantId)}#SMSLOG`,
  /** gsi2: queued messages by send-after time. */
  smsDue: (merchantId: string, sendAfter: string, id: string) => ({
    gsi2pk: `${T(merchantId)}#SMSDUE`,
    gsi2sk: `${sendAfter}#${id}`,
  }),
  smsDuePartition: (merchantId: string) => `${T(merchantId)}#SMSDUE`,
  /** gsi1: an endpoint's deliveries, newest first. */
  webhookLog: (merchantId: string, endpointId: string, createdAt: string, id: string) => ({
    gsi1pk: `${T(merchantId)}#WHLOG#${endpointId}`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  webhookLogPartition: (merchantId: string, endpointId: string) => `${T(merchantId)}#WHLOG#${endpointId}`,
  /**
   * gsi2: pending deliveries by when their next attempt is due, every merchant's in one of 4 shards, so the retry
   * sweep is 4 Queries whatever the number of merchants.
   */
  webhookDue: (shard: number, dueAt: string, merchantId: string, id: string) => ({
    gsi2pk: `P#WHDUE#${shard}`,
    gsi2sk: `${dueAt}#${merchantId}#${id}`,
  }),
  webhookDuePartition: (shard: number) => `P#WHDUE#${shard}`,
  /** gsi1: all members of a merchant, newest first. */
  membersByJoinDate: (merchantId: string, joinedAt?: string, memberId?: string) => ({
    index: table.indexes.gsi1.name,
    gsi1pk: `${T(merchantId)}#MEMBERS`,
    gsi1sk: joinedAt ? `${joinedAt}#${memberId}` : undefined,
  }),
  /** gsi3: members of one guide, newest first (only members with a guide). */
  membersByGuide: (merchantId: string, guideId: string, joinedAt?: string, memberId?: string) => ({
    index: table.indexes.gsi3.name,
    gsi3pk: `${T(merchantId)}#GUIDE#${guideId}`,
    gsi3sk: joinedAt ? `${joinedAt}#${memberId}` : undefined,
  }),
  /** gsi4: members by normalised name, for prefix search. */
  membersByName: (merchantId: string, nameKey?: string, memberId?: string) => ({
    index: table.indexes.gsi4.name,
    gsi4pk: `${T(merchantId)}#NAMES`,
    gsi4sk: nameKey !== undefined ? `${nameKey}#${memberId}` : undefined,
  }),
  /** gsi1: a member's orders, newest first. */
  ordersOfMember: (merchantId: string, memberId: string, at?: string, orderId?: string) => ({
    index: table.indexes.gsi1.name,
    gsi1pk: `${T(merchantId)}#M#${memberId}#ORDERS`,
    gsi1sk: at ? `${at}#${orderId}` : undefined,
  }),
  /** gsi1: a member's coupons (the wallet), newest first. */
  couponsOfMember: (merchantId: string, memberId: string, issuedAt?: string, code?: string) => ({
    index: table.indexes.gsi1.name,
    gsi1pk: `${T(merchantId)}#M#${memberId}#COUPONS`,
    gsi1sk: issuedAt ? `${issuedAt}#${code}` : undefined,
  }),
  /**
   * gsi2: usable coupons by the local-calendar day they lapse (for expiry reminders); redeemed and revoked coupons
   * leave it.
   */
  couponsExpiringOn: (merchantId: string, day: string, code?: string) => ({
    index: table.indexes.gsi2.name,
    gsi2pk: `${T(merchantId)}#COUPONEXP#${day}`,
    gsi2sk: code,
  }),
  /** gsi1: every referral of a merchant, newest first. */
  referrals: (merchantId: string, at?: string, memberId?: string) => ({
    index: table.indexes.gsi1.name,
    gsi1pk: `${T(merchantId)}#REFERRALS`,
    gsi1sk: at ? `${at}#${memberId}` : undefined,
  }),
  /** gsi2: the members one member brought in, newest first. */
  referralsBy: (merchantId: string, referrerId: string, at?: string, memberId?: string) => ({
    index: table.indexes.gsi2.name,
    gsi2pk: `${T(merchantId)}#M#${referrerId}#REFERRED`,
    gsi2sk: at ? `${at}#${memberId}` : undefined,
  }),
  /** gsi5: members born on a month and day (the birthday job's list). */
  membersByBirthday: (merchantId: string, month: number, day: number, memberId?: string) => ({
    index: table.indexes.gsi5.name,
    gsi5pk: `${T(merchantId)}#BDAY#${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    gsi5sk: memberId,
  }),
  /** Account gsi1: members whose last visit was on a local day (wake-up ladder and lifecycle). */
  accountsByLastVisit: (merchantId: string, day: string, memberId?: string) => ({
    index: table.indexes.gsi1.name,
    gsi1pk: `${T(merchantId)}#VISIT#${day}`,
    gsi1sk: memberId,
  }),
  /** Account gsi2: members whose soonest points lot expires on a local day. */
  accountsByPointsExpiry: (merchantId: string, day: string, memberId?: string) => ({
    index: table.indexes.gsi2.name,
    gsi2pk: `${T(merchantId)}#PTSEXP#${day}`,
    gsi2sk: memberId,
  }),
  /** Account gsi3: members in a tier (the tier review reads the tiers above the first). */
  accountsByTier: (merchantId: string, tierId: string, memberId?: string) => ({
    index: table.indexes.gsi3.name,
    gsi3pk: `${T(merchantId)}#TIER#${tierId}`,
    gsi3sk: memberId,
  }),
  /**
   * Account gsi4: members by the first review date their tier could drop on (sparse: only tiers that can),
   * one partition per merchant read up to the review's date.
   */
  accountsByTierDue: (merchantId: string, date?: string, memberId?: string) => ({
    index: table.indexes.gsi4.name,
    gsi4pk: `${T(merchantId)}#TIERDUE`,
    gsi4sk: date ? `${date}#${memberId}` : undefined,
  }),
  /** gsi2: members of one home store, newest first. */
  membersByHomeStore: (merchantId: string, storeId: string, joinedAt?: string, memberId?: string) => ({
    index: table.indexes.gsi2.name,
    gsi2pk: `${T(merchantId)}#STORE#${storeId}#MEMBERS`,
    gsi2sk: joinedAt ? `${joinedAt}#${memberId}` : undefined,
  }),
};
