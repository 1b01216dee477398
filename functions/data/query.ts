/** Cursor-paginated Query shared by every listing. */
import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import { ValidationError } from "../core/errors.js";
import type { Page } from "../core/model.js";
import { decodeCursor, encodeCursor, withoutKeys, type Db } from "./db.js";
import { table } from "./table.js";

export interface PageQuery<T = unknown> {
  /** Index name, or undefined for the table. */
  index?: string;
  partitionAttribute: string;
  partitionValue: string;
  sortPrefix?: { attribute: string; value: string };
  limit: number;
  cursor?: string | null;
  /** Newest first when false. */
  ascending?: boolean;
  /** How a stored item reads (an entity's `from`); its keys stripped when not given. */
  from?: (item: Record<string, unknown>) => T;
}

/** Where a page starts: the caller's cursor, which must come from the same partition. */
function startKey<T>(q: PageQuery<T>): Record<string, unknown> | undefined {
  const start = decodeCursor(q.cursor);
  if (start === null || (start && start[q.partitionAttribute] !== q.partitionValue)) {
    throw new ValidationError("after", "after is not a cursor from this listing");
  }
  return start;
}

/** Run one page of a Query; the cursor must come from the same partition. */
export async function queryPage<T>(db: Db, q: PageQuery<T>): Promise<Page<T>> {
  const start = startKey(q);
  const names: Record<string, string> = { "#p": q.partitionAttribute };
  const values: Record<string, unknown> = { ":p": q.partitionValue };
  let condition = "#p = :p";
  if (q.sortPrefix) {
    names["#s"] = q.sortPrefix.attribute;
    values[":s"] = q.sortPrefix.value;
    condition += " AND begins_with(#s, :s)";
  }
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: q.index,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      Limit: q.limit,
      ExclusiveStartKey: start,
      ScanIndexForward: q.ascending ?? true,
    }),
  );
  const items = (result.Items ?? []).map(q.from ?? ((item) => withoutKeys<T>(item)));
  return { items, next: encodeCursor(result.LastEvaluatedKey) };
}

export const tableKeyNames = { partition: table.partitionKey, sort: table.sortKey };

/** The stores a caller may see: undefined for all of the merchant's (owners, chain-wide keys). */
export type StoreScope = readonly string[] | undefined;

/** Most Query pages one scoped page reads before it answers with what it found and a cursor. */
export const SCOPED_READS = 5;

/**
 * One page of a listing of member-related items (SMS, referrals…) as a caller
 * scoped to some stores sees it: only items whose store attributes (each of
 * them, e.g. both members' stores of a referral) are among the caller's
 * stores. The listing's own key and order are kept; the scope is a
 * FilterExpression, and a page reads at most SCOPED_READS Query pages before
 * it answers (possibly short, with a cursor), so a sparse store never reads
 * unboundedly. Every listing of member-related items goes through here with
 * the caller's scope, so none can forget it.
 */
export async function scopedQueryPage<T>(
  db: Db,
  q: PageQuery<T>,
  scope: StoreScope,
  storeAttributes: readonly string[] = ["storeId"],
): Promise<Page<T>> {
  if (!scope) return queryPage<T>(db, q);
  if (q.sortPrefix) throw new Error("A scoped listing reads a whole partition (no sort prefix)");
  let start = startKey(q);
  if (!scope.length) return { items: [], next: null };
  const filter = scopeFilter(scope, storeAttributes);
  const found: Record<string, unknown>[] = [];
  for (let reads = 0; reads < SCOPED_READS && found.length < q.limit; reads++) {
    const result: QueryCommandOutput = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: q.index,
        KeyConditionExpression: "#p = :p",
        FilterExpression: filter.expression,
        ExpressionAttributeNames: { "#p": q.partitionAttribute, ...filter.names },
        ExpressionAttributeValues: { ":p": q.partitionValue, ...filter.values },
        Limit: q.limit,
        ExclusiveStartKey: start,
        ScanIndexForward: q.ascending ?? true,
      }),
    );
    found.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
    if (!start) break;
  }
  const page = found.slice(0, q.limit);
  // Cut mid-read: the next page starts after the last item given.
  const next = found.length > q.limit ? encodeCursor(keyOf(page[page.length - 1], q.index)) : encodeCursor(start);
  return { items: page.map(q.from ?? ((item) => withoutKeys<T>(item))), next };
}

