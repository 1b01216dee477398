/**
 * Acting on one member once: the job's marker (absent), an optional coupon
 * and an optional SMS, one transaction. A rerun, a retried invocation or an
 * overlapping run finds the marker and sends and issues nothing twice. The
 * transaction also checks the member still says what the action relied on
 * (status, name, phone, home store, consent), so a job that found the member
 * through a copy of its contact never messages a member who opted out or was
 * erased since: it reads the member then, and acts on what it says now.
 *
 * A member the program holds out (core/holdout.ts) gets the marker and
 * nothing else; treated or held out, the member carries the program's
 * exposure for the purchases that follow, and the program's counters and a
 * domain event (MarketingSent, MarketingHeldOut) are in the same transaction.
 */
import type { Coupon, CouponSource, ShortfallReason } from "../../core/coupons/templates.js";
import { stockShortfall } from "../../core/coupons/templates.js";
import { newExposure, type Group } from "../../core/holdout.js";
import { groupOf } from "../../core/holdoutGroups.js";
import type { Recipient } from "../../core/model.js";
import { eventPut } from "../../data/events.js";
import {
  exposureAppend,
  exposuresPut,
  getExposures,
  holdoutCount,
  pruned,
  type MemberExposures,
} from "../../data/holdout.js";
import { jobMarkerPut } from "../../data/marketing.js";
import { recipientCheck } from "../../data/members.js";
import { shortfallWrite } from "../../data/shortfalls.js";
import { commit, type Write } from "../../data/transaction.js";
import { issueWithin } from "../coupons.js";
import { prepareSms } from "../messaging.js";
import { event } from "../movement.js";
import { currentRecipient, skip, template, type JobContext } from "./context.js";

export interface ActPlan {
  /** The program acting (its results' key): `wakeup:30`, `birthday`, `coupon-expiry`, `campaign:{id}`. */
  program: string;
  /** Percent of members it holds out. */
  holdoutPercent: number;
  couponTemplateId?: string;
  couponSource?: CouponSource;
  sms?: { body: string; purpose: string; variables?: Record<string, string | number> };
}

const sourceOf = (ctx: JobContext, plan: ActPlan): CouponSource =>
  plan.couponSource ?? (ctx.result.job === "birthday" ? "birthday" : "wakeup");

/** The member counted among those a coupon could not be given to, in the action's transaction (so once). */
function shortfallPart(ctx: JobContext, member: Recipient, plan: ActPlan, reason: ShortfallReason) {
  const address = { merchantId: ctx.merchant.id, date: ctx.date, storeId: member.homeStoreId ?? "-" };
  const what = { templateId: plan.couponTemplateId!, source: sourceOf(ctx, plan), reason };
  return { coupon: undefined, writes: [shortfallWrite(ctx.deps.db, { ...address, ...what })], shortfall: true };
}

/** The coupon of an action, if its template still has stock (else the member is counted as not given one). */
async function couponPart(ctx: JobContext, member: Recipient, marker: string, plan: ActPlan) {
  const tpl = await template(ctx, plan.couponTemplateId);
  const reason = stockShortfall(tpl, ctx.deps.clock.now());
  if (reason || !tpl) return shortfallPart(ctx, member, plan, reason ?? "TEMPLATE_GONE");
  const source = sourceOf(ctx, plan);
  const ref = `job:${ctx.result.job}:${marker}`;
  const issued = issueWithin(ctx.deps, tpl, [member], ctx.merchant.timeZone, source, ref, plan.program);
  return { coupon: issued.coupons[0] as Coupon | undefined, writes: issued.items };
}

/** The SMS of an action, or undefined when the member's consent or the merchant's rules say no. */
function smsPart(ctx: JobContext, member: Recipient, sms: NonNullable<ActPlan["sms"]>, coupon: Coupon | undefined) {
  const decision = prepareSms(ctx.deps, {
    merchant: ctx.merchant,
    member,
    rules: ctx.automation.sms,
    kind: "marketing",
    purpose: sms.purpose,
    body: sms.body,
    variables: {
      ...(sms.variables ?? {}),
      coupon: coupon ? coupon.terms.name : "",
      couponCode: coupon?.code ?? "",
      date: ctx.date,
    },
  });
  if (!("skipped" in decision)) return { items: decision.items, parts: decision.message.parts };
  skip(ctx, decision.skipped);
  return undefined;
}

/**
 * What records a program acting on a member, beside what it gives: the exposure (appended, or with the
 * member's list pruned once it was found full), the program's counters, and the domain event.
 */
