/** Storefront API keys, stored only as the SHA-256 of the secret. */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { queryAll } from "./query.js";
import type { ApiKey } from "../core/model.js";
import type { Db } from "./db.js";
import { defineEntity, mustBeNew } from "./entity.js";
import { keys, type Key } from "./keys.js";

/** An API key, addressed by the SHA-256 of its secret (kept nowhere else: the hash is the sort key). */
const apiKey = defineEntity<ApiKey, string>({
  name: "apiKey",
  key: (k, secretHash) => keys.apiKey(k.merchantId, secretHash),
});

export async function putApiKey(db: Db, value: ApiKey, secretHash: string): Promise<void> {
  await db.client.send(new PutCommand(apiKey.put(db, value, secretHash, mustBeNew).Put!));
}

/** Find a key by its secret's hash: one GetItem. */
export async function getApiKeyByHash(db: Db, merchantId: string, secretHash: string): Promise<ApiKey | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.apiKey(merchantId, secretHash) }),
  );
  return result.Item ? apiKey.from(result.Item) : undefined;
}

/** All keys of a merchant (a merchant has few). */
export async function listApiKeys(db: Db, merchantId: string): Promise<ApiKey[]> {
  const found = await queryAll(db, {
    KeyConditionExpression: "pk = :p",
    ExpressionAttributeValues: { ":p": keys.apiKeysPartition(merchantId) },
  });
  const items = found.map((item) => apiKey.from(item));
  return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** A key by its id, with the key of its item: its id is the start of its hash, the sort key (one Query). */
export async function findApiKey(
  db: Db,
  merchantId: string,
  keyId: string,
): Promise<{ apiKey: ApiKey; key: Key } | undefined> {
  const page = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :p AND begins_with(sk, :id)",
      ExpressionAttributeValues: { ":p": keys.apiKeysPartition(merchantId), ":id": keyId },
    }),
  );
  const item = page.Items?.find((candidate) => candidate.id === keyId);
  if (!item) return undefined;
  const found = apiKey.from(item);
  return { apiKey: found, key: apiKey.key(found, item.sk as string) };
}

/** Mark a key revoked; it is addressed by its id (its hash stays in the sort key). */
export async function revokeApiKey(db: Db, merchantId: string, keyId: string, at: string): Promise<ApiKey | undefined> {
  const found = await findApiKey(db, merchantId, keyId);
  if (!found) return undefined;
  const result = await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: found.key,
      UpdateExpression: "SET revokedAt = if_not_exists(revokedAt, :at)",
      ExpressionAttributeValues: { ":at": at },
      ReturnValues: "ALL_NEW",
    }),
  );
  return apiKey.from(result.Attributes!);
}
