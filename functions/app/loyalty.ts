/**
 * Purchases, refunds and points: each movement is one transaction on the
 * member's account, idempotent by the caller's key (order id, refund id,
 * request id), retried on a concurrent change, and refused cleanly.
 */
import {
  actorOf,
  assertStoreWritable,
  requireMerchant,
  requireStaff,
  type Caller,
  type MerchantCaller,
} from "../core/access.js";
import { ConflictError, NotFoundError, ValidationError } from "../core/errors.js";
import type { Member, Page } from "../core/model.js";
import {
  grantPoints,
  newAccount,
  parseLines,
  tierGrowth,
  parsePurchase,
  purchase,
  refund,
  spendPoints,
  expirePoints,
  type Context,
  type LedgerEntry,
  type MemberAccount,
  type Order,
  type PurchaseInput,
} from "../core/points/account.js";
import { DEFAULT_RULES, parseRules, type PointsRules } from "../core/points/rules.js";
import { checkIn, DEFAULT_CHECKIN, parseCheckinRules, type CheckinRules } from "../core/points/checkin.js";
import { parseReward, type Reward, type RewardInput } from "../core/points/rewards.js";
import { DEFAULT_LADDER, parseLadder, tierAfterEarning, tierAtReview, type Ladder } from "../core/points/tiers.js";
import { balance } from "../core/points/wallet.js";
import { addDays, localDate } from "../core/time.js";
import { pageSize, requiredText } from "../core/validate.js";
import * as repo from "../data/loyalty.js";
import { getStore } from "../data/stores.js";
import type { Deps } from "./deps.js";
import {
  assertSameRequest,
  busy,
  editWithRetry,
  event,
  fingerprint,
  requestKey,
  retries,
  type RequestPrint,
} from "./movement.js";
import { applyTagRules } from "./segments.js";
import { campaignMultiplier } from "./campaigns.js";
import { couponCodes, issueWithin } from "./coupons.js";
import { quote } from "../core/coupons/quote.js";
import { hasStock, type Coupon } from "../core/coupons/templates.js";
import { CouponRejectedError } from "../core/errors.js";
import type { Referral, ReferralRules } from "../core/referral.js";
import { DEFAULT_SV_RULES, giveBack, pay as svPay, returnShare, svBalance } from "../core/storedValue.js";
import * as couponRepo from "../data/coupons.js";
import { withoutKeys } from "../data/db.js";
import { commit, type Write } from "../data/transaction.js";
import { keys } from "../data/keys.js";
import { referralIndexes } from "../data/referrals.js";
import * as svRepo from "../data/storedValue.js";
import type { SvEntry } from "../data/storedValue.js";
import { findMemberByCode, findMemberByPhone, getMember, visible } from "./members.js";
import { countCoPurchases } from "./recommendations.js";
import { checkTemplateIds, refs } from "./references.js";

/** The merchant's loyalty settings, defaults until an owner changes them. */
export async function loyaltyConfig(deps: Deps, caller: Caller): Promise<repo.LoyaltyConfig> {
  const actor = requireMerchant(caller);
  const stored = await repo.getLoyaltyConfig(deps.db, actor.merchantId);
  return {
    rules: DEFAULT_RULES,
    ladder: DEFAULT_LADDER,
    updatedAt: "",
    ...stored,
    checkin: stored?.checkin ?? DEFAULT_CHECKIN,
  };
}

export async function updatePointsRules(
  deps: Deps,
  caller: Caller,
  input: Partial<PointsRules>,
): Promise<repo.LoyaltyConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await loyaltyConfig(deps, caller);
  const config = { ...current, rules: parseRules(input, current.rules), updatedAt: deps.clock.now() };
  await repo.putLoyaltyConfig(deps.db, owner.merchantId, config);
  return config;
}

export async function updateTierLadder(deps: Deps, caller: Caller, input: Ladder): Promise<repo.LoyaltyConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await loyaltyConfig(deps, caller);
  const ladder = parseLadder(input);
  await checkTemplateIds(
    deps,
    owner.merchantId,
    ladder.tiers.flatMap((tier, index) =>
      refs(`tiers.${index}.birthdayCouponTemplateId`, tier.birthdayCouponTemplateId),
    ),
  );
  const config = { ...current, ladder, updatedAt: deps.clock.now() };
  await repo.putLoyaltyConfig(deps.db, owner.merchantId, config);
  return config;
}

function contextFor(
  deps: Deps,
  caller: Caller,
  config: repo.LoyaltyConfig | undefined,
  timeZone: string | undefined,
): Context {
  return {
    rules: config?.rules ?? DEFAULT_RULES,
    ladder: config?.ladder ?? DEFAULT_LADDER,
    timeZone: timeZone ?? "Asia/Shanghai",
    now: deps.clock.now(),
    actor: actorOf(caller).actor,
    newId: () => deps.ids.id(),
  };
}

/** Read a member's account with everything a movement needs; NOT_FOUND outside the caller's view. */
async function load(
  deps: Deps,
  caller: MerchantCaller,
  memberId: string,
  extraKeys: { pk: string; sk: string }[] = [],
) {
  const loaded = await repo.loadMemberContext(deps.db, caller.merchantId, memberId, extraKeys);
  // The same visibility rule as every member read.
  if (!visible(caller, loaded.member ? { ...loaded.member, status: loaded.member.status ?? "active" } : undefined))
    throw new NotFoundError("Member", memberId);
  const ctx = contextFor(deps, caller, loaded.config, loaded.merchant.timeZone);
  const account = {
    ...(loaded.account ?? newAccount(caller.merchantId, memberId, ctx.ladder.tiers[0].id)),
    timeZone: ctx.timeZone,
    homeStoreId: loaded.member?.homeStoreId ?? null,
  };
  return { ...loaded, member: loaded.member, account, ctx };
}

