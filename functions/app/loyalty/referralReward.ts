/**
 * A referred member's first purchase rewards both members (推荐有礼): points
 * for the new member on the account the purchase writes, points for the
 * referrer on theirs, the configured coupons, and the referral marked
 * rewarded, once (its condition), all in the purchase's transaction.
 */
import type { MerchantCaller } from "../../core/access.js";
import { stockShortfall } from "../../core/coupons/templates.js";
import { contactOf } from "../../core/members.js";
import type { Member } from "../../core/model.js";
import { grantPoints, newAccount, type MemberAccount } from "../../core/points/account.js";
import type { Referral, ReferralRules } from "../../core/referral.js";
import { localDate } from "../../core/time.js";
import * as couponRepo from "../../data/coupons.js";
import * as repo from "../../data/loyalty.js";
import { referralPut } from "../../data/referrals.js";
import { shortfallWrite } from "../../data/shortfalls.js";
import type { Write } from "../../data/transaction.js";
import { issueWithin, type CouponHolder } from "../coupons.js";
import type { Deps } from "../deps.js";
import { event } from "../movement.js";
import type { Assembly } from "./purchaseParts.js";

type Side = "refereeCoupon" | "referrerCoupon";
type Referrer = Awaited<ReturnType<typeof repo.loadMemberContext>>;

/** The referrer's points, on their own account (written only if nobody changed it since read). */
function referrerPoints(deps: Deps, a: Assembly, referral: Referral, referrer: Referrer, points: number): Write[] {
  const before: MemberAccount = {
    ...(referrer.account ??
      newAccount(
        a.merchantId,
        referral.referrerId,
        a.ctx.ladder.tiers[0].id,
        referrer.member && contactOf(referrer.member),
      )),
    timeZone: a.timeZone,
    homeStoreId: referrer.member?.homeStoreId ?? null,
  };
  const granted = grantPoints(
    before,
    points,
    `referral:${referral.memberId}`,
    a.ctx,
    "推荐有礼（邀请好友）",
    "referral",
  );
  const change = { before, after: granted.account, entries: [granted.entry], events: [] };
  return repo.changeItems(deps.db, change, "referrerAccount");
}

/** The configured coupons for each side, where the template still has stock for them. */
async function referralCoupons(
  deps: Deps,
  a: Assembly,
  referral: Referral,
  rules: ReferralRules,
  referrer: Member | undefined,
) {
  const referrerActive = referrer?.status === "active";
  const wanted = [
    { templateId: rules.refereeTemplateId, memberId: referral.memberId, side: "refereeCoupon" as Side },
    {
      templateId: referrerActive ? rules.referrerTemplateId : undefined,
      memberId: referral.referrerId,
      side: "referrerCoupon" as Side,
    },
  ].filter((want): want is { templateId: string; memberId: string; side: Side } => Boolean(want.templateId));
  const templates = await couponRepo.getTemplates(
    deps.db,
    a.merchantId,
    wanted.map((want) => want.templateId),
  );
  const writes: Write[] = [];
  const coupons: Partial<Record<Side, string>> = {};
  for (const templateId of new Set(wanted.map((want) => want.templateId))) {
    const sides = wanted.filter((want) => want.templateId === templateId);
    const template = templates.get(templateId);
    // Each coupon copies its member's contact: the new member's from their account, the referrer's from the member.
    const members = sides.map((side): CouponHolder =>
      side.side === "refereeCoupon"
        ? { ...a.after.contact, id: side.memberId, homeStoreId: a.after.homeStoreId }
        : (referrer ?? { id: side.memberId }),
    );
    const reason = stockShortfall(template, a.ctx.now, sides.length);
    if (reason || !template) {
      // Counted in the purchase's transaction, so once: the operator sees who went without.
      const day = { merchantId: a.merchantId, date: localDate(a.ctx.now, a.timeZone), templateId };
      for (const member of members) {
        const what = {
          storeId: member.homeStoreId ?? "-",
          source: "referral" as const,
          reason: reason ?? "TEMPLATE_GONE",
        };
        writes.push(shortfallWrite(deps.db, { ...day, ...what }));
      }
      continue;
    }
    const issued = issueWithin(deps, template, members, a.timeZone, "referral", `order:${a.order.id}`);
    writes.push(...issued.items);
    sides.forEach((side, i) => (coupons[side.side] = issued.coupons[i].code));
  }
  return { writes, coupons };
}

/** Add the referral's rewards to the purchase being assembled. */
export async function rewardReferral(
  deps: Deps,
  actor: MerchantCaller,
  a: Assembly,
  referral: Referral,
  rules: ReferralRules,
  withCoupons: boolean,
): Promise<void> {
  const referrer = await repo.loadMemberContext(deps.db, actor.merchantId, referral.referrerId);
  const referrerActive = referrer.member?.status === "active";
  if (rules.refereePoints) {
    const note = "推荐有礼（受邀入会）";
    const granted = grantPoints(a.after, rules.refereePoints, `referral:${referral.memberId}`, a.ctx, note, "referral");
    a.after = { ...granted.account, version: a.after.version };
    a.entries.push(granted.entry);
  }
  const referrerPointsGiven = referrerActive && rules.referrerPoints ? rules.referrerPoints : 0;
  if (referrerPointsGiven) a.writes.push(...referrerPoints(deps, a, referral, referrer, referrerPointsGiven));
  const { writes, coupons } = withCoupons
    ? await referralCoupons(deps, a, referral, rules, referrer.member)
    : { writes: [], coupons: {} };
  a.writes.push(...writes);
  const done: Referral = { ...referral, status: "rewarded", rewardedAt: a.ctx.now, orderId: a.order.id, ...coupons };
  a.writes.push(referralPut(deps.db, actor.merchantId, done, "pending"));
  a.events.push(
    event(deps, actor.merchantId, "ReferralRewarded", {
      memberId: referral.memberId,
      referrerId: referral.referrerId,
      orderId: a.order.id,
      refereePoints: rules.refereePoints,
      referrerPoints: referrerPointsGiven,
      ...coupons,
    }),
  );
  a.order.referral = {
    referrerId: referral.referrerId,
    referrerPoints: referrerPointsGiven,
    refereePoints: rules.refereePoints,
    ...coupons,
  };
}
