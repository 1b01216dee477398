/**
 * The local stand-in for EventBridge Scheduler: every minute it runs the
 * same tick (daily jobs at each merchant's local job hour) and dispatcher the
 * cloud runs, with the local SMS adapter (messages land in the outbox, which
 * the console shows, and in this log).
 */
import { localSender } from "../../functions/adapters/sms/local.js";
import type { Deps } from "../../functions/app/deps.js";
import { dispatchAll, tick } from "../../functions/app/scheduler.js";

export function startLocalScheduler(deps: Deps, options: { everyMs?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const sender = localSender({ log: (line) => log(`[sms] ${line}`) });
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      for (const ran of await tick(deps)) {
        const summary =
          ran.results === "dispatched"
            ? "handed off"
            : ran.results
                .filter((r) => r.acted)
                .map((r) => `${r.job} ${r.acted}`)
                .join(", ") || "nothing due";
        log(`[jobs] ${ran.merchantId} ${ran.date}: ${summary}`);
      }
      await dispatchAll(deps, sender);
    } catch (error) {
      log(`[jobs] failed: ${error instanceof Error ? error.message : error} (retried next minute)`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, options.everyMs ?? 60_000);
  void run();
  return { stop: () => clearInterval(timer) };
}
