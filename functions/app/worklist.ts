/**
 * The guide worklist (导购工作台) and contact notes. A worklist reads, with no
 * Scan and a bounded number of requests for a guide with G members, N of
 * them joined in the last 7 days, C usable coupons of the merchant lapsing in
 * the week:
 *
 *   1 BatchGetItem   merchant, loyalty config, the guide's staff item
 *   1 GetItem        automation settings (lifecycle thresholds)
 *   ⌊G/100⌋ + 1      Query gsi3 T#{m}#GUIDE#{g}, 100 members a page, newest first
 *   ⌈G/100⌉          BatchGetItem of those members' accounts (one per page)
 *   7 (+1 per 1 MB)  Query gsi2 T#{m}#COUPONEXP#{day} for today and the next 6 local days
 *   ⌈N/100⌉          BatchGetItem of the new members' contact summaries
 *
 * The roster read once serves every section: birthdays and new members come
 * from the members already in hand, and lapsing coupons are kept when their
 * member is on the roster, so no member is read twice.
 */
import { actorOf, requireStaff, type Caller } from "../core/access.js";
import type { AutomationConfig } from "../core/automation.js";
import { ConflictError, NotFoundError } from "../core/errors.js";
import type { AuditEntry, Member, Page, Staff } from "../core/model.js";
import type { MemberAccount } from "../core/points/account.js";
import { DEFAULT_LADDER } from "../core/points/tiers.js";
import { DEFAULT_RFM } from "../core/segments.js";
import { localDate, startOfLocalDay } from "../core/time.js";
import { pageSize } from "../core/validate.js";
import {
  assertGuideVisible,
  buildWorklist,
  couponDays,
  newMembersSince,
  parseContact,
  parseLocalDate,
  worklistGuideId,
  type ContactNote,
  type WorklistSections,
} from "../core/worklist.js";
import { couponsExpiringOn } from "../data/coupons.js";
import { commit } from "../data/transaction.js";
import { getAccounts, getRequest } from "../data/loyalty.js";
import * as repo from "../data/worklist.js";
import type { Deps } from "./deps.js";
import { getAutomation } from "./jobs/settings.js";
import { getMember, visible } from "./members.js";
import { assertSameRequest, fingerprint, requestKey } from "./movement.js";

export interface GuideWorklist extends WorklistSections {
  guide: Staff;
  today: string;
  timeZone: string;
  /** The guide's members in the caller's view. */
  rosterSize: number;
}

/** Merchant, rules and the guide in one request. */
async function worklistContext(deps: Deps, merchantId: string, guideId: string) {
  const [found, automation] = await Promise.all([
    repo.loadWorklistContext(deps.db, merchantId, guideId),
    getAutomation(deps, merchantId),
  ]);
  return {
    timeZone: found.merchant.timeZone ?? "Asia/Shanghai",
    loyalty: found.loyalty,
    guide: found.guide,
    automation: automation as AutomationConfig,
  };
}

/**
 * A guide's worklist: high-value members slipping away, birthdays in the next
 * 7 local days, their coupons lapsing in the next 7 local days and members who
 * joined in the last 7 days and were not contacted yet. Clerks open their own;
 * managers theirs or a guide's of their stores; owners any guide's.
 */
