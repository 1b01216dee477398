/** Product storage: one item per product in the merchant's partition, listed by SKU (one Query a page). */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Page } from "../core/model.js";
import type { Product } from "../core/products.js";
import { isConditionFailed, type Db } from "./db.js";
import { defineEntity, mustBeNew } from "./entity.js";
import { keys } from "./keys.js";
import { queryPage } from "./query.js";

export const product = defineEntity<Product>({
  name: "product",
  key: (p) => keys.product(p.merchantId, p.sku),
});

export async function getProduct(db: Db, merchantId: string, sku: string, consistent = false) {
  const found = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.product(merchantId, sku), ConsistentRead: consistent }),
  );
  return found.Item ? product.from(found.Item) : undefined;
}

/** Products by SKU, a page at a time. */
export function listProducts(
  db: Db,
  merchantId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<Product>> {
  return queryPage<Product>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.merchant(merchantId).pk,
    sortPrefix: { attribute: "sk", value: keys.productsPrefix() },
    limit,
    cursor,
  });
}

/** Write a product: new (its SKU unused), or replacing the version read (same updatedAt). False when that fails. */
export async function putProduct(db: Db, next: Product, expectedUpdatedAt?: string): Promise<boolean> {
  const condition = expectedUpdatedAt
    ? { expression: "updatedAt = :u", values: { ":u": expectedUpdatedAt } }
    : mustBeNew;
  try {
    await db.client.send(new PutCommand(product.put(db, next, undefined, condition).Put!));
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}
