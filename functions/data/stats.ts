/**
 * Dashboard counters in storage. A write that changes an account, coupon,
 * member or order carries what it adds to the dashboard (a `StatsNote`);
 * the transaction builder (transaction.ts) appends one counter update per
 * (local day, store) to the same transaction. The daily roll-up folds a
 * day's counters into one item per store and one for the chain.
 */
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { addTo, mergeStores, type Counters, type StoreCounters } from "../core/stats.js";
import type { Merchant } from "../core/model.js";
import { localDate } from "../core/time.js";
import { batchGet, type Db, type TransactItem } from "./db.js";
import { entities } from "./entities.js";
import { defineCounter, defineEntity } from "./entity.js";
import { keys } from "./keys.js";
import { queryAll } from "./query.js";

/** Live counters are spread over this many partitions per merchant. */
export const STATS_SHARDS = 8;

/** What one write adds to the dashboard. */
export interface StatsNote {
  merchantId: string;
  /** When the change happens: its local day is the counters' day. */
  at: string;
  /** The merchant's time zone when the caller knows it; otherwise it is read (and cached a few minutes). */
  timeZone?: string;
  delta: StoreCounters;
}

/** What a live counter item counts for: a local day and a store. */
type LiveLabels = { day: string; storeId: string };
/** A (local day, store) item of live counters in one shard: counter name → amount, beside its day and store. */
type LiveCounters = LiveLabels & { [counter: string]: unknown };

const statsLive = defineCounter<{ merchantId: string; shard: number; day: string; storeId: string }, LiveCounters>({
  name: "statsLive",
  key: ({ merchantId, shard, day, storeId }) => keys.statsLive(merchantId, shard, day, storeId),
  labels: ({ day, storeId }) => ({ day, storeId }),
});

/** What a live counter item is listed by (the first day a merchant counted). */
const LIVE_DAY: keyof LiveLabels = "day";

const zones = new Map<string, { timeZone: string; until: number }>();

async function timeZoneOf(db: Db, merchantId: string): Promise<string> {
  const cacheKey = `${db.tableName}|${merchantId}`;
  const cached = zones.get(cacheKey);
  if (cached && cached.until > Date.now()) return cached.timeZone;
  const timeZoneAttribute: keyof Merchant = "timeZone";
  const found = await db.client.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.merchant(merchantId),
      ProjectionExpression: "#tz",
      ExpressionAttributeNames: { "#tz": timeZoneAttribute },
    }),
  );
  const timeZone = (found.Item ? entities.merchant.from(found.Item) : undefined)?.timeZone ?? "Asia/Shanghai";
  zones.set(cacheKey, { timeZone, until: Date.now() + 5 * 60_000 });
  return timeZone;
}

/** One ADD of counters to a (day, store) item in a random shard. */
function counterUpdate(db: Db, merchantId: string, day: string, storeId: string, counters: Counters): TransactItem {
  const shard = Math.floor(Math.random() * STATS_SHARDS);
  return statsLive.add(db, { merchantId, shard, day, storeId }, counters);
}

/** The counter updates a change's dashboard notes call for: one per merchant, local day and store. */
export async function counterItems(db: Db, notes: StatsNote[]): Promise<TransactItem[]> {
  const grouped = new Map<string, { merchantId: string; day: string; parts: StoreCounters[] }>();
  for (const note of notes) {
    const day = localDate(note.at, note.timeZone ?? (await timeZoneOf(db, note.merchantId)));
    const groupKey = `${note.merchantId}|${day}`;
    const group = grouped.get(groupKey) ?? { merchantId: note.merchantId, day, parts: [] };
    group.parts.push(note.delta);
    grouped.set(groupKey, group);
  }
  return [...grouped.values()].flatMap(({ merchantId, day, parts }) =>
    [...mergeStores(parts)]
      .filter(([, counters]) => Object.keys(counters).length)
      .map(([storeId, counters]) => counterUpdate(db, merchantId, day, storeId, counters)),
  );
}

const COUNTER = /^[gf]\./;

function countersOf(item: Record<string, unknown>): Counters {
  return Object.fromEntries(
    Object.entries(item).filter(([name, value]) => COUNTER.test(name) && typeof value === "number"),
  ) as Counters;
}

/** Live counters of the days from `from` to `to` (inclusive), summed per day and store: one Query per shard. */
export async function liveCounters(
  db: Db,
  merchantId: string,
  from: string,
  to: string,
): Promise<Map<string, StoreCounters>> {
  const byDay = new Map<string, StoreCounters>();
  await Promise.all(
    Array.from({ length: STATS_SHARDS }, async (_, shard) => {
      const items = await queryAll(db, {
        KeyConditionExpression: "pk = :p AND sk BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":p": keys.statsLivePartition(merchantId, shard),
          ":from": `${from}#`,
          ":to": `${to}#~`,
        },
        ConsistentRead: true,
      });
      for (const live of items.map((item) => statsLive.from(item))) {
        const { day, storeId } = live;
        addTo(byDay.get(day) ?? byDay.set(day, new Map()).get(day)!, storeId, countersOf(live));
      }
    }),
  );
  return byDay;
}