export interface AccountView {
  memberId: string;
  available: number;
  pending: number;
  debt: number;
  shortfall: number;
  growth: number;
  tierId: string;
  tierName: string;
  manualTierId?: string;
  visits: number;
  lastVisitAt?: string;
  lifetimeSpend: number;
  earned: number;
  spent: number;
  expired: number;
  reversed: number;
  /** The soonest expiry among spendable points, and how many. */
  nextExpiry?: { at: string; points: number };
  /** Stored value left: principal and bonus, fen. */
  storedValue: { principal: number; bonus: number };
}

export function accountView(account: MemberAccount, ladder: Ladder, now: string): AccountView {
  const { available, pending, debt } = balance(account.wallet, now);
  const next = account.wallet.lots.find((lot) => lot.expiresAt > now);
  return {
    memberId: account.memberId,
    available,
    pending,
    debt,
    shortfall: account.wallet.shortfall,
    growth: account.growth,
    tierId: account.tierId,
    tierName: ladder.tiers.find((tier) => tier.id === account.tierId)?.name ?? account.tierId,
    manualTierId: account.manualTierId,
    visits: account.visits,
    lastVisitAt: account.lastVisitAt,
    lifetimeSpend: account.lifetimeSpend,
    earned: account.wallet.earned,
    spent: account.wallet.spent,
    expired: account.wallet.expired,
    reversed: account.wallet.reversed,
    storedValue: (({ principal, bonus }) => ({ principal, bonus }))(svBalance(account.storedValue)),
    nextExpiry: next
      ? {
          at: next.expiresAt,
          points: account.wallet.lots
            .filter((lot) => lot.expiresAt === next.expiresAt)
            .reduce((s, l) => s + l.remaining, 0),
        }
      : undefined,
  };
}

export async function memberAccount(deps: Deps, caller: Caller, memberId: string): Promise<AccountView> {
  const actor = requireMerchant(caller);
  const { account, ctx } = await load(deps, actor, memberId);
  return accountView(account, ctx.ladder, ctx.now);
}

export interface RecordPurchaseInput extends Omit<PurchaseInput, "at" | "storeId"> {
  memberId?: string | null;
  phone?: string | null;
  memberCode?: string | null;
  storeId?: string | null;
  at?: string | null;
  /** Coupons to use (they must all apply; quote first). */
  couponCodes?: string[] | null;
  /** The checkout hold that reserved them, if any. */
  holdId?: string | null;
  /** The part of the total paid from stored value, fen. */
  storedValueAmount?: number | null;
}

async function resolveMember(
  deps: Deps,
  caller: Caller,
  input: { memberId?: string | null; phone?: string | null; memberCode?: string | null },
): Promise<Member> {
  const found = input.memberId
    ? ({ id: input.memberId } as Member)
    : input.phone
      ? await findMemberByPhone(deps, caller, input.phone)
      : input.memberCode
        ? await findMemberByCode(deps, caller, input.memberCode)
        : undefined;
  if (found === undefined) throw new ValidationError("memberId", "Give memberId, phone or memberCode");
  if (!found) throw new NotFoundError("Member", input.memberId ?? input.phone ?? input.memberCode ?? "");
  return found;
}

const svRulesOf = (config: repo.LoyaltyConfig | undefined) => config?.storedValue ?? DEFAULT_SV_RULES;
const timeZoneOf = (merchant: { timeZone?: string }) => merchant.timeZone ?? "Asia/Shanghai";

function svEntry(
  ctx: Context,
  memberId: string,
  type: SvEntry["type"],
  principal: number,
  bonus: number,
  storeId: string,
  ref: string,
  wallet: MemberAccount["storedValue"],
  extra: Partial<SvEntry> = {},
): SvEntry {
  const after = svBalance(wallet);
  return {
    id: ctx.newId(),
    memberId,
    at: ctx.now,
    type,
    principal,
    bonus,
    storeId,
    ref,
    actor: ctx.actor,
    ...extra,
    balanceAfter: { principal: after.principal, bonus: after.bonus },
  };
}

/**
 * Record a purchase. The order id makes it idempotent: a retry (or a race of
 * retries) returns the first result and changes nothing. With coupons and a
 * stored-value payment, the order, the points, the coupons' use, the
 * stored-value draw and (on a referred member's first purchase) both
 * referral rewards are one transaction.
 */
