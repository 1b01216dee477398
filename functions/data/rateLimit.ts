/**
 * Fixed-window request counters: one item per (API key, window), counted with
 * one conditional UpdateItem and deleted by DynamoDB's TTL after the window.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./db.js";
import { keys } from "./keys.js";
import { table } from "./table.js";

/** The TTL attribute (epoch seconds) of counter items; the table's TTL setting must name it. */
export const RATE_WINDOW_TTL_ATTRIBUTE = table.timeToLiveAttribute;

/**
 * Count one request in a window unless the window already holds `limit`:
 * true when admitted, false when refused (a refused request is not counted).
 */
export async function countRequest(
  db: Db,
  merchantId: string,
  keyId: string,
  windowStart: number,
  limit: number,
  expiresAtEpoch: number,
): Promise<boolean> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.rateWindow(merchantId, keyId, windowStart),
        UpdateExpression: "ADD #requests :one SET #ttl = :ttl",
        ConditionExpression: "attribute_not_exists(#requests) OR #requests < :limit",
        ExpressionAttributeNames: { "#requests": "requests", "#ttl": RATE_WINDOW_TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ":one": 1, ":limit": limit, ":ttl": expiresAtEpoch },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException || (error as Error).name === "ConditionalCheckFailedException")
      return false;
    throw error;
  }
}

/** Set (or clear, with undefined) one API key's own limit; false when the key does not exist. */
export async function setApiKeyRateLimit(
  db: Db,
  merchantId: string,
  keyId: string,
  perSecond: number | undefined,
): Promise<boolean> {
  const page = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: "pk = :p AND begins_with(sk, :id)",
      ExpressionAttributeValues: { ":p": keys.apiKeysPartition(merchantId), ":id": keyId },
    }),
  );
  const item = page.Items?.find((candidate) => candidate.id === keyId);
  if (!item) return false;
  await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: { pk: item.pk, sk: item.sk },
      ...(perSecond === undefined
        ? { UpdateExpression: "REMOVE rateLimitPerSecond" }
        : { UpdateExpression: "SET rateLimitPerSecond = :n", ExpressionAttributeValues: { ":n": perSecond } }),
    }),
  );
  return true;
}
