/**
 * What the schedules run. The hourly tick picks the merchants whose local
 * job hour has come and whose jobs for that local day have not completed,
 * and runs their daily jobs; the dispatcher sends due SMS for every merchant.
 * The cloud (EventBridge Scheduler → the jobs Lambda) and `npm start`'s local
 * scheduler call exactly these functions.
 */
import type { SmsSender } from "../adapters/sms/port.js";
import type { Merchant } from "../core/model.js";
import { getJobDay, putJobDay } from "../data/marketing.js";
import { listMerchants } from "../data/merchants.js";
import { collectPages } from "../data/query.js";
import type { Deps } from "./deps.js";
import { getAutomation, localHour, runDailyJobs, type JobResult } from "./jobs/index.js";
import { dispatchDue, type DispatchResult } from "./messaging.js";

export async function activeMerchants(deps: Deps): Promise<Merchant[]> {
  return (await collectPages((cursor) => listMerchants(deps.db, 100, cursor))).filter(
    (merchant) => merchant.status === "active",
  );
}

/** Run one merchant's daily jobs for a local date and mark the day done. */
export async function runMerchantDay(deps: Deps, merchantId: string, date: string): Promise<JobResult[]> {
  const results = await runDailyJobs(deps, merchantId, date);
  await putJobDay(deps.db, merchantId, { status: "done", date, at: deps.clock.now(), results });
  return results;
}

/**
 * How a tick gets a merchant's day done: inline (local, tests), or handed to
 * another invocation (AWS: an event per merchant, so one big merchant never
 * holds up the others).
 */
export type DayRunner = (merchantId: string, date: string) => Promise<JobResult[] | "dispatched">;

/** A day handed off and not reported done within this long is handed off again. */
export const REDISPATCH_MS = 2 * 3_600_000;

/**
 * The hourly tick: for each merchant at or past its local job hour whose day
 * is not done, get the day done (inline or handed off). A missed or failed
 * hour is caught up by the next tick; the jobs' own markers make any overlap harmless.
 */
export async function tick(
  deps: Deps,
  options: { merchantId?: string; runDay?: DayRunner } = {},
): Promise<{ merchantId: string; date: string; results: JobResult[] | "dispatched" }[]> {
  const now = deps.clock.now();
  const runDay = options.runDay ?? ((merchantId, date) => runMerchantDay(deps, merchantId, date));
  const ran = [];
  for (const merchant of await activeMerchants(deps)) {
    if (options.merchantId && merchant.id !== options.merchantId) continue;
    const timeZone = merchant.timeZone ?? "Asia/Shanghai";
    const { date, hour } = localHour(now, timeZone);
    const automation = await getAutomation(deps, merchant.id);
    if (hour < automation.jobHour) continue;
    const day = await getJobDay(deps.db, merchant.id, date);
    if (day && (day.status !== "dispatched" || Date.parse(now) - Date.parse(day.at) < REDISPATCH_MS)) continue;
    if (options.runDay) await putJobDay(deps.db, merchant.id, { status: "dispatched", date, at: now });
    ran.push({ merchantId: merchant.id, date, results: await runDay(merchant.id, date) });
  }
  return ran;
}

/** Send every merchant's due messages. */
export async function dispatchAll(deps: Deps, sender: SmsSender): Promise<Record<string, DispatchResult>> {
  const results: Record<string, DispatchResult> = {};
  for (const merchant of await activeMerchants(deps))
    results[merchant.id] = await dispatchDue(deps, sender, merchant.id);
  return results;
}
