/** Orders of customers who are not members: counted for the dashboard, idempotent by order id. */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { anonymousOrderDelta } from "../core/stats.js";
import type { Db } from "./db.js";
import { defineEntity, mustBeNew } from "./entity.js";
import { keys } from "./keys.js";
import type { Write } from "./transaction.js";

export interface AnonymousOrder {
  orderId: string;
  storeId: string;
  total: number;
  at: string;
  fingerprint: Record<string, string>;
}

/** An anonymous order, addressed by its order id (its idempotency key). */
const anonymousOrder = defineEntity<AnonymousOrder, string>({
  name: "anonymousOrder",
  key: (o, merchantId) => keys.anonymousOrder(merchantId, o.orderId),
});

/** A new anonymous order (its id must be unused), with what it adds to the dashboard. Label: order. */
export function anonymousOrderPut(db: Db, merchantId: string, order: AnonymousOrder): Write {
  return {
    label: "order",
    item: anonymousOrder.put(db, order, merchantId, mustBeNew),
    stats: { merchantId, at: order.at, delta: anonymousOrderDelta(order.storeId, order.total) },
  };
}

export async function getAnonymousOrder(db: Db, merchantId: string, orderId: string) {
  const found = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.anonymousOrder(merchantId, orderId), ConsistentRead: true }),
  );
  return found.Item ? anonymousOrder.from(found.Item) : undefined;
}
