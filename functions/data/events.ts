/** The domain-event outbox: events are written in the same transaction as the change. */
import type { DomainEvent } from "../core/model.js";
import { keys } from "./keys.js";

export function eventItem(event: DomainEvent) {
  return { ...keys.event(event.merchantId, event.at, event.id), entity: "event", ...event };
}
