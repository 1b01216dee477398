/**
 * Purchases, refunds and points: each movement is one transaction on the
 * member's account, idempotent by the caller's key (order id, refund id,
 * request id), retried on a concurrent change, and refused cleanly.
 */
import { createHash } from "node:crypto";
import { actorOf, assertStoreWritable, requireMerchant, requireStaff, type Caller, type MerchantCaller } from "../core/access.js";
import { ConflictError, NotFoundError, ValidationError } from "../core/errors.js";
import type { DomainEvent, Member, Page } from "../core/model.js";
import { grantPoints, newAccount, parsePurchase, purchase, refund, spendPoints, expirePoints, type Context, type LedgerEntry, type MemberAccount, type Order, type PurchaseInput } from "../core/points/account.js";
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
import { findMemberByCode, findMemberByPhone, getMember, visible } from "./members.js";

/**
 * Concurrent movements on one account are serialised by its version: a loser
 * re-reads and tries again, with jittered back-off, for up to this long
 * (well inside the API's 10 s Lambda timeout) before answering "busy".
 */
const RETRY_MS = 8_000;

/** Too many concurrent changes to one account right now: safe to retry (extensions.retryable). */
function busy() {
  return new ConflictError("The member's account is busy with other changes; try again", { retryable: true });
}

function retries() {
  const deadline = Date.now() + RETRY_MS;
  let attempt = 0;
  return {
    async next(): Promise<boolean> {
      if (attempt > 0 && Date.now() > deadline) return false;
      // Exponential back-off with full jitter: many contenders spread out instead of colliding again.
      if (attempt) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(250, 4 * 2 ** attempt)));
      attempt++;
      return true;
    },
  };
}

function event(deps: Deps, merchantId: string, type: string, detail: Record<string, unknown>): DomainEvent {
  return { id: deps.ids.id(), merchantId, type, at: deps.clock.now(), detail };
}

/** The merchant's loyalty settings, defaults until an owner changes them. */
export async function loyaltyConfig(deps: Deps, caller: Caller): Promise<repo.LoyaltyConfig> {
  const actor = requireMerchant(caller);
  const stored = await repo.getLoyaltyConfig(deps.db, actor.merchantId);
  return { rules: DEFAULT_RULES, ladder: DEFAULT_LADDER, updatedAt: "", ...stored, checkin: stored?.checkin ?? DEFAULT_CHECKIN };
}

export async function updatePointsRules(deps: Deps, caller: Caller, input: Partial<PointsRules>): Promise<repo.LoyaltyConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await loyaltyConfig(deps, caller);
  const config = { ...current, rules: parseRules(input, current.rules), updatedAt: deps.clock.now() };
  await repo.putLoyaltyConfig(deps.db, owner.merchantId, config);
  return config;
}

export async function updateTierLadder(deps: Deps, caller: Caller, input: Ladder): Promise<repo.LoyaltyConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await loyaltyConfig(deps, caller);
  const config = { ...current, ladder: parseLadder(input), updatedAt: deps.clock.now() };
  await repo.putLoyaltyConfig(deps.db, owner.merchantId, config);
  return config;
}

function contextFor(deps: Deps, caller: Caller, config: repo.LoyaltyConfig | undefined, timeZone: string | undefined): Context {
  return { rules: config?.rules ?? DEFAULT_RULES, ladder: config?.ladder ?? DEFAULT_LADDER, timeZone: timeZone ?? "Asia/Shanghai", now: deps.clock.now(), actor: actorOf(caller).actor, newId: () => deps.ids.id() };
}

