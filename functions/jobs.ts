/**
 * The jobs Lambda: EventBridge Scheduler invokes it with { "task": "tick" }
 * every hour (which hands each due merchant's day to its own invocation
 * through a MerchantDayDue event: { "task": "merchant-day" }) and
 * { "task": "dispatch" } every few minutes; { "task": "job",
 * "job": name, "merchantId": id, "date": "YYYY-MM-DD" } runs one job by hand.
 * Scheduler and EventBridge invoke it asynchronously: their retry policy covers
 * delivery only; a run that throws is retried twice by Lambda (every job is
 * safe to run again) and then parked in the jobs dead-letter queue.
 */
import { systemClock } from "./adapters/clock.js";
import { cryptoIds } from "./adapters/ids.js";
import { noIdentity } from "./adapters/identity/none.js";
import { snsSender } from "./adapters/sms/sns.js";
import type { Deps } from "./app/deps.js";
import { JOBS, runJob, type JobName } from "./app/jobs/index.js";
import type { DispatchResult } from "./app/messaging.js";
import { dispatchAll, runMerchantDay, tick, type DayRunner } from "./app/scheduler.js";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { dbFromEnv } from "./data/db.js";

export type JobEvent =
  | { task: "tick" }
  | { task: "dispatch" }
  | { task: "merchant-day"; merchantId: string; date: string }
  | { task: "job"; job: JobName; merchantId: string; date: string };

/**
 * Hand a merchant's day to its own invocation: an event on the bus, which a rule turns into { task: "merchant-day" }.
 */
export function eventFanOut(client: EventBridgeClient, busName: string): DayRunner {
  return async (merchantId, date) => {
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: busName,
            Source: "regulars.jobs",
            DetailType: "MerchantDayDue",
            Detail: JSON.stringify({ merchantId, date }),
          },
        ],
      }),
    );
    if (result.FailedEntryCount)
      throw new Error(`Could not hand off ${merchantId} ${date}: ${result.Entries?.[0]?.ErrorCode}`);
    return "dispatched";
  };
}

let deps: Deps | undefined;

/**
 * A dispatch run's totals over every merchant, logged at the top level where a metric filter (jobs stack) reads
 * `smsUncertain`.
 */
export function smsTotals(results: Record<string, DispatchResult>) {
  const all = Object.values(results);
  const sum = (field: keyof DispatchResult) => all.reduce((total, result) => total + result[field], 0);
  return { smsSent: sum("sent"), smsFailed: sum("failed"), smsUncertain: sum("uncertain") };
}

export async function handler(event: JobEvent) {
  deps ??= { db: dbFromEnv(), clock: systemClock, ids: cryptoIds, identity: noIdentity };
  const started = Date.now();
  let result: unknown;
  if (event.task === "tick")
    result = await tick(deps, {
      runDay: eventFanOut(new EventBridgeClient({}), process.env.EVENT_BUS_NAME ?? "default"),
    });
  else if (event.task === "merchant-day") result = await runMerchantDay(deps, event.merchantId, event.date);
  else if (event.task === "dispatch") result = await dispatchAll(deps, snsSender());
  else if (event.task === "job" && JOBS.includes(event.job))
    result = await runJob(deps, event.job, event.merchantId, event.date);
  else throw new Error(`Unknown job event ${JSON.stringify(event)}`);
  // An object, not a string: Lambda's JSON log format keeps its fields under `message` for the metric filters.
  console.log({
    level: "info",
    task: event.task,
    ms: Date.now() - started,
    result,
    ...(event.task === "dispatch" ? smsTotals(result as Record<string, DispatchResult>) : {}),
  });
  return result;
}
