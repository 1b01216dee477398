/** The domain-event outbox: events are written in the same transaction as the change. */
import type { DomainEvent } from "../core/model.js";
import type { Db } from "./db.js";
import { entities } from "./entities.js";
import type { Write } from "./transaction.js";

export const eventItem = (event: DomainEvent) => entities.event.item(event);

/** An event as a write of a change. Label: event. */
export function eventPut(db: Db, event: DomainEvent): Write {
  return { label: "event", item: entities.event.put(db, event) };
}
