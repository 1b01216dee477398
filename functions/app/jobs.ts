/**
 * The daily jobs. Each runs for one merchant and one local date, finds the
 * members it acts on through a key or an index (never a Scan), and acts on
 * each member in one transaction that also writes a marker for (job, step,
 * period): a rerun, a retried invocation or an overlapping run finds the
 * marker and sends and issues nothing twice.
 *
 *   birthday       gsi5 T#{m}#BDAY#{MM-DD}          SMS + the tier's birthday coupon
 *   wakeup         account gsi1 T#{m}#VISIT#{day}   per ladder step: SMS (+ coupon)
 *   coupon-expiry  coupon gsi2 T#{m}#COUPONEXP#{day} SMS reminder per member
 *   points-expiry  account gsi2 T#{m}#PTSEXP#{day}  expire lots past their date
 *   tier-review    account gsi3 T#{m}#TIER#{tier}   on the review day: tiers above the first
 *   lifecycle      account gsi1 T#{m}#VISIT#{day}   active → silent → sleeping → lost
 *   campaigns      the campaign's saved segment  coupon and/or SMS on its days (see campaigns.ts)
 */
import { DEFAULT_AUTOMATION, parseAutomation, type AutomationConfig, type Stage } from "../core/automation.js";
import type { Coupon, CouponSource, CouponTemplate } from "../core/coupons/templates.js";
import { requireStaff, type Caller } from "../core/access.js";
import type { Member, Merchant } from "../core/model.js";
import type { MemberAccount } from "../core/points/account.js";
import { DEFAULT_LADDER } from "../core/points/tiers.js";
import { addDays, localDate, startOfLocalDay } from "../core/time.js";
import { ValidationError } from "../core/errors.js";
import * as couponRepo from "../data/coupons.js";
import { batchGet, withoutKeys } from "../data/db.js";
import { commit, type Write } from "../data/transaction.js";
import { rollUpStats } from "./stats.js";
import { eventItem } from "../data/events.js";
import { indexKeys, keys } from "../data/keys.js";
import * as marketing from "../data/marketing.js";
import { partitionPages } from "../data/query.js";
import { getLoyaltyConfig, type LoyaltyConfig } from "../data/loyalty.js";
import { getMerchant } from "../data/merchants.js";
import { issueWithin } from "./coupons.js";
import { hasStock } from "../core/coupons/templates.js";
import type { Deps } from "./deps.js";
import { expireMemberPoints } from "./loyalty/points.js";
import { reviewMemberTier } from "./loyalty/tiers.js";
import { prepareSms, systemCaller } from "./messaging.js";
import { runCampaigns } from "./campaigns.js";
import { event } from "./movement.js";
import { checkTemplateIds, refs } from "./references.js";

export const JOBS = [
  "stats",
  "birthday",
  "wakeup",
  "coupon-expiry",
  "points-expiry",
  "tier-review",
  "lifecycle",
  "campaigns",
] as const;
export type JobName = (typeof JOBS)[number];

export interface JobResult {
  job: JobName;
  merchantId: string;
  date: string;
  /** Items the job read to find and act on its members (index entries + member items). */
  itemsRead: number;
  /** Members acted on now. */
  acted: number;
  /** Members found already handled by an earlier run. */
  alreadyDone: number;
  sms: number;
  coupons: number;
  /** Why members got no message: NO_CONSENT, OPTED_OUT, CAPPED, … */
  skipped: Record<string, number>;
}

// ---------------------------------------------------------------- settings

export async function getAutomation(deps: Deps, merchantId: string): Promise<AutomationConfig> {
  const saved = await marketing.getAutomation(deps.db, merchantId);
  return saved ? { ...DEFAULT_AUTOMATION, ...saved } : DEFAULT_AUTOMATION;
}

export async function automationSettings(deps: Deps, caller: Caller): Promise<AutomationConfig> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  return getAutomation(deps, staff.merchantId);
}

/** Owner: change the automations; coupon templates named must exist. */
export async function updateAutomation(
  deps: Deps,
  caller: Caller,
  input: Parameters<typeof parseAutomation>[0],
): Promise<AutomationConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await getAutomation(deps, owner.merchantId);
  const next = { ...parseAutomation(input, current), updatedAt: deps.clock.now() };
  await checkTemplateIds(
    deps,
    owner.merchantId,
    next.wakeup.steps.flatMap((step, i) => refs(`wakeup.steps.${i}.couponTemplateId`, step.couponTemplateId)),
  );
  await marketing.putAutomation(deps.db, owner.merchantId, next);
  return next;
}

// ---------------------------------------------------------------- running