/** Read a member's account with everything a movement needs; NOT_FOUND outside the caller's view. */
async function load(deps: Deps, caller: MerchantCaller, memberId: string) {
  const loaded = await repo.loadMemberContext(deps.db, caller.merchantId, memberId);
  // The same visibility rule as every member read.
  if (!visible(caller, loaded.member ? { ...loaded.member, status: loaded.member.status ?? "active" } : undefined)) throw new NotFoundError("Member", memberId);
  const ctx = contextFor(deps, caller, loaded.config, loaded.merchant.timeZone);
  const account = loaded.account ?? newAccount(caller.merchantId, memberId, ctx.ladder.tiers[0].id);
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
    nextExpiry: next ? { at: next.expiresAt, points: account.wallet.lots.filter((lot) => lot.expiresAt === next.expiresAt).reduce((s, l) => s + l.remaining, 0) } : undefined,
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
}

async function resolveMember(deps: Deps, caller: Caller, input: { memberId?: string | null; phone?: string | null; memberCode?: string | null }): Promise<Member> {
  const found = input.memberId ? ({ id: input.memberId } as Member) : input.phone ? await findMemberByPhone(deps, caller, input.phone) : input.memberCode ? await findMemberByCode(deps, caller, input.memberCode) : undefined;
  if (found === undefined) throw new ValidationError("memberId", "Give memberId, phone or memberCode");
  if (!found) throw new NotFoundError("Member", input.memberId ?? input.phone ?? input.memberCode ?? "");
  return found;
}

/**
 * Record a purchase. The order id makes it idempotent: a retry (or a race of
 * retries) returns the first result and changes nothing.
 */
export async function recordPurchase(deps: Deps, caller: Caller, input: RecordPurchaseInput): Promise<{ order: Order; account: AccountView; created: boolean }> {
  const actor = requireMerchant(caller);
  const storeId = input.storeId ?? (actor.kind === "apiKey" ? actor.storeId : actor.storeIds.length === 1 ? actor.storeIds[0] : undefined);
  if (!storeId) throw new ValidationError("storeId", "storeId is required");
  const parsed = parsePurchase({ ...input, storeId, at: input.at ?? deps.clock.now() } as PurchaseInput);
  if (parsed.at > new Date(Date.parse(deps.clock.now()) + 5 * 60_000).toISOString()) throw new ValidationError("at", "at is in the future");
  const existing = await repo.getOrder(deps.db, actor.merchantId, parsed.orderId, true);
  if (existing) return replay(deps, actor, existing, parsed);
  assertStoreWritable(actor, storeId);
  if (!(await getStore(deps.db, actor.merchantId, storeId))) throw new ValidationError("storeId", `Store ${storeId} does not exist`);
  const member = await resolveMember(deps, caller, input);

  for (const retry = retries(); await retry.next(); ) {
    const { account, ctx } = await load(deps, actor, member.id);
    const result = purchase(account, parsed, ctx);
    const events = [event(deps, actor.merchantId, "PurchaseRecorded", { orderId: parsed.orderId, memberId: member.id, storeId, total: parsed.total, points: result.order.points, growth: result.order.growth })];
    if (result.tierChanged) events.push(event(deps, actor.merchantId, "TierChanged", { memberId: member.id, ...result.tierChanged, reason: "growth" }));
    const outcome = await repo.writePurchase(deps.db, result.order, { before: account, after: result.account, entries: result.entries, events });
    if (outcome === "written") return { order: result.order, account: accountView(result.account, ctx.ladder, ctx.now), created: true };
    if (outcome === "duplicate") return replay(deps, actor, (await repo.getOrder(deps.db, actor.merchantId, parsed.orderId, true))!, parsed);
  }
  throw busy();
}

/** A retried purchase: the same order id must describe the same purchase. */
async function replay(deps: Deps, caller: MerchantCaller, order: Order, input: PurchaseInput) {
  const same = order.total === input.total && order.lines.length === input.lines.length && order.lines.every((line, i) => line.sku === input.lines[i].sku && line.qty === input.lines[i].qty);
  if (!same) throw new ConflictError(`Order ${order.id} was already recorded with different contents`, { field: "orderId" });
  const { ctx } = await load(deps, caller, order.memberId);
  return { order, account: { ...accountView(newAccount(order.merchantId, order.memberId, order.result.tierId), ctx.ladder, ctx.now), ...order.result.balance, tierId: order.result.tierId, tierName: ctx.ladder.tiers.find((t) => t.id === order.result.tierId)?.name ?? order.result.tierId } as AccountView, created: false };
}

