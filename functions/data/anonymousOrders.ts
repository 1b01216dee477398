/** Orders of customers who are not members: counted for the dashboard, idempotent by order id. */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { anonymousOrderDelta } from "../core/stats.js";
import { withoutKeys, type Db } from "./db.js";
import { keys } from "./keys.js";
import type { Write } from "./transaction.js";

export interface AnonymousOrder {
  orderId: string;
  storeId: string;
  total: number;
  at: string;
  fingerprint: Record<string, string>;
}

/** A new anonymous order (its id must be unused), with what it adds to the dashboard. Label: order. */
export function anonymousOrderPut(db: Db, merchantId: string, order: AnonymousOrder): Write {
  return {
    label: "order",
    item: {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.anonymousOrder(merchantId, order.orderId), entity: "anonymousOrder", ...order },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    stats: { merchantId, at: order.at, delta: anonymousOrderDelta(order.storeId, order.total) },
  };
}

export async function getAnonymousOrder(db: Db, merchantId: string, orderId: string) {
  const found = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.anonymousOrder(merchantId, orderId), ConsistentRead: true }),
  );
  return found.Item ? withoutKeys<AnonymousOrder>(found.Item) : undefined;
}
