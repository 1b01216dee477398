/**
 * The simulator's own expectation of a merchant's year: who should get which
 * marketing SMS on which local day, which coupons exist and are open, and what
 * the money adds up to. Kept from the simulator's actions and the automation
 * settings alone, never from what the system stored, so the end-of-year checks
 * compare two independent accounts of the same year.
 */
import type { Group } from "../../functions/core/holdout.js";
import { groupOf } from "../../functions/core/holdoutGroups.js";
import { addDays, localDate } from "../../functions/core/time.js";

export interface Settings {
  timeZone: string;
  jobHour: number;
  quietStart: string;
  quietEnd: string;
  monthlyCap: number;
  /** Wake-up ladder: days since the last visit, and whether the step gives a coupon. */
  wakeSteps: { days: number; coupon: boolean }[];
  couponExpiryDaysBefore: number;
  /** Holdout shares, percent. */
  holdout: { wakeup: number; birthday: number; couponExpiry: number };
}

/** A program acting on a member: the group the hash put them in, and the message queued if treated. */
export interface ModelExposure {
  memberId: string;
  program: string;
  day: string;
  group: Group;
  message?: ExpectedMessage;
}

export interface ModelCoupon {
  /** The code when the simulator knows it (claimed coupons), else a synthetic id. */
  id: string;
  template: "wake" | "birthday" | "claim";
  validUntil: string;
  /** The local day of validUntil: the coupon-expiry calendar's day. */
  lastDay: string;
  amountOff: number;
  status: "open" | "redeemed";
}

export interface ModelOrder {
  orderId: string;
  memberId: string;
  total: number;
  lines: { sku: string; name: string; category: string; qty: number; unitPrice: number }[];
  coupon?: string;
  storedValue: number;
  refunded: number;
  refundedOnce: boolean;
}

export interface ModelMember {
  id: string;
  phone: string;
  birthday?: { month: number; day: number };
  /** Local day of joining: the jobs see the member from the next morning. */
  joinDay: string;
  consent: boolean;
  /** When consent changed (instant, new value), from the start. */
  consentHistory: { at: string; granted: boolean }[];
  /** The number opted out at the carrier (the system learns it at the next send). */
  carrierOptedOut: boolean;
  carrierOptedOutAt?: string;
  lastVisit?: string;
  coupons: ModelCoupon[];
  /** Marketing messages queued per local month (the cap's allowance). */
  queuedPerMonth: Map<string, number>;
  storedValue: number;
}

export interface ExpectedMessage {
  memberId: string;
  purpose: string;
  /** Local day it was queued (and, when sent, the day it goes out). */
  day: string;
  status: "sent" | "skipped";
  /** For wake-ups: the lapse (last-visit day) it answers. */
  lapse?: string;
}

export class MerchantModel {
  readonly members = new Map<string, ModelMember>();
  readonly expected: ExpectedMessage[] = [];
  readonly couponsIssued = { wake: 0, birthday: 0, claim: 0 };
  couponsRedeemed = 0;
  orders = 0;
  revenue = 0;
  refunded = 0;
  topUps = 0;
  /** Per wake-up step: members the step acted on (coupon and/or SMS, whatever the consent). */
  wakeActed = 0;
  birthdayActed = 0;
  /** Every wake-up step's and birthday greeting's action, treated or held out. */
  readonly exposures: ModelExposure[] = [];
  private queuedToday: ExpectedMessage[] = [];

  constructor(
    readonly settings: Settings,
    readonly merchantId: string,
  ) {}

  /** Record an action of `program`: true when the member is treated (held-out members get nothing). */
  private expose(member: ModelMember, program: string, day: string, percent: number): ModelExposure {
    const exposure = {
      memberId: member.id,
      program,
      day,
      group: groupOf(this.merchantId, program, member.id, percent),
    };
    this.exposures.push(exposure);
    return exposure;
  }

  add(member: ModelMember) {
    this.members.set(member.id, member);
  }