/** `#store0 IN (:st0, :st1) AND #store1 IN (…)`: every store attribute is one of the stores. */
function scopeFilter(scope: readonly string[], storeAttributes: readonly string[]) {
  const values = Object.fromEntries(scope.map((id, i) => [`:st${i}`, id]));
  const list = Object.keys(values).join(", ");
  return {
    expression: storeAttributes.map((_, i) => `#store${i} IN (${list})`).join(" AND "),
    names: Object.fromEntries(storeAttributes.map((name, i) => [`#store${i}`, name])),
    values,
  };
}

/** The key of an item in a table or index listing (what ExclusiveStartKey takes). */
function keyOf(item: Record<string, unknown>, index?: string): Record<string, unknown> {
  const names: string[] = [table.partitionKey, table.sortKey];
  if (index) {
    const definition = table.indexes[index as keyof typeof table.indexes];
    names.push(definition.partitionKey, definition.sortKey);
  }
  return Object.fromEntries(names.map((name) => [name, item[name]]));
}

/** A partition (of the table or an index) read page by page, for jobs and evaluations that stream it. */
export interface PartitionRead {
  index?: string;
  partitionAttribute: string;
  partitionValue: string;
  /** Only items whose sort key lies in this range (inclusive). */
  sortBetween?: { attribute: string; from: string; to: string };
  /** Only these attributes. */
  attributes?: string[];
  /** Items per page (default 100). */
  limit?: number;
  /** Descending sort key order. */
  newestFirst?: boolean;
}

/** One Query of a partition from a start key (the page before's `last`), as stored; `last` where the next starts. */
export async function partitionPage(
  db: Db,
  read: PartitionRead,
  start: Record<string, unknown> | undefined,
): Promise<{ items: Record<string, unknown>[]; last: Record<string, unknown> | undefined }> {
  const names: Record<string, string> = { "#p": read.partitionAttribute };
  const values: Record<string, unknown> = { ":p": read.partitionValue };
  let condition = "#p = :p";
  if (read.sortBetween) {
    Object.assign(names, { "#s": read.sortBetween.attribute });
    Object.assign(values, { ":from": read.sortBetween.from, ":to": read.sortBetween.to });
    condition += " AND #s BETWEEN :from AND :to";
  }
  const projection = read.attributes?.map((name, i) => [`#a${i}`, name] as const);
  if (projection) Object.assign(names, Object.fromEntries(projection));
  const page: QueryCommandOutput = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: read.index,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ProjectionExpression: projection?.map(([alias]) => alias).join(", "),
      Limit: read.limit ?? 100,
      ExclusiveStartKey: start,
      ScanIndexForward: !read.newestFirst,
    }),
  );
  return { items: page.Items ?? [], last: page.LastEvaluatedKey };
}

/**
 * Where a read of `read` goes on just after `item` (one of its items, as stored): the key DynamoDB would
 * have answered as LastEvaluatedKey had the page ended there (the table's keys, and the index's).
 */
export function startAfter(read: PartitionRead, item: Record<string, unknown>): Record<string, unknown> {
  const index = Object.values(table.indexes).find((candidate) => candidate.name === read.index);
  const names = [table.partitionKey, table.sortKey, ...(index ? [index.partitionKey, index.sortKey] : [])];
  return Object.fromEntries(names.map((name) => [name, item[name]]));
}

/** Every page of a partition, as stored (keys included), following LastEvaluatedKey. */
export async function* partitionPages(db: Db, read: PartitionRead): AsyncGenerator<Record<string, unknown>[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await partitionPage(db, read, start);
    yield page.items;
    start = page.last;
  } while (start);
}

/** Every item of a paginated listing (only for small listings such as stores or staff). */
export async function collectPages<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return items;
}

/** Every item a Query matches, following LastEvaluatedKey page by page (for bounded partitions only). */
export async function queryAll(
  db: Db,
  input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({ ...input, TableName: db.tableName, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Query from `start` until `limit` items, the end of the range, or `maxQueries` calls; `start` is where to go on. */
export async function queryUpTo(
  db: Db,
  request: QueryCommandInput,
  start: Record<string, unknown> | undefined,
  limit: number,
  maxQueries: number,
): Promise<{ found: Record<string, unknown>[]; start: Record<string, unknown> | undefined }> {
  const found: Record<string, unknown>[] = [];
  let queries = 0;
  do {
    const page: QueryCommandOutput = await db.client.send(
      new QueryCommand({ ...request, ExclusiveStartKey: start, Limit: limit - found.length }),
    );
    found.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
    queries++;
  } while (start && found.length < limit && queries < maxQueries);
  return { found, start };
}
