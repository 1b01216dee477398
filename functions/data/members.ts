/** Members with their phone and card-code uniqueness items. */
import { BatchGetCommand, GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { DomainEvent, Member, Page } from "../core/model.js";
import { cancellationCodes, withoutKeys, type Db } from "./db.js";
import { eventItem } from "./events.js";
import { indexKeys, keys } from "./keys.js";
import { queryPage } from "./query.js";

function memberItem(member: Member) {
  const all = indexKeys.membersByJoinDate(member.merchantId, member.joinedAt, member.id);
  const byStore = indexKeys.membersByHomeStore(member.merchantId, member.homeStoreId, member.joinedAt, member.id);
  return {
    ...keys.member(member.merchantId, member.id),
    entity: "member",
    gsi1pk: all.gsi1pk,
    gsi1sk: all.gsi1sk,
    gsi2pk: byStore.gsi2pk,
    gsi2sk: byStore.gsi2sk,
    ...member,
  };
}

export type CreateMemberOutcome = "created" | "phone-taken" | "code-taken";

/**
 * Create a member, its phone item and its code item, and record the event,
 * in one transaction. The phone item's condition makes registration
 * idempotent by phone under any concurrency.
 */
export async function createMember(db: Db, member: Member, event: DomainEvent): Promise<CreateMemberOutcome> {
  const pointer = { merchantId: member.merchantId, memberId: member.id };
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: db.tableName,
              Item: { ...keys.memberPhone(member.merchantId, member.phone), entity: "memberPhone", ...pointer },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            Put: {
              TableName: db.tableName,
              Item: { ...keys.memberCode(member.merchantId, member.memberCode), entity: "memberCode", ...pointer },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          { Put: { TableName: db.tableName, Item: memberItem(member), ConditionExpression: "attribute_not_exists(pk)" } },
          { Put: { TableName: db.tableName, Item: eventItem(event) } },
        ],
      }),
    );
    return "created";
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === "ConditionalCheckFailed") return "phone-taken";
    if (codes?.[1] === "ConditionalCheckFailed") return "code-taken";
    throw error;
  }
}

export async function getMember(db: Db, merchantId: string, memberId: string, consistent = false): Promise<Member | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.member(merchantId, memberId), ConsistentRead: consistent }),
  );
  return result.Item ? withoutKeys<Member>(result.Item) : undefined;
}

async function getByPointer(db: Db, merchantId: string, key: { pk: string; sk: string }, consistent: boolean) {
  const pointer = await db.client.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: consistent }));
  if (!pointer.Item) return undefined;
  return getMember(db, merchantId, pointer.Item.memberId as string, consistent);
}

/** Look a member up by E.164 phone: two GetItems. */
export function getMemberByPhone(db: Db, merchantId: string, phone: string, consistent = false) {
  return getByPointer(db, merchantId, keys.memberPhone(merchantId, phone), consistent);
}

/** Look a member up by card code: two GetItems. */
export function getMemberByCode(db: Db, merchantId: string, code: string) {
  return getByPointer(db, merchantId, keys.memberCode(merchantId, code), false);
}

/** Several members by id in one BatchGetItem (≤ 100 ids). */
export async function getMembers(db: Db, merchantId: string, ids: string[]): Promise<Map<string, Member>> {
  const found = new Map<string, Member>();
  let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
    [db.tableName]: { Keys: [...new Set(ids)].map((id) => keys.member(merchantId, id)) },
  };
  for (let attempt = 0; request && request[db.tableName]?.Keys.length && attempt < 8; attempt++) {
    const result = await db.client.send(new BatchGetCommand({ RequestItems: request }));
    for (const item of result.Responses?.[db.tableName] ?? []) {
      const member = withoutKeys<Member>(item);
      found.set(member.id, member);
    }
    request = result.UnprocessedKeys as typeof request;
  }
  return found;
}

/** All members of a merchant, newest first (gsi1). */
export function listMembers(db: Db, merchantId: string, limit: number, cursor?: string | null): Promise<Page<Member>> {
  const index = indexKeys.membersByJoinDate(merchantId);
  return queryPage<Member>(db, { index: index.index, partitionAttribute: "gsi1pk", partitionValue: index.gsi1pk, limit, cursor, ascending: false });
}

/** Members of one home store, newest first (gsi2). */
export function listMembersOfStore(db: Db, merchantId: string, storeId: string, limit: number, cursor?: string | null): Promise<Page<Member>> {
  const index = indexKeys.membersByHomeStore(merchantId, storeId);
  return queryPage<Member>(db, { index: index.index, partitionAttribute: "gsi2pk", partitionValue: index.gsi2pk, limit, cursor, ascending: false });
}
