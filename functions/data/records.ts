/**
 * Storage of declared resources (core/resource.ts): one item per record in
 * the merchant's partition under the resource's prefix, listed by id (one
 * Query a page), written new or over the version read.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Page } from "../core/model.js";
import type { RecordBase } from "../core/resource.js";
import { isConditionFailed, type Db } from "./db.js";
import { defineEntity, mustBeNew } from "./entity.js";
import { keys } from "./keys.js";
import { queryPage } from "./query.js";

export interface RecordStore<T extends RecordBase> {
  get(db: Db, merchantId: string, id: string, consistent?: boolean): Promise<T | undefined>;
  /** Records by id, a page at a time. */
  list(db: Db, merchantId: string, limit: number, cursor?: string | null): Promise<Page<T>>;
  /** Write a record: new (its id unused), or replacing the version read (same updatedAt). False when that fails. */
  put(db: Db, next: T, expectedUpdatedAt?: string): Promise<boolean>;
}

/** The store of one resource; `storage` is its sort-key prefix, `idOf` its id. */
export function recordStore<T extends RecordBase>(storage: string, idOf: (record: T) => string): RecordStore<T> {
  const entity = defineEntity<T>({
    name: storage.toLowerCase(),
    key: (record) => keys.record(record.merchantId, storage, idOf(record)),
  });
  return {
    async get(db, merchantId, id, consistent = false) {
      const key = keys.record(merchantId, storage, id);
      const found = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: consistent }),
      );
      return found.Item ? entity.from(found.Item) : undefined;
    },
    list: (db, merchantId, limit, cursor) =>
      queryPage<T>(db, {
        partitionAttribute: "pk",
        partitionValue: keys.merchant(merchantId).pk,
        sortPrefix: { attribute: "sk", value: keys.recordsPrefix(storage) },
        limit,
        cursor,
      }),
    async put(db, next, expectedUpdatedAt) {
      const condition = expectedUpdatedAt
        ? { expression: "updatedAt = :u", values: { ":u": expectedUpdatedAt } }
        : mustBeNew;
      try {
        await db.client.send(new PutCommand(entity.put(db, next, undefined, condition).Put!));
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },
  };
}
