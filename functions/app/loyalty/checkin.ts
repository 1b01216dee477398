/** Daily check-in (签到): points and growth once per local date, streak bonuses by the merchant's rules. */
import { requireMerchant, type Caller } from "../../core/access.js";
import { ValidationError } from "../../core/errors.js";
import { grantPoints, tierGrowth, type MemberAccount } from "../../core/points/account.js";
import { checkIn, DEFAULT_CHECKIN } from "../../core/points/checkin.js";
import { datedTierReview, tierAfterEarning, type Ladder } from "../../core/points/tiers.js";
import { localDate } from "../../core/time.js";
import * as repo from "../../data/loyalty.js";
import type { Deps } from "../deps.js";
import { busy, event, retries } from "../movement.js";
import { accountView, load, type AccountView } from "./account.js";

export interface CheckinResult {
  date: string;
  streak: number;
  points: number;
  bonus: number;
  created: boolean;
  account: AccountView;
}

/**
 * The account after a check-in: its streak, growth and the tier that reaches; a tier reached by check-in
 * growth (which the review's window of orders does not count) is dated for the review afresh.
 */
function afterCheckin(
  account: MemberAccount,
  granted: MemberAccount,
  step: { state: NonNullable<MemberAccount["checkin"]>; growth: number },
  ladder: Ladder,
  today: string,
): MemberAccount {
  const tierId = tierAfterEarning(ladder, account.tierId, tierGrowth(account, step.growth), account.manualTierId).id;
  const next = { ...granted, checkin: step.state, growth: account.growth + step.growth, tierId };
  return datedTierReview(ladder, account, next, today);
}

/** Check in once per local date; a double tap (or a race of taps) is one check-in. */
export async function checkInMember(deps: Deps, caller: Caller, memberId: string): Promise<CheckinResult> {
  const actor = requireMerchant(caller);
  for (const retry = retries(); await retry.next();) {
    const loaded = await load(deps, actor, memberId);
    const { account, ctx } = loaded;
    const rules = loaded.config?.checkin ?? DEFAULT_CHECKIN;
    if (!rules.enabled) throw new ValidationError("checkin", "Check-in is switched off for this merchant");
    const today = localDate(ctx.now, ctx.timeZone);
    const earlier = await repo.getCheckin(deps.db, actor.merchantId, memberId, today);
    if (earlier) {
      // Read the account again: it was written with the check-in, perhaps after our first read.
      const now = await load(deps, actor, memberId);
      return {
        ...(earlier.result as Omit<CheckinResult, "created" | "account">),
        created: false,
        account: accountView(now.account, now.ctx.ladder, now.ctx.now),
      };
    }
    const step = checkIn(account.checkin, today, rules);
    const granted =
      step.points > 0
        ? grantPoints(
            account,
            step.points,
            `checkin:${today}`,
            ctx,
            step.bonus ? `签到第${step.state.streak}天 +${step.bonus}` : "签到",
            "checkin",
          )
        : { account: { ...account, version: account.version + 1 }, entry: undefined };
    const after = afterCheckin(account, granted.account, step, ctx.ladder, today);
    const result = { date: today, streak: step.state.streak, points: step.points, bonus: step.bonus };
    const events = [event(deps, actor.merchantId, "CheckedIn", { memberId, ...result })];
    if (after.tierId !== account.tierId)
      events.push(
        event(deps, actor.merchantId, "TierChanged", {
          memberId,
          from: account.tierId,
          to: after.tierId,
          reason: "growth",
        }),
      );
    const outcome = await repo.writeCheckin(deps.db, today, result, {
      before: account,
      after,
      entries: granted.entry ? [granted.entry] : [],
      events,
    });
    if (outcome === "written") return { ...result, created: true, account: accountView(after, ctx.ladder, ctx.now) };
  }
  throw busy();
}
