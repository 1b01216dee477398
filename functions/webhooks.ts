/**
 * The webhook delivery Lambda. An EventBridge rule puts every domain event of the bus (Source "regulars") on a
 * queue, whose messages arrive here in batches: each event becomes a delivery per subscribed endpoint, attempted at
 * once. A message that fails is reported back (ReportBatchItemFailures), retried by the queue and, after 5 receives,
 * parked in its dead-letter queue. EventBridge Scheduler invokes it every minute with { "task": "retry" } to attempt
 * the deliveries whose back-off is over. Each invocation logs one object whose `endpointsDisabled` raises an alarm.
 */
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { systemClock } from "./adapters/clock.js";
import { noIdentity } from "./adapters/identity/none.js";
import { cryptoIds } from "./adapters/ids.js";
import { httpWebhookSender } from "./adapters/webhooks/http.js";
import type { Deps } from "./app/deps.js";
import { addRun, emptyRun, intake, retryDue, type DeliveryRun } from "./app/webhooks/delivery.js";
import type { DomainEvent } from "./core/model.js";
import { dbFromEnv } from "./data/db.js";

export type WebhookTask = SQSEvent | { task: "retry" };

/** The domain event in an EventBridge event as an SQS target receives it (functions/events.ts built its detail). */
export function eventOf(body: string): DomainEvent {
  const envelope = JSON.parse(body) as { "detail-type": string; detail: Record<string, unknown> };
  const { id, merchantId, at, ...detail } = envelope.detail;
  if (typeof id !== "string" || typeof merchantId !== "string" || typeof at !== "string")
    throw new Error("Not a Regulars domain event");
  return { id, merchantId, at, type: envelope["detail-type"], detail };
}

/** Take each message's event; the messages that failed, for the queue to deliver again. */
export async function takeMessages(deps: Deps, event: SQSEvent, run: DeliveryRun): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    try {
      addRun(run, await intake(deps, [eventOf(record.body)]));
    } catch (error) {
      console.error(JSON.stringify({ msg: "webhook intake failed", messageId: record.messageId, error: `${error}` }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

let deps: Deps | undefined;

export async function handler(event: WebhookTask): Promise<SQSBatchResponse | DeliveryRun> {
  deps ??= {
    db: dbFromEnv(),
    clock: systemClock,
    ids: cryptoIds,
    identity: noIdentity,
    webhooks: httpWebhookSender({ production: process.env.NODE_ENV === "production" }),
  };
  const started = Date.now();
  const run = emptyRun();
  let result: SQSBatchResponse | DeliveryRun;
  if ("task" in event && event.task === "retry") addRun(run, (result = await retryDue(deps)));
  else if ("Records" in event) result = await takeMessages(deps, event, run);
  else throw new Error(`Unknown webhook task ${JSON.stringify(event)}`);
  // An object, not a string: Lambda's JSON log format keeps its fields under `message` (the EndpointDisabled alarm).
  console.log({ level: "info", msg: "webhooks", ms: Date.now() - started, ...run });
  return result;
}
