/**
 * Run a daily job by hand, exactly as the schedule would:
 *   npm run job -- <stats|birthday|wakeup|coupon-expiry|points-expiry|tier-review|lifecycle|campaigns|all>
 *     --date YYYY-MM-DD [--merchant id]
 *   npm run job -- dispatch            send due SMS (locally: into the outbox / inbox)
 * Without --merchant it runs for every merchant. A job run twice for a day acts only once.
 */
import { parseArgs } from "node:util";
import { localSender } from "../functions/adapters/sms/local.js";
import { JOBS, runDailyJobs, runJob, type JobName } from "../functions/app/jobs/index.js";
import { dispatchAll } from "../functions/app/scheduler.js";
import { DomainError } from "../functions/core/errors.js";
import { listMerchants } from "../functions/data/merchants.js";
import { collectPages } from "../functions/data/query.js";
import { cliDeps, runCli } from "./cli.js";

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { date: { type: "string" }, merchant: { type: "string" } },
  });
  const name = positionals[0];
  const deps = cliDeps();
  if (name === "dispatch") {
    console.log(JSON.stringify(await dispatchAll(deps, localSender({ log: console.log })), null, 2));
    return;
  }
  if (!name || (name !== "all" && !JOBS.includes(name as JobName)))
    throw new DomainError("BAD_USER_INPUT", `Name a job: ${[...JOBS, "all", "dispatch"].join(", ")}`);
  if (!values.date)
    throw new DomainError("BAD_USER_INPUT", "--date YYYY-MM-DD is required (the merchant's local date)");
  const merchants = values.merchant
    ? [values.merchant]
    : (await collectPages((cursor) => listMerchants(deps.db, 100, cursor))).map((merchant) => merchant.id);
  for (const merchantId of merchants) {
    const results =
      name === "all"
        ? await runDailyJobs(deps, merchantId, values.date)
        : [await runJob(deps, name as JobName, merchantId, values.date)];
    for (const result of results)
      console.log(
        `${merchantId} ${result.date} ${result.job}: acted on ${result.acted}, already ` +
          `done ${result.alreadyDone}, SMS ${result.sms}, coupons ${result.coupons}, items ` +
          `read ` +
          `${result.itemsRead}` +
          `${Object.keys(result.skipped).length ? `, skipped ${JSON.stringify(result.skipped)}` : ""}`,
      );
  }
});
