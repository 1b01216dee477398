/**
 * The local stand-in for the bus → queue → delivery Lambda path: every second it reads each merchant's domain-event
 * outbox from where it left off (a cursor item per merchant) and hands new events to the same `intake` the Lambda
 * runs; every 15 seconds it runs the same retry sweep. It re-reads the last 10 seconds each time (an event's time is
 * set before its transaction commits, so one may land just behind the cursor); intake takes an event once per
 * endpoint, so reading it again sends nothing twice. Stopped halfway, it starts again from its cursor.
 */
import type { Deps } from "../../functions/app/deps.js";
import { activeMerchants } from "../../functions/app/scheduler.js";
import { addRun, emptyRun, intake, retryDue, type DeliveryRun } from "../../functions/app/webhooks/delivery.js";
import type { DomainEvent } from "../../functions/core/model.js";
import { keys } from "../../functions/data/keys.js";
import { queryAll } from "../../functions/data/query.js";
import * as repo from "../../functions/data/webhooks.js";

const OVERLAP_MS = 10_000;
/** Where a merchant with no cursor yet starts: this long ago. */
const FIRST_LOOK_BACK_MS = 5 * 60_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** The merchant's events after `after` (an outbox sort key), oldest first: one Query per UTC day it spans. */
async function eventsAfter(deps: Deps, merchantId: string, after: string): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  const today = deps.clock.now().slice(0, 10);
  for (
    let day = after.slice(0, 10);
    day <= today;
    day = iso(Date.parse(`${day}T00:00:00Z`) + 86_400_000).slice(0, 10)
  ) {
    const items = await queryAll(deps.db, {
      KeyConditionExpression: "pk = :p AND sk > :after",
      ExpressionAttributeValues: { ":p": keys.event(merchantId, `${day}T00:00:00.000Z`, "").pk, ":after": after },
    });
    events.push(
      ...items.map(
        (item) => ({ id: item.id, merchantId, type: item.type, at: item.at, detail: item.detail }) as DomainEvent,
      ),
    );
  }
  return events;
}

/** One merchant's new events through intake; the cursor moves past them once they are taken. */
async function pollMerchant(deps: Deps, merchantId: string, seen: Set<string>, run: DeliveryRun) {
  const endpoints = await repo.listEndpoints(deps.db, merchantId);
  if (!endpoints.some((endpoint) => endpoint.status === "enabled")) return;
  const now = Date.parse(deps.clock.now());
  const cursor = (await repo.getCursor(deps.db, merchantId)) ?? iso(now - FIRST_LOOK_BACK_MS);
  const from = iso(Date.parse(cursor.slice(0, 24)) - OVERLAP_MS);
  const events = (await eventsAfter(deps, merchantId, from)).filter((event) => !seen.has(event.id));
  if (!events.length) return;
  addRun(run, await intake(deps, events));
  for (const event of events) seen.add(event.id);
  const last = events[events.length - 1];
  const next = `${last.at}#${last.id}`;
  if (next > cursor) await repo.putCursor(deps.db, merchantId, next);
}

export function startLocalWebhooks(
  deps: Deps,
  options: { everyMs?: number; retryEveryMs?: number; log?: (line: string) => void } = {},
) {
  const log = options.log ?? console.log;
  const seen = new Set<string>();
  let running = false;
  let lastRetry = 0;
  const run = async () => {
    if (running) return;
    running = true;
    const done = emptyRun();
    try {
      for (const merchant of await activeMerchants(deps)) await pollMerchant(deps, merchant.id, seen, done);
      if (Date.now() - lastRetry >= (options.retryEveryMs ?? 15_000)) {
        lastRetry = Date.now();
        addRun(done, await retryDue(deps));
      }
      if (Object.values(done).some(Boolean)) log(`[webhooks] ${JSON.stringify(done)}`);
      if (seen.size > 50_000) seen.clear();
    } catch (error) {
      log(`[webhooks] failed: ${error instanceof Error ? error.message : error} (tried again in a moment)`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, options.everyMs ?? 1000);
  void run();
  return {
    stop: async () => {
      clearInterval(timer);
      while (running) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}
