/**
 * Acting on one member once: the job's marker (absent), an optional coupon
 * and an optional SMS, one transaction. A rerun, a retried invocation or an
 * overlapping run finds the marker and sends and issues nothing twice. The
 * transaction also checks the member still says what the action relied on
 * (status, name, phone, home store, consent), so a job that found the member
 * through a copy of its contact never messages a member who opted out or was
 * erased since: it reads the member then, and acts on what it says now.
 */
import type { Coupon, CouponSource, ShortfallReason } from "../../core/coupons/templates.js";
import { stockShortfall } from "../../core/coupons/templates.js";
import type { Recipient } from "../../core/model.js";
import { jobMarkerPut } from "../../data/marketing.js";
import { recipientCheck } from "../../data/members.js";
import { shortfallWrite } from "../../data/shortfalls.js";
import { commit, type Write } from "../../data/transaction.js";
import { issueWithin } from "../coupons.js";
import { prepareSms } from "../messaging.js";
import { currentRecipient, skip, template, type JobContext } from "./context.js";

export interface ActPlan {
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
  const issued = issueWithin(ctx.deps, tpl, [member], ctx.merchant.timeZone, source, `job:${ctx.result.job}:${marker}`);
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
  if (!("skipped" in decision)) return decision.items;
  skip(ctx, decision.skipped);
  return undefined;
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
  const { deps } = ctx;
  let member = recipient;
  let withSms = Boolean(plan.sms);
  let withCoupon = Boolean(plan.couponTemplateId);
  let limited = false;
  for (let attempt = 0; attempt < 4; attempt++) {
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
    const smsWrites = withSms && plan.sms ? smsPart(ctx, member, plan.sms, coupon) : undefined;
    writes.push(...couponWrites, ...(smsWrites ?? []), ...extra(coupon));
    const written = await commit(deps.db, writes);
    if (written.written) {
      ctx.result.acted++;
      if (smsWrites) ctx.result.sms++;
      if (coupon) ctx.result.coupons++;
      if ("shortfall" in part) skip(ctx, "COUPON_UNAVAILABLE");
      return;
    }
    if (written.failed.includes("marker")) {
      ctx.result.alreadyDone++;
      return;
    }
    if (written.failed.includes("member")) {
      const now = await currentRecipient(ctx, member.id);
      if (!now) return void skip(ctx, "ERASED");
      member = now;
    }
    if (written.failed.includes("cap")) {
      skip(ctx, "CAPPED");
      withSms = false;
    }
    if (written.failed.some((label) => label === "stock" || label === "limit")) {
      ctx.templates.delete(plan.couponTemplateId!);
      if (written.failed.includes("limit")) [withCoupon, limited] = [false, true];
    }
  }
  throw new Error(`Job ${ctx.result.job} could not act on member ${member.id}`);
}
