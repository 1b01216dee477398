/**
 * Members with their look-up items (phone, card code), tag items, audit
 * entries and index keys. Every change is one transaction.
 */
import { GetCommand, UpdateCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { ValidationError } from "../core/errors.js";
import { contactOf, sameContact } from "../core/members.js";
import type { AuditEntry, DomainEvent, Member, MemberContact, Page, Recipient, TagCount } from "../core/model.js";
import type { MemberAccount } from "../core/points/account.js";
import { missingCopies } from "./coupons.js";
import { batchGet, cancellationCodes, decodeCursor, encodeCursor, withoutKeys, type Db } from "./db.js";
import { transact, type Write } from "./transaction.js";
import { phoneTail } from "../core/phone.js";
import { memberDelta } from "../core/stats.js";
import type { StatsNote } from "./stats.js";
import { counters, entities, nameKey } from "./entities.js";
import { eventItem } from "./events.js";
import { indexKeys, keys } from "./keys.js";
import { partitions } from "./partitions.js";
import { partitionPages, queryAll, queryPage, queryUpTo, type StoreScope } from "./query.js";

type TransactItem = Parameters<typeof transact>[1][number];

export { nameKey } from "./entities.js";

/** Members read from older items get today's defaults. */
const toMember = (item: Record<string, unknown>): Member => entities.member.from(item);

/** A member as stored, with its index keys (exported for bulk loaders such as the bench). */
export const memberItem = (member: Member) => entities.member.item(member);

function put(
  db: Db,
  item: Record<string, unknown>,
  condition?: string,
  values?: Record<string, unknown>,
): TransactItem {
  return {
    Put: { TableName: db.tableName, Item: item, ConditionExpression: condition, ExpressionAttributeValues: values },
  };
}

function del(
  db: Db,
  key: { pk: string; sk: string },
  condition?: string,
  values?: Record<string, unknown>,
): TransactItem {
  return {
    Delete: { TableName: db.tableName, Key: key, ConditionExpression: condition, ExpressionAttributeValues: values },
  };
}

function tagItem(member: Member, tag: string) {
  const { id: memberId, homeStoreId, guideId, joinedAt } = member;
  return entities.taggedMember.item(
    { memberId, homeStoreId, guideId, joinedAt },
    { merchantId: member.merchantId, tag },
  );
}

/** The member under the last 4 digits of its phone. */
function phoneTailItem(member: Member) {
  const { id: memberId, homeStoreId, guideId, joinedAt } = member;
  const context = { merchantId: member.merchantId, tail: phoneTail(member.phone) };
  return entities.phoneTailMember.item({ memberId, homeStoreId, guideId, joinedAt }, context);
}

function deletePhoneTail(db: Db, member: Member): TransactItem {
  return del(db, keys.phoneTailMember(member.merchantId, phoneTail(member.phone), member.joinedAt, member.id));
}

/** A tag's member count changes in one home store. */
function storeTagCount(db: Db, merchantId: string, storeId: string, tag: string, delta: number): TransactItem {
  return counters.tagCountInStore.add(db, { merchantId, storeId, tag }, { count: delta });
}

/** A tag's member count changes, chain-wide and in the member's home store. */
function tagCount(db: Db, merchantId: string, tag: string, delta: number, storeId: string): TransactItem[] {
  return [
    counters.tagCount.add(db, { merchantId, tag }, { count: delta }),
    storeTagCount(db, merchantId, storeId, tag, delta),
  ];
}

function auditItem(merchantId: string, entry: AuditEntry) {
  return entities.audit.item(entry, merchantId);
}

export type CreateMemberOutcome = "created" | "phone-taken" | "code-taken";

/** What a member's change adds to the dashboard, on the day it happens. */
function memberStats(merchantId: string, at: string, before: Member | undefined, after: Member): StatsNote {
  return { merchantId, at, delta: memberDelta(before, after) };
}

/**
 * Create a member, its phone, code and tag items, its audit entry and its
 * event in one transaction. The phone item's condition makes enrolment
 * idempotent by phone under any concurrency.
 */
export async function createMember(
  db: Db,
  member: Member,
  event: DomainEvent,
  audit: AuditEntry,
  extra: Write[] = [],
): Promise<CreateMemberOutcome> {
  const pointer = { merchantId: member.merchantId, memberId: member.id };
  try {
    await transact(
      db,
      [
        put(db, entities.memberPhone.item(pointer, member.phone), "attribute_not_exists(pk)"),
        put(db, entities.memberCode.item(pointer, member.memberCode), "attribute_not_exists(pk)"),
        put(db, memberItem(member), "attribute_not_exists(pk)"),
        put(db, phoneTailItem(member)),
        put(db, eventItem(event)),
        put(db, auditItem(member.merchantId, audit)),
        ...member.tags.flatMap((tag) => [
          put(db, tagItem(member, tag)),
          ...tagCount(db, member.merchantId, tag, 1, member.homeStoreId),
        ]),
        ...extra.map((write) => write.item),
      ],
      { stats: [memberStats(member.merchantId, event.at, undefined, member), ...extra.map((write) => write.stats)] },
    );
    return "created";
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === "ConditionalCheckFailed") return "phone-taken";
    if (codes?.[1] === "ConditionalCheckFailed") return "code-taken";
    throw error;
  }
}

