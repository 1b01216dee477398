/**
 * Loyalty storage: the merchant's rules, each member's account (one item, so
 * every points movement is one conditional write on it), ledger entries,
 * orders and idempotency records. Every movement is one transaction.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { DomainEvent, Merchant, Page } from "../core/model.js";
import type { LedgerEntry, MemberAccount, Order } from "../core/points/account.js";
import type { PointsRules } from "../core/points/rules.js";
import type { CheckinRules } from "../core/points/checkin.js";
import type { Reward } from "../core/points/rewards.js";
import type { Ladder } from "../core/points/tiers.js";
import type { ReferralRules } from "../core/referral.js";
import type { Campaign } from "../core/campaigns.js";
import type { RfmThresholds, TagRule } from "../core/segments.js";
import type { SvRules } from "../core/storedValue.js";
import { batchGet, cancellationCodes, type Db } from "./db.js";
import { plain, transact, type Write } from "./transaction.js";
import { holdKey } from "./coupons.js";
import { exposuresFrom } from "./holdout.js";
import { counters, entities, type Redemption, type TierChange } from "./entities.js";
import { defineEntity, mustBeNew } from "./entity.js";

export type { Redemption, TierChange } from "./entities.js";
import { indexKeys, keys } from "./keys.js";
import { partitionPages, queryAll, queryPage } from "./query.js";
import { accountDelta, orderDelta } from "../core/stats.js";
import type { StatsNote } from "./stats.js";

type TransactItem = Parameters<typeof transact>[1][number];

export interface LoyaltyConfig {
  rules: PointsRules;
  ladder: Ladder;
  checkin?: CheckinRules;
  storedValue?: SvRules;
  referral?: ReferralRules;
  /** Coupon templates every new member gets (注册有礼). */
  welcomeTemplateIds?: string[];
  /** Give coupons back when an order that used them is refunded in full. */
  restoreCouponsOnFullRefund?: boolean;
  /** RFM thresholds and tag rules (tag rules run after each purchase, so they ride along here). */
  segmentation?: { rfm: RfmThresholds; tagRules: TagRule[]; updatedAt: string };
  /** Points multipliers of active campaigns (member days), copied here by the campaigns so a purchase reads no more. */
  campaignBoosts?: { id: string; schedule: Campaign["schedule"]; multiplier: number }[];
  updatedAt: string;
}

/** A merchant's loyalty settings: points rules, tier ladder and what rides along with them. */
export const loyaltyConfig = defineEntity<LoyaltyConfig, string>({
  name: "loyaltyConfig",
  key: (_, merchantId) => keys.loyaltyConfig(merchantId),
});

export async function getLoyaltyConfig(db: Db, merchantId: string): Promise<LoyaltyConfig | undefined> {
  const result = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.loyaltyConfig(merchantId) }));
  return result.Item ? loyaltyConfig.from(result.Item) : undefined;
}

export async function putLoyaltyConfig(db: Db, merchantId: string, config: LoyaltyConfig): Promise<void> {
  await db.client.send(new PutCommand(loyaltyConfig.put(db, config, merchantId).Put!));
}

/** What a movement reads besides the member, its account and the merchant's settings. */
export interface ContextWants {
  /** Coupons by code (the ones found come back in `coupons`). */
  couponCodes?: string[];
  /** The member's referral, if they were referred. */
  referral?: boolean;
  /** A store, to check it is the merchant's. */
  storeId?: string;
  /** A checkout hold's record. */
  holdId?: string;
  /** The programs that acted on the member lately (a purchase attributes itself to them). */
  exposures?: boolean;
}

/**
 * Everything a movement on a member needs, in one BatchGetItem (consistent):
 * the merchant, its loyalty settings, the member, the account, and what `wants` names.
 */
