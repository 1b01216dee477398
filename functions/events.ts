/**
 * The domain-event publisher: DynamoDB Streams delivers every new outbox item
 * (written in the same transaction as the change it describes) and this
 * Lambda puts it on the EventBridge bus. A record that fails is reported back
 * (ReportBatchItemFailures) and retried by the stream; consumers de-duplicate
 * by the event id in `detail.id`.
 */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import type { DomainEvent } from "./core/model.js";

export const EVENT_SOURCE = "regulars";

/** The EventBridge entry of a domain event. */
export function toEntry(event: DomainEvent, busName: string): PutEventsRequestEntry {
  return {
    EventBusName: busName,
    Source: EVENT_SOURCE,
    DetailType: event.type,
    Time: new Date(event.at),
    Detail: JSON.stringify({ id: event.id, merchantId: event.merchantId, at: event.at, ...event.detail }),
  };
}

export function publisher(client: EventBridgeClient, busName: string) {
  return async (stream: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const pending: { sequence: string; entry: PutEventsRequestEntry }[] = [];
    for (const record of stream.Records) {
      if (record.eventName !== "INSERT" || !record.dynamodb?.NewImage) continue;
      const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
      if (item.entity !== "event") continue;
      pending.push({ sequence: record.dynamodb.SequenceNumber!, entry: toEntry(item as DomainEvent, busName) });
    }
    const failures: string[] = [];
    // PutEvents takes at most 10 entries.
    for (let i = 0; i < pending.length; i += 10) {
      const batch = pending.slice(i, i + 10);
      try {
        const result = await client.send(new PutEventsCommand({ Entries: batch.map((p) => p.entry) }));
        const failed = batch.filter((_, j) => result.Entries?.[j]?.ErrorCode);
        // A failure count with no entry to pin it on: the whole batch goes again rather than be dropped.
        failures.push(...(result.FailedEntryCount && !failed.length ? batch : failed).map((p) => p.sequence));
      } catch {
        failures.push(...batch.map((p) => p.sequence));
      }
    }
    // The stream retries from the first failure on; earlier records are not sent again.
    const first = failures.length ? pending.findIndex((p) => failures.includes(p.sequence)) : -1;
    return { batchItemFailures: first < 0 ? [] : [{ itemIdentifier: pending[first].sequence }] };
  };
}

let handle: ReturnType<typeof publisher> | undefined;
export const handler = (event: DynamoDBStreamEvent) =>
  (handle ??= publisher(new EventBridgeClient({}), process.env.EVENT_BUS_NAME ?? "default"))(event);
