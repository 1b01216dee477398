/**
 * Members: enrolment (idempotent by phone), profile, consent, tags, guides,
 * search, audit, data export and erasure.
 */
import { changeItems, getAccount } from "../data/loyalty.js";
import {
  actorOf,
  assertStoreWritable,
  requireMerchant,
  requireStaff,
  storeScope,
  type Caller,
  type MerchantCaller,
} from "../core/access.js";
import { codeFromScan, MEMBER_CODE_LENGTH } from "../core/card.js";
import { ConflictError, NotFoundError, ValidationError } from "../core/errors.js";
import {
  anonymise,
  applyProfile,
  contactOf,
  sameContact,
  diff,
  newMember,
  parseTags,
  redactChanges,
  type EnrolmentInput,
  type ProfileInput,
} from "../core/members.js";
import {
  CHANNELS,
  type AuditEntry,
  type Channel,
  type DomainEvent,
  type Member,
  type Page,
  type Staff,
} from "../core/model.js";
import { normalisePhone, parsePhoneTail } from "../core/phone.js";
import { parseSegmentFilter } from "../core/segments.js";
import { rangeBound } from "../core/time.js";
import { lookupId, oneOf, optionalText, pageSize, requiredText } from "../core/validate.js";
import { getMerchant } from "../data/merchants.js";
import * as couponRepo from "../data/coupons.js";
import * as repo from "../data/members.js";
import * as staffRepo from "../data/staff.js";
import * as storesRepo from "../data/stores.js";
import type { Deps } from "./deps.js";
import { filterPage } from "./segmentMembers.js";
import { referralPut } from "../data/referrals.js";
import type { Write } from "../data/transaction.js";

/**
 * Members a caller may read. Storefront keys see the whole chain (a member
 * of the chain is recognised at any till); staff see their stores' members.
 */
function memberScope(caller: MerchantCaller): string[] | undefined {
  return caller.kind === "apiKey" ? undefined : storeScope(caller);
}

export function visible(caller: MerchantCaller, member: Member | undefined): member is Member {
  if (!member || member.status !== "active") return false;
  const scope = memberScope(caller);
  return !scope || scope.includes(member.homeStoreId);
}

function auditEntry(
  deps: Deps,
  caller: Caller,
  memberId: string,
  action: AuditEntry["action"],
  changes: AuditEntry["changes"],
  source?: string,
): AuditEntry {
  return { id: deps.ids.id(), memberId, at: deps.clock.now(), ...actorOf(caller), action, changes, source };
}

function event(deps: Deps, merchantId: string, type: string, detail: Record<string, unknown>): DomainEvent {
  return { id: deps.ids.id(), merchantId, type, at: deps.clock.now(), detail };
}

/** A store members may join or move to: it exists, is open and is within the caller's scope. */
async function checkStore(deps: Deps, caller: MerchantCaller, storeId: string, field = "homeStoreId"): Promise<string> {
  assertStoreWritable(caller, storeId);
  const store = await storesRepo.getStore(deps.db, caller.merchantId, storeId);
  if (!store) throw new ValidationError(field, `Store ${storeId} does not exist`);
  if (store.status !== "open") throw new ValidationError(field, `Store ${store.name} is closed`);
  return storeId;
}

/** A guide: an active manager or clerk who works at the member's home store. */
export async function checkGuide(
  deps: Deps,
  merchantId: string,
  guideId: string,
  homeStoreId: string,
  field = "guideId",
): Promise<Staff> {
  const guide = await staffRepo.getStaff(deps.db, merchantId, guideId);
  if (!guide || guide.status !== "active") throw new ValidationError(field, `Staff ${guideId} does not exist`);
  if (guide.role === "owner" || !guide.storeIds.includes(homeStoreId)) {
    throw new ValidationError(field, `${guide.name} does not work at the member's home store`);
  }
  return guide;
}