export async function loadMemberContext(db: Db, merchantId: string, memberId: string, wants: ContextWants = {}) {
  const named = {
    merchant: keys.merchant(merchantId),
    config: keys.loyaltyConfig(merchantId),
    member: keys.member(merchantId, memberId),
    account: keys.account(merchantId, memberId),
    referral: wants.referral ? keys.referral(merchantId, memberId) : undefined,
    store: wants.storeId ? keys.store(merchantId, wants.storeId) : undefined,
    hold: wants.holdId ? holdKey(merchantId, wants.holdId) : undefined,
    exposures: wants.exposures ? keys.exposures(merchantId, memberId) : undefined,
  };
  const couponKeys = (wants.couponCodes ?? []).map((code) => keys.coupon(merchantId, code));
  const wanted = Object.values(named).filter((key) => key !== undefined);
  const items = await batchGet(db, [...wanted, ...couponKeys], true);
  const find = <T>(key: { pk: string; sk: string } | undefined, from: (item: Record<string, unknown>) => T) => {
    const item = key && items.find((found) => found.pk === key.pk && found.sk === key.sk);
    return item ? from(item) : undefined;
  };
  return {
    merchant: find(named.merchant, entities.merchant.from) ?? ({} as Merchant),
    config: find(named.config, loyaltyConfig.from),
    member: find(named.member, entities.member.from),
    account: find(named.account, entities.account.from),
    referral: find(named.referral, entities.referral.from),
    store: find(named.store, entities.store.from),
    hold: find(named.hold, (item) => entities.request.from(item) as { fingerprint: Record<string, string> }),
    exposures: wants.exposures
      ? exposuresFrom(
          find(named.exposures, (item) => item),
          merchantId,
          memberId,
        )
      : undefined,
    /** The coupons asked for that exist, by code. */
    coupons: new Map(
      couponKeys
        .flatMap((key) => find(key, entities.coupon.from) ?? [])
        .map((coupon) => [coupon.code, coupon] as const),
    ),
  };
}

export async function getAccount(
  db: Db,
  merchantId: string,
  memberId: string,
  consistent = false,
): Promise<MemberAccount | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.account(merchantId, memberId), ConsistentRead: consistent }),
  );
  return result.Item ? entities.account.from(result.Item) : undefined;
}

/** Accounts of many members (those that have one), 100 a request. */
export async function getAccounts(db: Db, merchantId: string, memberIds: string[]): Promise<MemberAccount[]> {
  const items = memberIds.length
    ? await batchGet(
        db,
        [...new Set(memberIds)].map((id) => keys.account(merchantId, id)),
      )
    : [];
  return items.map((item) => entities.account.from(item));
}

/** What many members' account views need, in one BatchGetItem (per 100 keys): merchant, loyalty settings, accounts. */
export async function loadAccountsContext(db: Db, merchantId: string, memberIds: string[]) {
  const merchantKey = keys.merchant(merchantId);
  const configKey = keys.loyaltyConfig(merchantId);
  const accountKeys = [...new Set(memberIds)].map((id) => keys.account(merchantId, id));
  const items = await batchGet(db, [merchantKey, configKey, ...accountKeys]);
  const at = (key: { pk: string; sk: string }) => items.find((item) => item.pk === key.pk && item.sk === key.sk);
  const merchant = at(merchantKey);
  const config = at(configKey);
  return {
    timeZone: merchant ? entities.merchant.from(merchant).timeZone : undefined,
    config: config ? loyaltyConfig.from(config) : undefined,
    accounts: accountKeys.flatMap((key) => [at(key)].filter((item) => item !== undefined)).map(entities.account.from),
  };
}

/** Move an account to a lifecycle stage, only if the member has not visited since it was read. Label: account. */
export function stageUpdate(db: Db, account: MemberAccount, stage: string): Write {
  return {
    label: "account",
    item: {
      Update: {
        TableName: db.tableName,
        Key: keys.account(account.merchantId, account.memberId),
        UpdateExpression: "SET stage = :s",
        ConditionExpression: "lastVisitAt = :lv",
        ExpressionAttributeValues: { ":s": stage, ":lv": account.lastVisitAt },
      },
    },
  };
}

/** An account as stored (exported for bulk loaders such as the bench). */
export const accountItem = (account: MemberAccount) => entities.account.item(account);

/** When a movement happens: its newest ledger entry or event, else now. */
function changedAt(change: AccountChange): string {
  return (
    [...change.entries.map((entry) => entry.at), ...change.events.map((event) => event.at)].sort().at(-1) ??
    change.at ??
    new Date().toISOString()
  );
}

/** What an account change adds to the dashboard: counted at the stored store before, the home store after. */
function accountStats(change: AccountChange): StatsNote {
  const { before, after } = change;
  const delta = accountDelta(before, after, (account) =>
    account === before ? (before.statsStoreId ?? before.homeStoreId) : account.homeStoreId,
  );
  return { merchantId: after.merchantId, at: changedAt(change), timeZone: after.timeZone, delta };
}

