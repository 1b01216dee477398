/**
 * The members of a segment filter, read through the most selective key or
 * index the filter allows (never a Scan):
 *
 *   tiers above the first → account gsi3 T#{m}#TIER#{tier}
 *   tags                  → T#{m}#TAG#{tag}
 *   birthday month        → gsi5 T#{m}#BDAY#{MM-DD} for each day of the month
 *   stores                → gsi2 T#{m}#STORE#{s}#MEMBERS
 *   otherwise             → gsi1 T#{m}#MEMBERS (every member: the segment is the chain)
 *
 * then members and accounts are read in batches and the rest of the filter
 * applied: all of them (`evaluate`, for campaigns and sizes) or a page at a
 * time with a cursor (`filterPage`, for the member list).
 */
import { storeScope, type MerchantCaller } from "../core/access.js";
import type { Stage } from "../core/automation.js";
import { ValidationError } from "../core/errors.js";
import type { Member, Page } from "../core/model.js";
import type { MemberAccount } from "../core/points/account.js";
import { DEFAULT_LADDER } from "../core/points/tiers.js";
import {
  DEFAULT_RFM,
  matches,
  rfm,
  type Rfm,
  type RfmThresholds,
  type SegmentFilter,
  type TagRule,
} from "../core/segments.js";
import { svBalance } from "../core/storedValue.js";
import { withoutKeys } from "../data/db.js";
import { getAccounts, getLoyaltyConfig } from "../data/loyalty.js";
import { getMembers } from "../data/members.js";
import { partitions } from "../data/partitions.js";
import { partitionPage, partitionPages, startAfter, type PartitionRead } from "../data/query.js";
import type { Deps } from "./deps.js";

export interface SegmentationSettings {
  rfm: RfmThresholds;
  tagRules: TagRule[];
  updatedAt: string;
}

/** Segmentation settings live in the loyalty config item, which every purchase reads anyway. */
export const settingsOf = (config: Awaited<ReturnType<typeof getLoyaltyConfig>>): SegmentationSettings =>
  config?.segmentation ?? { rfm: DEFAULT_RFM, tagRules: [], updatedAt: "" };

export interface SegmentMember {
  member: Member;
  tierId: string;
  stage: Stage;
  rfm: Rfm;
}

type SourceKind = "member" | "account" | "tag";

/** Where a filter's candidates come from: the most selective partitions the filter allows. */
function sources(
  merchantId: string,
  filter: SegmentFilter,
  baseTier: string,
): { partition: PartitionRead; kind: SourceKind }[] {
  if (filter.tierIds?.length && !filter.tierIds.includes(baseTier))
    return filter.tierIds.map((tier) => ({ partition: partitions.accountsInTier(merchantId, tier), kind: "account" }));
  if (filter.tags?.length)
    return filter.tags.map((tag) => ({ partition: partitions.taggedMembers(merchantId, tag), kind: "tag" }));
  if (filter.birthdayMonth) {
    const month = filter.birthdayMonth;
    const days = new Date(Date.UTC(2024, month, 0)).getUTCDate();
    return Array.from({ length: days }, (_, i) => ({
      partition: partitions.membersBornOn(merchantId, month, i + 1),
      kind: "member" as const,
    }));
  }
  if (filter.storeIds?.length)
    return filter.storeIds.map((store) => ({
      partition: partitions.membersOfHomeStore(merchantId, store),
      kind: "member",
    }));
  return [{ partition: partitions.allMembers(merchantId), kind: "member" }];
}

/** The members and accounts behind a page of candidates: read only what the page does not hold. */
async function membersAndAccounts(
  deps: Deps,
  merchantId: string,
  kind: SourceKind,
  items: Record<string, unknown>[],
  ids: string[],
  counter: { itemsRead: number },
) {
  const members =
    kind === "member"
      ? items.filter((item) => ids.includes(item.id as string)).map((item) => withoutKeys<Member>(item))
      : await getMembers(deps.db, merchantId, ids);
  if (kind !== "member") counter.itemsRead += members.length;
  const accounts =
    kind === "account"
      ? items.map((item) => withoutKeys<MemberAccount>(item))
      : await getAccounts(deps.db, merchantId, ids);
  if (kind !== "account") counter.itemsRead += accounts.length;
  return { members, accountOf: new Map(accounts.map((account) => [account.memberId, account])) };
}

/** What evaluating a filter needs once: the settings, the base tier, the caller's stores, the time. */
async function evaluation(deps: Deps, actor: MerchantCaller, filter: SegmentFilter) {
  const loyalty = await getLoyaltyConfig(deps.db, actor.merchantId);
  const baseTier = (loyalty?.ladder ?? DEFAULT_LADDER).tiers[0].id;
  return {
    deps,
    filter,
    merchantId: actor.merchantId,
    settings: settingsOf(loyalty),
    baseTier,
    scope: storeScope(actor),
    now: deps.clock.now(),
    sources: sources(actor.merchantId, filter, baseTier),
  };
}

type Evaluation = Awaited<ReturnType<typeof evaluation>>;