function defaultStore(caller: MerchantCaller, requested: string | null | undefined): string {
  const scope = storeScope(caller);
  const storeId = requested ?? (scope?.length === 1 ? scope[0] : undefined);
  if (!storeId) throw new ValidationError("homeStoreId", "homeStoreId is required");
  return storeId;
}

export function returnExisting(actor: MerchantCaller, member: Member): Member {
  if (!visible(actor, member))
    throw new ConflictError("This phone already belongs to a member of another store", { field: "phone" });
  return member;
}

export interface EnrolOptions {
  /** Keep the join time from an imported file. */
  joinedAt?: string;
  /** Already checked by the caller (import checks each store and guide once per file). */
  checked?: boolean;
  /**
   * The caller has just seen that the phone is free (import reads phones in batches); the transaction still guards it.
   */
  phoneSeenFree?: boolean;
  action?: AuditEntry["action"];
}

/** The member who invited a new one: the active member whose code was given; none without a code. */
async function findInviter(
  deps: Deps,
  merchantId: string,
  code: string | null | undefined,
): Promise<{ inviteCode: string; referrer: Member } | undefined> {
  const inviteCode = code ? codeFromScan(requiredText("inviteCode", code, 200)) : undefined;
  const referrer = inviteCode ? await repo.getMemberByCode(deps.db, merchantId, inviteCode) : undefined;
  if (inviteCode && (!referrer || referrer.status !== "active"))
    throw new ValidationError("inviteCode", `No member has the invite code ${inviteCode}`);
  return inviteCode ? { inviteCode, referrer: referrer! } : undefined;
}

/** The pending referral written with a new member who was invited (none otherwise). */
function pendingReferral(
  deps: Deps,
  member: Member,
  inviter: { inviteCode: string; referrer: Member } | undefined,
  at: string,
) {
  return inviter
    ? [
        referralPut(deps.db, member.merchantId, {
          memberId: member.id,
          referrerId: inviter.referrer.id,
          storeId: member.homeStoreId,
          referrerStoreId: inviter.referrer.homeStoreId,
          inviteCode: inviter.inviteCode,
          at,
          status: "pending",
        }),
      ]
    : [];
}

/**
 * Enrol a member. The same phone always yields the same member: a repeat
 * (or a race of repeats) returns the existing member with created = false.
 */
export async function registerMember(
  deps: Deps,
  caller: Caller,
  input: EnrolmentInput,
  options: EnrolOptions = {},
): Promise<{ member: Member; created: boolean }> {
  const actor = requireMerchant(caller);
  const now = deps.clock.now();
  const draft = newMember(input, {
    id: deps.ids.id(),
    merchantId: actor.merchantId,
    memberCode: "",
    now,
    joinedAt: options.joinedAt,
    homeStoreId: "",
    defaultChannel: actor.kind === "apiKey" ? "pos" : "staff",
  });
  const existing = options.phoneSeenFree
    ? undefined
    : await repo.getMemberByPhone(deps.db, actor.merchantId, draft.phone, true);
  // Joining again with the same phone returns the member as they are: a referral only ever attaches to a new member.
  if (existing) return { member: returnExisting(actor, existing), created: false };
  const inviter = await findInviter(deps, actor.merchantId, input.inviteCode);

  const homeStoreId = defaultStore(actor, input.homeStoreId);
  if (!options.checked) {
    await checkStore(deps, actor, homeStoreId);
    if (draft.guideId) await checkGuide(deps, actor.merchantId, draft.guideId, homeStoreId);
  } else assertStoreWritable(actor, homeStoreId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const member: Member = { ...draft, homeStoreId, memberCode: deps.ids.code(MEMBER_CODE_LENGTH) };
    const joined = event(deps, actor.merchantId, "MemberJoined", {
      memberId: member.id,
      homeStoreId,
      channel: member.channel,
      guideId: member.guideId ?? null,
    });
    const audit = auditEntry(deps, caller, member.id, options.action ?? "enrolled", {}, member.channel);
    const referral = pendingReferral(deps, member, inviter, now);
    const outcome = await repo.createMember(deps.db, member, joined, audit, referral);
    if (outcome === "created") return { member, created: true };
    if (outcome === "phone-taken") {
      const winner = await repo.getMemberByPhone(deps.db, actor.merchantId, draft.phone, true);
      if (winner) return { member: returnExisting(actor, winner), created: false };
    }
  }
  throw new Error("Could not allocate a unique member code");
}

