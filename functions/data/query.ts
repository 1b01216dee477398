/** Cursor-paginated Query shared by every listing. */
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { ValidationError } from "../core/errors.js";
import type { Page } from "../core/model.js";
import { decodeCursor, encodeCursor, withoutKeys, type Db } from "./db.js";
import { table } from "./table.js";

export interface PageQuery {
  /** Index name, or undefined for the table. */
  index?: string;
  partitionAttribute: string;
  partitionValue: string;
  sortPrefix?: { attribute: string; value: string };
  limit: number;
  cursor?: string | null;
  /** Newest first when false. */
  ascending?: boolean;
}

/** Run one page of a Query; the cursor must come from the same partition. */
export async function queryPage<T>(db: Db, q: PageQuery): Promise<Page<T>> {
  const start = decodeCursor(q.cursor);
  if (start === null || (start && start[q.partitionAttribute] !== q.partitionValue)) {
    throw new ValidationError("after", "after is not a cursor from this listing");
  }
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
  const items = (result.Items ?? []).map((item) => withoutKeys<T>(item));
  return { items, next: encodeCursor(result.LastEvaluatedKey) };
}

export const tableKeyNames = { partition: table.partitionKey, sort: table.sortKey };

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
export async function queryAll(db: Db, input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(new QueryCommand({ ...input, TableName: db.tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
