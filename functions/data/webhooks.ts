/**
 * Webhook endpoints and deliveries. A delivery is one event for one endpoint (id `{endpointId}.{eventId}`, so an
 * event redelivered by the queue is taken once); while pending it is in the due index (gsi2, 4 shards for every
 * merchant) under the time its next attempt is due, or, while an attempt holds it, under the end of that lease, so
 * a dispatcher that dies mid-attempt leaves it due again rather than lost.
 */
import { createHash } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DomainEvent, Page } from "../core/model.js";
import { isConditionFailed, type Db } from "./db.js";
import { defineEntity, mustBeNew, type Condition } from "./entity.js";
import { eventPut } from "./events.js";
import { indexKeys, keys } from "./keys.js";
import { queryAll, queryPage } from "./query.js";
import { transact } from "./transaction.js";

export interface WebhookEndpoint {
  id: string;
  merchantId: string;
  url: string;
  description?: string;
  /** Empty: every type. */
  eventTypes: string[];
  status: "enabled" | "disabled";
  disabledReason?: string;
  failingSince?: string;
  secret: string;
  previousSecret?: string;
  previousSecretExpiresAt?: string;
  secretPrefix: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

export interface WebhookAttempt {
  at: string;
  statusCode?: number;
  latencyMs: number;
  responseExcerpt?: string;
  ok: boolean;
}

export interface WebhookDelivery {
  id: string;
  merchantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  createdAt: string;
  /** Retries go on until RETRY_FOR after this: the first attempt, or the last re-send. */
  retryFrom: string;
  nextAttemptAt?: string;
  deliveredAt?: string;
  payload: string;
  /** The last ATTEMPTS_KEPT attempts. */
  attempts: WebhookAttempt[];
  attemptCount: number;
  /** While an attempt holds the delivery: until when (then it is due again). */
  leaseUntil?: string;
}

export const DUE_SHARDS = 4;
/** Days a delivery is kept after its last (re-)send began. */
export const KEPT_DAYS = 30;

export const dueShard = (id: string) => createHash("sha256").update(id).digest().readUInt8(0) % DUE_SHARDS;

const endpoint = defineEntity<WebhookEndpoint>({
  name: "webhookEndpoint",
  key: (e) => keys.webhookEndpoint(e.merchantId, e.id),
});

const delivery = defineEntity<WebhookDelivery>({
  name: "webhookDelivery",
  key: (d) => keys.webhookDelivery(d.merchantId, d.id),
  indexes: (d) => ({
    ...indexKeys.webhookLog(d.merchantId, d.endpointId, d.createdAt, d.id),
    ...(d.status === "pending"
      ? indexKeys.webhookDue(dueShard(d.id), d.leaseUntil ?? d.nextAttemptAt ?? d.createdAt, d.merchantId, d.id)
      : {}),
  }),
  // DynamoDB deletes a delivery 30 days after its last (re-)send began: the log an owner looks back on.
  derived: (d) => ({ expiresAtEpoch: Math.floor(Date.parse(d.retryFrom) / 1000) + KEPT_DAYS * 86_400 }),
  read: ({ expiresAtEpoch: _, ...d }: WebhookDelivery & { expiresAtEpoch?: number }) => ({
    ...d,
    attempts: d.attempts ?? [],
    attemptCount: d.attemptCount ?? 0,
  }),
});

async function send(db: Db, put: ReturnType<typeof endpoint.put>): Promise<boolean> {
  try {
    await db.client.send(new PutCommand(put.Put!));
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

// --- Endpoints ----------------------------------------------------------------------------------

export const endpointItem = (value: WebhookEndpoint) => endpoint.item(value);

/** Write an endpoint (false when its condition failed). */
export function putEndpoint(db: Db, value: WebhookEndpoint, condition?: Condition): Promise<boolean> {
  return send(db, endpoint.put(db, value, undefined, condition));
}

/** Unchanged since read: the condition for rewriting an endpoint read earlier. */
export const unchangedSince = (read: WebhookEndpoint): Condition => ({
  expression: "updatedAt = :read",
  values: { ":read": read.updatedAt },
});

export async function getEndpoint(db: Db, merchantId: string, id: string): Promise<WebhookEndpoint | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.webhookEndpoint(merchantId, id) }),
  );
  return result.Item ? endpoint.from(result.Item) : undefined;
}

/** Every endpoint of a merchant, newest first (one Query: at most 10). */
export async function listEndpoints(db: Db, merchantId: string): Promise<WebhookEndpoint[]> {
  const found = await queryAll(db, {
    KeyConditionExpression: "pk = :p AND begins_with(sk, :s)",
    ExpressionAttributeValues: { ":p": keys.merchant(merchantId).pk, ":s": keys.webhookEndpointsPrefix() },
  });
  return found.map((item) => endpoint.from(item)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function deleteEndpoint(db: Db, merchantId: string, id: string): Promise<void> {
  await db.client.send(new DeleteCommand({ TableName: db.tableName, Key: keys.webhookEndpoint(merchantId, id) }));
}

/** Note a failed attempt: the endpoint's run of failures began then, unless it already had. The endpoint after. */
export async function markFailing(db: Db, merchantId: string, id: string, at: string) {
  return updateEndpoint(db, merchantId, id, "SET failingSince = if_not_exists(failingSince, :at)", { ":at": at });
}

/** Note a delivered attempt: the run of failures is over. */
export async function markHealthy(db: Db, merchantId: string, id: string) {
  return updateEndpoint(db, merchantId, id, "REMOVE failingSince", {}, "attribute_exists(failingSince)");
}

async function updateEndpoint(
  db: Db,
  merchantId: string,
  id: string,
  expression: string,
  values: Record<string, unknown>,
  condition = "attribute_exists(pk)",
): Promise<WebhookEndpoint | undefined> {
  try {
    const result = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.webhookEndpoint(merchantId, id),
        UpdateExpression: expression,
        ConditionExpression: condition,
        ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
        ReturnValues: "ALL_NEW",
      }),
    );
    return endpoint.from(result.Attributes!);
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
}

