/** Merchant settings and the operator's merchant directory. */
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Merchant, Page, Staff, Store } from "../core/model.js";
import { cancellationCodes, type Db } from "./db.js";
import { entities } from "./entities.js";
import { defineEntity, mustBeNew } from "./entity.js";
import { keys, type Key } from "./keys.js";
import { queryPage } from "./query.js";
import { staffItems } from "./staff.js";

/** The operator's copy of a merchant's settings, in the platform's one directory partition. */
const merchantDirectory = defineEntity<Merchant>({
  name: "merchantDirectory",
  key: (m) => keys.merchantDirectory(m.id),
});

/** Create a merchant with its first store and owner in one transaction; false if the owner's login is taken. */
export async function createMerchant(
  db: Db,
  merchant: Merchant,
  store: Store,
  owner: Staff,
): Promise<"created" | "login-taken"> {
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          entities.merchant.put(db, merchant, undefined, mustBeNew),
          merchantDirectory.put(db, merchant),
          entities.store.put(db, store),
          ...staffItems(db, owner),
        ],
      }),
    );
    return "created";
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes && codes[codes.length - 1] === "ConditionalCheckFailed") return "login-taken";
    throw error;
  }
}

export async function getMerchant(db: Db, merchantId: string): Promise<Merchant | undefined> {
  const result = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.merchant(merchantId) }));
  return result.Item ? entities.merchant.from(result.Item) : undefined;
}

/** Update name and time zone in the settings item and the directory copy. */
export async function updateMerchant(db: Db, merchant: Merchant): Promise<void> {
  const changes = { name: merchant.name, timeZone: merchant.timeZone, updatedAt: merchant.updatedAt };
  const update = (key: Key) => ({
    Update: {
      TableName: db.tableName,
      Key: key,
      UpdateExpression: "SET #n = :n, #tz = :tz, updatedAt = :u",
      ExpressionAttributeNames: { "#n": "name", "#tz": "timeZone" },
      ExpressionAttributeValues: { ":n": changes.name, ":tz": changes.timeZone, ":u": changes.updatedAt },
      ConditionExpression: "attribute_exists(pk)",
    },
  });
  await db.client.send(
    new TransactWriteCommand({
      TransactItems: [update(entities.merchant.key(merchant)), update(merchantDirectory.key(merchant))],
    }),
  );
}

/** The operator's listing of merchants. */
export function listMerchants(db: Db, limit: number, cursor?: string | null): Promise<Page<Merchant>> {
  return queryPage<Merchant>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.merchantDirectoryPartition(),
    limit,
    cursor,
    from: merchantDirectory.from,
  });
}