/** The members of one page of a source's candidates that match the filter (each member once per `seen`). */
async function matchPage(
  ev: Evaluation,
  kind: SourceKind,
  items: Record<string, unknown>[],
  seen: Set<string>,
  counter: { itemsRead: number },
): Promise<SegmentMember[]> {
  counter.itemsRead += items.length;
  const ids = items
    .map((item) => (item.memberId as string | undefined) ?? (item.id as string))
    .filter((id) => id && !seen.has(id));
  ids.forEach((id) => seen.add(id));
  if (!ids.length) return [];
  const { members, accountOf } = await membersAndAccounts(ev.deps, ev.merchantId, kind, items, ids, counter);
  const matched: SegmentMember[] = [];
  for (const member of members) {
    if (ev.scope && !ev.scope.includes(member.homeStoreId)) continue;
    const account = accountOf.get(member.id);
    const facts = {
      tierId: account?.tierId ?? ev.baseTier,
      stage: (account?.stage ?? "new") as Stage,
      rfm: rfm(account, ev.now, ev.settings.rfm),
    };
    const amounts = { lifetimeSpend: account?.lifetimeSpend ?? 0, balance: svBalance(account?.storedValue).total };
    if (matches(ev.filter, member, { ...facts, rfmClass: facts.rfm.class, ...amounts }))
      matched.push({ member, ...facts });
  }
  // Candidates come in key order; the members read for them may not.
  const order = new Map(ids.map((id, index) => [id, index]));
  return matched.sort((a, b) => order.get(a.member.id)! - order.get(b.member.id)!);
}

/**
 * Every member of a filter, page by page (for campaigns and the size), with
 * the count of items read so the cost is visible. Clerks and managers see
 * only their stores' members.
 */
export async function* evaluate(
  deps: Deps,
  actor: MerchantCaller,
  filter: SegmentFilter,
  counter: { itemsRead: number } = { itemsRead: 0 },
): AsyncGenerator<SegmentMember[]> {
  const ev = await evaluation(deps, actor, filter);
  const seen = new Set<string>();
  for (const source of ev.sources) {
    for await (const items of partitionPages(deps.db, source.partition)) {
      const matched = await matchPage(ev, source.kind, items, seen, counter);
      if (matched.length) yield matched;
    }
  }
}

/** Candidates a listing page reads at most before it answers short, with a cursor. */
export const LISTING_READ_BUDGET = 2_000;

/** The candidate a member came from (its index or tag item). */
const candidateOf = (items: Record<string, unknown>[], memberId: string) =>
  items.find((item) => ((item.memberId as string | undefined) ?? item.id) === memberId)!;

/**
 * One page of a filter's members for a listing: candidates are read from
 * where the last page stopped (the cursor names the source and its key)
 * until the page is full, the sources end or `budget` candidates were read.
 * The first Query asks for the rows still wanted; when they do not all match
 * the next ones read wider (100), and a page that matched more than it needs
 * ends just after its last row. So only a filter matching nothing among
 * `budget` members answers a short page with a cursor.
 */
export async function filterPage(
  deps: Deps,
  actor: MerchantCaller,
  filter: SegmentFilter,
  limit: number,
  after?: string | null,
  budget = LISTING_READ_BUDGET,
): Promise<Page<Member>> {
  const ev = await evaluation(deps, actor, filter);
  let { source, start } = decodeFilterCursor(after, ev.sources.length);
  const found: Member[] = [];
  const seen = new Set<string>();
  for (let read = 0; source < ev.sources.length && found.length < limit && read < budget;) {
    const wanted = limit - found.length;
    const partition = {
      ...ev.sources[source].partition,
      limit: Math.min(read ? Math.max(wanted, 100) : wanted, budget - read),
    };
    const page = await partitionPage(deps.db, partition, start);
    read += page.items.length;
    const matched = await matchPage(ev, ev.sources[source].kind, page.items, seen, { itemsRead: 0 });
    const taken = matched.slice(0, wanted);
    found.push(...taken.map((entry) => entry.member));
    start =
      taken.length < matched.length
        ? startAfter(partition, candidateOf(page.items, taken.at(-1)!.member.id))
        : page.last;
    if (!start) source++;
  }
  const more = source < ev.sources.length;
  return { items: found, next: more ? encodeFilterCursor({ source, start }) : null };
}

/** A listing cursor: the source to read next and where in it. */
function encodeFilterCursor(cursor: { source: number; start?: Record<string, unknown> }): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeFilterCursor(after: string | null | undefined, sources: number) {
  if (!after) return { source: 0, start: undefined };
  try {
    const cursor = JSON.parse(Buffer.from(after, "base64url").toString()) as { source: unknown; start?: unknown };
    const valid =
      Number.isInteger(cursor.source) &&
      (cursor.source as number) >= 0 &&
      (cursor.source as number) < sources &&
      (cursor.start === undefined || (typeof cursor.start === "object" && cursor.start !== null));
    if (valid) return { source: cursor.source as number, start: cursor.start as Record<string, unknown> | undefined };
  } catch {
    // Not a cursor of ours: refused below.
  }
  throw new ValidationError("after", "after is not a cursor from this listing");
}
