/** Members: enrolment (idempotent by phone), look-ups and listings. */
import { assertStoreWritable, requireMerchant, storeScope, type Caller, type MerchantCaller } from "../core/access.js";
import { ConflictError, NotFoundError, ValidationError } from "../core/errors.js";
import { MEMBER_CODE_LENGTH, newMember, normaliseMemberCode, type EnrolmentInput } from "../core/members.js";
import type { Member, Page } from "../core/model.js";
import { normalisePhone } from "../core/phone.js";
import { pageSize } from "../core/validate.js";
import * as repo from "../data/members.js";
import * as staffRepo from "../data/staff.js";
import * as storesRepo from "../data/stores.js";
import type { Deps } from "./deps.js";

/**
 * Members a caller may read. Storefront keys see the whole chain (a member
 * of the chain is recognised at any till); staff see their stores' members.
 */
function memberScope(caller: MerchantCaller): string[] | undefined {
  return caller.kind === "apiKey" ? undefined : storeScope(caller);
}

function visible(caller: MerchantCaller, member: Member | undefined): member is Member {
  if (!member) return false;
  const scope = memberScope(caller);
  return !scope || scope.includes(member.homeStoreId);
}

async function resolveHomeStore(deps: Deps, caller: MerchantCaller, requested: string | null | undefined): Promise<string> {
  const scope = storeScope(caller);
  const storeId = requested ?? (scope?.length === 1 ? scope[0] : undefined);
  if (!storeId) throw new ValidationError("homeStoreId", "homeStoreId is required");
  assertStoreWritable(caller, storeId);
  const store = await storesRepo.getStore(deps.db, caller.merchantId, storeId);
  if (!store) throw new ValidationError("homeStoreId", `Store ${storeId} does not exist`);
  if (store.status !== "open") throw new ValidationError("homeStoreId", `Store ${store.name} is closed`);
  return storeId;
}

/**
 * Enrol a member. The same phone always yields the same member: a repeat
 * (or a race of repeats) returns the existing member with created = false.
 */
export async function registerMember(deps: Deps, caller: Caller, input: EnrolmentInput): Promise<{ member: Member; created: boolean }> {
  const actor = requireMerchant(caller);
  const now = deps.clock.now();
  const draft = newMember(input, {
    id: deps.ids.id(),
    merchantId: actor.merchantId,
    memberCode: "",
    now,
    homeStoreId: "",
    defaultChannel: actor.kind === "apiKey" ? "pos" : "staff",
  });
  const existing = await repo.getMemberByPhone(deps.db, actor.merchantId, draft.phone, true);
  if (existing) return { member: returnExisting(actor, existing), created: false };

  const homeStoreId = await resolveHomeStore(deps, actor, input.homeStoreId);
  if (draft.guideId) {
    const guide = await staffRepo.getStaff(deps.db, actor.merchantId, draft.guideId);
    if (!guide || guide.status !== "active") throw new ValidationError("guideId", `Staff ${draft.guideId} does not exist`);
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const member: Member = { ...draft, homeStoreId, memberCode: deps.ids.code(MEMBER_CODE_LENGTH) };
    const event = { id: deps.ids.id(), merchantId: actor.merchantId, type: "MemberJoined", at: now, detail: { memberId: member.id, homeStoreId, channel: member.channel } };
    const outcome = await repo.createMember(deps.db, member, event);
    if (outcome === "created") return { member, created: true };
    if (outcome === "phone-taken") {
      const winner = await repo.getMemberByPhone(deps.db, actor.merchantId, draft.phone, true);
      if (winner) return { member: returnExisting(actor, winner), created: false };
    }
  }
  throw new Error("Could not allocate a unique member code");
}

function returnExisting(actor: MerchantCaller, member: Member): Member {
  if (!visible(actor, member)) throw new ConflictError("This phone already belongs to a member of another store", { field: "phone" });
  return member;
}

export async function getMember(deps: Deps, caller: Caller, id: string): Promise<Member> {
  const actor = requireMerchant(caller);
  const member = await repo.getMember(deps.db, actor.merchantId, id);
  if (!visible(actor, member)) throw new NotFoundError("Member", id);
  return member;
}

/** Look-up at the till by phone: two GetItems; null when there is no such member. */
export async function findMemberByPhone(deps: Deps, caller: Caller, phone: string): Promise<Member | null> {
  const actor = requireMerchant(caller);
  const member = await repo.getMemberByPhone(deps.db, actor.merchantId, normalisePhone(phone));
  return visible(actor, member) ? member : null;
}

/** Look-up by scanned card code: two GetItems; null when there is no such member. */
export async function findMemberByCode(deps: Deps, caller: Caller, code: string): Promise<Member | null> {
  const actor = requireMerchant(caller);
  const normalised = normaliseMemberCode(code);
  if (!/^[0-9A-Z]{6,16}$/.test(normalised)) throw new ValidationError("code", "code must be a member code such as 7KQ2M9XH4T");
  const member = await repo.getMemberByCode(deps.db, actor.merchantId, normalised);
  return visible(actor, member) ? member : null;
}

/**
 * Members, newest first. Owners list the chain or one store; managers and
 * clerks list one of their stores (their first store by default).
 */
export async function listMembers(deps: Deps, caller: Caller, args: { storeId?: string | null; first?: number | null; after?: string | null }): Promise<Page<Member>> {
  const actor = requireMerchant(caller);
  const limit = pageSize(args.first);
  const scope = memberScope(actor);
  const storeId = args.storeId ?? (scope ? scope[0] : undefined);
  if (storeId && scope && !scope.includes(storeId)) throw new NotFoundError("Store", storeId);
  if (!storeId) return repo.listMembers(deps.db, actor.merchantId, limit, args.after);
  return repo.listMembersOfStore(deps.db, actor.merchantId, storeId, limit, args.after);
}
