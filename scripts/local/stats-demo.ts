/**
 * The dashboard's demo: a month of non-member orders (for the member vs
 * non-member comparison), then the daily roll-up up to yesterday, as the
 * morning job would have done, so the console opens on a month of history.
 */
import type { Deps } from "../../functions/app/deps.js";
import { recordAnonymousOrder, rollUpStats } from "../../functions/app/stats.js";
import type { Caller } from "../../functions/core/access.js";
import { localDate } from "../../functions/core/time.js";
import { random } from "./demo-data.js";

export async function statsDemo(
  depsAt: (now: string) => Deps,
  owner: Extract<Caller, { kind: "staff" }>,
  storeIds: string[],
  timeZone: string,
  /** False: no non-members' orders, only the roll-up (test journeys that never look at them). */
  walkIns = true,
) {
  const rng = random(13);
  const now = Date.now();
  for (let daysAgo = 30; walkIns && daysAgo >= 1; daysAgo--) {
    for (const [i, storeId] of storeIds.entries()) {
      const orders = rng.int(1, 3);
      for (let n = 0; n < orders; n++) {
        const at = new Date(now - daysAgo * 86_400_000 + (i * 3 + n) * 3_600_000).toISOString();
        await recordAnonymousOrder(depsAt(at), owner, {
          orderId: `demo-walkin-${storeId}-${daysAgo}-${n}`,
          storeId,
          total: rng.int(12, 60) * 100,
        });
      }
    }
  }
  const today = new Date(now).toISOString();
  await rollUpStats(depsAt(today), owner.merchantId, localDate(today, timeZone));
}
