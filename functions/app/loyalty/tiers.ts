/** Tiers moved by the periodic review and by an owner's hand. */
import { requireMerchant, requireStaff, type Caller } from "../../core/access.js";
import { ValidationError } from "../../core/errors.js";
import { tierGrowth, type MemberAccount } from "../../core/points/account.js";
import { tierAfterEarning, tierAtReview } from "../../core/points/tiers.js";
import { addDays } from "../../core/time.js";
import * as repo from "../../data/loyalty.js";
import type { Deps } from "../deps.js";
import { busy, event, retries } from "../movement.js";
import { accountView, load } from "./account.js";

/** The periodic tier review: the tier the rolling window's growth earns (never below a manual floor). */
export async function reviewMemberTier(deps: Deps, caller: Caller, memberId: string, asOf: string) {
  const actor = requireMerchant(caller);
  for (const retry = retries(); await retry.next();) {
    const { account, ctx } = await load(deps, actor, memberId);
    const from = `${addDays(asOf.slice(0, 10), -ctx.ladder.reviewWindowDays)}T00:00:00.000Z`;
    const windowGrowth = await repo.growthBetween(deps.db, actor.merchantId, memberId, from, asOf);
    const tier = tierAtReview(ctx.ladder, windowGrowth, account.manualTierId);
    if (tier.id === account.tierId) return { tierId: tier.id, changed: false, windowGrowth };
    // From now on upgrades count the window's growth and what is earned after, not the lifetime total.
    const after = {
      ...account,
      tierId: tier.id,
      tierGrowthOffset: account.growth - windowGrowth,
      version: account.version + 1,
    };
    const events = [
      event(deps, actor.merchantId, "TierChanged", {
        memberId,
        from: account.tierId,
        to: tier.id,
        reason: "review",
        windowGrowth,
      }),
    ];
    const outcome = await repo.writeAccountChange(deps.db, undefined, { before: account, after, entries: [], events });
    if (outcome === "written") return { tierId: tier.id, changed: true, windowGrowth };
  }
  throw busy();
}

/** Owner: grant a tier by hand (a floor the member never drops below), or remove the floor with null. */
export async function setManualTier(deps: Deps, caller: Caller, memberId: string, tierId: string | null) {
  const owner = requireStaff(caller, ["owner"]);
  for (const retry = retries(); await retry.next();) {
    const { account, ctx } = await load(deps, owner, memberId);
    if (tierId !== null && !ctx.ladder.tiers.some((tier) => tier.id === tierId))
      throw new ValidationError("tierId", `No tier ${tierId} on the ladder`);
    const floor = tierId ?? undefined;
    const to = tierAfterEarning(
      ctx.ladder,
      floor ? account.tierId : tierAtReview(ctx.ladder, tierGrowth(account)).id,
      tierGrowth(account),
      floor,
    );
    const after: MemberAccount = {
      ...account,
      manualTierId: floor,
      tierId: floor ? to.id : account.tierId,
      version: account.version + 1,
    };
    const events =
      after.tierId !== account.tierId
        ? [
            event(deps, owner.merchantId, "TierChanged", {
              memberId,
              from: account.tierId,
              to: after.tierId,
              reason: "manual",
            }),
          ]
        : [];
    const outcome = await repo.writeAccountChange(deps.db, undefined, { before: account, after, entries: [], events });
    if (outcome === "written") return accountView(after, ctx.ladder, ctx.now);
  }
  throw busy();
}
