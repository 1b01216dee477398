/** Member rules: what a valid enrolment or change is, independent of storage. */
import { ValidationError } from "./errors.js";
import {
  CHANNELS,
  GENDERS,
  type AuditEntry,
  type Birthday,
  type Channel,
  type Gender,
  type Member,
  type MemberContact,
  type Recipient,
} from "./model.js";
import { normalisePhone } from "./phone.js";
import { oneOf, requiredText } from "./validate.js";

export { MEMBER_CODE_LENGTH, normaliseMemberCode } from "./card.js";

export interface EnrolmentInput {
  phone: string;
  name: string;
  gender?: Gender | null;
  birthday?: { month: number; day: number; year?: number | null } | null;
  homeStoreId?: string | null;
  guideId?: string | null;
  channel?: Channel | null;
  marketingSmsConsent?: boolean | null;
  tags?: string[] | null;
  /** An existing member's invite code (their member code): the new member was referred by them. */
  inviteCode?: string | null;
}

export interface ProfileInput {
  phone?: string | null;
  name?: string | null;
  gender?: Gender | null;
  birthday?: { month: number; day: number; year?: number | null } | null;
  /** True to remove a recorded birthday. */
  clearBirthday?: boolean | null;
  homeStoreId?: string | null;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export const MAX_TAGS = 30;

/** A birthday: month and day required (29 Feb allowed), year optional and plausible. */
export function parseBirthday(input: EnrolmentInput["birthday"], today: string): Birthday | undefined {
  if (input == null) return undefined;
  const { month, day, year } = input;
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new ValidationError("birthday.month", "birthday.month must be 1–12");
  if (!Number.isInteger(day) || day < 1 || day > DAYS_IN_MONTH[month - 1]) {
    throw new ValidationError("birthday.day", `birthday.day must be a day of month ${month}`);
  }
  if (year == null) return { month, day };
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < thisYear - 120 || year > thisYear) {
    throw new ValidationError("birthday.year", `birthday.year must be between ${thisYear - 120} and ${thisYear}`);
  }
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) {
    throw new ValidationError("birthday.day", `${year} has no 29 February`);
  }
  return { month, day, year };
}

/** A tag: 1–20 characters, no '#', trimmed. */
export function parseTag(value: unknown, field = "tags"): string {
  const tag = requiredText(field, value, 20);
  if (tag.includes("#")) throw new ValidationError(field, `${field} may not contain '#'`);
  return tag;
}

/** Distinct valid tags, at most MAX_TAGS. */
export function parseTags(values: unknown[] | null | undefined, field = "tags"): string[] {
  const tags = [...new Set((values ?? []).map((value) => parseTag(value, field)))];
  if (tags.length > MAX_TAGS) throw new ValidationError(field, `A member may carry at most ${MAX_TAGS} tags`);
  return tags;
}

/** A member from validated enrolment input; the store and guide are checked by the caller. */
export function newMember(
  input: EnrolmentInput,
  context: {
    id: string;
    merchantId: string;
    memberCode: string;
    now: string;
    joinedAt?: string;
    homeStoreId: string;
    defaultChannel: Channel;
  },
): Member {
  const phone = normalisePhone(input.phone);
  const name = requiredText("name", input.name, 40);
  const gender = input.gender == null ? "unknown" : oneOf("gender", input.gender, GENDERS);
  const channel =
    input.channel == null
      ? input.inviteCode
        ? "referral"
        : context.defaultChannel
      : oneOf("channel", input.channel, CHANNELS);
  const birthday = parseBirthday(input.birthday, context.now);
  return {
    id: context.id,
    merchantId: context.merchantId,
    phone,
    name,
    gender,
    birthday,
    homeStoreId: context.homeStoreId,
    guideId: input.guideId ?? undefined,
    channel,
    memberCode: context.memberCode,
    marketingSms:
      input.marketingSmsConsent == null ? undefined : { granted: input.marketingSmsConsent, at: context.now, channel },
    tags: parseTags(input.tags),
    status: "active",
    version: 1,
    joinedAt: context.joinedAt ?? context.now,
    updatedAt: context.now,
  };
}

/** The member after a profile change; fields left out stay as they are. */
export function applyProfile(member: Member, input: ProfileInput, now: string): Member {
  const next: Member = { ...member };
  if (input.phone != null) next.phone = normalisePhone(input.phone);
  if (input.name != null) next.name = requiredText("name", input.name, 40);
  if (input.gender != null) next.gender = oneOf("gender", input.gender, GENDERS);
  if (input.birthday != null) next.birthday = parseBirthday(input.birthday, now);
  if (input.clearBirthday) next.birthday = undefined;
  if (input.homeStoreId != null) next.homeStoreId = requiredText("homeStoreId", input.homeStoreId, 40);
  return next;
}

const AUDITED: (keyof Member)[] = [
  "phone",
  "name",
  "gender",
  "birthday",
  "homeStoreId",
  "guideId",
  "marketingSms",
  "tags",
];

/** What changed between two versions of a member, as field → [before, after]. */
export function diff(before: Member, after: Member): AuditEntry["changes"] {
  const changes: AuditEntry["changes"] = {};
  for (const field of AUDITED) {
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
      changes[field] = [before[field] ?? null, after[field] ?? null];
  }
  return changes;
}

/** Fields that hold personal data; erasure removes them from the member and its audit entries. */
export const PERSONAL_FIELDS = ["phone", "name", "gender", "birthday", "marketingSms", "tags", "guideId"] as const;

export const ERASED_NAME = "已注销";

/** The anonymised member kept after erasure: ids and dates for the ledgers, nothing personal. */
export function anonymise(member: Member, now: string): Member {
  return {
    id: member.id,
    merchantId: member.merchantId,
    phone: "",
    name: ERASED_NAME,
    gender: "unknown",
    homeStoreId: member.homeStoreId,
    channel: member.channel,
    memberCode: "",
    tags: [],
    status: "erased",
    version: member.version + 1,
    joinedAt: member.joinedAt,
    updatedAt: now,
    erasedAt: now,
  };
}

/** An audit entry's changes with every personal value replaced. */
export function redactChanges(changes: AuditEntry["changes"]): AuditEntry["changes"] {
  return Object.fromEntries(
    Object.entries(changes).map(([field, pair]) => [
      field,
      (PERSONAL_FIELDS as readonly string[]).includes(field) ? ["[erased]", "[erased]"] : pair,
    ]),
  ) as AuditEntry["changes"];
}

/** A member's contact as the daily jobs' copies hold it (see MemberContact). */
export function contactOf(member: MemberContact): MemberContact {
  const { name, phone, status, homeStoreId, marketingSms, version } = member;
  return { name, phone, status, homeStoreId, ...(marketingSms ? { marketingSms } : {}), version };
}

/** Do two copies say the same to a message (the version they were taken from aside)? */
export function sameContact(a: MemberContact | undefined, b: MemberContact | undefined): boolean {
  if (!a || !b) return a === b;
  const consent = (c: MemberContact) =>
    c.marketingSms ? `${c.marketingSms.granted}|${c.marketingSms.at}|${c.marketingSms.channel}` : "";
  return (
    a.name === b.name &&
    a.phone === b.phone &&
    a.status === b.status &&
    (a.homeStoreId ?? null) === (b.homeStoreId ?? null) &&
    consent(a) === consent(b)
  );
}

/** The recipient a copy names (undefined without a copy: the member item must be read). */
export function recipientOf(memberId: string, contact: MemberContact | undefined): Recipient | undefined {
  return contact ? { id: memberId, ...contactOf(contact) } : undefined;
}
