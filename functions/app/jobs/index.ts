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
 *   tier-review    account gsi4 T#{m}#TIERDUE ≤ day  on the review day: tiers that could drop
 *   lifecycle      account gsi1 T#{m}#VISIT#{day}   active → silent → sleeping → lost
 *   campaigns      the campaign's saved segment  coupon and/or SMS on its days (see ../campaigns.ts)
 *
 * The account and the coupon carry a copy of their member's contact, so the
 * wake-up, lifecycle and reminder jobs read one item per member; every action
 * checks the member still says what its message relies on (see actOnce.ts).
 */
export { JOBS, type JobContext, type JobName, type JobResult } from "./context.js";
export { actOnce } from "./actOnce.js";
export { automationSettings, getAutomation, updateAutomation } from "./settings.js";
export { jobContext, localHour, runDailyJobs, runJob } from "./run.js";