/** Refund some or all lines of an order, idempotent by refund id. */
export async function refundOrder(deps: Deps, caller: Caller, input: { refundId: string; orderId: string; lines: { sku: string; qty: number }[] }): Promise<{ order: Order; account: AccountView; created: boolean }> {
  const actor = requireMerchant(caller);
  const refundId = requiredText("refundId", input.refundId, 64);
  const done = await repo.getRefund(deps.db, actor.merchantId, refundId);
  for (const retry = retries(); await retry.next(); ) {
    const order = await repo.getOrder(deps.db, actor.merchantId, done?.orderId ?? requiredText("orderId", input.orderId, 64), true);
    if (!order) throw new NotFoundError("Order", input.orderId);
    const { account, ctx } = await load(deps, actor, order.memberId);
    if (done || order.refunds.some((r) => r.id === refundId)) {
      if (order.id !== input.orderId) throw new ConflictError(`Refund ${refundId} belongs to order ${order.id}`, { field: "refundId" });
      return { order, account: accountView(account, ctx.ladder, ctx.now), created: false };
    }
    assertStoreWritable(actor, order.storeId);
    const result = refund(account, order, refundId, input.lines, ctx);
    const last = result.order.refunds.at(-1)!;
    const events = [event(deps, actor.merchantId, "PurchaseRefunded", { orderId: order.id, refundId, memberId: order.memberId, amount: last.amount, points: last.points, growth: last.growth })];
    const outcome = await repo.writeRefund(deps.db, order, result.order, refundId, { before: account, after: result.account, entries: result.entries, events });
    if (outcome === "written") return { order: result.order, account: accountView(result.account, ctx.ladder, ctx.now), created: true };
    if (outcome === "duplicate") return refundOrder(deps, caller, input);
  }
  throw busy();
}

function fingerprint(...parts: unknown[]) {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
}

/** Apply a points movement under a request id, with retries; a repeat of the request id returns the first result. */
async function moveWithRequest(
  deps: Deps,
  caller: MerchantCaller,
  memberId: string,
  request: { scope: string; id: string; fingerprint: string },
  move: (account: MemberAccount, ctx: Context) => { account: MemberAccount; entry: LedgerEntry },
): Promise<{ entry: LedgerEntry; account: AccountView; created: boolean }> {
  const replayed = async () => {
    const seen = await repo.getRequest(deps.db, caller.merchantId, request.scope, request.id);
    if (!seen) return undefined;
    if (seen.fingerprint !== request.fingerprint) throw new ConflictError(`Request ${request.id} was already used for a different request`, { field: "requestId" });
    const { account, ctx } = await load(deps, caller, memberId);
    return { entry: (seen.result as { entry: LedgerEntry }).entry, account: accountView(account, ctx.ladder, ctx.now), created: false };
  };
  const first = await replayed();
  if (first) return first;
  for (const retry = retries(); await retry.next(); ) {
    const { account, ctx } = await load(deps, caller, memberId);
    const result = move(account, ctx);
    const events = [event(deps, caller.merchantId, "PointsChanged", { memberId, type: result.entry.type, points: result.entry.points, ref: result.entry.ref })];
    const outcome = await repo.writeAccountChange(deps.db, { ...request, result: { entry: result.entry } }, { before: account, after: result.account, entries: [result.entry], events });
    if (outcome === "written") return { entry: result.entry, account: accountView(result.account, ctx.ladder, ctx.now), created: true };
    if (outcome === "duplicate") return (await replayed())!;
  }
  throw busy();
}

function requestId(value: unknown): string {
  const id = requiredText("requestId", value, 64);
  if (!/^[\w.:@/-]+$/.test(id)) throw new ValidationError("requestId", "requestId may use letters, digits and . _ : @ / -");
  return id;
}