export async function guideWorklist(
  deps: Deps,
  caller: Caller,
  input: { guideId?: string | null; today?: string | null } = {},
): Promise<GuideWorklist> {
  const actor = requireStaff(caller, ["owner", "manager", "clerk"]);
  const guideId = worklistGuideId(actor, input.guideId ?? undefined);
  const requestedDay = parseLocalDate("today", input.today);
  const context = await worklistContext(deps, actor.merchantId, guideId);
  const guide = assertGuideVisible(actor, context.guide, guideId);
  const { timeZone } = context;
  const now = deps.clock.now();
  const today = requestedDay ?? localDate(now, timeZone);
  const asOf = today === localDate(now, timeZone) ? now : startOfLocalDay(today, timeZone);

  const coupons = Promise.all(couponDays(today).map((day) => couponsExpiringOn(deps.db, actor.merchantId, day)));
  const roster: Member[] = [];
  const accountReads: Promise<MemberAccount[]>[] = [];
  for await (const page of repo.guideRoster(deps.db, actor.merchantId, guideId)) {
    const mine = page.filter((member) => visible(actor, member));
    roster.push(...mine);
    if (mine.length)
      accountReads.push(
        getAccounts(
          deps.db,
          actor.merchantId,
          mine.map((member) => member.id),
        ),
      );
  }
  const since = newMembersSince(today, timeZone);
  const [accountItems, contacted, lapsing] = await Promise.all([
    Promise.all(accountReads),
    repo.contactedMembers(
      deps.db,
      actor.merchantId,
      roster.filter((member) => member.joinedAt >= since).map((member) => member.id),
    ),
    coupons,
  ]);
  const accounts = new Map(accountItems.flat().map((account) => [account.memberId, account]));
  const sections = buildWorklist({
    roster,
    accounts,
    contacted,
    coupons: lapsing.flat(),
    today,
    asOf,
    timeZone,
    lifecycle: context.automation.lifecycle,
    rfm: context.loyalty?.segmentation?.rfm ?? DEFAULT_RFM,
    baseTierId: (context.loyalty?.ladder ?? DEFAULT_LADDER).tiers[0].id,
  });
  return { guide, today, timeZone, rosterSize: roster.length, ...sections };
}

/**
 * Staff: note that a member was contacted (call, WeChat, SMS, visit, other),
 * idempotent by requestId (a repeat returns the first note; the same key with
 * other contents is a CONFLICT). Audited; members outside the caller's stores
 * are NOT_FOUND.
 */
export async function logContact(
  deps: Deps,
  caller: Caller,
  input: { memberId?: unknown; channel?: unknown; note?: unknown; requestId?: unknown },
): Promise<{ contact: ContactNote; created: boolean }> {
  const staff = requireStaff(caller, ["owner", "manager", "clerk"]);
  const requestId = requestKey("requestId", input.requestId);
  const contact = parseContact(input);
  const print = fingerprint({
    operation: "logContact",
    memberId: contact.memberId,
    channel: contact.channel,
    note: contact.note,
  });
  const replay = async () => {
    const seen = await getRequest(deps.db, staff.merchantId, "contact", requestId);
    if (!seen) return undefined;
    assertSameRequest("requestId", requestId, seen.fingerprint, print);
    const first = seen.result as { memberId: string; at: string; id: string };
    const note = await repo.getContactNote(deps.db, staff.merchantId, first.memberId, first.at, first.id);
    if (!note) throw new NotFoundError("Contact note", first.id);
    return { contact: note, created: false };
  };
  const repeated = await replay();
  if (repeated) return repeated;
  await getMember(deps, staff, contact.memberId);

  const at = deps.clock.now();
  const { actor, actorName } = actorOf(staff);
  const note: ContactNote = {
    id: deps.ids.id(),
    memberId: contact.memberId,
    at,
    channel: contact.channel,
    note: contact.note,
    staffId: staff.staffId,
    staffUsername: actorName,
  };
  const audit: AuditEntry = {
    id: deps.ids.id(),
    memberId: contact.memberId,
    at,
    actor,
    actorName,
    action: "contacted",
    changes: {},
    source: contact.channel,
  };
  const result = await commit(
    deps.db,
    repo.contactItems(deps.db, staff.merchantId, note, audit, { requestId, fingerprint: print }),
  );
  if (result.written) return { contact: note, created: true };
  if (result.failed.includes("request")) return (await replay())!;
  if (result.failed.includes("member")) throw new NotFoundError("Member", contact.memberId);
  throw new ConflictError("The member is busy with other changes; try again", { retryable: true });
}

/** A member's contact notes, newest first (staff, members of their stores). */
export async function memberContacts(
  deps: Deps,
  caller: Caller,
  member: Member,
  first?: number | null,
  after?: string | null,
): Promise<Page<ContactNote>> {
  const staff = requireStaff(caller, ["owner", "manager", "clerk"]);
  if (!visible(staff, member) || member.merchantId !== staff.merchantId) throw new NotFoundError("Member", member.id);
  return repo.listContactNotes(deps.db, staff.merchantId, member.id, pageSize(first), after);
}