export type UpdateMemberOutcome = "updated" | "stale" | "phone-taken";

/** Items a member change may take, leaving room in the 100 of a transaction for the dashboard's counters. */
const CHANGE_ITEMS = 90;

/** The coupon copies that fit beside a change's `taken` items (those left out: see contactCopyWrites). */
const withinRoom = (taken: number, copies: Write[]) => copies.slice(0, Math.max(0, CHANGE_ITEMS - taken));

/**
 * Replace a member by its next version, moving every item that depends on
 * what changed (phone item, tag items and counts), with an audit entry and an
 * optional event, in one transaction. "stale" when someone changed it first.
 */
export async function updateMember(
  db: Db,
  before: Member,
  after: Member,
  audit: AuditEntry,
  event?: DomainEvent,
  extra: Write[] = [],
  copies: Write[] = [],
): Promise<UpdateMemberOutcome> {
  const items: TransactItem[] = [put(db, memberItem(after), "version = :v", { ":v": before.version })];
  const phoneChanged = before.phone !== after.phone;
  if (phoneChanged) {
    items.push(
      put(
        db,
        entities.memberPhone.item({ merchantId: after.merchantId, memberId: after.id }, after.phone),
        "attribute_not_exists(pk)",
      ),
    );
    items.push(del(db, keys.memberPhone(before.merchantId, before.phone), "memberId = :id", { ":id": before.id }));
  }
  const removed = before.tags.filter((tag) => !after.tags.includes(tag));
  const added = after.tags.filter((tag) => !before.tags.includes(tag));
  const moved = before.homeStoreId !== after.homeStoreId || before.guideId !== after.guideId;
  const storeMoved = before.homeStoreId !== after.homeStoreId;
  for (const tag of removed)
    items.push(
      del(db, keys.taggedMember(before.merchantId, tag, before.joinedAt, before.id)),
      ...tagCount(db, before.merchantId, tag, -1, before.homeStoreId),
    );
  for (const tag of added)
    items.push(put(db, tagItem(after, tag)), ...tagCount(db, after.merchantId, tag, 1, after.homeStoreId));
  if (phoneChanged && phoneTail(before.phone) !== phoneTail(after.phone)) items.push(deletePhoneTail(db, before));
  if (phoneChanged || moved) items.push(put(db, phoneTailItem(after)));
  for (const tag of moved ? after.tags.filter((t) => before.tags.includes(t)) : []) {
    items.push(put(db, tagItem(after, tag)));
    // The tag's count moves with the member from one home store to the other.
    if (storeMoved)
      items.push(
        storeTagCount(db, before.merchantId, before.homeStoreId, tag, -1),
        storeTagCount(db, after.merchantId, after.homeStoreId, tag, 1),
      );
  }
  items.push(put(db, auditItem(after.merchantId, audit)));
  if (event) items.push(put(db, eventItem(event)));
  const own = items.length;
  items.push(...extra.map((write) => write.item));
  items.push(...withinRoom(items.length, copies).map((write) => write.item));
  try {
    await transact(db, items, {
      stats: [memberStats(after.merchantId, audit.at, before, after), ...extra.map((write) => write.stats)],
    });
    return "updated";
  } catch (error) {
    const codes = cancellationCodes(error);
    // The member, or an extra item read with it (its account), changed since read.
    if (codes?.[0] === "ConditionalCheckFailed" || codes?.slice(own).includes("ConditionalCheckFailed")) return "stale";
    if (phoneChanged && codes?.[1] === "ConditionalCheckFailed") return "phone-taken";
    throw error;
  }
}

