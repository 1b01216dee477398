/**
 * The SMS outbox. A message is written in the same transaction as whatever
 * decided to send it (a job's per-member step), with the member's monthly
 * cap counted in that transaction; a dispatcher sends what is due. Items
 * waiting to be sent are in a sparse index by their send-after time.
 */
import { randomUUID } from "node:crypto";
import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Page } from "../core/model.js";
import { isConditionFailed, type Db } from "./db.js";
import { defineCounter, defineEntity, mustBeNew } from "./entity.js";
import type { Write } from "./transaction.js";
import { indexKeys, keys } from "./keys.js";
import { scopedQueryPage, type StoreScope } from "./query.js";

export type MessageStatus = "queued" | "sending" | "sent" | "failed" | "skipped";

export interface OutboxMessage {
  id: string;
  merchantId: string;
  memberId: string;
  /**
   * The member's home store when queued: whose staff see the message (absent on messages queued before it was kept).
   */
  storeId?: string;
  phone: string;
  text: string;
  kind: "marketing" | "transactional";
  parts: number;
  /** What asked for it, e.g. birthday, wakeup:30, coupon-expiry, campaign:{id}. */
  purpose: string;
  status: MessageStatus;
  attempts: number;
  /** Not before this instant (quiet hours defer, retries back off). */
  sendAfter: string;
  createdAt: string;
  sentAt?: string;
  providerId?: string;
  error?: string;
}

/** A message, in the outbox log (gsi1) newest last and, while queued, due by its send-after time (gsi2). */
const sms = defineEntity<OutboxMessage>({
  name: "sms",
  key: (m) => keys.sms(m.merchantId, m.id),
  indexes: (m) => ({
    ...indexKeys.smsLog(m.merchantId, m.createdAt, m.id),
    ...(m.status === "queued" ? indexKeys.smsDue(m.merchantId, m.sendAfter, m.id) : {}),
  }),
});

/** The marketing messages a member was sent in a month (their monthly allowance). */
const smsCap = defineCounter<{ merchantId: string; memberId: string; month: string }, { count: number }>({
  name: "smsCap",
  key: ({ merchantId, memberId, month }) => keys.smsCap(merchantId, memberId, month),
});

/**
 * Queue a message; a marketing message also takes one of the member's monthly allowance (label cap fails when used
 * up).
 */
export function enqueueItems(db: Db, message: OutboxMessage, cap?: { month: string; limit: number }): Write[] {
  const items: Write[] = [];
  const { merchantId, memberId } = message;
  if (cap)
    items.push({
      label: "cap",
      item: smsCap.add(db, { merchantId, memberId, month: cap.month }, { count: 1 }, { atMost: { count: cap.limit } }),
    });
  items.push({ label: "sms", item: sms.put(db, message, undefined, mustBeNew) });
  return items;
}

/** Messages due by `now`, oldest first. */
export async function listDue(db: Db, merchantId: string, now: string, limit = 100): Promise<OutboxMessage[]> {
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: "gsi2",
      KeyConditionExpression: "gsi2pk = :p AND gsi2sk <= :now",
      ExpressionAttributeValues: { ":p": indexKeys.smsDuePartition(merchantId), ":now": `${now}#~` },
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => sms.from(item));
}

/** The outbox, newest first (the console's message page). */
/** The outbox newest first, messages to members of the caller's stores. */
export function listMessages(
  db: Db,
  merchantId: string,
  scope: StoreScope,
  limit: number,
  cursor?: string | null,
): Promise<Page<OutboxMessage>> {
  return scopedQueryPage<OutboxMessage>(
    db,
    {
      index: "gsi1",
      partitionAttribute: "gsi1pk",
      partitionValue: indexKeys.smsLogPartition(merchantId),
      limit,
      cursor,
      ascending: false,
      from: sms.from,
    },
    scope,
  );
}

/**
 * Take a queued message for sending (one dispatcher wins); it leaves the due index.
 * The claim carries a token of its own, so the SDK re-sending it after a lost
 * response finds its own claim and succeeds instead of losing the message.
 */
export async function claim(db: Db, message: OutboxMessage): Promise<boolean> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.sms(message.merchantId, message.id),
        UpdateExpression: "SET #s = :sending, claimedBy = :by REMOVE gsi2pk, gsi2sk",
        ConditionExpression: "(#s = :queued AND attempts = :a) OR (#s = :sending AND claimedBy = :by)",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: {
          ":sending": "sending",
          ":queued": "queued",
          ":a": message.attempts,
          ":by": randomUUID(),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** How sending a message went: sent, skipped or failed for good, or queued again for a retry at `sendAfter`. */
export type SendOutcome =
  | { status: "sent"; at: string; providerId: string }
  | { status: "skipped" | "failed"; error: string }
  | { status: "queued"; sendAfter: string; error: string };

/** The message after an outcome; every outcome but a skip counts an attempt. */
function settledMessage(message: OutboxMessage, outcome: SendOutcome): OutboxMessage {
  if (outcome.status === "sent")
    return {
      ...message,
      status: "sent",
      attempts: message.attempts + 1,
      sentAt: outcome.at,
      providerId: outcome.providerId,
      error: undefined,
    };
  if (outcome.status === "queued")
    return {
      ...message,
      status: "queued",
      attempts: message.attempts + 1,
      sendAfter: outcome.sendAfter,
      error: outcome.error,
    };
  return {
    ...message,
    status: outcome.status,
    attempts: message.attempts + (outcome.status === "failed" ? 1 : 0),
    error: outcome.error,
  };
}

/** The fields settling writes: the outcome's, the due index keys and the claim. */
const SETTLED_FIELDS = [
  "status",
  "attempts",
  "sentAt",
  "providerId",
  "error",
  "sendAfter",
  "gsi2pk",
  "gsi2sk",
  "claimedBy",
] as const;

/** An update writing the settled item's fields: SET those it has, REMOVE those it lacks. */
function settledUpdate(item: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ":sending": "sending" };
  const sets: string[] = [];
  const removes: string[] = [];
  for (const field of SETTLED_FIELDS) {
    const value = item[field];
    names[`#${field}`] = field;
    if (value === undefined) removes.push(`#${field}`);
    else {
      sets.push(`#${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  const expression = `SET ${sets.join(", ")}${removes.length ? ` REMOVE ${removes.join(", ")}` : ""}`;
  return { expression, names, values };
}

/** Record how sending went: sent, skipped or failed for good, or queued again for a retry at `sendAfter`. */
export async function settle(db: Db, message: OutboxMessage, outcome: SendOutcome): Promise<void> {
  const update = settledUpdate(sms.item(settledMessage(message, outcome)));
  await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.sms(message.merchantId, message.id),
      UpdateExpression: update.expression,
      // Or already settled so by this very request: the SDK re-sending it after a lost response.
      ConditionExpression: "#status = :sending OR (#status = :status AND #attempts = :attempts)",
      ExpressionAttributeNames: update.names,
      ExpressionAttributeValues: update.values,
    }),
  );
}