function accountWrite(db: Db, before: MemberAccount, after: MemberAccount): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: entities.account.item(after),
      ConditionExpression: before.version === 0 ? "attribute_not_exists(pk)" : "version = :v",
      ExpressionAttributeValues: before.version === 0 ? undefined : { ":v": before.version },
    },
  };
}

/**
 * A new account's copy of its member's contact holds only while the member is the version it was taken
 * from, so the copy is never staler than the member (a member change meanwhile makes the write stale).
 */
function contactBasis(db: Db, before: MemberAccount, after: MemberAccount): TransactItem | undefined {
  if (before.version !== 0 || !after.contact) return undefined;
  return {
    ConditionCheck: {
      TableName: db.tableName,
      Key: keys.member(after.merchantId, after.memberId),
      ConditionExpression: "version = :v",
      ExpressionAttributeValues: { ":v": after.contact.version },
    },
  };
}

function entryPuts(db: Db, merchantId: string, entries: LedgerEntry[]): TransactItem[] {
  return entries.map((entry) => entities.ledgerEntry.put(db, entry, merchantId));
}

/** Events, plus a tier-history item in the member's partition for every TierChanged. */
function eventPuts(db: Db, events: DomainEvent[]): TransactItem[] {
  return events.flatMap((event) => {
    const put = entities.event.put(db, event);
    if (event.type !== "TierChanged") return [put];
    const detail = event.detail as { memberId: string; from: string; to: string; reason: string };
    const context = { merchantId: event.merchantId, eventId: event.id };
    return [put, entities.tierChange.put(db, { at: event.at, ...detail }, context)];
  });
}

/**
 * An order, new (its id must be unused) or replacing the version read (same
 * number of refunds), written at `at` (the dashboard's day). Label: order.
 */
export function orderPut(db: Db, order: Order, at: string, before?: Order): Write {
  const item: TransactItem = before
    ? {
        Put: {
          TableName: db.tableName,
          Item: entities.order.item(order),
          ConditionExpression: "size(refunds) = :n",
          ExpressionAttributeValues: { ":n": before.refunds.length },
        },
      }
    : entities.order.put(db, order, undefined, mustBeNew);
  return { label: "order", item, stats: { merchantId: order.merchantId, at, delta: orderDelta(before, order) } };
}

/** One account's change as named transaction items: account (label `${name}`), its ledger entries and events. */
export function changeItems(db: Db, change: AccountChange, name = "account"): Write[] {
  const basis = contactBasis(db, change.before, change.after);
  return [
    { label: name, item: accountWrite(db, change.before, change.after), stats: accountStats(change) },
    ...entryPuts(db, change.after.merchantId, change.entries).map((item) => ({ label: "entry", item })),
    ...eventPuts(db, change.events).map((item) => ({ label: "event", item })),
    ...(basis ? [{ label: name, item: basis }] : []),
  ];
}

export interface AccountChange {
  before: MemberAccount;
  after: MemberAccount;
  entries: LedgerEntry[];
  events: DomainEvent[];
  /** When it happens, for a change without entries or events (else the newest of those). */
  at?: string;
}

/**
 * One movement: the leading items (idempotency records, order, stock…), the
 * account (unchanged since read), ledger entries, events and trailing items,
 * all or nothing. "written", or the per-item cancellation codes.
 */
async function writeMovement(
  db: Db,
  leading: TransactItem[],
  change: AccountChange,
  trailing: Write[] = [],
): Promise<"written" | (string | undefined)[]> {
  const basis = contactBasis(db, change.before, change.after);
  const items = [
    ...leading,
    accountWrite(db, change.before, change.after),
    ...entryPuts(db, change.after.merchantId, change.entries),
    ...trailing.map((write) => write.item),
    ...eventPuts(db, change.events),
  ];
  try {
    await transact(db, basis ? [...items, basis] : items, {
      stats: [accountStats(change), ...trailing.map((write) => write.stats)],
    });
    return "written";
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    // A member changed since the new account's copy was taken: the account, as read, is stale.
    if (basis && codes[items.length] === "ConditionalCheckFailed") codes[leading.length] = "ConditionalCheckFailed";
    return codes;
  }
}