export interface JobContext {
  deps: Deps;
  merchant: Merchant;
  automation: AutomationConfig;
  loyalty: LoyaltyConfig | undefined;
  date: string;
  result: JobResult;
  templates: Map<string, CouponTemplate | undefined>;
}

/** Query every page of an index partition, counting the items read. */
async function* indexItems(
  ctx: JobContext,
  index: string,
  partitionAttribute: string,
  partitionValue: string,
): AsyncGenerator<Record<string, unknown>[]> {
  for await (const items of partitionPages(ctx.deps.db, { index, partitionAttribute, partitionValue })) {
    ctx.result.itemsRead += items.length;
    if (items.length) yield items;
  }
}

/** The members of a page of account (or coupon) index items: one BatchGetItem per 100. */
async function membersOf(ctx: JobContext, memberIds: string[]): Promise<Map<string, Member>> {
  const items = memberIds.length
    ? await batchGet(
        ctx.deps.db,
        [...new Set(memberIds)].map((id) => keys.member(ctx.merchant.id, id)),
      )
    : [];
  ctx.result.itemsRead += items.length;
  return new Map(
    items
      .map((item) => withoutKeys<Member>(item))
      .filter((member) => member.status === "active")
      .map((member) => [member.id, member]),
  );
}

async function template(ctx: JobContext, id: string | undefined): Promise<CouponTemplate | undefined> {
  if (!id) return undefined;
  if (!ctx.templates.has(id))
    ctx.templates.set(id, await couponRepo.getTemplate(ctx.deps.db, ctx.merchant.id, id, true));
  return ctx.templates.get(id);
}

const skip = (ctx: JobContext, reason: string) => (ctx.result.skipped[reason] = (ctx.result.skipped[reason] ?? 0) + 1);

/**
 * Act on one member once: the marker (absent), an optional coupon and an
 * optional SMS, one transaction. A used-up SMS allowance sends the coupon
 * without the message; a template that ran out sends the message without it.
 */
