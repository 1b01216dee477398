/**
 * Recommendation data: per-merchant co-purchase counters (one item per ordered
 * pair of products bought in one order, `ADD`ed after each new purchase) and
 * the member's recent order lines, read from the orders' gsi1 index.
 */
import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { CoPurchase, HistoryOrder } from "../core/recommendations.js";
import type { Db } from "./db.js";
import { defineCounter } from "./entity.js";
import { indexKeys, keys } from "./keys.js";

/**
 * Distinct products of one order that are counted (its first lines): 10 → at
 * most 90 counter updates, 6 rounds after the purchase, so a big basket adds
 * little to the till's wait.
 */
export const MAX_SKUS_PER_ORDER = 10;
/** Counter updates in flight at once for one order. */
const PARALLEL_UPDATES = 16;
/** Orders of a member the history reads (one Query page). */
export const HISTORY_ORDERS = 50;
/** Counters read per source product (one Query page). */
export const CO_PURCHASES_PER_SKU = 100;

type Product = { sku: string; name?: string; category?: string };

/** How often `otherSku` was bought in one order with `sku`, with the other product's name and category as last sold. */
const coPurchase = defineCounter<
  { merchantId: string; sku: string; otherSku: string },
  { sku: string; otherSku: string; name: string; category: string; count: number }
>({
  name: "coPurchase",
  key: ({ merchantId, sku, otherSku }) => keys.coPurchase(merchantId, sku, otherSku),
  labels: ({ sku, otherSku }) => ({ sku, otherSku }),
});

/** One counter: `count + 1` for (sku → other). */
function counterUpdate(db: Db, merchantId: string, sku: string, other: Product) {
  const set = { name: other.name ?? other.sku, category: other.category ?? "" };
  return new UpdateCommand(coPurchase.add(db, { merchantId, sku, otherSku: other.sku }, { count: 1 }, { set }).Update);
}

/**
 * Count every ordered pair of the given (distinct) products once: n·(n−1)
 * UpdateItem requests (BatchWriteItem cannot ADD), 16 at a time. Not
 * transactional and not idempotent by itself: the caller runs it once per
 * newly written order. Returns the number of requests made.
 */
export async function addCoPurchases(db: Db, merchantId: string, products: Product[]): Promise<number> {
  const updates = products.flatMap((product) =>
    products
      .filter((other) => other.sku !== product.sku)
      .map((other) => () => db.client.send(counterUpdate(db, merchantId, product.sku, other))),
  );
  for (let start = 0; start < updates.length; start += PARALLEL_UPDATES)
    await Promise.all(updates.slice(start, start + PARALLEL_UPDATES).map((run) => run()));
  return updates.length;
}

/** Products bought together with `sku` (the first `limit` counters of its partition): one Query. */
export async function coPurchasesOf(
  db: Db,
  merchantId: string,
  sku: string,
  limit = CO_PURCHASES_PER_SKU,
): Promise<CoPurchase[]> {
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": keys.coPurchasePartition(merchantId, sku) },
      ProjectionExpression: "#sku, otherSku, #count, #name, #category",
      ExpressionAttributeNames: { "#sku": "sku", "#count": "count", "#name": "name", "#category": "category" },
      Limit: limit,
    }),
  );
  return (result.Items ?? [])
    .map((item) => coPurchase.from(item))
    .map(({ sku, otherSku, count, name, category }) => ({
      sku,
      otherSku,
      count,
      name,
      category: category || undefined,
    }));
}

/** A member's newest orders (at and lines only): one Query of gsi1, newest first. */
export async function recentOrders(
  db: Db,
  merchantId: string,
  memberId: string,
  limit = HISTORY_ORDERS,
): Promise<HistoryOrder[]> {
  const index = indexKeys.ordersOfMember(merchantId, memberId);
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: index.index,
      KeyConditionExpression: "gsi1pk = :p",
      ExpressionAttributeValues: { ":p": index.gsi1pk },
      ProjectionExpression: "#at, #lines",
      ExpressionAttributeNames: { "#at": "at", "#lines": "lines" },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []) as HistoryOrder[];
}
