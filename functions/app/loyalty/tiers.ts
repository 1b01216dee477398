/** Tiers moved by the periodic review and by an owner's hand. */
import { requireMerchant, requireStaff, type Caller } from "../../core/access.js";
import { ValidationError } from "../../core/errors.js";
import { tierGrowth, type MemberAccount } from "../../core/points/account.js";
import {
  datedTierReview,
  tierAfterEarning,
  tierAtReview,
  tierDueFromOrders,
  type Ladder,
} from "../../core/points/tiers.js";
import { addDays, localDate } from "../../core/time.js";
import * as repo from "../../data/loyalty.js";
import type { Deps } from "../deps.js";
import { busy, event, retries } from "../movement.js";
import { accountView, load } from "./account.js";

/**
 * The review of one account: the tier the rolling window's growth earns (never below a manual floor), and
 * the next date it could drop on, from the window's orders. What to write, or undefined when nothing moves.
 */
async function review(deps: Deps, merchantId: string, account: MemberAccount, ladder: Ladder, asOf: string) {
  const from = `${addDays(asOf.slice(0, 10), -ladder.reviewWindowDays)}T00:00:00.000Z`;
  const orders = await repo.growthBetween(deps.db, merchantId, account.memberId, from, asOf);
  const windowGrowth = orders.reduce((sum, order) => sum + order.growth, 0);
  const tier = tierAtReview(ladder, windowGrowth, account.manualTierId);
  const changed = tier.id !== account.tierId;
  // From now on upgrades count the window's growth and what is earned after, not the lifetime total.
  const next = changed ? { ...account, tierId: tier.id, tierGrowthOffset: account.growth - windowGrowth } : account;
  const tierDueOn = tierDueFromOrders(ladder, next, orders, localDate(asOf, account.timeZone ?? "Asia/Shanghai"));
  const outcome = { tierId: tier.id, changed, windowGrowth, ordersRead: orders.length };
  if (!changed && tierDueOn === account.tierDueOn) return { outcome, write: undefined };
  const after = { ...next, tierDueOn, version: account.version + 1 };
  const events = changed
    ? [
        event(deps, merchantId, "TierChanged", {
          memberId: account.memberId,
          from: account.tierId,
          to: tier.id,
          reason: "review",
          windowGrowth,
        }),
      ]
    : [];
  return { outcome, write: { before: account, after, entries: [], events } };
}

/** The periodic tier review of a member (see `review`), read afresh. */
export async function reviewMemberTier(deps: Deps, caller: Caller, memberId: string, asOf: string) {
  const actor = requireMerchant(caller);
  for (const retry = retries(); await retry.next();) {
    const { account, ctx } = await load(deps, actor, memberId);
    const { outcome, write } = await review(deps, actor.merchantId, account, ctx.ladder, asOf);
    if (!write || (await repo.writeAccountChange(deps.db, undefined, write)) === "written") return outcome;
  }
  throw busy();
}

/**
 * The review of an account the review's index found (the account item itself): no other read but its
 * window's orders, unless the account changed since (then as `reviewMemberTier`). An erased member's account
 * leaves the index.
 */
export async function reviewDueTier(
  deps: Deps,
  caller: Caller,
  account: MemberAccount,
  ladder: Ladder,
  asOf: string,
): Promise<{ changed: boolean; ordersRead: number } | undefined> {
  const actor = requireMerchant(caller);
  if (account.contact?.status === "erased") {
    const after = { ...account, tierDueOn: undefined, version: account.version + 1 };
    await repo.writeAccountChange(deps.db, undefined, { before: account, after, entries: [], events: [] });
    return undefined;
  }
  const { outcome, write } = await review(deps, actor.merchantId, account, ladder, asOf);
  if (!write || (await repo.writeAccountChange(deps.db, undefined, write)) === "written") return outcome;
  return reviewMemberTier(deps, caller, account.memberId, asOf);
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
    const after: MemberAccount = datedTierReview(
      ctx.ladder,
      account,
      { ...account, manualTierId: floor, tierId: floor ? to.id : account.tierId, version: account.version + 1 },
      localDate(ctx.now, ctx.timeZone),
    );
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