/**
 * Erase a member: the anonymised record replaces the profile, the look-up
 * and tag items go, counts follow; one transaction. Audit values are redacted after.
 */
export async function eraseMember(
  db: Db,
  before: Member,
  erased: Member,
  audit: AuditEntry,
  event: DomainEvent,
  extra: Write[] = [],
  copies: Write[] = [],
): Promise<"erased" | "stale"> {
  const items = [
    put(db, memberItem(erased), "version = :v", { ":v": before.version }),
    del(db, keys.memberPhone(before.merchantId, before.phone), "memberId = :id", { ":id": before.id }),
    del(db, keys.memberCode(before.merchantId, before.memberCode), "memberId = :id", { ":id": before.id }),
    deletePhoneTail(db, before),
    ...before.tags.flatMap((tag) => [
      del(db, keys.taggedMember(before.merchantId, tag, before.joinedAt, before.id)),
      ...tagCount(db, before.merchantId, tag, -1, before.homeStoreId),
    ]),
    put(db, auditItem(before.merchantId, audit)),
    put(db, eventItem(event)),
    // The copies of the member's contact (account, coupons) lose every personal value with it.
    ...extra.map((write) => write.item),
  ];
  try {
    await transact(db, [...items, ...withinRoom(items.length, copies).map((write) => write.item)], {
      stats: [memberStats(before.merchantId, audit.at, before, erased), ...extra.map((write) => write.stats)],
    });
    return "erased";
  } catch (error) {
    // The member, or an item read with it (its account), changed since read.
    if (cancellationCodes(error)?.includes("ConditionalCheckFailed")) return "stale";
    throw error;
  }
}

/**
 * For a member change whose member has no account: the change holds only while there is still none, so an
 * account created meanwhile (with the old contact copy) makes the change stale and it is made again. Label: account.
 */