export async function getMember(deps: Deps, caller: Caller, id: string): Promise<Member> {
  const actor = requireMerchant(caller);
  const member = await repo.getMember(deps.db, actor.merchantId, lookupId("Member", id));
  if (!visible(actor, member)) throw new NotFoundError("Member", id);
  return member;
}

/** Look-up at the till by phone: two GetItems; null when there is no such member. */
export async function findMemberByPhone(deps: Deps, caller: Caller, phone: string): Promise<Member | null> {
  const actor = requireMerchant(caller);
  const member = await repo.getMemberByPhone(deps.db, actor.merchantId, normalisePhone(phone));
  return visible(actor, member) ? member : null;
}

/** Look-up by a scanned card payload or a typed code: two GetItems; null when unknown. */
export async function findMemberByCode(deps: Deps, caller: Caller, code: string): Promise<Member | null> {
  const actor = requireMerchant(caller);
  const member = await repo.getMemberByCode(deps.db, actor.merchantId, codeFromScan(code));
  return visible(actor, member) ? member : null;
}

/**
 * The account follows a member change that moves it: a new home store takes the account's figures (points,
 * tier, stage, stored value) with it on the dashboard, and a new name, phone, consent or status its contact
 * copy (what the wake-up and lifecycle jobs read instead of the member). The account is rewritten in the
 * change's transaction; a member without one yet is checked to still have none.
 */
async function accountFollows(deps: Deps, before: Member, after: Member): Promise<Write[]> {
  const moved = (before.homeStoreId ?? null) !== (after.homeStoreId ?? null);
  if (!moved && sameContact(contactOf(before), contactOf(after))) return [];
  const account = await getAccount(deps.db, before.merchantId, before.id, true);
  if (!account) return [repo.noAccountYet(deps.db, before.merchantId, before.id)];
  const next = {
    ...account,
    homeStoreId: after.homeStoreId ?? null,
    contact: contactOf(after),
    version: account.version + 1,
  };
  return changeItems(deps.db, { before: account, after: next, entries: [], events: [], at: deps.clock.now() });
}

/** The member's coupons follow a change of their contact: their copies are rewritten in its transaction. */
async function couponsFollow(deps: Deps, before: Member, after: Member): Promise<Write[]> {
  if (sameContact(contactOf(before), contactOf(after))) return [];
  return couponRepo.contactCopyWrites(deps.db, after.merchantId, after.id, contactOf(after));
}

/**
 * Apply a change to a member with optimistic concurrency: re-read and retry
 * (with jittered back-off) while others change the member at the same moment,
 * unless the caller pinned an expectedVersion.
 */
async function change(
  deps: Deps,
  caller: Caller,
  id: string,
  expectedVersion: number | null | undefined,
  mutate: (
    member: Member,
    actor: MerchantCaller,
  ) => Promise<{ next: Member; action: AuditEntry["action"]; source?: string; event?: DomainEvent }>,
): Promise<Member> {
  const actor = requireMerchant(caller);
  for (let attempt = 0; attempt < 12; attempt++) {
    if (attempt) await new Promise((resolve) => setTimeout(resolve, Math.random() * 15 * Math.min(attempt, 6)));
    const current = await repo.getMember(deps.db, actor.merchantId, id, true);
    if (!visible(actor, current)) throw new NotFoundError("Member", id);
    if (expectedVersion != null && current.version !== expectedVersion) {
      throw new ConflictError(
        `Member ${id} was changed by someone else (version ${current.version}, you had ${expectedVersion}); ` +
          "reload and try again",
        { field: "expectedVersion" },
      );
    }
    const { next, action, source, event: domainEvent } = await mutate(current, actor);
    const changes = diff(current, next);
    if (Object.keys(changes).length === 0) return current;
    const updated: Member = { ...next, version: current.version + 1, updatedAt: deps.clock.now() };
    const outcome = await repo.updateMember(
      deps.db,
      current,
      updated,
      auditEntry(deps, caller, id, action, changes, source),
      domainEvent,
      await accountFollows(deps, current, updated),
      await couponsFollow(deps, current, updated),
    );
    if (outcome === "updated") return updated;
    if (outcome === "phone-taken")
      throw new ConflictError(`The phone ${updated.phone} already belongs to another member`, { field: "phone" });
    if (expectedVersion != null)
      throw new ConflictError(`Member ${id} was changed by someone else; reload and try again`, {
        field: "expectedVersion",
      });
  }
  throw new ConflictError(`Member ${id} is being changed by others right now; try again`);
}