/**
 * Disable an endpoint that is still failing since `failingSince`, with its event for the outbox, in one
 * transaction; false when someone else changed it first (enabled it again, or it recovered).
 */
export async function disableFailing(db: Db, disabled: WebhookEndpoint, event: DomainEvent): Promise<boolean> {
  const put = endpoint.put(db, disabled, undefined, {
    expression: "#s = :enabled AND failingSince = :since",
    names: { "#s": "status" },
    values: { ":enabled": "enabled", ":since": disabled.failingSince },
  });
  try {
    await transact(db, [put, eventPut(db, event).item]);
    return true;
  } catch (error) {
    if (String((error as Error).name) === "TransactionCanceledException") return false;
    throw error;
  }
}

// --- Deliveries ---------------------------------------------------------------------------------

/** Write a new delivery; false when the event was already taken for that endpoint. */
export function createDelivery(db: Db, value: WebhookDelivery): Promise<boolean> {
  return send(db, delivery.put(db, value, undefined, mustBeNew));
}

export async function getDelivery(db: Db, merchantId: string, id: string): Promise<WebhookDelivery | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.webhookDelivery(merchantId, id) }),
  );
  return result.Item ? delivery.from(result.Item) : undefined;
}

/** An endpoint's deliveries, newest first. */
export function listDeliveries(
  db: Db,
  merchantId: string,
  endpointId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<WebhookDelivery>> {
  return queryPage(db, {
    index: "gsi1",
    partitionAttribute: "gsi1pk",
    partitionValue: indexKeys.webhookLogPartition(merchantId, endpointId),
    limit,
    cursor,
    ascending: false,
    from: delivery.from,
  });
}

/** Deliveries of one shard due by `now`, oldest first. */
export async function listDue(db: Db, shard: number, now: string, limit: number): Promise<WebhookDelivery[]> {
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: "gsi2",
      KeyConditionExpression: "gsi2pk = :p AND gsi2sk <= :now",
      ExpressionAttributeValues: { ":p": indexKeys.webhookDuePartition(shard), ":now": `${now}#~` },
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => delivery.from(item));
}

/**
 * Take a pending delivery for one attempt until `leaseUntil`: one dispatcher wins. It stays due, under the lease's
 * end, in case the attempt never settles. The delivery as claimed, or undefined when it is not due or held.
 */
export async function claim(db: Db, read: WebhookDelivery, now: string, leaseUntil: string) {
  const claimed: WebhookDelivery = { ...read, leaseUntil };
  const ok = await send(
    db,
    delivery.put(db, claimed, undefined, {
      expression:
        "#s = :pending AND attemptCount = :count AND nextAttemptAt <= :now AND " +
        "(attribute_not_exists(leaseUntil) OR leaseUntil <= :now)",
      names: { "#s": "status" },
      values: { ":pending": "pending", ":count": read.attemptCount, ":now": now },
    }),
  );
  return ok ? claimed : undefined;
}

/** Record an attempt's outcome on a delivery this dispatcher holds; false when its lease was lost meanwhile. */
export function settle(db: Db, claimed: WebhookDelivery, settled: WebhookDelivery): Promise<boolean> {
  return send(
    db,
    delivery.put(db, { ...settled, leaseUntil: undefined }, undefined, {
      expression: "leaseUntil = :mine AND attemptCount = :count",
      values: { ":mine": claimed.leaseUntil, ":count": claimed.attemptCount },
    }),
  );
}

/** Put off a pending delivery's next attempt (its endpoint is failing right now); false when it changed or is held. */
export function defer(db: Db, read: WebhookDelivery, now: string, until: string): Promise<boolean> {
  return send(
    db,
    delivery.put(db, { ...read, leaseUntil: undefined, nextAttemptAt: until }, undefined, {
      expression:
        "#s = :pending AND attemptCount = :count AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)",
      names: { "#s": "status" },
      values: { ":pending": "pending", ":count": read.attemptCount, ":now": now },
    }),
  );
}

/** Make a delivery pending and due now (a re-send); false when an attempt holds it right now. */
export function requeue(db: Db, read: WebhookDelivery, now: string): Promise<boolean> {
  const pending: WebhookDelivery = {
    ...read,
    status: "pending",
    nextAttemptAt: now,
    retryFrom: now,
    leaseUntil: undefined,
  };
  return send(
    db,
    delivery.put(db, pending, undefined, {
      expression: "attemptCount = :count AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)",
      values: { ":count": read.attemptCount, ":now": now },
    }),
  );
}

// --- The local dispatcher's place in the event outbox ------------------------------------------

/** The last outbox sort key the local dispatcher has taken, for a merchant. */
export async function getCursor(db: Db, merchantId: string): Promise<string | undefined> {
  const result = await db.client.send(new GetCommand({ TableName: db.tableName, Key: keys.webhookCursor(merchantId) }));
  return result.Item?.after as string | undefined;
}

export async function putCursor(db: Db, merchantId: string, after: string): Promise<void> {
  const item = { ...keys.webhookCursor(merchantId), entity: "webhookCursor", after };
  await db.client.send(new PutCommand({ TableName: db.tableName, Item: item }));
}