/** Redeem points (storefront or staff), idempotent by request id; never overdraws. */
export async function redeemPoints(deps: Deps, caller: Caller, input: { memberId: string; points: number; requestId: string; reason?: string | null }) {
  const actor = requireMerchant(caller);
  const id = requestId(input.requestId);
  const reason = input.reason ? requiredText("reason", input.reason, 200) : undefined;
  return moveWithRequest(deps, actor, input.memberId, { scope: "points", id, fingerprint: fingerprint("redeem", input.memberId, input.points) }, (account, ctx) => spendPoints(account, input.points, "redeem", `request:${id}`, ctx, reason));
}

/** A staff adjustment (owners and managers) with a required reason; positive adds a lot, negative spends. */
export async function adjustPoints(deps: Deps, caller: Caller, input: { memberId: string; points: number; reason: string; requestId: string }) {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const id = requestId(input.requestId);
  const reason = requiredText("reason", input.reason, 200);
  if (!Number.isSafeInteger(input.points) || input.points === 0 || Math.abs(input.points) > 10_000_000) throw new ValidationError("points", "points must be a whole number, not 0");
  return moveWithRequest(deps, staff, input.memberId, { scope: "points", id, fingerprint: fingerprint("adjust", input.memberId, input.points) }, (account, ctx) =>
    input.points > 0 ? grantPoints(account, input.points, `adjust:${id}`, ctx, reason) : spendPoints(account, -input.points, "adjust", `adjust:${id}`, ctx, reason),
  );
}

/** Expire a member's lots past expiry as of a date (the daily job's core step; safe to run twice). */
export async function expireMemberPoints(deps: Deps, caller: Caller, memberId: string, asOf: string) {
  const actor = requireMerchant(caller);
  const day = asOf.slice(0, 10);
  for (const retry = retries(); await retry.next(); ) {
    const { account, ctx } = await load(deps, actor, memberId);
    const result = expirePoints(account, asOf, ctx);
    if (!result.entry) return { expired: 0, account: accountView(account, ctx.ladder, ctx.now) };
    const outcome = await repo.writeAccountChange(deps.db, { scope: "expiry", id: `${memberId}:${day}:${account.version}`, fingerprint: "expiry", result: { entry: result.entry } }, { before: account, after: result.account, entries: [result.entry], events: [] });
    if (outcome === "written") return { expired: -result.entry.points, account: accountView(result.account, ctx.ladder, ctx.now) };
  }
  throw busy();
}

/** The periodic tier review: the tier the rolling window's growth earns (never below a manual floor). */
export async function reviewMemberTier(deps: Deps, caller: Caller, memberId: string, asOf: string) {
  const actor = requireMerchant(caller);
  for (const retry = retries(); await retry.next(); ) {
    const { account, ctx } = await load(deps, actor, memberId);
    const from = `${addDays(asOf.slice(0, 10), -ctx.ladder.reviewWindowDays)}T00:00:00.000Z`;
    const windowGrowth = await repo.growthBetween(deps.db, actor.merchantId, memberId, from, asOf);
    const tier = tierAtReview(ctx.ladder, windowGrowth, account.manualTierId);
    if (tier.id === account.tierId) return { tierId: tier.id, changed: false, windowGrowth };
    const after = { ...account, tierId: tier.id, version: account.version + 1 };
    const events = [event(deps, actor.merchantId, "TierChanged", { memberId, from: account.tierId, to: tier.id, reason: "review", windowGrowth })];
    const outcome = await repo.writeAccountChange(deps.db, undefined, { before: account, after, entries: [], events });
    if (outcome === "written") return { tierId: tier.id, changed: true, windowGrowth };
  }
  throw busy();
}

export async function memberLedger(deps: Deps, caller: Caller, memberId: string, first?: number | null, after?: string | null): Promise<Page<LedgerEntry>> {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listLedger(deps.db, actor.merchantId, memberId, pageSize(first), after);
}

