/**
 * Segments: the merchant's RFM thresholds and tag rules, tag rules applied
 * after each purchase, and saved segments evaluated through the most
 * selective key or index their filter allows (never a Scan):
 *
 *   tiers above the first → account gsi3 T#{m}#TIER#{tier}
 *   tags                  → T#{m}#TAG#{tag}
 *   birthday month        → gsi5 T#{m}#BDAY#{MM-DD} for each day of the month
 *   stores                → gsi2 T#{m}#STORE#{s}#MEMBERS
 *   otherwise             → gsi1 T#{m}#MEMBERS (every member: the segment is the chain)
 *
 * then members and accounts are read in batches and the rest of the filter applied.
 */
import { requireMerchant, requireStaff, type Caller } from "../core/access.js";
import type { Stage } from "../core/automation.js";
import { NotFoundError, ValidationError } from "../core/errors.js";
import type { Page } from "../core/model.js";
import type { MemberAccount } from "../core/points/account.js";
import {
  parseRfm,
  parseSegment,
  parseTagRule,
  rfm,
  tagsEarned,
  type Rfm,
  type RfmThresholds,
  type Segment,
  type SegmentFilter,
  type TagRule,
} from "../core/segments.js";
import { pageSize, requiredText } from "../core/validate.js";
import { getAccount, getLoyaltyConfig, ordersBetween, putLoyaltyConfig } from "../data/loyalty.js";
import * as marketing from "../data/marketing.js";
import type { Deps } from "./deps.js";
import { loyaltyConfig } from "./loyalty/config.js";
import { addMemberTags } from "./members.js";
import { systemCaller } from "./messaging.js";
import { checkStoreIds, checkTierIds, refs } from "./references.js";

import { evaluate, settingsOf, type SegmentationSettings, type SegmentMember } from "./segmentMembers.js";

export { evaluate, type SegmentationSettings, type SegmentMember };

async function readSettings(deps: Deps, merchantId: string): Promise<SegmentationSettings> {
  return settingsOf(await getLoyaltyConfig(deps.db, merchantId));
}

export async function segmentationSettings(deps: Deps, caller: Caller): Promise<SegmentationSettings> {
  return readSettings(deps, requireStaff(caller, ["owner", "manager"]).merchantId);
}

/** Owner: RFM thresholds and the tag rules (the list replaces the old one). */
export async function updateSegmentationSettings(
  deps: Deps,
  caller: Caller,
  input: { rfm?: Partial<RfmThresholds> | null; tagRules?: Record<string, unknown>[] | null },
): Promise<SegmentationSettings> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await readSettings(deps, owner.merchantId);
  if (input.tagRules && input.tagRules.length > 50) throw new ValidationError("tagRules", "At most 50 tag rules");
  const next: SegmentationSettings = {
    rfm: parseRfm(input.rfm ?? {}, current.rfm),
    tagRules: input.tagRules ? input.tagRules.map((rule, i) => parseTagRule(rule, `r${i + 1}`)) : current.tagRules,
    updatedAt: deps.clock.now(),
  };
  const config = await loyaltyConfig(deps, caller);
  await putLoyaltyConfig(deps.db, owner.merchantId, { ...config, segmentation: next, updatedAt: next.updatedAt });
  return next;
}

/** A member's RFM from their account. */
export async function memberRfm(deps: Deps, merchantId: string, account: MemberAccount | undefined): Promise<Rfm> {
  return rfm(account, deps.clock.now(), (await readSettings(deps, merchantId)).rfm);
}

/**
 * After a purchase: add the tags the merchant's rules now give the member
 * (one Query of the member's orders in the longest rule window). Adding a tag
 * a member has is a no-op, so this may run any number of times.
 */
export async function applyTagRules(
  deps: Deps,
  merchantId: string,
  memberId: string,
  account: { lifetimeSpend: number },
  memberTags: string[],
  tagRules: TagRule[],
): Promise<string[]> {
  if (!tagRules.length) return [];
  const longest = Math.max(0, ...tagRules.map((rule) => (rule.kind === "category_count" ? rule.days : 0)));
  const recent: { at: string; lines: { category: string; qty: number; refundedQty?: number }[] }[] = [];
  if (longest) {
    const since = new Date(Date.parse(deps.clock.now()) - longest * 86_400_000).toISOString();
    for await (const orders of ordersBetween(deps.db, merchantId, memberId, since, "~", ["at", "lines"])) {
      recent.push(...(orders as typeof recent));
    }
  }
  const missing = tagsEarned(tagRules, account, recent, deps.clock.now()).filter((tag) => !memberTags.includes(tag));
  if (missing.length) await addMemberTags(deps, systemCaller(merchantId, "tag-rules"), memberId, missing);
  return missing;
}

// ---------------------------------------------------------------- saved segments

export async function listSegments(
  deps: Deps,
  caller: Caller,
  first?: number | null,
  after?: string | null,
): Promise<Page<Segment>> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  return marketing.listSegments(deps.db, staff.merchantId, pageSize(first), after);
}

export async function getSegment(deps: Deps, caller: Caller, id: string): Promise<Segment> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const found = await marketing.getSegment(deps.db, staff.merchantId, requiredText("id", id, 64));
  if (!found) throw new NotFoundError("Segment", id);
  return found;
}

export async function saveSegment(
  deps: Deps,
  caller: Caller,
  id: string | null | undefined,
  input: { name?: unknown; description?: unknown; filter?: unknown },
): Promise<Segment> {
  const owner = requireStaff(caller, ["owner", "manager"]);
  const now = deps.clock.now();
  const base = id
    ? await getSegment(deps, caller, id)
    : { id: deps.ids.code(8).toLowerCase(), merchantId: owner.merchantId, filter: {}, createdAt: now, updatedAt: now };
  const segment = parseSegment(input, { ...base, updatedAt: now });
  await checkStoreIds(deps, owner, refs("filter.storeIds", segment.filter.storeIds));
  await checkTierIds(deps, owner.merchantId, refs("filter.tierIds", segment.filter.tierIds));
  await marketing.putSegment(deps.db, segment);
  return segment;
}

/** The size of a filter and its first members, with what evaluating it read. */
export async function previewSegment(
  deps: Deps,
  caller: Caller,
  filter: SegmentFilter,
  sample = 20,
): Promise<{ size: number; members: SegmentMember[]; itemsRead: number }> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const counter = { itemsRead: 0 };
  let size = 0;
  const members: SegmentMember[] = [];
  for await (const page of evaluate(deps, staff, filter, counter)) {
    size += page.length;
    for (const entry of page) if (members.length < sample) members.push(entry);
  }
  return { size, members, itemsRead: counter.itemsRead };
}

/** A member's lifecycle stage and RFM, for the member page and storefronts. */
export async function memberFacts(deps: Deps, caller: Caller, memberId: string): Promise<{ stage: Stage; rfm: Rfm }> {
  const actor = requireMerchant(caller);
  const [account, settings] = await Promise.all([
    getAccount(deps.db, actor.merchantId, memberId),
    readSettings(deps, actor.merchantId),
  ]);
  return { stage: (account?.stage ?? "new") as Stage, rfm: rfm(account, deps.clock.now(), settings.rfm) };
}