export async function recordPurchase(
  deps: Deps,
  caller: Caller,
  input: RecordPurchaseInput,
): Promise<{ order: Order; account: AccountView; created: boolean }> {
  const actor = requireMerchant(caller);
  const storeId =
    input.storeId ??
    (actor.kind === "apiKey" ? actor.storeId : actor.storeIds.length === 1 ? actor.storeIds[0] : undefined);
  if (!storeId) throw new ValidationError("storeId", "storeId is required");
  const codes = couponCodes(input.couponCodes);
  const holdId = input.holdId ? requestKey("holdId", input.holdId) : undefined;
  const svAmount = input.storedValueAmount ?? 0;
  if (!Number.isSafeInteger(svAmount) || svAmount < 0)
    throw new ValidationError("storedValueAmount", "storedValueAmount must be a whole number of fen, 0 or more");
  const at = input.at ?? deps.clock.now();
  const draft = { ...input, storeId, at } as PurchaseInput;
  const lines = parseLines(draft.lines);
  const orderId = parsePurchase({
    ...draft,
    total: lines.reduce((sum, line) => sum + line.qty * line.unitPrice, 0),
  }).orderId;
  if (new Date(at).toISOString() > new Date(Date.parse(deps.clock.now()) + 5 * 60_000).toISOString())
    throw new ValidationError("at", "at is in the future");
  const print = purchasePrint(input, storeId);
  const existing = await repo.getOrder(deps.db, actor.merchantId, orderId, true);
  if (existing) return replay(deps, actor, existing, draft, print);
  assertStoreWritable(actor, storeId);
  const store = await getStore(deps.db, actor.merchantId, storeId);
  if (!store) throw new ValidationError("storeId", `Store ${storeId} does not exist`);
  const member = await resolveMember(deps, caller, input);
  let referralCoupons = true;

  for (const retry = retries(); await retry.next();) {
    const loaded = await load(deps, actor, member.id, [
      ...codes.map((code) => keys.coupon(actor.merchantId, code)),
      keys.referral(actor.merchantId, member.id),
    ]);
    const { account, ctx } = loaded;
    const found = new Map(
      loaded.extra
        .filter((item) => item.entity === "coupon")
        .map((item) => withoutKeys<Coupon>(item))
        .map((coupon) => [coupon.code, coupon]),
    );
    const quoted = codes.length
      ? quote(lines, codes, found, { memberId: member.id, storeId, tierId: account.tierId, now: ctx.now, holdId })
      : undefined;
    if (quoted?.rejected.length)
      throw new CouponRejectedError(quoted.rejected[0].code, quoted.rejected[0].reason, quoted.rejected[0].message);
    const parsed = parsePurchase(draft, quoted?.discount ?? 0);
    if (svAmount > parsed.total)
      throw new ValidationError(
        "storedValueAmount",
        `storedValueAmount (${svAmount}) is more than the total (${parsed.total})`,
      );
    const result = purchase(
      account,
      {
        ...parsed,
        lines: parsed.lines.map((line) => ({ ...line, discount: quoted?.lineDiscounts[line.sku] || undefined })),
      },
      { ...ctx, campaignMultiplier: campaignMultiplier(loaded.config, localDate(parsed.at, ctx.timeZone)) },
    );
    const order: Order = { ...result.order, fingerprint: print };
    let after: MemberAccount = result.account;
    const items: Write[] = [];
    const events = [
      event(deps, actor.merchantId, "PurchaseRecorded", {
        orderId,
        memberId: member.id,
        storeId,
        total: parsed.total,
        points: order.points,
        growth: order.growth,
        discount: quoted?.discount ?? 0,
        storedValue: svAmount,
      }),
    ];
    if (result.tierChanged)
      events.push(
        event(deps, actor.merchantId, "TierChanged", { memberId: member.id, ...result.tierChanged, reason: "growth" }),
      );
    if (result.stageChanged)
      events.push(
        event(deps, actor.merchantId, "LifecycleChanged", {
          memberId: member.id,
          ...result.stageChanged,
          reason: "purchase",
        }),
      );
    if (order.points > 0)
      events.push(
        event(deps, actor.merchantId, "PointsEarned", {
          memberId: member.id,
          orderId,
          points: order.points,
          lotId: order.lotId ?? null,
        }),
      );

    if (quoted) {
      order.subtotal = quoted.subtotal;
      order.discount = quoted.discount;
      order.coupons = quoted.steps.map((step) => ({
        code: step.code,
        templateId: step.templateId,
        name: step.name,
        discount: step.discount,
      }));
      for (const step of quoted.steps) {
        const coupon = found.get(step.code)!;
        items.push(
          couponRepo.couponChange(
            deps.db,
            coupon,
            {
              ...coupon,
              status: "redeemed",
              reservation: undefined,
              redeemed: { orderId, at: ctx.now, discount: step.discount },
              version: coupon.version + 1,
            },
            timeZoneOf(loaded.merchant),
            ctx.now,
          ),
        );
        events.push(
          event(deps, actor.merchantId, "CouponRedeemed", {
            code: step.code,
            templateId: step.templateId,
            memberId: member.id,
            orderId,
            discount: step.discount,
          }),
        );
      }
    }
    if (svAmount > 0) {
      const paid = svPay(after.storedValue, svAmount, { storeId, city: store.city }, svRulesOf(loaded.config).drawRule);
      after = { ...after, storedValue: paid.wallet };
      order.storedValue = {
        amount: svAmount,
        draws: paid.draws,
        returned: paid.draws.map(() => ({ principal: 0, bonus: 0 })),
      };
      const principal = paid.draws.reduce((sum, draw) => sum + draw.principal, 0);
      items.push(
        svRepo.svEntryItem(
          deps.db,
          actor.merchantId,
          svEntry(ctx, member.id, "pay", -principal, -(svAmount - principal), storeId, `order:${orderId}`, paid.wallet),
        ),
        ...svRepo.liabilityItems(deps.db, actor.merchantId, svRepo.byStore(paid.draws, -1)),
      );
      events.push(
        event(deps, actor.merchantId, "StoredValuePaid", {
          memberId: member.id,
          orderId,
          amount: svAmount,
          principal,
          bonus: svAmount - principal,
        }),
      );
    }

    const referralItem = loaded.extra.find((item) => item.entity === "referral");
    const referralRules = loaded.config?.referral;
    if (referralItem && (referralItem as unknown as Referral).status === "pending" && referralRules?.enabled) {
      const reward = await referralReward(
        deps,
        actor,
        withoutKeys<Referral>(referralItem),
        referralRules,
        after,
        orderId,
        ctx,
        timeZoneOf(loaded.merchant),
        referralCoupons,
      );
      after = reward.refereeAccount;
      result.entries.push(...reward.refereeEntries);
      order.referral = reward.summary;
      items.push(...reward.items);
      events.push(...reward.events);
    }
    order.result = {
      ...order.result,
      balance: balance(after.wallet, ctx.now),
      storedValue: after.storedValue ? svBalance(after.storedValue) : undefined,
    };

    const written = await commit(deps.db, [
      repo.orderPut(deps.db, order, ctx.now),
      ...repo.changeItems(deps.db, { before: account, after, entries: result.entries, events }),
      ...items,
    ]);
    if (written.written) {
      // Tag rules (e.g. 3 toy purchases in 90 days → a tag) follow the purchase; a failure here never undoes it.
      await applyTagRules(
        deps,
        actor.merchantId,
        member.id,
        after,
        loaded.member?.tags ?? [],
        loaded.config?.segmentation?.tagRules ?? [],
      ).catch((error) =>
        console.error(
          JSON.stringify({ level: "error", message: "tag rules failed", memberId: member.id, error: String(error) }),
        ),
      );
      await countCoPurchases(deps, actor.merchantId, order); // recommendations' co-purchase counts: advisory, logs and swallows its own failure
      return { order, account: accountView(after, ctx.ladder, ctx.now), created: true };
    }
    if (written.failed.includes("order"))
      return replay(deps, actor, (await repo.getOrder(deps.db, actor.merchantId, orderId, true))!, draft, print);
    // A referral coupon's template ran out or hit its limit between read and write: reward without coupons.
    if (written.failed.some((label) => label === "stock" || label === "limit")) referralCoupons = false;
  }
  throw busy();
}