export async function memberOrders(deps: Deps, caller: Caller, memberId: string, first?: number | null, after?: string | null): Promise<Page<Order>> {
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
export async function updateCheckinRules(deps: Deps, caller: Caller, input: Partial<CheckinRules>): Promise<repo.LoyaltyConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await loyaltyConfig(deps, caller);
  const config = { ...current, checkin: parseCheckinRules(input, current.checkin ?? DEFAULT_CHECKIN), updatedAt: deps.clock.now() };
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
  for (const retry = retries(); await retry.next(); ) {
    const loaded = await load(deps, actor, memberId);
    const { account, ctx } = loaded;
    const rules = loaded.config?.checkin ?? DEFAULT_CHECKIN;
    if (!rules.enabled) throw new ValidationError("checkin", "Check-in is switched off for this merchant");
    const today = localDate(ctx.now, ctx.timeZone);
    const earlier = await repo.getCheckin(deps.db, actor.merchantId, memberId, today);
    if (earlier) {
      // Read the account again: it was written with the check-in, perhaps after our first read.
      const now = await load(deps, actor, memberId);
      return { ...(earlier.result as Omit<CheckinResult, "created" | "account">), created: false, account: accountView(now.account, now.ctx.ladder, now.ctx.now) };
    }
    const step = checkIn(account.checkin, today, rules);
    const granted = step.points > 0 ? grantPoints(account, step.points, `checkin:${today}`, ctx, step.bonus ? `签到第${step.state.streak}天 +${step.bonus}` : "签到", "checkin") : { account: { ...account, version: account.version + 1 }, entry: undefined };
    const after: MemberAccount = { ...granted.account, checkin: step.state, growth: account.growth + step.growth, tierId: tierAfterEarning(ctx.ladder, account.tierId, account.growth + step.growth, account.manualTierId).id };
    const result = { date: today, streak: step.state.streak, points: step.points, bonus: step.bonus };
    const events = [event(deps, actor.merchantId, "CheckedIn", { memberId, ...result })];
    if (after.tierId !== account.tierId) events.push(event(deps, actor.merchantId, "TierChanged", { memberId, from: account.tierId, to: after.tierId, reason: "growth" }));
    const outcome = await repo.writeCheckin(deps.db, today, result, { before: account, after, entries: granted.entry ? [granted.entry] : [], events });
    if (outcome === "written") return { ...result, created: true, account: accountView(after, ctx.ladder, ctx.now) };
  }
  throw busy();
}

export async function listRewards(deps: Deps, caller: Caller, first?: number | null, after?: string | null) {
  const actor = requireMerchant(caller);
  return repo.listRewards(deps.db, actor.merchantId, pageSize(first), after);
}

export async function createReward(deps: Deps, caller: Caller, input: RewardInput): Promise<Reward> {
  const owner = requireStaff(caller, ["owner"]);
  const now = deps.clock.now();
  const reward = parseReward(input, { id: deps.ids.code(8).toLowerCase(), merchantId: owner.merchantId, kind: "gift", stock: null, perMemberLimit: null, status: "active", createdAt: now, updatedAt: now });
  await repo.putReward(deps.db, reward);
  return reward;
}

export async function updateReward(deps: Deps, caller: Caller, id: string, input: RewardInput): Promise<Reward> {
  const owner = requireStaff(caller, ["owner"]);
  for (const retry = retries(); await retry.next(); ) {
    const current = await repo.getReward(deps.db, owner.merchantId, id, true);
    if (!current) throw new NotFoundError("Reward", id);
    const next = parseReward(input, { ...current, updatedAt: deps.clock.now() });
    if (await repo.putReward(deps.db, next, current.updatedAt)) return next;
  }
  throw busy();
}

