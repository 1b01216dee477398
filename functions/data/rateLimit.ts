/**
 * Fixed-window request counters: one item per (API key, window), added to by
 * each function in batches (functions/app/rateLimit.ts) and deleted by
 * DynamoDB's TTL after the window.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { findApiKey } from "./apiKeys.js";
import type { Db } from "./db.js";
import { defineCounter } from "./entity.js";
import { keys } from "./keys.js";
import { table } from "./table.js";

/** The TTL attribute (epoch seconds) of counter items; the table's TTL setting must name it. */
export const RATE_WINDOW_TTL_ATTRIBUTE = table.timeToLiveAttribute;

/** Requests one API key made in one window, deleted by TTL after it (these items never carried `entity`). */
const rateWindow = defineCounter<
  { merchantId: string; keyId: string; windowStart: number },
  { requests: number; [RATE_WINDOW_TTL_ATTRIBUTE]: number }
>({
  name: "rateWindow",
  stamped: false,
  key: ({ merchantId, keyId, windowStart }) => keys.rateWindow(merchantId, keyId, windowStart),
});

/**
 * Add `requests` a function admitted in one window to the key's counter for it;
 * returns the window's total so far, every function's requests included.
 */
export async function addRequests(
  db: Db,
  address: { merchantId: string; keyId: string; windowStart: number },
  requests: number,
  expiresAtEpoch: number,
): Promise<number> {
  const count = rateWindow.add(db, address, { requests }, { set: { [RATE_WINDOW_TTL_ATTRIBUTE]: expiresAtEpoch } });
  const output = await db.client.send(new UpdateCommand({ ...count.Update, ReturnValues: "UPDATED_NEW" }));
  return Number(output.Attributes?.requests ?? requests);
}

/** Set (or clear, with undefined) one API key's own limit; false when the key does not exist. */
export async function setApiKeyRateLimit(
  db: Db,
  merchantId: string,
  keyId: string,
  perSecond: number | undefined,
): Promise<boolean> {
  const found = await findApiKey(db, merchantId, keyId);
  if (!found) return false;
  await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: found.key,
      ...(perSecond === undefined
        ? { UpdateExpression: "REMOVE rateLimitPerSecond" }
        : { UpdateExpression: "SET rateLimitPerSecond = :n", ExpressionAttributeValues: { ":n": perSecond } }),
    }),
  );
  return true;
}