type Outcome = "written" | "duplicate" | "stale";

/** Map a movement's result: a failed first item means "already done", a failed account means "changed since read". */
function outcome(result: "written" | (string | undefined)[], accountIndex: number, hasIdempotencyItem = true): Outcome {
  if (result === "written") return "written";
  if (hasIdempotencyItem && result[0] === "ConditionalCheckFailed") return "duplicate";
  if (result.slice(hasIdempotencyItem ? 1 : 0, accountIndex + 1).includes("ConditionalCheckFailed")) return "stale";
  throw Object.assign(new Error(`Transaction cancelled: ${result.join(",")}`), {
    name: "TransactionCanceledException",
  });
}

/** A refund's idempotency record (with its result), written once. Label: refund. */
export function refundPut(
  db: Db,
  order: Order,
  refundId: string,
  fingerprint: Record<string, string>,
  result: unknown,
): Write {
  const record = { refundId, orderId: order.id, memberId: order.memberId, fingerprint, result };
  return { label: "refund", item: entities.refundRecord.put(db, record, order.merchantId, mustBeNew) };
}

/** An account change under a caller's request key (redeem, adjust, expiry): the record holds the first result. */
export async function writeAccountChange(
  db: Db,
  request: { scope: string; id: string; fingerprint: Record<string, string>; result: unknown } | undefined,
  change: AccountChange,
): Promise<Outcome> {
  const leading: TransactItem[] = request
    ? [requestPut(db, change.after.merchantId, request, request.result).item]
    : [];
  return outcome(await writeMovement(db, leading, change), leading.length, Boolean(request));
}

export async function getRequest(
  db: Db,
  merchantId: string,
  scope: string,
  id: string,
): Promise<{ fingerprint: unknown; result: unknown } | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.request(merchantId, scope, id), ConsistentRead: true }),
  );
  return result.Item ? (entities.request.from(result.Item) as { fingerprint: unknown; result: unknown }) : undefined;
}

/** An idempotency record under (scope, id), written once with the change it records. Label: request. */
export function requestPut(
  db: Db,
  merchantId: string,
  request: { scope: string; id: string; fingerprint: unknown },
  result: unknown,
): Write {
  const context = { merchantId, scope: request.scope, id: request.id };
  return {
    label: "request",
    item: entities.request.put(db, { fingerprint: request.fingerprint, result }, context, mustBeNew),
  };
}

export async function getOrder(
  db: Db,
  merchantId: string,
  orderId: string,
  consistent = false,
): Promise<Order | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.order(merchantId, orderId), ConsistentRead: consistent }),
  );
  return result.Item ? entities.order.from(result.Item) : undefined;
}

/**
 * Keep a request key's print unless the key is taken: undefined when this
 * call took it, else the print stored by the call that did.
 */
export async function putRequestOnce(
  db: Db,
  merchantId: string,
  scope: string,
  id: string,
  fingerprint: Record<string, string>,
): Promise<unknown> {
  const put = entities.request.put(db, { fingerprint }, { merchantId, scope, id }, mustBeNew);
  try {
    await db.client.send(new PutCommand(put.Put!));
    return undefined;
  } catch (error) {
    if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
    return (await getRequest(db, merchantId, scope, id))?.fingerprint ?? null;
  }
}

export async function getRefund(
  db: Db,
  merchantId: string,
  refundId: string,
): Promise<{ orderId: string; memberId: string; fingerprint?: unknown } | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.refund(merchantId, refundId), ConsistentRead: true }),
  );
  return result.Item ? entities.refundRecord.from(result.Item) : undefined;
}

export function listLedger(
  db: Db,
  merchantId: string,
  memberId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<LedgerEntry>> {
  return queryPage<LedgerEntry>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.memberPartition(merchantId, memberId),
    sortPrefix: { attribute: "sk", value: keys.ledgerPrefix() },
    limit,
    cursor,
    from: entities.ledgerEntry.from,
    ascending: false,
  });
}