/** Buy a reward with points: stock never oversold, balance never overdrawn, idempotent by request id. */
export async function redeemReward(deps: Deps, caller: Caller, input: { memberId: string; rewardId: string; requestId: string }) {
  const actor = requireMerchant(caller);
  const id = requestId(input.requestId);
  const request = { scope: "reward", id, fingerprint: fingerprint("reward", input.memberId, input.rewardId) };
  const replay = async () => {
    const seen = await repo.getRequest(deps.db, actor.merchantId, request.scope, id);
    if (!seen) return undefined;
    if (seen.fingerprint !== request.fingerprint) throw new ConflictError(`Request ${id} was already used for a different request`, { field: "requestId" });
    const { account, ctx } = await load(deps, actor, input.memberId);
    return { redemption: (seen.result as { redemption: repo.Redemption }).redemption, account: accountView(account, ctx.ladder, ctx.now), created: false };
  };
  const first = await replay();
  if (first) return first;
  for (const retry = retries(); await retry.next(); ) {
    const reward = await repo.getReward(deps.db, actor.merchantId, input.rewardId, true);
    if (!reward) throw new NotFoundError("Reward", input.rewardId);
    if (reward.status !== "active") throw new ValidationError("rewardId", `${reward.name} is paused`);
    if (reward.stock !== null && reward.stock < 1) throw new ConflictError(`${reward.name} is out of stock`, { field: "rewardId", reason: "OUT_OF_STOCK" });
    const { account, ctx } = await load(deps, actor, input.memberId);
    const spent = spendPoints(account, reward.pointsCost, "reward", `reward:${reward.id}:${id}`, ctx, reward.name);
    const redemption: repo.Redemption = { id: deps.ids.id(), memberId: input.memberId, rewardId: reward.id, rewardName: reward.name, points: reward.pointsCost, at: ctx.now, requestId: id };
    const events = [event(deps, actor.merchantId, "RewardRedeemed", { memberId: input.memberId, rewardId: reward.id, points: reward.pointsCost, redemptionId: redemption.id })];
    const outcome = await repo.writeRewardRedemption(deps.db, reward, redemption, request, { before: account, after: spent.account, entries: [spent.entry], events });
    if (outcome === "written") return { redemption, account: accountView(spent.account, ctx.ladder, ctx.now), created: true };
    if (outcome === "duplicate") return (await replay())!;
    if (outcome === "limit") throw new ConflictError(`This member already took ${reward.name} ${reward.perMemberLimit} time(s), the most allowed`, { field: "rewardId", reason: "LIMIT_REACHED" });
  }
  throw busy();
}

export async function memberRedemptions(deps: Deps, caller: Caller, memberId: string, first?: number | null, after?: string | null) {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listRedemptions(deps.db, actor.merchantId, memberId, pageSize(first), after);
}

/** Owner: grant a tier by hand (a floor the member never drops below), or remove the floor with null. */
export async function setManualTier(deps: Deps, caller: Caller, memberId: string, tierId: string | null) {
  const owner = requireStaff(caller, ["owner"]);
  for (const retry = retries(); await retry.next(); ) {
    const { account, ctx } = await load(deps, owner, memberId);
    if (tierId !== null && !ctx.ladder.tiers.some((tier) => tier.id === tierId)) throw new ValidationError("tierId", `No tier ${tierId} on the ladder`);
    const floor = tierId ?? undefined;
    const to = tierAfterEarning(ctx.ladder, floor ? account.tierId : tierAtReview(ctx.ladder, account.growth).id, account.growth, floor);
    const after: MemberAccount = { ...account, manualTierId: floor, tierId: floor ? to.id : account.tierId, version: account.version + 1 };
    const events = after.tierId !== account.tierId ? [event(deps, owner.merchantId, "TierChanged", { memberId, from: account.tierId, to: after.tierId, reason: "manual" })] : [];
    const outcome = await repo.writeAccountChange(deps.db, undefined, { before: account, after, entries: [], events });
    if (outcome === "written") return accountView(after, ctx.ladder, ctx.now);
  }
  throw busy();
}

export async function memberTierChanges(deps: Deps, caller: Caller, memberId: string, first?: number | null, after?: string | null) {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listTierChanges(deps.db, actor.merchantId, memberId, pageSize(first), after);
}
