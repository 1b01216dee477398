/** The domain-event outbox: events are written in the same transaction as the change. */
import type { DomainEvent } from "../core/model.js";
import type { Db } from "./db.js";
import { keys } from "./keys.js";
import type { Write } from "./transaction.js";

export function eventItem(event: DomainEvent) {
  return { ...keys.event(event.merchantId, event.at, event.id), entity: "event", ...event };
}

/** An event as a write of a change. Label: event. */
export function eventPut(db: Db, event: DomainEvent): Write {
  return { label: "event", item: { Put: { TableName: db.tableName, Item: eventItem(event) } } };
}
