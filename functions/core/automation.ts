/**
 * The merchant's automations: when the daily jobs run, the wake-up ladder,
 * birthday care, coupon-expiry reminders, lifecycle thresholds, tier review
 * day and the SMS rules they all obey. Defaults are what a new merchant gets.
 */
import { ValidationError } from "./errors.js";
import { parseHoldoutPercent } from "./holdout.js";
import { DEFAULT_SMS_RULES, mentionsCoupon, parseSmsRules, parseTemplateBody } from "./messaging/sms.js";
import type { SmsRules } from "./messaging/sms.js";
import { optionalText } from "./validate.js";

export const STAGES = ["new", "active", "silent", "sleeping", "lost"] as const;
export type Stage = (typeof STAGES)[number];

export interface WakeupStep {
  /** Days since the last visit. */
  days: number;
  body: string;
  /** A coupon to give with the message. */
  couponTemplateId?: string;
  /** Percent of the members it finds held out (they get nothing), to measure what it brings. */
  holdoutPercent: number;
}

/** Holdout shares a new merchant starts with, percent. */
export const DEFAULT_HOLDOUT = { wakeup: 10, birthday: 5, couponExpiry: 10, campaign: 10 } as const;

export interface AutomationConfig {
  /** Local hour (0–23) at which the daily jobs run for this merchant. */
  jobHour: number;
  sms: SmsRules;
  birthday: { enabled: boolean; daysBefore: number; body: string; sendCoupon: boolean; holdoutPercent: number };
  wakeup: { enabled: boolean; steps: WakeupStep[] };
  couponExpiry: { enabled: boolean; daysBefore: number; body: string; holdoutPercent: number };
  /** Days without a visit after which an active member is silent, sleeping, lost. */
  lifecycle: { silentDays: number; sleepingDays: number; lostDays: number };
  /** Day of the month on which tiers are reviewed. */
  tierReview: { dayOfMonth: number };
  updatedAt: string;
}

export const DEFAULT_AUTOMATION: AutomationConfig = {
  jobHour: 9,
  sms: DEFAULT_SMS_RULES,
  birthday: {
    enabled: true,
    daysBefore: 0,
    body: "亲爱的{name}，{merchant}祝您生日快乐！{coupon}",
    sendCoupon: true,
    holdoutPercent: DEFAULT_HOLDOUT.birthday,
  },
  wakeup: {
    enabled: true,
    steps: [
      { days: 30, body: "{name}，好久不见，{merchant}想您了，欢迎回来坐坐。", holdoutPercent: DEFAULT_HOLDOUT.wakeup },
      { days: 60, body: "{name}，{merchant}上了新品，好久不见，回来尝尝吧！", holdoutPercent: DEFAULT_HOLDOUT.wakeup },
    ],
  },
  couponExpiry: {
    enabled: true,
    daysBefore: 3,
    body: "{name}，您的{coupon}将于{date}到期，别忘了使用哦。",
    holdoutPercent: DEFAULT_HOLDOUT.couponExpiry,
  },
  lifecycle: { silentDays: 30, sleepingDays: 90, lostDays: 180 },
  tierReview: { dayOfMonth: 1 },
  updatedAt: "",
};

function whole(field: string, value: unknown, min: number, max: number): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
    throw new ValidationError(field, `${field} must be a whole number from ${min} to ${max}`);
  return value as number;
}

function flag(field: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new ValidationError(field, `${field} must be true or false`);
  return value;
}

/** A wake-up step as entered: its holdout share may be left out (the step's current one, else the default). */
type StepInput<U> = U extends { holdoutPercent: number }
  ? Omit<U, "holdoutPercent"> & { holdoutPercent?: number | null }
  : U;

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends (infer U)[]
    ? StepInput<U>[]
    : T[K] extends object
      ? DeepPartial<T[K]> | null
      : T[K] | null;
};