export function noAccountYet(db: Db, merchantId: string, memberId: string): Write {
  return {
    label: "account",
    item: {
      ConditionCheck: {
        TableName: db.tableName,
        Key: keys.account(merchantId, memberId),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
  };
}

/**
 * A daily job's action holds only while the member still says what its message relied on (active, name,
 * phone, home store, SMS consent): a copy of the contact can never send what the member no longer allows.
 * Label: member.
 */
export function recipientCheck(db: Db, merchantId: string, recipient: Recipient): Write {
  const granted = recipient.marketingSms?.granted === true;
  const consent = granted
    ? "marketingSms.granted = :t"
    : "(attribute_not_exists(marketingSms) OR marketingSms.granted = :f)";
  return {
    label: "member",
    item: {
      ConditionCheck: {
        TableName: db.tableName,
        Key: keys.member(merchantId, recipient.id),
        ConditionExpression: `#st = :active AND phone = :ph AND #nm = :nm AND homeStoreId = :hs AND ${consent}`,
        ExpressionAttributeNames: { "#st": "status", "#nm": "name" },
        ExpressionAttributeValues: {
          ":active": "active",
          ":ph": recipient.phone,
          ":nm": recipient.name,
          ":hs": recipient.homeStoreId,
          ...(granted ? { ":t": true } : { ":f": false }),
        },
      },
    },
  };
}

/** Replace the before/after values of every audit entry of a member (after erasure). */
export async function redactAudit(
  db: Db,
  merchantId: string,
  memberId: string,
  keep: (entry: AuditEntry) => AuditEntry,
): Promise<number> {
  const entries = await memberItems(db, merchantId, memberId, keys.memberAuditPrefix());
  for (const item of entries) {
    const redacted = keep(entities.audit.from(item));
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: "SET changes = :c",
        ExpressionAttributeValues: { ":c": redacted.changes },
      }),
    );
  }
  return entries.length;
}

/** A guide's notes about an erased member lose their text (when and by whom stay, as in the audit). */
export async function redactContactNotes(db: Db, merchantId: string, memberId: string): Promise<number> {
  const notes = await memberItems(db, merchantId, memberId, keys.contactNotesPrefix());
  for (const item of notes)
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: "SET note = :n",
        ExpressionAttributeValues: { ":n": "[erased]" },
      }),
    );
  return notes.length;
}

/** The items of a member's partition whose sort key starts with `prefix`, read consistently. */
function memberItems(db: Db, merchantId: string, memberId: string, prefix: string) {
  return queryAll(db, {
    KeyConditionExpression: "pk = :p AND begins_with(sk, :s)",
    ExpressionAttributeValues: { ":p": keys.memberPartition(merchantId, memberId), ":s": prefix },
    ConsistentRead: true,
  });
}

/** Every item in a member's own partition (profile and audit), for data export and erasure checks. */
export function memberPartitionItems(db: Db, merchantId: string, memberId: string): Promise<Record<string, unknown>[]> {
  return queryAll(db, {
    KeyConditionExpression: "pk = :p",
    ExpressionAttributeValues: { ":p": keys.memberPartition(merchantId, memberId) },
    ConsistentRead: true,
  });
}

export async function getMember(
  db: Db,
  merchantId: string,
  memberId: string,
  consistent = false,
): Promise<Member | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.member(merchantId, memberId), ConsistentRead: consistent }),
  );
  return result.Item ? toMember(result.Item) : undefined;
}

/** The member a pointer (phone or code) names. */
async function getByPointer(
  db: Db,
  merchantId: string,
  pointer: typeof entities.memberPhone | typeof entities.memberCode,
  key: { pk: string; sk: string },
  consistent: boolean,
) {
  const found = await db.client.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: consistent }));
  if (!found.Item) return undefined;
  return getMember(db, merchantId, pointer.from(found.Item).memberId, consistent);
}

/** Look a member up by E.164 phone: two GetItems. */
export function getMemberByPhone(db: Db, merchantId: string, phone: string, consistent = false) {
  return getByPointer(db, merchantId, entities.memberPhone, keys.memberPhone(merchantId, phone), consistent);
}

/** Look a member up by card code: two GetItems. */
export function getMemberByCode(db: Db, merchantId: string, code: string) {
  return getByPointer(db, merchantId, entities.memberCode, keys.memberCode(merchantId, code), false);
}

/** Which of these phones already belong to a member: phone → member id (one consistent read per 100 phones). */
export async function phoneOwners(db: Db, merchantId: string, phones: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(phones)];
  const items = await batchGet(
    db,
    unique.map((phone) => keys.memberPhone(merchantId, phone)),
    true,
  );
  const byKey = new Map(items.map((item) => [item.pk as string, entities.memberPhone.from(item).memberId]));
  return new Map(
    unique
      .filter((phone) => byKey.has(keys.memberPhone(merchantId, phone).pk))
      .map((phone) => [phone, byKey.get(keys.memberPhone(merchantId, phone).pk)!]),
  );
}