/** Change a member's profile (staff within their stores, or a storefront). */
export function updateMember(
  deps: Deps,
  caller: Caller,
  id: string,
  input: ProfileInput,
  expectedVersion?: number | null,
): Promise<Member> {
  return change(deps, caller, id, expectedVersion, async (member, actor) => {
    const next = applyProfile(member, input, deps.clock.now());
    if (next.homeStoreId !== member.homeStoreId) {
      await checkStore(deps, actor, next.homeStoreId);
      // A guide who does not work at the new store no longer fits.
      if (next.guideId) {
        const guide = await staffRepo.getStaff(deps.db, actor.merchantId, next.guideId);
        if (!guide?.storeIds.includes(next.homeStoreId)) next.guideId = undefined;
      }
    }
    return { next, action: "updated" };
  });
}

/** Record a consent decision for marketing SMS with its time and source. */
export function setMarketingConsent(
  deps: Deps,
  caller: Caller,
  id: string,
  input: { granted: boolean; channel?: Channel | null; source?: string | null },
): Promise<Member> {
  if (typeof input.granted !== "boolean") throw new ValidationError("granted", "granted must be true or false");
  const channel =
    input.channel == null ? (caller.kind === "apiKey" ? "pos" : "staff") : oneOf("channel", input.channel, CHANNELS);
  const source = optionalText("source", input.source, 60) ?? (caller.kind === "apiKey" ? "storefront" : "console");
  return change(deps, caller, id, undefined, async (member) => ({
    next: { ...member, marketingSms: { granted: input.granted, at: deps.clock.now(), channel } },
    action: "consent",
    source,
    event: event(deps, member.merchantId, "ConsentChanged", {
      memberId: member.id,
      purpose: "marketing_sms",
      granted: input.granted,
      channel,
      source,
    }),
  }));
}

export function addMemberTags(deps: Deps, caller: Caller, id: string, tags: string[]): Promise<Member> {
  const adding = parseTags(tags);
  if (!adding.length) throw new ValidationError("tags", "Give at least one tag");
  return change(deps, caller, id, undefined, async (member) => ({
    next: { ...member, tags: parseTags([...member.tags, ...adding]) },
    action: "tagged",
  }));
}

export function removeMemberTags(deps: Deps, caller: Caller, id: string, tags: string[]): Promise<Member> {
  const removing = new Set(tags.map((tag) => String(tag).trim()));
  return change(deps, caller, id, undefined, async (member) => ({
    next: { ...member, tags: member.tags.filter((tag) => !removing.has(tag)) },
    action: "untagged",
  }));
}

/** Assign members to a guide (or unassign with null): owners and managers. */
export async function assignGuide(
  deps: Deps,
  caller: Caller,
  memberIds: string[],
  guideId: string | null,
): Promise<Member[]> {
  requireStaff(caller, ["owner", "manager"]);
  if (!Array.isArray(memberIds) || memberIds.length === 0 || memberIds.length > 100)
    throw new ValidationError("memberIds", "Give 1–100 member ids");
  const updated: Member[] = [];
  for (const id of [...new Set(memberIds)]) {
    updated.push(
      await change(deps, caller, id, undefined, async (member) => {
        if (guideId) await checkGuide(deps, member.merchantId, guideId, member.homeStoreId);
        return { next: { ...member, guideId: guideId ?? undefined }, action: "guide" };
      }),
    );
  }
  return updated;
}

