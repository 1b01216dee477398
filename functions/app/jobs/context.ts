/**
 * What every daily job shares: the job names and result, the context a run
 * carries, and reading the members an index partition names.
 */
import type { AutomationConfig } from "../../core/automation.js";
import type { CouponTemplate } from "../../core/coupons/templates.js";
import { recipientOf } from "../../core/members.js";
import type { Member, MemberContact, Merchant, Recipient } from "../../core/model.js";
import * as couponRepo from "../../data/coupons.js";
import type { LoyaltyConfig } from "../../data/loyalty.js";
import { getMember, getMembers } from "../../data/members.js";
import { partitionPages, type PartitionRead } from "../../data/query.js";
import type { Deps } from "../deps.js";

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
  /** Items the job read to find and act on its members (index entries, members read behind them, orders reviewed). */
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

export interface JobContext {
  deps: Deps;
  merchant: Merchant;
  automation: AutomationConfig;
  loyalty: LoyaltyConfig | undefined;
  date: string;
  result: JobResult;
  templates: Map<string, CouponTemplate | undefined>;
}

/** Every page of an index partition, counting the items read. */
export async function* jobPages(ctx: JobContext, partition: PartitionRead): AsyncGenerator<Record<string, unknown>[]> {
  for await (const items of partitionPages(ctx.deps.db, partition)) {
    ctx.result.itemsRead += items.length;
    if (items.length) yield items;
  }
}

/** The active members among ids of a page of account (or coupon) index items: one BatchGetItem per 100. */
export async function membersOf(ctx: JobContext, memberIds: string[]): Promise<Map<string, Member>> {
  const members = memberIds.length ? await getMembers(ctx.deps.db, ctx.merchant.id, [...new Set(memberIds)]) : [];
  ctx.result.itemsRead += members.length;
  return new Map(members.filter((member) => member.status === "active").map((member) => [member.id, member]));
}

/**
 * The active recipients an index page names, from the contact copies its items carry (accounts, coupons):
 * no member item is read, except for items written before copies were kept (then one BatchGetItem per 100).
 * When a member's items disagree, the newest copy counts; the action checks the member anyway (actOnce).
 */
export async function recipientsOf(
  ctx: JobContext,
  found: { memberId: string; contact?: MemberContact }[],
): Promise<Map<string, Recipient>> {
  const recipients = new Map<string, Recipient>();
  for (const { memberId, contact } of found) {
    const copy = recipientOf(memberId, contact);
    const known = recipients.get(memberId);
    if (copy && (!known || known.version < copy.version)) recipients.set(memberId, copy);
  }
  const missing = found.map((item) => item.memberId).filter((id) => !recipients.has(id));
  for (const [id, member] of await membersOf(ctx, missing)) recipients.set(id, member);
  return new Map([...recipients].filter(([, recipient]) => recipient.status === "active"));
}

/** The member as stored now (consistent read), for an action whose copy no longer matched it. */
export async function currentRecipient(ctx: JobContext, memberId: string): Promise<Recipient | undefined> {
  const member = await getMember(ctx.deps.db, ctx.merchant.id, memberId, true);
  ctx.result.itemsRead += member ? 1 : 0;
  return member?.status === "active" ? member : undefined;
}

/** A coupon template, read once per run. */
export async function template(ctx: JobContext, id: string | undefined): Promise<CouponTemplate | undefined> {
  if (!id) return undefined;
  if (!ctx.templates.has(id))
    ctx.templates.set(id, await couponRepo.getTemplate(ctx.deps.db, ctx.merchant.id, id, true));
  return ctx.templates.get(id);
}

/** Count a member left out, by reason. */
export const skip = (ctx: JobContext, reason: string) =>
  (ctx.result.skipped[reason] = (ctx.result.skipped[reason] ?? 0) + 1);
