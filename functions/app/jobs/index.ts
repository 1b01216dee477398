/**
 * The daily jobs. Each runs for one merchant and one local date, finds the
 * members it acts on through a key or an index (never a Scan), and acts on
 * each member in one transaction that also writes a marker for (job, step,
 * period): a rerun, a retried invocation or an overlapping run finds the
 * marker and sends and issues nothing twice.
 *
 *   birthday       gsi5 T#{m}#BDAY#{MM-DD}          SMS + the tier's birthday coupon
 *   wakeup         account gsi1 T#{m}#VISIT#{day}   per ladder step: SMS (+ coupon)
 *   coupon-expiry  coupon gsi2 T#{m}#COUPONEXP#{day} SMS reminder per member
 *   points-expiry  account gsi2 T#{m}#PTSEXP#{day}  expire lots past their date
 *   tier-review    account gsi3 T#{m}#TIER#{tier}   on the review day: tiers above the first
 *   lifecycle      account gsi1 T#{m}#VISIT#{day}   active → silent → sleeping → lost
 *   campaigns      the campaign's saved segment  coupon and/or SMS on its days (see ../campaigns.ts)
 */
export { JOBS, type JobContext, type JobName, type JobResult } from "./context.js";
export { actOnce } from "./actOnce.js";
export { automationSettings, getAutomation, updateAutomation } from "./settings.js";
export { localHour, runDailyJobs, runJob } from "./run.js";
