/**
 * Holdouts in storage (see core/holdout.ts). Two kinds of item:
 *
 * - a member's exposures (`EXPOSURES`, in the member's partition): the
 *   programs that acted on the member in the last 30 days. A job appends to
 *   it without reading it; the purchase reads it in the batch it reads the
 *   account with, and writes it back with what it attributed.
 * - a program's counters: one partition per program, spread over shards,
 *   changed only by ADDs in the transactions that act and that purchase, read
 *   with one Query.
 */
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { current, type Exposure, type HoldoutCounters, type ProgramId } from "../core/holdout.js";
import { withoutKeys, type Db } from "./db.js";
import { defineCounter, defineEntity } from "./entity.js";
import { keys } from "./keys.js";
import type { Write } from "./transaction.js";

/** Counter items per program: a campaign's run writes one a member, a busy day's purchases spread over them. */
export const HOLDOUT_SHARDS = 4;
/** Exposures a member may carry; a fuller list is pruned (exposures over 30 days old dropped) before appending. */
export const MAX_EXPOSURES = 40;

export interface MemberExposures {
  merchantId: string;
  memberId: string;
  list: Exposure[];
  version: number;
}

const exposuresEntity = defineEntity<MemberExposures>({
  name: "exposures",
  key: (value) => keys.exposures(value.merchantId, value.memberId),
});

type ShardAddress = { merchantId: string; program: ProgramId; shard: number };
const holdoutCounter = defineCounter<ShardAddress, { program: string } & Record<string, unknown>>({
  name: "holdoutCounter",
  key: ({ merchantId, program, shard }) => keys.holdoutShard(merchantId, program, shard),
  labels: ({ program }) => ({ program }),
});

/** An ADD of `amounts` to one of the program's shards (the caller's pick spreads the load). */
export function holdoutCount(db: Db, merchantId: string, program: ProgramId, amounts: Record<string, number>): Write {
  const shard = Math.floor(Math.random() * HOLDOUT_SHARDS);
  return { label: "holdout", item: holdoutCounter.add(db, { merchantId, program, shard }, amounts) };
}

/** A program's counters, summed over its shards: one Query. */
export async function holdoutCounters(db: Db, merchantId: string, program: ProgramId): Promise<HoldoutCounters> {
  const found = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": keys.holdoutPartition(merchantId, program) },
    }),
  );
  const total: HoldoutCounters = {};
  for (const item of found.Items ?? []) {
    for (const [name, value] of Object.entries(withoutKeys<Record<string, unknown>>(item)))
      if (typeof value === "number") total[name] = (total[name] ?? 0) + value;
  }
  return total;
}

/**
 * Append an exposure to the member's list without reading it. Its condition fails (label `exposures`) when
 * the list is full; the caller then prunes it with `exposuresPut`.
 */
export function exposureAppend(db: Db, merchantId: string, memberId: string, exposure: Exposure): Write {
  return {
    label: "exposures",
    item: {
      Update: {
        TableName: db.tableName,
        Key: keys.exposures(merchantId, memberId),
        UpdateExpression:
          "SET #l = list_append(if_not_exists(#l, :empty), :new), #v = if_not_exists(#v, :zero) + :one, " +
          "#e = :entity, #m = :merchant, #id = :member",
        ConditionExpression: "attribute_not_exists(#l) OR size(#l) < :max",
        ExpressionAttributeNames: {
          "#l": "list",
          "#v": "version",
          "#e": "entity",
          "#m": "merchantId",
          "#id": "memberId",
        },
        ExpressionAttributeValues: {
          ":empty": [],
          ":new": [exposure],
          ":zero": 0,
          ":one": 1,
          ":max": MAX_EXPOSURES,
          ":entity": exposuresEntity.name,
          ":merchant": merchantId,
          ":member": memberId,
        },
      },
    },
  };
}

/** The list as read, replaced (the version it was read at must still stand; absent: 0). */
export function exposuresPut(db: Db, read: MemberExposures, list: Exposure[]): Write {
  const next = { ...read, list, version: read.version + 1 };
  const condition = read.version
    ? { expression: "#v = :v", names: { "#v": "version" }, values: { ":v": read.version } }
    : { expression: "attribute_not_exists(pk)" };
  return { label: "exposures", item: exposuresEntity.put(db, next, undefined, condition) };
}

/** The member's exposures (an empty list at version 0 if none). */
export function exposuresFrom(item: Record<string, unknown> | undefined, merchantId: string, memberId: string) {
  return item ? exposuresEntity.from(item) : { merchantId, memberId, list: [], version: 0 };
}

export async function getExposures(db: Db, merchantId: string, memberId: string): Promise<MemberExposures> {
  const found = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.exposures(merchantId, memberId), ConsistentRead: true }),
  );
  return exposuresFrom(found.Item, merchantId, memberId);
}

/** The list without exposures past every window at `now`. */
export const pruned = (read: MemberExposures, now: string) => current(read.list, now);