export interface MemberFilter {
  phone?: string | null;
  phoneTail?: string | null;
  code?: string | null;
  name?: string | null;
  storeId?: string | null;
  guideId?: string | null;
  tag?: string | null;
  joinedFrom?: string | null;
  joinedTo?: string | null;
  tierId?: string | null;
  birthdayMonth?: number | null;
  spendMin?: number | null;
  spendMax?: number | null;
  balanceMin?: number | null;
  balanceMax?: number | null;
}

/** Filters on what the account holds (tier, spend, balance) or the birthday: served like a segment. */
const SEGMENT_FIELDS = ["tierId", "birthdayMonth", "spendMin", "spendMax", "balanceMin", "balanceMax"] as const;

/** The segment filter of a member-list filter by tier, birthday month, spend or balance (with a store or a tag). */
function segmentFilterOf(filter: MemberFilter, stores: string[] | undefined) {
  const given = SEGMENT_FIELDS.find((field) => filter[field] != null)!;
  if (filter.phoneTail || filter.name || filter.guideId || filter.joinedFrom || filter.joinedTo)
    throw new ValidationError(given, `${given} combines with storeId and tag only`);
  return parseSegmentFilter({
    ...Object.fromEntries(SEGMENT_FIELDS.filter((field) => field !== "tierId").map((field) => [field, filter[field]])),
    tierIds: filter.tierId != null ? [requiredText("tierId", filter.tierId, 64)] : undefined,
    tags: filter.tag != null ? [filter.tag] : undefined,
    storeIds: stores,
  });
}

/**
 * Search members. Phone and code are exact look-ups; otherwise one key or
 * index is read (phone tail, tag, guide, store, name prefix or the whole chain
 * by join date) and the other filters are applied by DynamoDB on that range.
 */
export async function searchMembers(
  deps: Deps,
  caller: Caller,
  filter: MemberFilter = {},
  first?: number | null,
  after?: string | null,
): Promise<Page<Member>> {
  const actor = requireMerchant(caller);
  const limit = pageSize(first);
  if (filter.phone)
    return {
      items: [await findMemberByPhone(deps, caller, filter.phone)].filter((m): m is Member => Boolean(m)),
      next: null,
    };
  if (filter.code)
    return {
      items: [await findMemberByCode(deps, caller, filter.code)].filter((m): m is Member => Boolean(m)),
      next: null,
    };

  const scope = memberScope(actor);
  const storeId = optionalText("storeId", filter.storeId, 40);
  if (storeId && scope && !scope.includes(storeId)) throw new NotFoundError("Store", storeId);
  const stores = storeId ? [storeId] : scope;
  if (stores && stores.length === 0) return { items: [], next: null };
  // Tier, birthday month, spend and balance are read like a segment, a page at a time.
  if (SEGMENT_FIELDS.some((field) => filter[field] != null))
    return filterPage(deps, actor, segmentFilterOf(filter, stores), limit, after);
  const tail = filter.phoneTail ? parsePhoneTail(filter.phoneTail) : undefined;
  if (tail && (filter.tag || filter.name))
    throw new ValidationError("phoneTail", "phoneTail is searched alone: leave out tag and name");
  const tag = filter.tag ? requiredText("tag", filter.tag, 20) : undefined;
  const guideId = optionalText("guideId", filter.guideId, 64);
  const name = optionalText("name", filter.name, 40);
  const merchant = filter.joinedFrom || filter.joinedTo ? await getMerchant(deps.db, actor.merchantId) : undefined;
  const timeZone = merchant?.timeZone ?? "Asia/Shanghai";
  const joinedFrom = rangeBound("joinedFrom", filter.joinedFrom, timeZone, false);
  const joinedTo = rangeBound("joinedTo", filter.joinedTo, timeZone, true);
  if (joinedFrom && joinedTo && joinedFrom >= joinedTo)
    throw new ValidationError("joinedTo", "joinedTo must be after joinedFrom");

  const source: repo.MemberSource = tail
    ? { kind: "phoneTail", tail }
    : tag
      ? { kind: "tag", tag }
      : name
        ? { kind: "name", prefix: name }
        : guideId
          ? { kind: "guide", guideId }
          : stores?.length === 1
            ? { kind: "store", storeId: stores[0] }
            : { kind: "all" };
  return repo.listMembersFrom(deps.db, actor.merchantId, source, {
    limit,
    cursor: after,
    joinedFrom,
    joinedTo,
    storeIds: source.kind === "store" ? undefined : stores,
    guideId: source.kind === "guide" ? undefined : guideId,
  });
}