/** The earliest local day any live counter was written, or undefined: one Query per shard. */
export async function firstLiveDay(db: Db, merchantId: string): Promise<string | undefined> {
  const firsts = await Promise.all(
    Array.from({ length: STATS_SHARDS }, async (_, shard) => {
      const page = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: "pk = :p",
          ExpressionAttributeValues: { ":p": keys.statsLivePartition(merchantId, shard) },
          Limit: 1,
          ProjectionExpression: "#d",
          ExpressionAttributeNames: { "#d": LIVE_DAY },
        }),
      );
      const first = page.Items?.[0];
      return first ? statsLive.from(first).day : undefined;
    }),
  );
  return firsts.filter((day): day is string => Boolean(day)).sort()[0];
}

export interface DayFigures {
  day: string;
  storeId: string;
  flows: Counters;
  gauges: Counters;
}

/** A store's (or the chain's) roll-up of a day, in the store's partition; the day is its sort key only. */
const statsDay = defineEntity<Omit<DayFigures, "day">, { merchantId: string; day: string }>({
  name: "statsDay",
  key: (f, { merchantId, day }) => keys.statsDay(merchantId, f.storeId, day),
});

/** A roll-up read back, with its day from its sort key (the key `statsDay` gives it). */
function dayFiguresOf(item: Record<string, unknown>): DayFigures {
  const { storeId, flows, gauges } = statsDay.from(item);
  return { day: item.sk as string, storeId, flows, gauges };
}

/** Roll-ups of one store (or the chain, "*") for days from `from` to `to`, oldest first. */
export async function dayFigures(
  db: Db,
  merchantId: string,
  storeId: string,
  from: string,
  to: string,
): Promise<DayFigures[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :p AND sk BETWEEN :from AND :to",
    ExpressionAttributeValues: { ":p": keys.statsDayPartition(merchantId, storeId), ":from": from, ":to": to },
  });
  return items.map(dayFiguresOf);
}

/** The last roll-up of a store (or the chain) on or before `day`. */
export async function lastDayFigures(
  db: Db,
  merchantId: string,
  storeId: string,
  day: string,
): Promise<DayFigures | undefined> {
  const page = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :p AND sk <= :d",
      ExpressionAttributeValues: { ":p": keys.statsDayPartition(merchantId, storeId), ":d": day },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const item = page.Items?.[0];
  return item ? dayFiguresOf(item) : undefined;
}

/** Write roll-ups (idempotent: the same day computed again replaces itself): BatchWriteItem, 25 a request. */
export async function putDayFigures(db: Db, merchantId: string, figures: DayFigures[]): Promise<void> {
  const puts = figures.map(({ day, storeId, flows, gauges }) => ({
    PutRequest: { Item: statsDay.item({ storeId, flows, gauges }, { merchantId, day }) },
  }));
  for (let offset = 0; offset < puts.length; offset += 25) {
    let request: Record<string, unknown[]> | undefined = { [db.tableName]: puts.slice(offset, offset + 25) };
    for (let attempt = 0; request && (request[db.tableName]?.length ?? 0) > 0; attempt++) {
      if (attempt >= 8) throw new Error("DynamoDB left roll-ups unprocessed after 8 attempts");
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const result = await db.client.send(new BatchWriteCommand({ RequestItems: request as never }));
      request = result.UnprocessedItems as typeof request;
    }
  }
}

export interface RollupState {
  /** The last local day rolled up. */
  lastDay: string;
  /** Stores that have ever had figures (the chain's parts). */
  storeIds: string[];
}

/** The roll-up's progress, one item per merchant. */
const statsState = defineEntity<RollupState, string>({
  name: "statsState",
  key: (_, merchantId) => keys.statsState(merchantId),
  read: (state) => ({ lastDay: state.lastDay, storeIds: state.storeIds ?? [] }),
});

export async function getRollupState(db: Db, merchantId: string): Promise<RollupState | undefined> {
  const found = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.statsState(merchantId), ConsistentRead: true }),
  );
  return found.Item ? statsState.from(found.Item) : undefined;
}

export async function putRollupState(db: Db, merchantId: string, state: RollupState): Promise<void> {
  await db.client.send(new PutCommand(statsState.put(db, state, merchantId).Put!));
}

/** The gauges at the end of `day` for the given stores (and the chain), from its roll-ups: one BatchGetItem. */
export async function dayGauges(
  db: Db,
  merchantId: string,
  storeIds: string[],
  day: string,
): Promise<Map<string, Counters>> {
  const items = await batchGet(
    db,
    storeIds.map((storeId) => keys.statsDay(merchantId, storeId, day)),
    true,
  );
  const figures = items.map((item) => statsDay.from(item));
  return new Map(figures.map((figure) => [figure.storeId, figure.gauges ?? {}]));
}
