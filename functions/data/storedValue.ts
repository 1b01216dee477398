/**
 * Stored-value storage. The balance itself lives on the member's account item
 * (so a purchase paid partly from it is one conditional write); here are the
 * ledger entries, the per-store liability counters and the top-up plans.
 */
import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Page } from "../core/model.js";
import type { TopUpPlan } from "../core/storedValue.js";
import { isConditionFailed, type Db } from "./db.js";
import type { Write } from "./transaction.js";
import { counters, entities, type SvEntry } from "./entities.js";
import { keys } from "./keys.js";
import { queryPage } from "./query.js";

export type { SvEntry, SvEntryType } from "./entities.js";

export function svEntryItem(db: Db, merchantId: string, entry: SvEntry): Write {
  return { label: "svEntry", item: entities.svEntry.put(db, entry, merchantId) };
}

export function listSvLedger(
  db: Db,
  merchantId: string,
  memberId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<SvEntry>> {
  return queryPage<SvEntry>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.memberPartition(merchantId, memberId),
    sortPrefix: { attribute: "sk", value: keys.svEntriesPrefix() },
    limit,
    cursor,
    from: entities.svEntry.from,
    ascending: false,
  });
}

/** Liability counters are spread over this many items per store. */
export const LIABILITY_SHARDS = 8;

/**
 * Add to stores' liability (principal and bonus still owed to members): one
 * shard item per store per transaction, chosen at random.
 */
export function liabilityItems(
  db: Db,
  merchantId: string,
  deltas: Map<string, { principal: number; bonus: number }>,
): Write[] {
  return [...deltas.entries()]
    .filter(([, delta]) => delta.principal || delta.bonus)
    .map(([storeId, delta]) => ({
      label: `liability:${storeId}`,
      item: counters.liability.add(
        db,
        { merchantId, storeId, shard: Math.floor(Math.random() * LIABILITY_SHARDS) },
        { principal: delta.principal, bonus: delta.bonus },
      ),
    }));
}

/** Sum draws or lots into per-store deltas (sign applied). */
export function byStore(
  parts: { storeId: string; principal: number; bonus: number }[],
  sign: 1 | -1,
): Map<string, { principal: number; bonus: number }> {
  const deltas = new Map<string, { principal: number; bonus: number }>();
  for (const part of parts) {
    const current = deltas.get(part.storeId) ?? { principal: 0, bonus: 0 };
    deltas.set(part.storeId, {
      principal: current.principal + sign * part.principal,
      bonus: current.bonus + sign * part.bonus,
    });
  }
  return deltas;
}

/** One store's stored-value liability: one Query over its shards. */
export async function storeLiability(
  db: Db,
  merchantId: string,
  storeId: string,
): Promise<{ principal: number; bonus: number }> {
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": keys.liabilityPartition(merchantId, storeId) },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? [])
    .map((item) => counters.liability.from(item))
    .reduce<{ principal: number; bonus: number }>(
      (sum, shard) => ({ principal: sum.principal + shard.principal, bonus: sum.bonus + shard.bonus }),
      { principal: 0, bonus: 0 },
    );
}

export async function getPlan(
  db: Db,
  merchantId: string,
  planId: string,
  consistent = false,
): Promise<TopUpPlan | undefined> {
  const found = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.topUpPlan(merchantId, planId), ConsistentRead: consistent }),
  );
  return found.Item ? entities.topUpPlan.from(found.Item) : undefined;
}

export async function putPlan(db: Db, plan: TopUpPlan, expectedUpdatedAt?: string): Promise<boolean> {
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: entities.topUpPlan.item(plan),
        ConditionExpression: expectedUpdatedAt ? "updatedAt = :u" : "attribute_not_exists(pk)",
        ExpressionAttributeValues: expectedUpdatedAt ? { ":u": expectedUpdatedAt } : undefined,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

export function listPlans(db: Db, merchantId: string, limit: number, cursor?: string | null): Promise<Page<TopUpPlan>> {
  return queryPage<TopUpPlan>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.merchant(merchantId).pk,
    sortPrefix: { attribute: "sk", value: keys.topUpPlansPrefix() },
    limit,
    cursor,
    from: entities.topUpPlan.from,
  });
}
