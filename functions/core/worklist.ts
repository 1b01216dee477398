/**
 * The guide's worklist (导购工作台): which of a guide's members to look after
 * this week, and the contact notes a guide keeps. Pure: the app layer reads
 * the guide's roster, their accounts and the week's lapsing coupons and hands
 * them here.
 */
import type { Caller } from "./access.js";
import { stageAfter, type AutomationConfig, type Stage } from "./automation.js";
import type { Coupon } from "./coupons/templates.js";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.js";
import type { Birthday, Member, Staff } from "./model.js";
import type { MemberAccount } from "./points/account.js";
import { rfm, type RfmClass, type RfmThresholds } from "./segments.js";
import { addDays, localDate, startOfLocalDay } from "./time.js";
import { oneOf, requiredText } from "./validate.js";

/** How far ahead (birthdays, coupons) and back (new members) the worklist looks, in local days including today. */
export const WORKLIST_DAYS = 7;

export const CONTACT_CHANNELS = ["CALL", "WECHAT", "SMS", "VISIT", "OTHER"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_NOTE_MAX = 500;

/** A guide's note of having reached a member (call, WeChat, SMS, visit…). */
export interface ContactNote {
  id: string;
  memberId: string;
  at: string;
  channel: ContactChannel;
  note: string;
  staffId: string;
  staffUsername: string;
}

export interface ContactInput {
  memberId: string;
  channel: ContactChannel;
  note: string;
}

/** Check a contact note as entered. */
export function parseContact(input: { memberId?: unknown; channel?: unknown; note?: unknown }): ContactInput {
  return {
    memberId: requiredText("memberId", input.memberId, 64),
    channel: oneOf("channel", input.channel, CONTACT_CHANNELS),
    note: requiredText("note", input.note, CONTACT_NOTE_MAX),
  };
}

/** A local date given by a caller (YYYY-MM-DD), or undefined. */
export function parseLocalDate(field: string, value: unknown): string | undefined {
  if (value == null || value === "") return undefined;
  const text = typeof value === "string" ? value : "";
  const parsed = Date.parse(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== text)
    throw new ValidationError(field, `${field} must be a date (YYYY-MM-DD)`);
  return text;
}

type StaffCaller = Extract<Caller, { kind: "staff" }>;

/**
 * Whose worklist the caller may open: clerks only their own (another id is
 * FORBIDDEN); managers their own or that of a guide sharing one of their
 * stores; owners any guide of the merchant. A guide the caller may not see
 * (another merchant's, another store's) is NOT_FOUND.
 */
export function worklistGuideId(actor: StaffCaller, requested: string | undefined): string {
  const guideId = requested ?? actor.staffId;
  if (actor.role === "clerk" && guideId !== actor.staffId)
    throw new ForbiddenError("A clerk may open only their own worklist");
  return guideId;
}

/** The guide read back: it must exist and be in the caller's view (see worklistGuideId). */
export function assertGuideVisible(actor: StaffCaller, guide: Staff | undefined, guideId: string): Staff {
  if (!guide) throw new NotFoundError("Staff", guideId);
  if (guide.id === actor.staffId || actor.role === "owner") return guide;
  if (guide.role === "owner" || !guide.storeIds.some((id) => actor.storeIds.includes(id)))
    throw new NotFoundError("Staff", guideId);
  return guide;
}

/**
 * The local date of a member's next birthday within `days` local days from
 * `today` (today counts as the first), or undefined. A 29 February birthday is
 * kept on 28 February in other years, as the birthday job does.
 */
export function upcomingBirthday(
  birthday: Birthday | undefined,
  today: string,
  days = WORKLIST_DAYS,
): { date: string; daysAway: number } | undefined {
  if (!birthday) return undefined;
  for (let i = 0; i < days; i++) {
    const date = addDays(today, i);
    const [year, month, day] = date.split("-").map(Number);
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const celebrated = birthday.month === 2 && birthday.day === 29 && !leap ? { month: 2, day: 28 } : birthday;
    if (celebrated.month === month && celebrated.day === day) return { date, daysAway: i };
  }
  return undefined;
}

/** Whole local days between two local dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * High value: monetary RFM score 3 or more (lifetime spend at the merchant's
 * third spend threshold) or a tier above the first.
 */
export function isHighValue(account: MemberAccount | undefined, m: number, baseTierId: string): boolean {
  if (!account?.visits) return false;
  return m >= 3 || (account.tierId !== undefined && account.tierId !== baseTierId);
}

export interface SlippingEntry {
  member: Member;
  stage: Stage;
  daysSinceVisit: number;
  lastVisitAt?: string;
  lifetimeSpend: number;
  visits: number;
  rfmClass: RfmClass;
  tierId: string;
}

export interface BirthdayEntry {
  member: Member;
  date: string;
  daysAway: number;
}

export interface CouponEntry {
  member: Member;
  coupon: Coupon;
  /** The coupon's last usable local day. */
  lastDay: string;
  daysLeft: number;
}

export interface NewMemberEntry {
  member: Member;
  daysAgo: number;
}

export interface WorklistSections {
  slipping: SlippingEntry[];
  birthdays: BirthdayEntry[];
  expiringCoupons: CouponEntry[];
  newMembers: NewMemberEntry[];
}

export interface WorklistFacts {
  /** The guide's members in the caller's view, newest first. */
  roster: Member[];
  accounts: Map<string, MemberAccount>;
  /** Members who have a contact note. */
  contacted: Set<string>;
  /** Usable coupons lapsing in the window (any member; filtered to the roster here). */
  coupons: Coupon[];
  today: string;
  /** The instant the worklist is for (coupons lapsed before it are left out). */
  asOf: string;
  timeZone: string;
  lifecycle: AutomationConfig["lifecycle"];
  rfm: RfmThresholds;
  baseTierId: string;
}

/** The four sections of a guide's worklist. */
export function buildWorklist(facts: WorklistFacts): WorklistSections {
  const { today, timeZone } = facts;
  const byId = new Map(facts.roster.map((member) => [member.id, member]));
  const lastDay = addDays(today, WORKLIST_DAYS - 1);

  const slipping: SlippingEntry[] = [];
  for (const member of facts.roster) {
    const account = facts.accounts.get(member.id);
    if (!account?.lastVisitAt) continue;
    const scores = rfm(account, facts.asOf, facts.rfm);
    if (!isHighValue(account, scores.m, facts.baseTierId)) continue;
    const daysSinceVisit = daysBetween(localDate(account.lastVisitAt, timeZone), today);
    // The stored stage moves once a day; the days since the last visit tell it now.
    const stage = stageAfter(daysSinceVisit, facts.lifecycle);
    if (stage !== "silent" && stage !== "sleeping") continue;
    slipping.push({
      member,
      stage,
      daysSinceVisit,
      lastVisitAt: account.lastVisitAt,
      lifetimeSpend: account.lifetimeSpend,
      visits: account.visits,
      rfmClass: scores.class,
      tierId: account.tierId ?? facts.baseTierId,
    });
  }
  slipping.sort(
    (a, b) => b.lifetimeSpend - a.lifetimeSpend || b.visits - a.visits || a.daysSinceVisit - b.daysSinceVisit,
  );

  const birthdays = facts.roster
    .map((member) => ({ member, next: upcomingBirthday(member.birthday, today) }))
    .filter((entry): entry is { member: Member; next: { date: string; daysAway: number } } => Boolean(entry.next))
    .map(({ member, next }) => ({ member, ...next }))
    .sort((a, b) => a.daysAway - b.daysAway || a.member.name.localeCompare(b.member.name));

  const expiringCoupons = facts.coupons
    .filter(
      (coupon) =>
        byId.has(coupon.memberId) &&
        (coupon.status === "issued" || coupon.status === "reserved") &&
        coupon.validUntil > facts.asOf,
    )
    .map((coupon) => ({ member: byId.get(coupon.memberId)!, coupon, lastDay: localDate(coupon.validUntil, timeZone) }))
    .filter((entry) => entry.lastDay >= today && entry.lastDay <= lastDay)
    .map((entry) => ({ ...entry, daysLeft: daysBetween(today, entry.lastDay) }))
    .sort(
      (a, b) => a.coupon.validUntil.localeCompare(b.coupon.validUntil) || a.coupon.code.localeCompare(b.coupon.code),
    );

  const since = newMembersSince(today, timeZone);
  const newMembers = facts.roster
    .filter(
      (member) =>
        member.joinedAt >= since && localDate(member.joinedAt, timeZone) <= today && !facts.contacted.has(member.id),
    )
    .map((member) => ({ member, daysAgo: daysBetween(localDate(member.joinedAt, timeZone), today) }));

  return { slipping, birthdays, expiringCoupons, newMembers };
}

/** The first instant of the new-member window: the start of the local day six days before today. */
export function newMembersSince(today: string, timeZone: string): string {
  return startOfLocalDay(addDays(today, -(WORKLIST_DAYS - 1)), timeZone);
}

/** The local days whose lapsing coupons the worklist shows: today and the six after. */
export function couponDays(today: string): string[] {
  return Array.from({ length: WORKLIST_DAYS }, (_, i) => addDays(today, i));
}