/**
 * The referral's rewards, as transaction items: points for both (the new
 * member's on the account being written, the referrer's on theirs), the
 * configured coupons, and the referral marked rewarded (once: its condition).
 */
async function referralReward(
  deps: Deps,
  actor: MerchantCaller,
  referral: Referral,
  rules: ReferralRules,
  refereeAccount: MemberAccount,
  orderId: string,
  ctx: Context,
  timeZone: string,
  withCoupons: boolean,
) {
  const items: Write[] = [];
  const events = [];
  const refereeEntries: LedgerEntry[] = [];
  const referrer = await repo.loadMemberContext(deps.db, actor.merchantId, referral.referrerId);
  const referrerActive = referrer.member?.status === "active";
  if (rules.refereePoints) {
    const granted = grantPoints(
      refereeAccount,
      rules.refereePoints,
      `referral:${referral.memberId}`,
      ctx,
      "推荐有礼 (invited)",
      "referral",
    );
    refereeAccount = { ...granted.account, version: refereeAccount.version };
    refereeEntries.push(granted.entry);
  }
  let referrerPoints = 0;
  if (referrerActive && rules.referrerPoints) {
    const before = {
      ...(referrer.account ?? newAccount(actor.merchantId, referral.referrerId, ctx.ladder.tiers[0].id)),
      timeZone,
      homeStoreId: referrer.member?.homeStoreId ?? null,
    };
    const granted = grantPoints(
      before,
      rules.referrerPoints,
      `referral:${referral.memberId}`,
      ctx,
      "推荐有礼 (inviter)",
      "referral",
    );
    referrerPoints = rules.referrerPoints;
    items.push(
      ...repo.changeItems(
        deps.db,
        { before, after: granted.account, entries: [granted.entry], events: [] },
        "referrerAccount",
      ),
    );
  }
  const coupons: { referrerCoupon?: string; refereeCoupon?: string } = {};
  if (withCoupons) {
    const wanted = [
      { templateId: rules.refereeTemplateId, memberId: referral.memberId, side: "refereeCoupon" as const },
      {
        templateId: referrerActive ? rules.referrerTemplateId : undefined,
        memberId: referral.referrerId,
        side: "referrerCoupon" as const,
      },
    ].filter((want): want is { templateId: string; memberId: string; side: "refereeCoupon" | "referrerCoupon" } =>
      Boolean(want.templateId),
    );
    const templates = await couponRepo.getTemplates(
      deps.db,
      actor.merchantId,
      wanted.map((want) => want.templateId),
    );
    for (const templateId of new Set(wanted.map((want) => want.templateId))) {
      const sides = wanted.filter((want) => want.templateId === templateId);
      const template = templates.get(templateId);
      if (!hasStock(template, ctx.now, sides.length)) continue;
      const issued = issueWithin(
        deps,
        template,
        sides.map((side) => ({
          id: side.memberId,
          homeStoreId: side.side === "refereeCoupon" ? refereeAccount.homeStoreId : referrer.member?.homeStoreId,
        })),
        timeZone,
        "referral",
        `order:${orderId}`,
      );
      items.push(...issued.items);
      sides.forEach((side, i) => (coupons[side.side] = issued.coupons[i].code));
    }
  }
  const done: Referral = { ...referral, status: "rewarded", rewardedAt: ctx.now, orderId, ...coupons };
  items.push({
    label: "referral",
    item: {
      Put: {
        TableName: deps.db.tableName,
        Item: {
          ...keys.referral(actor.merchantId, referral.memberId),
          ...referralIndexes(actor.merchantId, done),
          entity: "referral",
          ...done,
        },
        ConditionExpression: "#s = :pending",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":pending": "pending" },
      },
    },
  });
  events.push(
    event(deps, actor.merchantId, "ReferralRewarded", {
      memberId: referral.memberId,
      referrerId: referral.referrerId,
      orderId,
      refereePoints: rules.refereePoints,
      referrerPoints,
      ...coupons,
    }),
  );
  return {
    refereeAccount,
    refereeEntries,
    items,
    events,
    summary: { referrerId: referral.referrerId, referrerPoints, refereePoints: rules.refereePoints, ...coupons },
  };
}

/** Everything a purchase asks for but its order id, as the caller sent it (the store as resolved). */
function purchasePrint(input: RecordPurchaseInput, storeId: string): RequestPrint {
  const { orderId: _orderId, storeId: _storeId, ...asked } = input;
  return fingerprint({ operation: "recordPurchase", ...asked, storeId });
}

/** A retried purchase: the same order id must describe the same purchase, in every parameter. */
async function replay(deps: Deps, caller: MerchantCaller, order: Order, input: PurchaseInput, print: RequestPrint) {
  if (order.fingerprint) assertSameRequest("orderId", order.id, order.fingerprint, print);
  else {
    // An order from before prints were kept: its total and lines must match.
    const same =
      order.total === input.total &&
      order.lines.length === input.lines.length &&
      order.lines.every((line, i) => line.sku === input.lines[i].sku && line.qty === input.lines[i].qty);
    if (!same)
      throw new ConflictError(`Order ${order.id} was already recorded with different contents`, { field: "orderId" });
  }
  const { ctx } = await load(deps, caller, order.memberId);
  return {
    order,
    account: {
      ...accountView(newAccount(order.merchantId, order.memberId, order.result.tierId), ctx.ladder, ctx.now),
      ...order.result.balance,
      tierId: order.result.tierId,
      tierName: ctx.ladder.tiers.find((t) => t.id === order.result.tierId)?.name ?? order.result.tierId,
      storedValue: order.result.storedValue ?? { principal: 0, bonus: 0 },
    } as AccountView,
    created: false,
  };
}

