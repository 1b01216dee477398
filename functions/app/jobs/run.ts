/** Running the daily jobs: one job or all of them, for one merchant and local date. */
import { ValidationError } from "../../core/errors.js";
import { localDate } from "../../core/time.js";
import { getLoyaltyConfig } from "../../data/loyalty.js";
import { getMerchant } from "../../data/merchants.js";
import { runCampaigns } from "../campaigns.js";
import type { Deps } from "../deps.js";
import { rollUpStats } from "../stats.js";
import { JOBS, type JobContext, type JobName, type JobResult } from "./context.js";
import { pointsExpiry, tierReview } from "./housekeeping.js";
import { birthday, couponExpiry, lifecycle, wakeup } from "./marketing.js";
import { getAutomation } from "./settings.js";

const RUNNERS: Record<JobName, (ctx: JobContext) => Promise<void>> = {
  birthday,
  wakeup,
  "coupon-expiry": couponExpiry,
  "points-expiry": pointsExpiry,
  "tier-review": tierReview,
  lifecycle,
  campaigns: (ctx) => runCampaigns(ctx),
  // The dashboard's roll-up of the days before today (acted = days rolled up).
  stats: async (ctx) => {
    ctx.result.acted += (await rollUpStats(ctx.deps, ctx.merchant.id, ctx.date)).days;
  },
};

/** What a run of `job` for a merchant and local date carries: the merchant, its settings, an empty result. */
export async function jobContext(deps: Deps, job: JobName, merchantId: string, date: string): Promise<JobContext> {
  if (!JOBS.includes(job)) throw new ValidationError("job", `job must be one of ${JOBS.join(", ")}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
    throw new ValidationError("date", "date must be YYYY-MM-DD");
  const merchant = await getMerchant(deps.db, merchantId);
  if (!merchant) throw new ValidationError("merchantId", `No merchant ${merchantId}`);
  const [automation, loyalty] = await Promise.all([
    getAutomation(deps, merchantId),
    getLoyaltyConfig(deps.db, merchantId),
  ]);
  const result: JobResult = {
    job,
    merchantId,
    date,
    itemsRead: 0,
    acted: 0,
    alreadyDone: 0,
    sms: 0,
    coupons: 0,
    skipped: {},
  };
  return {
    deps,
    merchant: { ...merchant, timeZone: merchant.timeZone ?? "Asia/Shanghai" },
    automation,
    loyalty,
    date,
    result,
    templates: new Map(),
  };
}

/** Run one job for one merchant and local date. Safe to run again: it acts only where it has not acted. */
export async function runJob(deps: Deps, job: JobName, merchantId: string, date: string): Promise<JobResult> {
  const ctx = await jobContext(deps, job, merchantId, date);
  await RUNNERS[job](ctx);
  return ctx.result;
}

/** Every job, in a sensible order (expiry before reminders, lifecycle before wake-ups). */
export async function runDailyJobs(deps: Deps, merchantId: string, date: string): Promise<JobResult[]> {
  const order: JobName[] = [
    "stats",
    "points-expiry",
    "tier-review",
    "lifecycle",
    "wakeup",
    "birthday",
    "campaigns",
    "coupon-expiry",
  ];
  const results: JobResult[] = [];
  for (const job of order) results.push(await runJob(deps, job, merchantId, date));
  return results;
}

/** The local date and hour of an instant in a merchant's zone. */
export function localHour(instant: string, timeZone: string): { date: string; hour: number } {
  const hour = Number(
    new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(new Date(instant)),
  );
  return { date: localDate(instant, timeZone), hour };
}
