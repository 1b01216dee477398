/**
 * The marketing jobs: birthday greetings, the wake-up ladder, coupon-expiry
 * reminders, and the lifecycle stages that move with time.
 */
import type { Stage } from "../../core/automation.js";
import type { Coupon } from "../../core/coupons/templates.js";
import type { Member, Recipient } from "../../core/model.js";
import type { MemberAccount } from "../../core/points/account.js";
import { DEFAULT_LADDER } from "../../core/points/tiers.js";
import { addDays } from "../../core/time.js";
import { withoutKeys } from "../../data/db.js";
import { eventPut } from "../../data/events.js";
import { getAccounts, stageUpdate } from "../../data/loyalty.js";
import { jobMarkerPut } from "../../data/marketing.js";
import { partitions } from "../../data/partitions.js";
import { commit } from "../../data/transaction.js";
import { event } from "../movement.js";
import { actOnce } from "./actOnce.js";
import { jobPages, recipientsOf, skip, type JobContext } from "./context.js";

export async function birthday(ctx: JobContext) {
  const { birthday: rules } = ctx.automation;
  if (!rules.enabled) return;
  const target = addDays(ctx.date, rules.daysBefore);
  const [year, month, day] = target.split("-").map(Number);
  const days = [[month, day]];
  // Born on 29 February: greeted on the 28th in other years.
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month === 2 && day === 28 && !leap) days.push([2, 29]);
  const ladder = ctx.loyalty?.ladder ?? DEFAULT_LADDER;
  // The member's tier matters only when the text names it or tiers give different coupons: else no account is read.
  const coupons = new Set(
    ladder.tiers.map((tier) => (rules.sendCoupon ? (tier.birthdayCouponTemplateId ?? null) : null)),
  );
  const needsTier = rules.body.includes("{tier}") || coupons.size > 1;
  for (const [m, d] of days) {
    for await (const page of jobPages(ctx, partitions.membersBornOn(ctx.merchant.id, m, d))) {
      const members = page.map((item) => withoutKeys<Member>(item)).filter((member) => member.status === "active");
      const ids = members.map((member) => member.id);
      const accounts = needsTier ? await getAccounts(ctx.deps.db, ctx.merchant.id, ids) : [];
      ctx.result.itemsRead += accounts.length;
      const tierOf = new Map(accounts.map((account) => [account.memberId, account.tierId]));
      for (const member of members) {
        const tier =
          ladder.tiers.find((t) => t.id === (tierOf.get(member.id) ?? ladder.tiers[0].id)) ?? ladder.tiers[0];
        await actOnce(ctx, member, `birthday#${year}`, {
          program: "birthday",
          holdoutPercent: rules.holdoutPercent,
          couponTemplateId: rules.sendCoupon ? tier.birthdayCouponTemplateId : undefined,
          sms: { body: rules.body, purpose: "birthday", variables: { tier: tier.name } },
        });
      }
    }
  }
}

/**
 * Active members whose last visit was `days` before the job's date: their accounts, and whom a message
 * reaches, from the account's copy of the member's contact (one item read per member).
 */
async function* lastVisitedDaysAgo(
  ctx: JobContext,
  days: number,
): AsyncGenerator<{ account: MemberAccount; member: Recipient }[]> {
  const partition = partitions.accountsLastVisitedOn(ctx.merchant.id, addDays(ctx.date, -days));
  for await (const page of jobPages(ctx, partition)) {
    const accounts = page.map((item) => withoutKeys<MemberAccount>(item));
    const members = await recipientsOf(ctx, accounts);
    yield accounts.flatMap((account) =>
      members.has(account.memberId) ? [{ account, member: members.get(account.memberId)! }] : [],
    );
  }
}

export async function wakeup(ctx: JobContext) {
  if (!ctx.automation.wakeup.enabled) return;
  for (const step of ctx.automation.wakeup.steps) {
    for await (const page of lastVisitedDaysAgo(ctx, step.days)) {
      for (const { member } of page) {
        await actOnce(ctx, member, `wakeup#${step.days}#${addDays(ctx.date, -step.days)}`, {
          program: `wakeup:${step.days}`,
          holdoutPercent: step.holdoutPercent,
          couponTemplateId: step.couponTemplateId,
          sms: { body: step.body, purpose: `wakeup:${step.days}`, variables: { days: step.days } },
        });
      }
    }
  }
}

export async function lifecycle(ctx: JobContext) {
  const thresholds = ctx.automation.lifecycle;
  const ladder: [Stage, number][] = [
    ["silent", thresholds.silentDays],
    ["sleeping", thresholds.sleepingDays],
    ["lost", thresholds.lostDays],
  ];
  for (const [stage, days] of ladder) {
    for await (const page of lastVisitedDaysAgo(ctx, days)) {
      for (const { account, member } of page) {
        const changed = event(ctx.deps, ctx.merchant.id, "LifecycleChanged", {
          memberId: member.id,
          from: account.stage ?? "new",
          to: stage,
          reason: "time",
          daysSinceVisit: days,
        });
        // The stage moves only if the member has not visited since the account was read.
        const marker = `lifecycle#${stage}#${addDays(ctx.date, -days)}`;
        const record = { job: "lifecycle", at: ctx.deps.clock.now(), date: ctx.date };
        const written = await commit(ctx.deps.db, [
          jobMarkerPut(ctx.deps.db, ctx.merchant.id, member.id, marker, record),
          stageUpdate(ctx.deps.db, account, stage),
          eventPut(ctx.deps.db, changed),
        ]);
        if (written.written) ctx.result.acted++;
        else if (written.failed.includes("marker")) ctx.result.alreadyDone++;
        else skip(ctx, "VISITED_SINCE");
      }
    }
  }
}

export async function couponExpiry(ctx: JobContext) {
  const rules = ctx.automation.couponExpiry;
  if (!rules.enabled) return;
  const day = addDays(ctx.date, rules.daysBefore);
  for await (const page of jobPages(ctx, partitions.couponsExpiringOn(ctx.merchant.id, day))) {
    const coupons = page
      .map((item) => withoutKeys<Coupon>(item))
      .filter((coupon) => coupon.status === "issued" || coupon.status === "reserved");
    const members = await recipientsOf(ctx, coupons);
    const byMember = new Map<string, Coupon[]>();
    for (const coupon of coupons) byMember.set(coupon.memberId, [...(byMember.get(coupon.memberId) ?? []), coupon]);
    for (const [memberId, theirs] of byMember) {
      const member = members.get(memberId);
      if (!member) continue;
      const names = theirs.map((coupon) => coupon.terms.name);
      await actOnce(ctx, member, `couponexp#${day}`, {
        program: "coupon-expiry",
        holdoutPercent: rules.holdoutPercent,
        sms: {
          body: rules.body,
          purpose: "coupon-expiry",
          variables: { coupon: names.length > 1 ? `${names[0]}等${names.length}张券` : names[0], date: day },
        },
      });
    }
  }
}