/** Several members by id (one request per 100), in the order asked. */
export async function getMembers(db: Db, merchantId: string, ids: string[]): Promise<Member[]> {
  const items = await batchGet(
    db,
    [...new Set(ids)].map((id) => keys.member(merchantId, id)),
  );
  const found = new Map(items.map(toMember).map((member) => [member.id, member]));
  return ids.map((id) => found.get(id)).filter((member): member is Member => Boolean(member));
}

/** Where a member listing reads from: one key or index, chosen by the most selective filter. */
export type MemberSource =
  | { kind: "all" }
  | { kind: "store"; storeId: string }
  | { kind: "guide"; guideId: string }
  | { kind: "tag"; tag: string }
  | { kind: "phoneTail"; tail: string }
  | { kind: "name"; prefix: string };

export interface MemberListOptions {
  /** Join-time range (UTC ISO), inclusive start, exclusive end. */
  joinedFrom?: string;
  joinedTo?: string;
  /** Only these home stores (the caller's scope or a store filter not used as the source). */
  storeIds?: string[];
  guideId?: string;
  limit: number;
  cursor?: string | null;
  /** Stop after this many Query calls and hand back a cursor, so a sparse filter never reads unboundedly. */
  maxQueries?: number;
}

/** The index (or the table), partition and sort key a member listing reads, with a sort-key prefix for name search. */
interface SourceQuery {
  index?: string;
  pkName: string;
  pkValue: string;
  skName: string;
  prefix?: string;
}

function sourceQuery(db: Db, merchantId: string, source: MemberSource): SourceQuery {
  switch (source.kind) {
    case "all": {
      const k = indexKeys.membersByJoinDate(merchantId);
      return { index: k.index, pkName: "gsi1pk", pkValue: k.gsi1pk, skName: "gsi1sk" };
    }
    case "store": {
      const k = indexKeys.membersByHomeStore(merchantId, source.storeId);
      return { index: k.index, pkName: "gsi2pk", pkValue: k.gsi2pk, skName: "gsi2sk" };
    }
    case "guide": {
      const k = indexKeys.membersByGuide(merchantId, source.guideId);
      return { index: k.index, pkName: "gsi3pk", pkValue: k.gsi3pk, skName: "gsi3sk" };
    }
    case "tag":
      return { pkName: "pk", pkValue: keys.taggedMembersPartition(merchantId, source.tag), skName: "sk" };
    case "phoneTail":
      return { pkName: "pk", pkValue: keys.phoneTailPartition(merchantId, source.tail), skName: "sk" };
    case "name": {
      const k = indexKeys.membersByName(merchantId);
      return { index: k.index, pkName: "gsi4pk", pkValue: k.gsi4pk, skName: "gsi4sk", prefix: nameKey(source.prefix) };
    }
  }
}

/**
 * The key condition on a source: its partition, narrowed by the name prefix
 * or else by the join-time range (the sort key starts with the join time).
 */