function recordParts(
  ctx: JobContext,
  member: Recipient,
  plan: ActPlan,
  group: Group,
  exposures: MemberExposures | undefined,
  given: { smsParts?: number; couponCode?: string },
) {
  const { db, clock } = ctx.deps;
  const merchantId = ctx.merchant.id;
  const now = clock.now();
  const exposure = newExposure(plan.program, group, now);
  const counts: Record<string, number> = { [`${group}n`]: 1 };
  if (given.smsParts) counts.sms = given.smsParts;
  if (given.couponCode) counts.cpi = 1;
  const fact =
    group === "h"
      ? event(ctx.deps, merchantId, "MarketingHeldOut", {
          program: plan.program,
          memberId: member.id,
          date: ctx.date,
          holdoutPercent: plan.holdoutPercent,
        })
      : event(ctx.deps, merchantId, "MarketingSent", {
          program: plan.program,
          memberId: member.id,
          date: ctx.date,
          smsParts: given.smsParts ?? 0,
          couponCode: given.couponCode ?? null,
        });
  return [
    exposures
      ? exposuresPut(db, exposures, [...pruned(exposures, now), exposure])
      : exposureAppend(db, merchantId, member.id, exposure),
    holdoutCount(db, merchantId, plan.program, counts),
    eventPut(db, fact),
  ];
}

/**
 * What a failed action's refusal asks for before the next attempt: a fresh member, or the member's exposures
 * list as stored now (a list once read stays in use: its version condition says when it changed).
 */
async function recover(ctx: JobContext, member: Recipient, failed: string[], read: MemberExposures | undefined) {
  const exposures = failed.includes("exposures") ? await getExposures(ctx.deps.db, ctx.merchant.id, member.id) : read;
  if (!failed.includes("member")) return { member, exposures };
  const now = await currentRecipient(ctx, member.id);
  if (!now) skip(ctx, "ERASED");
  return { member: now, exposures };
}

/** A held-out member: the marker and the record, nothing given. */
async function holdOut(ctx: JobContext, recipient: Recipient, marker: string, plan: ActPlan): Promise<void> {
  const { deps } = ctx;
  let member: Recipient | undefined = recipient;
  let exposures: MemberExposures | undefined;
  for (let attempt = 0; attempt < 4 && member; attempt++) {
    const record = { job: ctx.result.job, at: deps.clock.now(), date: ctx.date };
    const written = await commit(deps.db, [
      jobMarkerPut(deps.db, ctx.merchant.id, member.id, marker, record),
      recipientCheck(deps.db, ctx.merchant.id, member),
      ...recordParts(ctx, member, plan, "h", exposures, {}),
    ]);
    if (written.written) {
      ctx.result.acted++;
      skip(ctx, "HELD_OUT");
      return;
    }
    if (written.failed.includes("marker")) return void ctx.result.alreadyDone++;
    ({ member, exposures } = await recover(ctx, member, written.failed, exposures));
  }
  if (member) throw new Error(`Job ${ctx.result.job} could not act on member ${member.id}`);
}

/**
 * Act on one member once. A used-up SMS allowance sends the coupon without
 * the message; a template that ran out sends the message without it.
 */
export async function actOnce(
  ctx: JobContext,
  recipient: Recipient,
  marker: string,
  plan: ActPlan,
  extra: (coupon: Coupon | undefined) => Write[] = () => [],
): Promise<void> {
  if (groupOf(ctx.merchant.id, plan.program, recipient.id, plan.holdoutPercent) === "h")
    return holdOut(ctx, recipient, marker, plan);
  const { deps } = ctx;
  let member: Recipient | undefined = recipient;
  let exposures: MemberExposures | undefined;
  let withSms = Boolean(plan.sms);
  let withCoupon = Boolean(plan.couponTemplateId);
  let limited = false;
  for (let attempt = 0; attempt < 4 && member; attempt++) {
    const record = { job: ctx.result.job, at: deps.clock.now(), date: ctx.date };
    const writes = [
      jobMarkerPut(deps.db, ctx.merchant.id, member.id, marker, record),
      recipientCheck(deps.db, ctx.merchant.id, member),
    ];
    const part = withCoupon
      ? await couponPart(ctx, member, marker, plan)
      : limited
        ? shortfallPart(ctx, member, plan, "LIMIT_REACHED")
        : { coupon: undefined, writes: [] };
    const { coupon, writes: couponWrites } = part;
    const sms = withSms && plan.sms ? smsPart(ctx, member, plan.sms, coupon) : undefined;
    const given = { smsParts: sms?.parts, couponCode: coupon?.code };
    writes.push(...couponWrites, ...(sms?.items ?? []), ...extra(coupon));
    writes.push(...recordParts(ctx, member, plan, "t", exposures, given));
    const written = await commit(deps.db, writes);
    if (written.written) {
      ctx.result.acted++;
      if (sms) ctx.result.sms++;
      if (coupon) ctx.result.coupons++;
      if ("shortfall" in part) skip(ctx, "COUPON_UNAVAILABLE");
      return;
    }
    if (written.failed.includes("marker")) return void ctx.result.alreadyDone++;
    if (written.failed.includes("cap")) {
      skip(ctx, "CAPPED");
      withSms = false;
    }
    if (written.failed.some((label) => label === "stock" || label === "limit")) {
      ctx.templates.delete(plan.couponTemplateId!);
      if (written.failed.includes("limit")) [withCoupon, limited] = [false, true];
    }
    ({ member, exposures } = await recover(ctx, member, written.failed, exposures));
  }
  if (member) throw new Error(`Job ${ctx.result.job} could not act on member ${member.id}`);
}
