/** Storefront API keys, stored only as the SHA-256 of the secret. */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { queryAll } from "./query.js";
import type { ApiKey } from "../core/model.js";
import { withoutKeys, type Db } from "./db.js";
import { keys } from "./keys.js";

export async function putApiKey(db: Db, apiKey: ApiKey, secretHash: string): Promise<void> {
  await db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.apiKey(apiKey.merchantId, secretHash), entity: "apiKey", ...apiKey },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
}

/** Find a key by its secret's hash: one GetItem. */
export async function getApiKeyByHash(db: Db, merchantId: string, secretHash: string): Promise<ApiKey | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.apiKey(merchantId, secretHash) }),
  );
  return result.Item ? withoutKeys<ApiKey>(result.Item) : undefined;
}

/** All keys of a merchant (a merchant has few). */
export async function listApiKeys(db: Db, merchantId: string): Promise<ApiKey[]> {
  const found = await queryAll(db, {
    KeyConditionExpression: "pk = :p",
    ExpressionAttributeValues: { ":p": keys.apiKeysPartition(merchantId) },
  });
  const items = found.map((item) => withoutKeys<ApiKey & { hash?: string }>(item));
  return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Mark a key revoked; it is addressed by its id (its hash stays in the sort key). */
export async function revokeApiKey(db: Db, merchantId: string, keyId: string, at: string): Promise<ApiKey | undefined> {
  const page = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :p AND begins_with(sk, :id)",
      ExpressionAttributeValues: { ":p": keys.apiKeysPartition(merchantId), ":id": keyId },
    }),
  );
  const item = page.Items?.[0];
  if (!item) return undefined;
  const result = await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: "SET revokedAt = if_not_exists(revokedAt, :at)",
      ExpressionAttributeValues: { ":at": at },
      ReturnValues: "ALL_NEW",
    }),
  );
  return withoutKeys<ApiKey>(result.Attributes!);
}