function memberKeyCondition(
  q: SourceQuery,
  options: MemberListOptions,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string {
  let keyCondition = "#p = :p";
  if (q.prefix !== undefined) {
    names["#s"] = q.skName;
    keyCondition += " AND begins_with(#s, :prefix)";
    values[":prefix"] = q.prefix;
  } else if (options.joinedFrom || options.joinedTo) {
    names["#s"] = q.skName;
    keyCondition += " AND #s BETWEEN :from AND :to";
    values[":from"] = options.joinedFrom ?? "0";
    values[":to"] = options.joinedTo ?? "9";
  }
  return keyCondition;
}

/** The filters the key condition leaves: join time under a name search, home stores, guide. */
function memberFilters(q: SourceQuery, options: MemberListOptions, values: Record<string, unknown>): string[] {
  const filters: string[] = [];
  if (q.prefix !== undefined && options.joinedFrom) {
    filters.push("joinedAt >= :from");
    values[":from"] = options.joinedFrom;
  }
  if (q.prefix !== undefined && options.joinedTo) {
    filters.push("joinedAt < :to");
    values[":to"] = options.joinedTo;
  }
  if (options.storeIds) {
    const placeholders = options.storeIds.map((id, index) => {
      values[`:store${index}`] = id;
      return `:store${index}`;
    });
    filters.push(`homeStoreId IN (${placeholders.join(", ")})`);
  }
  if (options.guideId) {
    filters.push("guideId = :guide");
    values[":guide"] = options.guideId;
  }
  return filters;
}

/** The Query a member listing sends (without its start key and limit). */
function memberQuery(db: Db, q: SourceQuery, source: MemberSource, options: MemberListOptions): QueryCommandInput {
  const names: Record<string, string> = { "#p": q.pkName };
  const values: Record<string, unknown> = { ":p": q.pkValue };
  const keyCondition = memberKeyCondition(q, options, names, values);
  const filters = memberFilters(q, options, values);
  return {
    TableName: db.tableName,
    IndexName: q.index,
    KeyConditionExpression: keyCondition,
    FilterExpression: filters.length ? filters.join(" AND ") : undefined,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ScanIndexForward: source.kind === "name",
  };
}

/**
 * One page of members from a source, newest first (name search: by name),
 * with the remaining filters applied by DynamoDB. Reads at most `maxQueries`
 * pages of the key range; never the whole merchant.
 */
export async function listMembersFrom(
  db: Db,
  merchantId: string,
  source: MemberSource,
  options: MemberListOptions,
): Promise<Page<Member>> {
  const q = sourceQuery(db, merchantId, source);
  const cursor = decodeCursor(options.cursor);
  if (cursor === null || (cursor && cursor[q.pkName] !== q.pkValue))
    throw new ValidationError("after", "after is not a cursor from this listing");
  const request = memberQuery(db, q, source, options);
  const { found, start } = await queryUpTo(db, request, cursor, options.limit, options.maxQueries ?? 5);
  // Tag and phone-tail items point at members; the indexes hold members themselves.
  const pointer = source.kind === "tag" ? entities.taggedMember : entities.phoneTailMember;
  const items =
    source.kind === "tag" || source.kind === "phoneTail"
      ? await getMembers(
          db,
          merchantId,
          found.map((item) => pointer.from(item).memberId),
        )
      : found.map(toMember);
  return { items, next: encodeCursor(start) };
}

/** A member's audit entries, newest first. */
export function listAudit(
  db: Db,
  merchantId: string,
  memberId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<AuditEntry>> {
  return queryPage<AuditEntry>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.memberPartition(merchantId, memberId),
    sortPrefix: { attribute: "sk", value: keys.memberAuditPrefix() },
    limit,
    cursor,
    from: entities.audit.from,
    ascending: false,
  });
}

/**
 * The merchant's tags with member counts (tags nobody carries any more are
 * left out): chain-wide, or summed over the stores of a scoped caller.
 */
