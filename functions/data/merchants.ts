/** Merchant settings and the operator's merchant directory. */
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Merchant, Page, Staff, Store } from "../core/model.js";
import { cancellationCodes, withoutKeys, type Db } from "./db.js";
import { keys } from "./keys.js";
import { queryPage } from "./query.js";
import { staffItems } from "./staff.js";
import { storeItem } from "./stores.js";

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
          {
            Put: {
              TableName: db.tableName,
              Item: { ...keys.merchant(merchant.id), entity: "merchant", ...merchant },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            Put: {
              TableName: db.tableName,
              Item: { ...keys.merchantDirectory(merchant.id), entity: "merchantDirectory", ...merchant },
            },
          },
          { Put: { TableName: db.tableName, Item: storeItem(store) } },
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
  return result.Item ? withoutKeys<Merchant>(result.Item) : undefined;
}

/** Update name and time zone in the settings item and the directory copy. */
export async function updateMerchant(db: Db, merchant: Merchant): Promise<void> {
  const changes = { name: merchant.name, timeZone: merchant.timeZone, updatedAt: merchant.updatedAt };
  const update = (key: { pk: string; sk: string }) => ({
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
      TransactItems: [update(keys.merchant(merchant.id)), update(keys.merchantDirectory(merchant.id))],
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
  });
}