export function listOrders(
  db: Db,
  merchantId: string,
  memberId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<Order>> {
  const index = indexKeys.ordersOfMember(merchantId, memberId);
  return queryPage<Order>(db, {
    index: index.index,
    partitionAttribute: "gsi1pk",
    partitionValue: index.gsi1pk,
    limit,
    cursor,
    from: entities.order.from,
    ascending: false,
  });
}

/** The growth each of a member's orders earned (net of refunds) between two instants: the tier review's window. */
export async function growthBetween(
  db: Db,
  merchantId: string,
  memberId: string,
  from: string,
  to: string,
): Promise<{ at: string; growth: number }[]> {
  const index = indexKeys.ordersOfMember(merchantId, memberId);
  const orders = await queryAll(db, {
    IndexName: index.index,
    KeyConditionExpression: "gsi1pk = :p AND gsi1sk BETWEEN :from AND :to",
    ExpressionAttributeValues: { ":p": index.gsi1pk, ":from": from, ":to": to },
    ProjectionExpression: "#at, growth, #lines",
    ExpressionAttributeNames: { "#at": "at", "#lines": "lines" },
  });
  const refunded = (lines: { refundedGrowth: number }[]) => lines.reduce((sum, line) => sum + line.refundedGrowth, 0);
  // Only the time, growth and lines were read.
  const read = orders.map((item) => entities.order.from(item));
  return read.map((order) => ({ at: order.at, growth: order.growth - refunded(order.lines) }));
}

/** Which ladder every account's next tier review was dated under (see ladderBasis): one item per merchant. */
const tierReviewState = defineEntity<{ datedUnder: string; at: string }, string>({
  name: "tierReviewState",
  key: (_, merchantId) => keys.tierReviewState(merchantId),
});

export async function getTierReviewState(db: Db, merchantId: string) {
  const key = keys.tierReviewState(merchantId);
  const result = await db.client.send(new GetCommand({ TableName: db.tableName, Key: key }));
  return result.Item ? tierReviewState.from(result.Item) : undefined;
}

export async function putTierReviewState(db: Db, merchantId: string, state: { datedUnder: string; at: string }) {
  await db.client.send(new PutCommand(tierReviewState.put(db, state, merchantId).Put!));
}

/** A check-in: the (member, local date) item's condition makes a double tap one check-in. */
export async function writeCheckin(db: Db, date: string, result: unknown, change: AccountChange): Promise<Outcome> {
  const { merchantId, memberId } = change.after;
  return outcome(
    await writeMovement(db, [entities.checkin.put(db, { date, result }, { merchantId, memberId }, mustBeNew)], change),
    1,
  );
}

export async function getCheckin(
  db: Db,
  merchantId: string,
  memberId: string,
  date: string,
): Promise<{ result: unknown } | undefined> {
  const found = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.checkin(merchantId, memberId, date), ConsistentRead: true }),
  );
  return found.Item ? entities.checkin.from(found.Item) : undefined;
}

/**
 * Create a reward, or replace the one read (same updatedAt and the same stock:
 * a redemption lowers stock without touching updatedAt, so an edit must not
 * write back a stock a concurrent redemption already used).
 */
export async function putReward(
  db: Db,
  reward: Reward,
  expected?: { updatedAt: string; stock: number | null },
): Promise<boolean> {
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: entities.reward.item(reward),
        ConditionExpression: expected
          ? `updatedAt = :u AND ${expected.stock === null ? "attribute_type(stock, :null)" : "stock = :s"}`
          : "attribute_not_exists(pk)",
        ExpressionAttributeValues: expected
          ? { ":u": expected.updatedAt, ...(expected.stock === null ? { ":null": "NULL" } : { ":s": expected.stock }) }
          : undefined,
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}

export async function getReward(
  db: Db,
  merchantId: string,
  rewardId: string,
  consistent = false,
): Promise<Reward | undefined> {
  const found = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.reward(merchantId, rewardId), ConsistentRead: consistent }),
  );
  return found.Item ? entities.reward.from(found.Item) : undefined;
}

export function listRewards(db: Db, merchantId: string, limit: number, cursor?: string | null): Promise<Page<Reward>> {
  return queryPage<Reward>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.merchant(merchantId).pk,
    sortPrefix: { attribute: "sk", value: keys.rewardsPrefix() },
    limit,
    cursor,
    from: entities.reward.from,
  });
}