export async function listTags(db: Db, merchantId: string, scope: StoreScope): Promise<TagCount[]> {
  const prefixes = scope ? scope.map((storeId) => keys.tagsInStorePrefix(storeId)) : [keys.tagsPrefix()];
  const counts = new Map<string, number>();
  for (const prefix of prefixes) {
    const items = await queryAll(db, {
      KeyConditionExpression: "pk = :p AND begins_with(sk, :t)",
      ExpressionAttributeValues: { ":p": keys.merchant(merchantId).pk, ":t": prefix },
    });
    for (const { name, count } of items.map((item) => counters.tagCount.from(item)))
      counts.set(name, (counts.get(name) ?? 0) + count);
  }
  const tags = [...counts].filter(([, count]) => count > 0).map(([name, count]) => ({ name, count }));
  return tags.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/**
 * Put the phone-tail item (手机尾号 search) of every active member of a merchant, for tables written before
 * members had one: walks the merchant's members (gsi1, never a Scan) and writes each member's tail item in a
 * transaction with a check that the member is unchanged since read, so a phone changed meanwhile is never
 * indexed under its old number (that member is counted as skipped; its change wrote the right item). Safe to run
 * again: a put of the same item changes nothing.
 */
export async function backfillPhoneTails(db: Db, merchantId: string): Promise<{ written: number; skipped: number }> {
  const result = { written: 0, skipped: 0 };
  for await (const items of partitionPages(db, partitions.allMembers(merchantId))) {
    for (const member of items.map((item) => withoutKeys<Member>(item))) {
      if (member.status !== "active" || !member.phone) continue;
      try {
        await transact(db, [memberUnchanged(db, member), put(db, phoneTailItem(member))]);
        result.written++;
      } catch (error) {
        if (!cancellationCodes(error)?.includes("ConditionalCheckFailed")) throw error;
        result.skipped++;
      }
    }
  }
  return result;
}

/** A backfill's check that the member it read is still that version (else its own change wrote the items). */
function memberUnchanged(db: Db, member: Member): TransactItem {
  return {
    ConditionCheck: {
      TableName: db.tableName,
      Key: keys.member(member.merchantId, member.id),
      ConditionExpression: "version = :v",
      ExpressionAttributeValues: { ":v": member.version },
    },
  };
}

/**
 * Write the contact copies the daily jobs read instead of the member (on the account and on each usable
 * coupon) for every active member of a merchant, for tables written before copies were kept: walks the
 * merchant's members (gsi1, never a Scan; accounts 100 a request), and writes each member's missing or
 * differing copies in one transaction with a check that the member is unchanged since read (else the member
 * is counted as skipped: its change wrote the copies). Each account and coupon is written only if unchanged
 * since read; the account's version moves, so a movement that read it before is made again with the copy.
 * Safe to run again: a member whose copies are all current is left alone.
 */
export async function backfillContactCopies(
  db: Db,
  merchantId: string,
): Promise<{ written: number; current: number; skipped: number }> {
  const result = { written: 0, current: 0, skipped: 0 };
  for await (const items of partitionPages(db, partitions.allMembers(merchantId))) {
    const members = items.map(toMember).filter((member) => member.status === "active");
    const stored = await batchGet(
      db,
      members.map((member) => keys.account(merchantId, member.id)),
      true,
    );
    const accounts = new Map(stored.map((item) => entities.account.from(item)).map((a) => [a.memberId, a]));
    for (const member of members) {
      const contact = contactOf(member);
      const account = accounts.get(member.id);
      const writes = await missingCopies(db, merchantId, member.id, contact);
      if (account && !sameContact(account.contact, contact)) writes.unshift(accountCopyUpdate(db, account, contact));
      if (!writes.length) {
        result.current++;
        continue;
      }
      try {
        await transact(db, [memberUnchanged(db, member), ...writes.slice(0, CHANGE_ITEMS)]);
        result.written++;
      } catch (error) {
        if (!cancellationCodes(error)?.includes("ConditionalCheckFailed")) throw error;
        result.skipped++;
      }
    }
  }
  return result;
}

/** Set an account's contact copy, only if the account is unchanged since read; its version moves. */
function accountCopyUpdate(db: Db, account: MemberAccount, contact: MemberContact): TransactItem {
  return {
    Update: {
      TableName: db.tableName,
      Key: keys.account(account.merchantId, account.memberId),
      UpdateExpression: "SET contact = :c, version = :next",
      ConditionExpression: "version = :v",
      ExpressionAttributeValues: { ":c": contact, ":v": account.version, ":next": account.version + 1 },
    },
  };
}