  /** What the daily jobs of `day` should do, in the order runDailyJobs runs them: wake-up, birthday, coupon-expiry. */
  jobs(day: string, jobInstant: string) {
    const year = Number(day.slice(0, 4));
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const mmdd = day.slice(5);
    const present = [...this.members.values()].filter((member) => member.joinDay < day);
    for (const step of this.settings.wakeSteps) {
      for (const member of present) {
        if (!member.lastVisit || addDays(member.lastVisit, step.days) !== day) continue;
        this.wakeActed++;
        const exposure = this.expose(member, `wakeup:${step.days}`, day, this.settings.holdout.wakeup);
        if (exposure.group === "h") continue;
        if (step.coupon) this.issue(member, "wake", jobInstant, 500, 14);
        exposure.message = this.queue(member, `wakeup:${step.days}`, day, member.lastVisit);
      }
    }
    for (const member of present) {
      const born = member.birthday
        ? `${String(member.birthday.month).padStart(2, "0")}-${String(member.birthday.day).padStart(2, "0")}`
        : undefined;
      if (!born || !(born === mmdd || (born === "02-29" && mmdd === "02-28" && !leap))) continue;
      this.birthdayActed++;
      const exposure = this.expose(member, "birthday", day, this.settings.holdout.birthday);
      if (exposure.group === "h") continue;
      this.issue(member, "birthday", jobInstant, 800, 30);
      exposure.message = this.queue(member, "birthday", day);
    }
    const reminderDay = addDays(day, this.settings.couponExpiryDaysBefore);
    for (const member of present) {
      if (!member.coupons.some((coupon) => coupon.status === "open" && coupon.lastDay === reminderDay)) continue;
      if (groupOf(this.merchantId, "coupon-expiry", member.id, this.settings.holdout.couponExpiry) === "t")
        this.queue(member, "coupon-expiry", day);
    }
  }

  /**
   * The dispatcher's run after the jobs: sent, or skipped for a number opted out at the carrier (which withdraws
   * consent).
   */
  dispatch(at: string) {
    for (const message of this.queuedToday) {
      const member = this.members.get(message.memberId)!;
      if (member.carrierOptedOut) {
        message.status = "skipped";
        if (member.consent) this.setConsent(member, false, at);
      } else if (!member.consent) message.status = "skipped";
      else message.status = "sent";
    }
    this.queuedToday = [];
  }

  /** Queue a marketing message if the member consents now and the month's allowance has room. */
  private queue(member: ModelMember, purpose: string, day: string, lapse?: string): ExpectedMessage | undefined {
    if (!member.consent) return undefined;
    const month = day.slice(0, 7);
    const used = member.queuedPerMonth.get(month) ?? 0;
    if (used >= this.settings.monthlyCap) return undefined;
    member.queuedPerMonth.set(month, used + 1);
    const message: ExpectedMessage = { memberId: member.id, purpose, day, status: "sent", ...(lapse ? { lapse } : {}) };
    this.expected.push(message);
    this.queuedToday.push(message);
    return message;
  }

  issue(
    member: ModelMember,
    template: ModelCoupon["template"],
    at: string,
    amountOff: number,
    validDays: number,
    code?: string,
  ) {
    const validUntil = new Date(Date.parse(at) + validDays * 86_400_000).toISOString();
    member.coupons.push({
      id: code ?? `${template}:${member.id}:${at}`,
      template,
      validUntil,
      lastDay: localDate(validUntil, this.settings.timeZone),
      amountOff,
      status: "open",
    });
    this.couponsIssued[template]++;
  }

  setConsent(member: ModelMember, granted: boolean, at: string) {
    member.consent = granted;
    member.consentHistory.push({ at, granted });
  }

  /** Consent as it stood at an instant. */
  static consentAt(member: ModelMember, at: string): boolean {
    let granted = false;
    for (const change of member.consentHistory) if (change.at <= at) granted = change.granted;
    return granted;
  }

  /** Coupons open at an instant: not used and still valid. */
  openCoupons(at: string): ModelCoupon[] {
    return [...this.members.values()].flatMap((member) =>
      member.coupons.filter((coupon) => coupon.status === "open" && coupon.validUntil > at),
    );
  }
}
