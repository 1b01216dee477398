/**
 * A purchase's part in the holdout results (core/holdout.ts): it counts for
 * every program that acted on the member within its windows, and the
 * discount of a coupon a program gave is that program's cost. One counter
 * write per program, in the purchase's transaction.
 */
import type { Coupon } from "../../core/coupons/templates.js";
import { attribute } from "../../core/holdout.js";
import { sumCounters } from "../../core/stats.js";
import { exposuresPut, holdoutCount, pruned, type MemberExposures } from "../../data/holdout.js";
import type { Deps } from "../deps.js";
import type { Assembly } from "./purchaseParts.js";

type Counts = Map<string, Record<string, number>>;

const addInto = (counts: Counts, program: string, amounts: Record<string, number>) =>
  counts.set(program, sumCounters([counts.get(program) ?? {}, amounts]));

/** Add the purchase's attribution writes to `a` (nothing when no program acted on the member lately). */
export function attributePurchase(
  deps: Deps,
  a: Assembly,
  exposures: MemberExposures | undefined,
  coupons: Map<string, Coupon>,
): void {
  const counts: Counts = new Map();
  if (exposures?.list.length) {
    const attributed = attribute(pruned(exposures, a.ctx.now), a.order.at, a.order.total);
    if (attributed.counts.size) a.writes.push(exposuresPut(deps.db, exposures, attributed.exposures));
    for (const [program, amounts] of attributed.counts) addInto(counts, program, amounts);
  }
  for (const used of a.order.coupons ?? []) {
    const program = coupons.get(used.code)?.program;
    if (program) addInto(counts, program, { cpr: 1, cpd: used.discount });
  }
  for (const [program, amounts] of counts) a.writes.push(holdoutCount(deps.db, a.merchantId, program, amounts));
}