/** The reward's stock taken by one (never below zero), or, for unlimited stock, a check it is unchanged and active. */
function rewardStockItem(db: Db, merchantId: string, reward: Reward): TransactItem {
  const Key = keys.reward(merchantId, reward.id);
  const ExpressionAttributeNames = { "#s": "status" };
  if (reward.stock === null)
    return {
      ConditionCheck: {
        TableName: db.tableName,
        Key,
        ConditionExpression: "updatedAt = :u AND #s = :active",
        ExpressionAttributeNames,
        ExpressionAttributeValues: { ":u": reward.updatedAt, ":active": "active" },
      },
    };
  return {
    Update: {
      TableName: db.tableName,
      Key,
      UpdateExpression: "SET stock = stock - :one",
      ConditionExpression: "stock >= :one AND #s = :active",
      ExpressionAttributeNames,
      ExpressionAttributeValues: { ":one": 1, ":active": "active" },
    },
  };
}

/** The member's count of this reward, kept within its limit (nothing when the reward has none). */
function rewardLimitItems(db: Db, merchantId: string, memberId: string, reward: Reward): TransactItem[] {
  if (!reward.perMemberLimit) return [];
  return [
    counters.rewardTaken.add(
      db,
      { merchantId, memberId, rewardId: reward.id },
      { count: 1 },
      { atMost: { count: reward.perMemberLimit } },
    ),
  ];
}

type RedemptionOutcome = "written" | "duplicate" | "stale" | "sold-out" | "limit" | "coupon-out";

/**
 * Buy a reward with points: stock (never below zero), the member's limit,
 * the account, the ledger entry, the redemption record and the request key, all or nothing.
 */
export async function writeRewardRedemption(
  db: Db,
  reward: Reward,
  redemption: Redemption,
  request: { scope: string; id: string; fingerprint: Record<string, string> },
  change: AccountChange,
  issue: Write[] = [],
): Promise<RedemptionOutcome> {
  const { merchantId, memberId } = change.after;
  const limitItems = rewardLimitItems(db, merchantId, memberId, reward);
  const leading: TransactItem[] = [
    requestPut(db, merchantId, request, { redemption }).item,
    rewardStockItem(db, merchantId, reward),
    ...limitItems,
  ];
  const redemptionPut = plain(entities.redemption.put(db, redemption, merchantId));
  const result = await writeMovement(db, leading, change, [redemptionPut, ...issue]);
  if (result === "written") return "written";
  if (result[0] === "ConditionalCheckFailed") return "duplicate";
  // The coupon items follow the leading items, the account, its entries and the redemption.
  const from = leading.length + 1 + change.entries.length + 1;
  const issueCodes = result.slice(from, from + issue.length);
  const couponOut = issue.some(
    (entry, i) => (entry.label === "stock" || entry.label === "limit") && issueCodes[i] === "ConditionalCheckFailed",
  );
  if (couponOut) return "coupon-out";
  if (result[1] === "ConditionalCheckFailed") return reward.stock === null ? "stale" : "sold-out";
  if (limitItems.length && result[2] === "ConditionalCheckFailed") return "limit";
  return outcome(result, leading.length);
}

export function listRedemptions(
  db: Db,
  merchantId: string,
  memberId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<Redemption>> {
  return queryPage<Redemption>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.memberPartition(merchantId, memberId),
    sortPrefix: { attribute: "sk", value: keys.redemptionsPrefix() },
    limit,
    cursor,
    from: entities.redemption.from,
    ascending: false,
  });
}

export function listTierChanges(
  db: Db,
  merchantId: string,
  memberId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<TierChange>> {
  return queryPage<TierChange>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.memberPartition(merchantId, memberId),
    sortPrefix: { attribute: "sk", value: keys.tierChangesPrefix() },
    limit,
    cursor,
    from: entities.tierChange.from,
    ascending: false,
  });
}

/**
 * A member's orders placed between two instants (inclusive; "~" for no end),
 * page by page, with only the attributes asked for.
 */
export function ordersBetween(
  db: Db,
  merchantId: string,
  memberId: string,
  from: string,
  to: string,
  attributes: string[],
): AsyncGenerator<Record<string, unknown>[]> {
  const index = indexKeys.ordersOfMember(merchantId, memberId);
  return partitionPages(db, {
    index: index.index,
    partitionAttribute: "gsi1pk",
    partitionValue: index.gsi1pk,
    sortBetween: { attribute: "gsi1sk", from, to },
    attributes,
  });
}