/** The wake-up ladder's steps as entered, checked; a step's holdout share left out keeps the one it had. */
function parseSteps(input: StepInput<WakeupStep>[], base: AutomationConfig): WakeupStep[] {
  const steps = input.map((step, i) => ({
    days: whole(`wakeup.steps.${i}.days`, step.days, 1, 730),
    body: parseTemplateBody(`wakeup.steps.${i}.body`, step.body),
    couponTemplateId: optionalText(`wakeup.steps.${i}.couponTemplateId`, step.couponTemplateId, 64),
    holdoutPercent: parseHoldoutPercent(
      `wakeup.steps.${i}.holdoutPercent`,
      step.holdoutPercent ??
        base.wakeup.steps.find((s) => s.days === step.days)?.holdoutPercent ??
        DEFAULT_HOLDOUT.wakeup,
    ),
  }));
  if (steps.length > 5) throw new ValidationError("wakeup.steps", "At most 5 wake-up steps");
  const couponless = steps.findIndex((step) => mentionsCoupon(step.body) && !step.couponTemplateId);
  if (couponless >= 0)
    throw new ValidationError(
      `wakeup.steps.${couponless}.couponTemplateId`,
      "This step's message shows a coupon ({coupon} or {couponCode}): choose the coupon it gives",
    );
  if (new Set(steps.map((s) => s.days)).size !== steps.length)
    throw new ValidationError("wakeup.steps", "Two steps have the same number of days");
  return steps;
}

/** Merge a change over the current settings and check the whole. */
export function parseAutomation(
  input: DeepPartial<AutomationConfig>,
  base: AutomationConfig = DEFAULT_AUTOMATION,
): AutomationConfig {
  const pick = <T extends object>(value: T | null | undefined, fallback: T): T =>
    ({ ...fallback, ...Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v != null)) }) as T;
  const birthday = pick(input.birthday as AutomationConfig["birthday"], base.birthday);
  const couponExpiry = pick(input.couponExpiry as AutomationConfig["couponExpiry"], base.couponExpiry);
  const lifecycle = pick(input.lifecycle as AutomationConfig["lifecycle"], base.lifecycle);
  const wakeup = pick(input.wakeup as AutomationConfig["wakeup"], base.wakeup);
  const steps = parseSteps(wakeup.steps ?? [], base);
  const config: AutomationConfig = {
    jobHour: whole("jobHour", input.jobHour ?? base.jobHour, 0, 23),
    sms: parseSmsRules((input.sms ?? {}) as Partial<SmsRules>, base.sms),
    birthday: {
      enabled: flag("birthday.enabled", birthday.enabled),
      daysBefore: whole("birthday.daysBefore", birthday.daysBefore, 0, 30),
      body: parseTemplateBody("birthday.body", birthday.body),
      sendCoupon: flag("birthday.sendCoupon", birthday.sendCoupon),
      holdoutPercent: parseHoldoutPercent(
        "birthday.holdoutPercent",
        birthday.holdoutPercent ?? DEFAULT_HOLDOUT.birthday,
      ),
    },
    wakeup: { enabled: flag("wakeup.enabled", wakeup.enabled), steps: steps.sort((a, b) => a.days - b.days) },
    couponExpiry: {
      enabled: flag("couponExpiry.enabled", couponExpiry.enabled),
      daysBefore: whole("couponExpiry.daysBefore", couponExpiry.daysBefore, 0, 30),
      body: parseTemplateBody("couponExpiry.body", couponExpiry.body),
      holdoutPercent: parseHoldoutPercent(
        "couponExpiry.holdoutPercent",
        couponExpiry.holdoutPercent ?? DEFAULT_HOLDOUT.couponExpiry,
      ),
    },
    lifecycle: {
      silentDays: whole("lifecycle.silentDays", lifecycle.silentDays, 1, 3650),
      sleepingDays: whole("lifecycle.sleepingDays", lifecycle.sleepingDays, 1, 3650),
      lostDays: whole("lifecycle.lostDays", lifecycle.lostDays, 1, 3650),
    },
    tierReview: {
      dayOfMonth: whole("tierReview.dayOfMonth", input.tierReview?.dayOfMonth ?? base.tierReview.dayOfMonth, 1, 28),
    },
    updatedAt: base.updatedAt,
  };
  const { silentDays, sleepingDays, lostDays } = config.lifecycle;
  if (!(silentDays < sleepingDays && sleepingDays < lostDays))
    throw new ValidationError("lifecycle", "The thresholds must grow: silent < sleeping < lost");
  return config;
}

/** The stage a member reaches after this many days without a visit (never visited: new). */
export function stageAfter(days: number | undefined, thresholds: AutomationConfig["lifecycle"]): Stage {
  if (days === undefined) return "new";
  if (days >= thresholds.lostDays) return "lost";
  if (days >= thresholds.sleepingDays) return "sleeping";
  if (days >= thresholds.silentDays) return "silent";
  return "active";
}
