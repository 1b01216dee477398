/** The housekeeping jobs: points past their date expire, and tiers that could drop are reviewed on the review day. */
import { DEFAULT_LADDER, ladderBasis } from "../../core/points/tiers.js";
import { addDays, startOfLocalDay } from "../../core/time.js";
import { entities } from "../../data/entities.js";
import { getTierReviewState, putTierReviewState } from "../../data/loyalty.js";
import { partitions } from "../../data/partitions.js";
import { expireMemberPoints } from "../loyalty/points.js";
import { reviewDueTier, reviewMemberTier } from "../loyalty/tiers.js";
import { systemCaller } from "../messaging.js";
import { jobPages, type JobContext } from "./context.js";

export async function pointsExpiry(ctx: JobContext) {
  const caller = systemCaller(ctx.merchant.id, "job:points-expiry");
  // Lots expire at their instant; by the end of the local day every lot dated today is due.
  const asOf = new Date(Date.parse(startOfLocalDay(addDays(ctx.date, 1), ctx.merchant.timeZone)) - 1).toISOString();
  for await (const page of jobPages(ctx, partitions.accountsWithPointsExpiringOn(ctx.merchant.id, ctx.date))) {
    for (const item of page) {
      const done = await expireMemberPoints(ctx.deps, caller, item.memberId as string, asOf).catch((error) => {
        if ((error as { kind?: string }).kind === "NOT_FOUND") return undefined;
        throw error;
      });
      if (done?.expired) ctx.result.acted++;
      else ctx.result.alreadyDone++;
    }
  }
}

/**
 * On the review day, the accounts whose tier could drop: those the review's index dates on or before
 * today (the account is the entry; only its window's orders are read besides). Until every account was dated
 * under the merchant's ladder (a table written before dates were kept, or a changed ladder), the review
 * reads every account of the tiers above the first, as it used to, and dates each; then records the ladder.
 */
export async function tierReview(ctx: JobContext) {
  if (Number(ctx.date.slice(8, 10)) !== ctx.automation.tierReview.dayOfMonth) return;
  const ladder = ctx.loyalty?.ladder ?? DEFAULT_LADDER;
  const caller = systemCaller(ctx.merchant.id, "job:tier-review");
  const asOf = startOfLocalDay(ctx.date, ctx.merchant.timeZone);
  const basis = ladderBasis(ladder);
  if ((await getTierReviewState(ctx.deps.db, ctx.merchant.id))?.datedUnder === basis) {
    for await (const page of jobPages(ctx, partitions.accountsWithTierDueBy(ctx.merchant.id, ctx.date)))
      for (const account of page.map((item) => entities.account.from(item))) {
        const reviewed = await reviewDueTier(ctx.deps, caller, account, ladder, asOf).catch(notFound);
        ctx.result.itemsRead += reviewed?.ordersRead ?? 0;
        if (reviewed?.changed) ctx.result.acted++;
      }
    return;
  }
  for (const tier of ladder.tiers.slice(1)) {
    const seen: string[] = [];
    for await (const page of jobPages(ctx, partitions.accountsInTier(ctx.merchant.id, tier.id)))
      seen.push(...page.map((item) => item.memberId as string));
    for (const memberId of seen) {
      const reviewed = await reviewMemberTier(ctx.deps, caller, memberId, asOf).catch(notFound);
      ctx.result.itemsRead += reviewed?.ordersRead ?? 0;
      if (reviewed?.changed) ctx.result.acted++;
    }
  }
  await putTierReviewState(ctx.deps.db, ctx.merchant.id, { datedUnder: basis, at: ctx.deps.clock.now() });
}

/** A member gone (erased) is passed by. */
function notFound(error: unknown): undefined {
  if ((error as { kind?: string }).kind === "NOT_FOUND") return undefined;
  throw error;
}