/** A member's audit history, newest first (staff only). */
export async function memberAudit(
  deps: Deps,
  caller: Caller,
  id: string,
  first?: number | null,
  after?: string | null,
): Promise<Page<AuditEntry>> {
  requireStaff(caller, ["owner", "manager", "clerk"]);
  const member = await getMember(deps, caller, id);
  return repo.listAudit(deps.db, member.merchantId, id, pageSize(first), after);
}

/** The merchant's tags with member counts. */
export async function memberTags(deps: Deps, caller: Caller) {
  const actor = requireMerchant(caller);
  return repo.listTags(deps.db, actor.merchantId, storeScope(actor));
}

/** Everything held about one member, as JSON (PIPL access request): owners and managers. */
export async function exportMemberData(deps: Deps, caller: Caller, id: string) {
  requireStaff(caller, ["owner", "manager"]);
  const member = await getMember(deps, caller, id);
  const items = await repo.memberPartitionItems(deps.db, member.merchantId, id);
  const plain = (entity: string) =>
    items
      .filter((item) => item.entity === entity)
      .map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => !["pk", "sk", "entity"].includes(key))));
  return { exportedAt: deps.clock.now(), member, audit: plain("audit"), contacts: plain("contactNote") };
}

/**
 * The erasure's transaction: the anonymised member, its look-up and tag items, and every copy of its contact
 * (account, coupons) replaced by the erased copy. Made again (a few times) when the account changed meanwhile.
 */
async function eraseOnce(deps: Deps, caller: Caller, staff: MerchantCaller, id: string, why: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await repo.getMember(deps.db, staff.merchantId, id, true);
    if (!current || (current.status === "active" && !visible(staff, current))) throw new NotFoundError("Member", id);
    if (current.status === "erased") throw new ConflictError(`Member ${id} is already erased`);
    const erased = anonymise(current, deps.clock.now());
    const audit: AuditEntry = { ...auditEntry(deps, caller, id, "erased", {}), source: why };
    const outcome = await repo.eraseMember(
      deps.db,
      current,
      erased,
      audit,
      event(deps, staff.merchantId, "MemberErased", { memberId: id }),
      await accountFollows(deps, current, erased),
      await couponsFollow(deps, current, erased),
    );
    if (outcome === "erased") return erased;
  }
  throw new ConflictError(`Member ${id} changed while erasing; try again`);
}

/**
 * Erase a member for good: personal data removed from the profile and from
 * every audit entry, phone and code freed, the record kept anonymised so
 * ledgers and orders still add up. Owners and managers; audited.
 */
export async function eraseMember(deps: Deps, caller: Caller, id: string, reason: string): Promise<Member> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const why = requiredText("reason", reason, 200);
  const erased = await eraseOnce(deps, caller, staff, id, why);
  // Copies a race left (a coupon issued as the member was erased) lose the personal data now.
  await couponRepo.sweepContactCopies(deps.db, staff.merchantId, id, contactOf(erased));
  await repo.redactAudit(deps.db, staff.merchantId, id, (entry) => ({
    ...entry,
    changes: redactChanges(entry.changes),
  }));
  await repo.redactContactNotes(deps.db, staff.merchantId, id);
  return erased;
}