export async function actOnce(
  ctx: JobContext,
  member: Member,
  marker: string,
  plan: {
    couponTemplateId?: string;
    couponSource?: CouponSource;
    sms?: { body: string; purpose: string; variables?: Record<string, string | number> };
  },
  extra: (coupon: Coupon | undefined) => Write[] = () => [],
): Promise<void> {
  const { deps } = ctx;
  let withSms = Boolean(plan.sms);
  let withCoupon = Boolean(plan.couponTemplateId);
  for (let attempt = 0; attempt < 4; attempt++) {
    const items: Write[] = [
      {
        label: "marker",
        item: {
          Put: {
            TableName: deps.db.tableName,
            Item: {
              pk: keys.memberPartition(ctx.merchant.id, member.id),
              sk: `ACTED#${marker}`,
              entity: "jobMarker",
              job: ctx.result.job,
              at: deps.clock.now(),
              date: ctx.date,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      },
    ];
    let coupon: Coupon | undefined;
    if (withCoupon) {
      const tpl = await template(ctx, plan.couponTemplateId);
      if (hasStock(tpl, deps.clock.now())) {
        const issued = issueWithin(
          deps,
          tpl,
          [member],
          ctx.merchant.timeZone,
          plan.couponSource ?? (ctx.result.job === "birthday" ? "birthday" : "wakeup"),
          `job:${ctx.result.job}:${marker}`,
        );
        coupon = issued.coupons[0];
        items.push(...issued.items);
      } else skip(ctx, "COUPON_UNAVAILABLE");
    }
    let smsQueued = false;
    if (withSms && plan.sms) {
      const decision = prepareSms(deps, {
        merchant: ctx.merchant,
        member,
        rules: ctx.automation.sms,
        kind: "marketing",
        purpose: plan.sms.purpose,
        body: plan.sms.body,
        variables: {
          ...(plan.sms.variables ?? {}),
          coupon: coupon ? coupon.terms.name : "",
          couponCode: coupon?.code ?? "",
          date: ctx.date,
        },
      });
      if ("skipped" in decision) skip(ctx, decision.skipped);
      else {
        items.push(...decision.items);
        smsQueued = true;
      }
    }
    items.push(...extra(coupon));
    const written = await commit(deps.db, items);
    if (written.written) {
      ctx.result.acted++;
      if (smsQueued) ctx.result.sms++;
      if (coupon) ctx.result.coupons++;
      return;
    }
    if (written.failed.includes("marker")) {
      ctx.result.alreadyDone++;
      return;
    }
    if (written.failed.includes("cap")) {
      skip(ctx, "CAPPED");
      withSms = false;
    }
    if (written.failed.some((label) => label === "stock" || label === "limit")) {
      ctx.templates.delete(plan.couponTemplateId!);
      if (written.failed.includes("limit")) withCoupon = false;
    }
  }
  throw new Error(`Job ${ctx.result.job} could not act on member ${member.id}`);
}

async function birthday(ctx: JobContext) {
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
    const index = indexKeys.membersByBirthday(ctx.merchant.id, m, d);
    for await (const page of indexItems(ctx, index.index, "gsi5pk", index.gsi5pk)) {
      const members = page.map((item) => withoutKeys<Member>(item)).filter((member) => member.status === "active");
      const accounts = needsTier
        ? await batchGet(
            ctx.deps.db,
            members.map((member) => keys.account(ctx.merchant.id, member.id)),
          )
        : [];
      ctx.result.itemsRead += accounts.length;
      const tierOf = new Map(accounts.map((item) => [item.memberId as string, item.tierId as string]));
      for (const member of members) {
        const tier =
          ladder.tiers.find((t) => t.id === (tierOf.get(member.id) ?? ladder.tiers[0].id)) ?? ladder.tiers[0];
        await actOnce(ctx, member, `birthday#${year}`, {
          couponTemplateId: rules.sendCoupon ? tier.birthdayCouponTemplateId : undefined,
          sms: { body: rules.body, purpose: "birthday", variables: { tier: tier.name } },
        });
      }
    }
  }
}

/** Members whose last visit was `days` before the job's date: their accounts and member items. */
async function* lastVisitedDaysAgo(
  ctx: JobContext,
  days: number,
): AsyncGenerator<{ account: MemberAccount; member: Member }[]> {
  const index = indexKeys.accountsByLastVisit(ctx.merchant.id, addDays(ctx.date, -days));
  for await (const page of indexItems(ctx, index.index, "gsi1pk", index.gsi1pk)) {
    const accounts = page.map((item) => withoutKeys<MemberAccount>(item));
    const members = await membersOf(
      ctx,
      accounts.map((account) => account.memberId),
    );
    yield accounts.flatMap((account) =>
      members.has(account.memberId) ? [{ account, member: members.get(account.memberId)! }] : [],
    );
  }
}

async function wakeup(ctx: JobContext) {
  if (!ctx.automation.wakeup.enabled) return;
  for (const step of ctx.automation.wakeup.steps) {
    for await (const page of lastVisitedDaysAgo(ctx, step.days)) {
      for (const { member } of page) {
        await actOnce(ctx, member, `wakeup#${step.days}#${addDays(ctx.date, -step.days)}`, {
          couponTemplateId: step.couponTemplateId,
          sms: { body: step.body, purpose: `wakeup:${step.days}`, variables: { days: step.days } },
        });
      }
    }
  }
}

async function lifecycle(ctx: JobContext) {
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
        const update: Write = {
          label: "account",
          item: {
            Update: {
              TableName: ctx.deps.db.tableName,
              Key: keys.account(ctx.merchant.id, member.id),
              UpdateExpression: "SET stage = :s",
              ConditionExpression: "lastVisitAt = :lv",
              ExpressionAttributeValues: { ":s": stage, ":lv": account.lastVisitAt },
            },
          },
        };
        const written = await commit(ctx.deps.db, [
          {
            label: "marker",
            item: {
              Put: {
                TableName: ctx.deps.db.tableName,
                Item: {
                  pk: keys.memberPartition(ctx.merchant.id, member.id),
                  sk: `ACTED#lifecycle#${stage}#${addDays(ctx.date, -days)}`,
                  entity: "jobMarker",
                  job: "lifecycle",
                  at: ctx.deps.clock.now(),
                  date: ctx.date,
                },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
          },
          update,
          { label: "event", item: { Put: { TableName: ctx.deps.db.tableName, Item: eventItem(changed) } } },
        ]);
        if (written.written) ctx.result.acted++;
        else if (written.failed.includes("marker")) ctx.result.alreadyDone++;
        else skip(ctx, "VISITED_SINCE");
      }
    }
  }
}

async function couponExpiry(ctx: JobContext) {
  const rules = ctx.automation.couponExpiry;
  if (!rules.enabled) return;
  const day = addDays(ctx.date, rules.daysBefore);
  const index = indexKeys.couponsExpiringOn(ctx.merchant.id, day);
  for await (const page of indexItems(ctx, index.index, "gsi2pk", index.gsi2pk)) {
    const coupons = page
      .map((item) => withoutKeys<Coupon>(item))
      .filter((coupon) => coupon.status === "issued" || coupon.status === "reserved");
    const members = await membersOf(
      ctx,
      coupons.map((coupon) => coupon.memberId),
    );
    const byMember = new Map<string, Coupon[]>();
    for (const coupon of coupons) byMember.set(coupon.memberId, [...(byMember.get(coupon.memberId) ?? []), coupon]);
    for (const [memberId, theirs] of byMember) {
      const member = members.get(memberId);
      if (!member) continue;
      const names = theirs.map((coupon) => coupon.terms.name);
      await actOnce(ctx, member, `couponexp#${day}`, {
        sms: {
          body: rules.body,
          purpose: "coupon-expiry",
          variables: { coupon: names.length > 1 ? `${names[0]}等${names.length}张券` : names[0], date: day },
        },
      });
    }
  }
}

async function pointsExpiry(ctx: JobContext) {
  const index = indexKeys.accountsByPointsExpiry(ctx.merchant.id, ctx.date);
  const caller = systemCaller(ctx.merchant.id, "job:points-expiry");
  // Lots expire at their instant; by the end of the local day every lot dated today is due.
  const asOf = new Date(Date.parse(startOfLocalDay(addDays(ctx.date, 1), ctx.merchant.timeZone)) - 1).toISOString();
  for await (const page of indexItems(ctx, index.index, "gsi2pk", index.gsi2pk)) {
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

async function tierReview(ctx: JobContext) {
  if (Number(ctx.date.slice(8, 10)) !== ctx.automation.tierReview.dayOfMonth) return;
  const ladder = ctx.loyalty?.ladder ?? DEFAULT_LADDER;
  const caller = systemCaller(ctx.merchant.id, "job:tier-review");
  const asOf = startOfLocalDay(ctx.date, ctx.merchant.timeZone);
  for (const tier of ladder.tiers.slice(1)) {
    const index = indexKeys.accountsByTier(ctx.merchant.id, tier.id);
    const seen: string[] = [];
    for await (const page of indexItems(ctx, index.index, "gsi3pk", index.gsi3pk))
      seen.push(...page.map((item) => item.memberId as string));
    for (const memberId of seen) {
      const reviewed = await reviewMemberTier(ctx.deps, caller, memberId, asOf).catch((error) => {
        if ((error as { kind?: string }).kind === "NOT_FOUND") return undefined;
        throw error;
      });
      if (reviewed?.changed) ctx.result.acted++;
    }
  }
}

const RUNNERS: Record<JobName, (ctx: JobContext) => Promise<void>> = {
  birthday,
  wakeup,
  "coupon-expiry": couponExpiry,
  "points-expiry": pointsExpiry,
  "tier-review": tierReview,
  lifecycle,
  campaigns: (ctx) => runCampaigns(ctx),
  // The dashboard's roll-up of the days before today (acted = days rolled up).
  stats: async (ctx) => {
    ctx.result.acted += (await rollUpStats(ctx.deps, ctx.merchant.id, ctx.date)).days;
  },
};

/** Run one job for one merchant and local date. Safe to run again: it acts only where it has not acted. */
export async function runJob(deps: Deps, job: JobName, merchantId: string, date: string): Promise<JobResult> {
  if (!JOBS.includes(job)) throw new ValidationError("job", `job must be one of ${JOBS.join(", ")}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
    throw new ValidationError("date", "date must be YYYY-MM-DD");
  const merchant = await getMerchant(deps.db, merchantId);
  if (!merchant) throw new ValidationError("merchantId", `No merchant ${merchantId}`);
  const [automation, loyalty] = await Promise.all([
    getAutomation(deps, merchantId),
    getLoyaltyConfig(deps.db, merchantId),
  ]);
  const result: JobResult = {
    job,
    merchantId,
    date,
    itemsRead: 0,
    acted: 0,
    alreadyDone: 0,
    sms: 0,
    coupons: 0,
    skipped: {},
  };
  await RUNNERS[job]({
    deps,
    merchant: { ...merchant, timeZone: merchant.timeZone ?? "Asia/Shanghai" },
    automation,
    loyalty,
    date,
    result,
    templates: new Map(),
  });
  return result;
}

/** Every job, in a sensible order (expiry before reminders, lifecycle before wake-ups). */
export async function runDailyJobs(deps: Deps, merchantId: string, date: string): Promise<JobResult[]> {
  const order: JobName[] = [
    "stats",
    "points-expiry",
    "tier-review",
    "lifecycle",
    "wakeup",
    "birthday",
    "campaigns",
    "coupon-expiry",
  ];
  const results: JobResult[] = [];
  for (const job of order) results.push(await runJob(deps, job, merchantId, date));
  return results;
}

/** The local date and hour of an instant in a merchant's zone. */
export function localHour(instant: string, timeZone: string): { date: string; hour: number } {
  const hour = Number(
    new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(new Date(instant)),
  );
  return { date: localDate(instant, timeZone), hour };
}