/**
 * Refund some or all lines of an order, idempotent by refund id: takes back
 * what those lines earned, gives back their share of the stored-value payment
 * (principal and bonus to the lots they came from) and, on a full refund,
 * the coupons when the merchant's policy says so. One transaction.
 */
export async function refundOrder(
  deps: Deps,
  caller: Caller,
  input: { refundId: string; orderId: string; lines: { sku: string; qty: number }[] },
): Promise<{ order: Order; account: AccountView; created: boolean }> {
  const actor = requireMerchant(caller);
  const refundId = requiredText("refundId", input.refundId, 64);
  const print = fingerprint({ operation: "refundOrder", orderId: input.orderId, lines: input.lines });
  const done = await repo.getRefund(deps.db, actor.merchantId, refundId);
  for (const retry = retries(); await retry.next();) {
    const order = await repo.getOrder(
      deps.db,
      actor.merchantId,
      done?.orderId ?? requiredText("orderId", input.orderId, 64),
      true,
    );
    if (!order) throw new NotFoundError("Order", input.orderId);
    const loaded = await load(
      deps,
      actor,
      order.memberId,
      (order.coupons ?? []).map((coupon) => keys.coupon(actor.merchantId, coupon.code)),
    );
    const { account, ctx } = loaded;
    if (done || order.refunds.some((r) => r.id === refundId)) {
      if (order.id !== input.orderId)
        throw new ConflictError(`Refund ${refundId} belongs to order ${order.id}`, {
          field: "refundId",
          differs: "orderId",
        });
      if (done?.fingerprint) assertSameRequest("refundId", refundId, done.fingerprint, print);
      return { order, account: accountView(account, ctx.ladder, ctx.now), created: false };
    }
    assertStoreWritable(actor, order.storeId);
    const result = refund(account, order, refundId, input.lines, ctx);
    const last = result.order.refunds.at(-1)!;
    let after = result.account;
    const items: Write[] = [];
    const events = [
      event(deps, actor.merchantId, "PurchaseRefunded", {
        orderId: order.id,
        refundId,
        memberId: order.memberId,
        amount: last.amount,
        points: last.points,
        growth: last.growth,
      }),
    ];
    if (order.storedValue) {
      const refunded = result.order.refunds.reduce((sum, r) => sum + r.amount, 0);
      const shares = returnShare(order.storedValue.draws, order.storedValue.returned, refunded, order.total);
      const principal = shares.reduce((sum, share) => sum + share.principal, 0);
      const bonus = shares.reduce((sum, share) => sum + share.bonus, 0);
      if (principal || bonus) {
        result.order.refunds = [...result.order.refunds.slice(0, -1), { ...last, storedValue: { principal, bonus } }];
        after = { ...after, storedValue: giveBack(after.storedValue, order.storedValue.draws, shares) };
        result.order.storedValue = {
          ...order.storedValue,
          returned: order.storedValue.returned.map((r, i) => ({
            principal: r.principal + shares[i].principal,
            bonus: r.bonus + shares[i].bonus,
          })),
        };
        items.push(
          svRepo.svEntryItem(
            deps.db,
            actor.merchantId,
            svEntry(
              ctx,
              order.memberId,
              "refund",
              principal,
              bonus,
              order.storeId,
              `refund:${refundId}`,
              after.storedValue,
            ),
          ),
          ...svRepo.liabilityItems(
            deps.db,
            actor.merchantId,
            svRepo.byStore(
              order.storedValue.draws.map((draw, i) => ({ storeId: draw.storeId, ...shares[i] })),
              1,
            ),
          ),
        );
        events.push(
          event(deps, actor.merchantId, "StoredValueReturned", {
            memberId: order.memberId,
            orderId: order.id,
            refundId,
            principal,
            bonus,
          }),
        );
      }
    }
    if (
      result.order.status === "refunded" &&
      order.coupons?.length &&
      (loaded.config?.restoreCouponsOnFullRefund ?? true)
    ) {
      for (const used of order.coupons) {
        const coupon = loaded.extra.find((item) => item.entity === "coupon" && item.code === used.code) as
          Coupon | undefined;
        if (!coupon || coupon.status !== "redeemed" || coupon.redeemed?.orderId !== order.id) continue;
        const restored = withoutKeys<Coupon>(coupon as unknown as Record<string, unknown>);
        items.push(
          couponRepo.couponChange(
            deps.db,
            restored,
            { ...restored, status: "issued", redeemed: undefined, version: restored.version + 1 },
            timeZoneOf(loaded.merchant),
            ctx.now,
          ),
        );
        events.push(
          event(deps, actor.merchantId, "CouponRestored", {
            code: used.code,
            memberId: order.memberId,
            orderId: order.id,
            refundId,
          }),
        );
      }
      result.order.couponsRestored = true;
    }
    const written = await commit(deps.db, [
      {
        label: "refund",
        item: {
          Put: {
            TableName: deps.db.tableName,
            Item: {
              ...keys.refund(actor.merchantId, refundId),
              entity: "refund",
              refundId,
              orderId: order.id,
              memberId: order.memberId,
              fingerprint: print,
              result: last,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      },
      repo.orderPut(deps.db, result.order, ctx.now, order),
      ...repo.changeItems(deps.db, { before: account, after, entries: result.entries, events }),
      ...items,
    ]);
    if (written.written)
      return { order: result.order, account: accountView(after, ctx.ladder, ctx.now), created: true };
    if (written.failed.includes("refund")) return refundOrder(deps, caller, input);
  }
  throw busy();
}

/** Apply a points movement under a request id, with retries; a repeat of the request id returns the first result. */
async function moveWithRequest(
  deps: Deps,
  caller: MerchantCaller,
  memberId: string,
  request: { scope: string; id: string; fingerprint: RequestPrint },
  move: (account: MemberAccount, ctx: Context) => { account: MemberAccount; entry: LedgerEntry },
): Promise<{ entry: LedgerEntry; account: AccountView; created: boolean }> {
  const replayed = async () => {
    const seen = await repo.getRequest(deps.db, caller.merchantId, request.scope, request.id);
    if (!seen) return undefined;
    assertSameRequest("requestId", request.id, seen.fingerprint, request.fingerprint);
    const { account, ctx } = await load(deps, caller, memberId);
    return {
      entry: (seen.result as { entry: LedgerEntry }).entry,
      account: accountView(account, ctx.ladder, ctx.now),
      created: false,
    };
  };
  const first = await replayed();
  if (first) return first;
  for (const retry = retries(); await retry.next();) {
    const { account, ctx } = await load(deps, caller, memberId);
    const result = move(account, ctx);
    const events = [
      event(deps, caller.merchantId, "PointsChanged", {
        memberId,
        type: result.entry.type,
        points: result.entry.points,
        ref: result.entry.ref,
      }),
    ];
    const outcome = await repo.writeAccountChange(
      deps.db,
      { ...request, result: { entry: result.entry } },
      { before: account, after: result.account, entries: [result.entry], events },
    );
    if (outcome === "written")
      return { entry: result.entry, account: accountView(result.account, ctx.ladder, ctx.now), created: true };
    if (outcome === "duplicate") return (await replayed())!;
  }
  throw busy();
}

const requestId = (value: unknown) => requestKey("requestId", value);

/** Redeem points (storefront or staff), idempotent by request id; never overdraws. */
export async function redeemPoints(
  deps: Deps,
  caller: Caller,
  input: { memberId: string; points: number; requestId: string; reason?: string | null },
) {
  const actor = requireMerchant(caller);
  const id = requestId(input.requestId);
  const reason = input.reason ? requiredText("reason", input.reason, 200) : undefined;
  return moveWithRequest(
    deps,
    actor,
    input.memberId,
    {
      scope: "points",
      id,
      fingerprint: fingerprint({ operation: "redeemPoints", memberId: input.memberId, points: input.points, reason }),
    },
    (account, ctx) => spendPoints(account, input.points, "redeem", `request:${id}`, ctx, reason),
  );
}

/** A staff adjustment (owners and managers) with a required reason; positive adds a lot, negative spends. */
export async function adjustPoints(
  deps: Deps,
  caller: Caller,
  input: { memberId: string; points: number; reason: string; requestId: string },
) {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const id = requestId(input.requestId);
  const reason = requiredText("reason", input.reason, 200);
  if (!Number.isSafeInteger(input.points) || input.points === 0 || Math.abs(input.points) > 10_000_000)
    throw new ValidationError("points", "points must be a whole number, not 0");
  return moveWithRequest(
    deps,
    staff,
    input.memberId,
    {
      scope: "points",
      id,
      fingerprint: fingerprint({ operation: "adjustPoints", memberId: input.memberId, points: input.points, reason }),
    },
    (account, ctx) =>
      input.points > 0
        ? grantPoints(account, input.points, `adjust:${id}`, ctx, reason)
        : spendPoints(account, -input.points, "adjust", `adjust:${id}`, ctx, reason),
  );
}

/** Expire a member's lots past expiry as of a date (the daily job's core step; safe to run twice). */
export async function expireMemberPoints(deps: Deps, caller: Caller, memberId: string, asOf: string) {
  const actor = requireMerchant(caller);
  const day = asOf.slice(0, 10);
  for (const retry = retries(); await retry.next();) {
    const { account, ctx } = await load(deps, actor, memberId);
    const result = expirePoints(account, asOf, ctx);
    if (!result.entry) return { expired: 0, account: accountView(account, ctx.ladder, ctx.now) };
    const outcome = await repo.writeAccountChange(
      deps.db,
      {
        scope: "expiry",
        id: `${memberId}:${day}:${account.version}`,
        fingerprint: fingerprint({ operation: "expiry", memberId, day }),
        result: { entry: result.entry },
      },
      { before: account, after: result.account, entries: [result.entry], events: [] },
    );
    if (outcome === "written")
      return { expired: -result.entry.points, account: accountView(result.account, ctx.ladder, ctx.now) };
  }
  throw busy();
}

/** The periodic tier review: the tier the rolling window's growth earns (never below a manual floor). */
export async function reviewMemberTier(deps: Deps, caller: Caller, memberId: string, asOf: string) {
  const actor = requireMerchant(caller);
  for (const retry = retries(); await retry.next();) {
    const { account, ctx } = await load(deps, actor, memberId);
    const from = `${addDays(asOf.slice(0, 10), -ctx.ladder.reviewWindowDays)}T00:00:00.000Z`;
    const windowGrowth = await repo.growthBetween(deps.db, actor.merchantId, memberId, from, asOf);
    const tier = tierAtReview(ctx.ladder, windowGrowth, account.manualTierId);
    if (tier.id === account.tierId) return { tierId: tier.id, changed: false, windowGrowth };
    // From now on upgrades count the window's growth and what is earned after, not the lifetime total.
    const after = {
      ...account,
      tierId: tier.id,
      tierGrowthOffset: account.growth - windowGrowth,
      version: account.version + 1,
    };
    const events = [
      event(deps, actor.merchantId, "TierChanged", {
        memberId,
        from: account.tierId,
        to: tier.id,
        reason: "review",
        windowGrowth,
      }),
    ];
    const outcome = await repo.writeAccountChange(deps.db, undefined, { before: account, after, entries: [], events });
    if (outcome === "written") return { tierId: tier.id, changed: true, windowGrowth };
  }
  throw busy();
}

export async function memberLedger(
  deps: Deps,
  caller: Caller,
  memberId: string,
  first?: number | null,
  after?: string | null,
): Promise<Page<LedgerEntry>> {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listLedger(deps.db, actor.merchantId, memberId, pageSize(first), after);
}

export async function memberOrders(
  deps: Deps,
  caller: Caller,
  memberId: string,
  first?: number | null,
  after?: string | null,
): Promise<Page<Order>> {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listOrders(deps.db, actor.merchantId, memberId, pageSize(first), after);
}

export async function getOrder(deps: Deps, caller: Caller, orderId: string): Promise<Order> {
  const actor = requireMerchant(caller);
  const order = await repo.getOrder(deps.db, actor.merchantId, requiredText("orderId", orderId, 64));
  if (!order) throw new NotFoundError("Order", orderId);
  await getMember(deps, actor, order.memberId);
  return order;
}

/** Owner: change the check-in rules. */
export async function updateCheckinRules(
  deps: Deps,
  caller: Caller,
  input: Partial<CheckinRules>,
): Promise<repo.LoyaltyConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await loyaltyConfig(deps, caller);
  const config = {
    ...current,
    checkin: parseCheckinRules(input, current.checkin ?? DEFAULT_CHECKIN),
    updatedAt: deps.clock.now(),
  };
  await repo.putLoyaltyConfig(deps.db, owner.merchantId, config);
  return config;
}

export interface CheckinResult {
  date: string;
  streak: number;
  points: number;
  bonus: number;
  created: boolean;
  account: AccountView;
}

/** Check in once per local date; a double tap (or a race of taps) is one check-in. */
export async function checkInMember(deps: Deps, caller: Caller, memberId: string): Promise<CheckinResult> {
  const actor = requireMerchant(caller);
  for (const retry = retries(); await retry.next();) {
    const loaded = await load(deps, actor, memberId);
    const { account, ctx } = loaded;
    const rules = loaded.config?.checkin ?? DEFAULT_CHECKIN;
    if (!rules.enabled) throw new ValidationError("checkin", "Check-in is switched off for this merchant");
    const today = localDate(ctx.now, ctx.timeZone);
    const earlier = await repo.getCheckin(deps.db, actor.merchantId, memberId, today);
    if (earlier) {
      // Read the account again: it was written with the check-in, perhaps after our first read.
      const now = await load(deps, actor, memberId);
      return {
        ...(earlier.result as Omit<CheckinResult, "created" | "account">),
        created: false,
        account: accountView(now.account, now.ctx.ladder, now.ctx.now),
      };
    }
    const step = checkIn(account.checkin, today, rules);
    const granted =
      step.points > 0
        ? grantPoints(
            account,
            step.points,
            `checkin:${today}`,
            ctx,
            step.bonus ? `签到第${step.state.streak}天 +${step.bonus}` : "签到",
            "checkin",
          )
        : { account: { ...account, version: account.version + 1 }, entry: undefined };
    const after: MemberAccount = {
      ...granted.account,
      checkin: step.state,
      growth: account.growth + step.growth,
      tierId: tierAfterEarning(ctx.ladder, account.tierId, tierGrowth(account, step.growth), account.manualTierId).id,
    };
    const result = { date: today, streak: step.state.streak, points: step.points, bonus: step.bonus };
    const events = [event(deps, actor.merchantId, "CheckedIn", { memberId, ...result })];
    if (after.tierId !== account.tierId)
      events.push(
        event(deps, actor.merchantId, "TierChanged", {
          memberId,
          from: account.tierId,
          to: after.tierId,
          reason: "growth",
        }),
      );
    const outcome = await repo.writeCheckin(deps.db, today, result, {
      before: account,
      after,
      entries: granted.entry ? [granted.entry] : [],
      events,
    });
    if (outcome === "written") return { ...result, created: true, account: accountView(after, ctx.ladder, ctx.now) };
  }
  throw busy();
}

export async function listRewards(deps: Deps, caller: Caller, first?: number | null, after?: string | null) {
  const actor = requireMerchant(caller);
  return repo.listRewards(deps.db, actor.merchantId, pageSize(first), after);
}

/** One reward of the caller's merchant; NOT_FOUND for an id it does not have (another merchant's included). */
export async function getReward(deps: Deps, caller: Caller, id: string): Promise<Reward> {
  const actor = requireMerchant(caller);
  const reward = await repo.getReward(deps.db, actor.merchantId, requiredText("id", id, 64));
  if (!reward) throw new NotFoundError("Reward", id);
  return reward;
}

/** The template a reward names, in its input or as it stands, is the merchant's. */
async function assertRewardTemplate(deps: Deps, merchantId: string, reward: Reward, input: RewardInput) {
  await checkTemplateIds(deps, merchantId, refs("couponTemplateId", input.couponTemplateId ?? reward.couponTemplateId));
}

export async function createReward(deps: Deps, caller: Caller, input: RewardInput): Promise<Reward> {
  const owner = requireStaff(caller, ["owner"]);
  const now = deps.clock.now();
  const reward = parseReward(input, {
    id: deps.ids.code(8).toLowerCase(),
    merchantId: owner.merchantId,
    kind: "gift",
    stock: null,
    perMemberLimit: null,
    status: "active",
    createdAt: now,
    updatedAt: now,
  });
  await assertRewardTemplate(deps, owner.merchantId, reward, input);
  await repo.putReward(deps.db, reward);
  return reward;
}

export async function updateReward(deps: Deps, caller: Caller, id: string, input: RewardInput): Promise<Reward> {
  const owner = requireStaff(caller, ["owner"]);
  return editWithRetry(
    "Reward",
    id,
    () => repo.getReward(deps.db, owner.merchantId, id, true),
    async (current) => {
      const next = parseReward(input, { ...current, updatedAt: deps.clock.now() });
      await assertRewardTemplate(deps, owner.merchantId, next, input);
      return next;
    },
    (next, current) => repo.putReward(deps.db, next, { updatedAt: current.updatedAt, stock: current.stock }),
  );
}

/** Buy a reward with points: stock never oversold, balance never overdrawn, idempotent by request id. */
export async function redeemReward(
  deps: Deps,
  caller: Caller,
  input: { memberId: string; rewardId: string; requestId: string },
) {
  const actor = requireMerchant(caller);
  const id = requestId(input.requestId);
  const request = {
    scope: "reward",
    id,
    fingerprint: fingerprint({ operation: "redeemReward", memberId: input.memberId, rewardId: input.rewardId }),
  };
  const replay = async () => {
    const seen = await repo.getRequest(deps.db, actor.merchantId, request.scope, id);
    if (!seen) return undefined;
    assertSameRequest("requestId", id, seen.fingerprint, request.fingerprint);
    const { account, ctx } = await load(deps, actor, input.memberId);
    return {
      redemption: (seen.result as { redemption: repo.Redemption }).redemption,
      account: accountView(account, ctx.ladder, ctx.now),
      created: false,
    };
  };
  const first = await replay();
  if (first) return first;
  for (const retry = retries(); await retry.next();) {
    const reward = await repo.getReward(deps.db, actor.merchantId, input.rewardId, true);
    if (!reward) throw new NotFoundError("Reward", input.rewardId);
    if (reward.status !== "active") throw new ValidationError("rewardId", `${reward.name} is paused`);
    if (reward.stock !== null && reward.stock < 1)
      throw new ConflictError(`${reward.name} is out of stock`, { field: "rewardId", reason: "OUT_OF_STOCK" });
    const loaded = await load(deps, actor, input.memberId);
    const { account, ctx } = loaded;
    const spent = spendPoints(account, reward.pointsCost, "reward", `reward:${reward.id}:${id}`, ctx, reward.name);
    const redemption: repo.Redemption = {
      id: deps.ids.id(),
      memberId: input.memberId,
      rewardId: reward.id,
      rewardName: reward.name,
      points: reward.pointsCost,
      at: ctx.now,
      requestId: id,
    };
    let issue: Write[] = [];
    if (reward.kind === "coupon") {
      const template = await couponRepo.getTemplate(deps.db, actor.merchantId, reward.couponTemplateId!, true);
      if (!hasStock(template, ctx.now))
        throw new ConflictError(`${reward.name}: its coupons are not available any more`, {
          field: "rewardId",
          reason: "OUT_OF_STOCK",
        });
      const issued = issueWithin(
        deps,
        template,
        [{ id: input.memberId, homeStoreId: loaded.member?.homeStoreId }],
        timeZoneOf(loaded.merchant),
        "reward",
        `reward:${reward.id}:${id}`,
      );
      redemption.couponCode = issued.coupons[0].code;
      issue = issued.items;
    }
    const events = [
      event(deps, actor.merchantId, "RewardRedeemed", {
        memberId: input.memberId,
        rewardId: reward.id,
        points: reward.pointsCost,
        redemptionId: redemption.id,
        couponCode: redemption.couponCode ?? null,
      }),
    ];
    const outcome = await repo.writeRewardRedemption(
      deps.db,
      reward,
      redemption,
      request,
      { before: account, after: spent.account, entries: [spent.entry], events },
      issue,
    );
    if (outcome === "written")
      return { redemption, account: accountView(spent.account, ctx.ladder, ctx.now), created: true };
    if (outcome === "duplicate") return (await replay())!;
    // "coupon-out": the template ran out or changed since read; the next round re-reads it.
    if (outcome === "limit")
      throw new ConflictError(
        `This member already took ${reward.name} ${reward.perMemberLimit} time(s), the most allowed`,
        { field: "rewardId", reason: "LIMIT_REACHED" },
      );
  }
  throw busy();
}

export async function memberRedemptions(
  deps: Deps,
  caller: Caller,
  memberId: string,
  first?: number | null,
  after?: string | null,
) {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listRedemptions(deps.db, actor.merchantId, memberId, pageSize(first), after);
}

/** Owner: grant a tier by hand (a floor the member never drops below), or remove the floor with null. */
export async function setManualTier(deps: Deps, caller: Caller, memberId: string, tierId: string | null) {
  const owner = requireStaff(caller, ["owner"]);
  for (const retry = retries(); await retry.next();) {
    const { account, ctx } = await load(deps, owner, memberId);
    if (tierId !== null && !ctx.ladder.tiers.some((tier) => tier.id === tierId))
      throw new ValidationError("tierId", `No tier ${tierId} on the ladder`);
    const floor = tierId ?? undefined;
    const to = tierAfterEarning(
      ctx.ladder,
      floor ? account.tierId : tierAtReview(ctx.ladder, tierGrowth(account)).id,
      tierGrowth(account),
      floor,
    );
    const after: MemberAccount = {
      ...account,
      manualTierId: floor,
      tierId: floor ? to.id : account.tierId,
      version: account.version + 1,
    };
    const events =
      after.tierId !== account.tierId
        ? [
            event(deps, owner.merchantId, "TierChanged", {
              memberId,
              from: account.tierId,
              to: after.tierId,
              reason: "manual",
            }),
          ]
        : [];
    const outcome = await repo.writeAccountChange(deps.db, undefined, { before: account, after, entries: [], events });
    if (outcome === "written") return accountView(after, ctx.ladder, ctx.now);
  }
  throw busy();
}

export async function memberTierChanges(
  deps: Deps,
  caller: Caller,
  memberId: string,
  first?: number | null,
  after?: string | null,
) {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listTierChanges(deps.db, actor.merchantId, memberId, pageSize(first), after);
}
