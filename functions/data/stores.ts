/** Stores of a merchant: one partition per merchant, sorted by id. */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Page, Store } from "../core/model.js";
import { batchGet, type Db } from "./db.js";
import { entities } from "./entities.js";
import { mustBeNew } from "./entity.js";
import { keys } from "./keys.js";
import { queryPage } from "./query.js";

export async function putStore(db: Db, store: Store, mustExist: boolean): Promise<void> {
  const condition = mustExist ? { expression: "attribute_exists(pk)" } : mustBeNew;
  await db.client.send(new PutCommand(entities.store.put(db, store, undefined, condition).Put!));
}

export async function getStore(db: Db, merchantId: string, storeId: string): Promise<Store | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.store(merchantId, storeId) }),
  );
  return result.Item ? entities.store.from(result.Item) : undefined;
}

/** Several stores by id in one BatchGetItem (per 100), keyed by id; ids that name nothing are absent. */
export async function getStores(db: Db, merchantId: string, storeIds: string[]): Promise<Map<string, Store>> {
  const items = storeIds.length
    ? await batchGet(
        db,
        [...new Set(storeIds)].map((id) => keys.store(merchantId, id)),
      )
    : [];
  return new Map(items.map((item) => entities.store.from(item)).map((store) => [store.id, store]));
}

export function listStores(db: Db, merchantId: string, limit: number, cursor?: string | null): Promise<Page<Store>> {
  return queryPage<Store>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.merchant(merchantId).pk,
    sortPrefix: { attribute: "sk", value: keys.storesPrefix() },
    limit,
    cursor,
    from: entities.store.from,
  });
}
