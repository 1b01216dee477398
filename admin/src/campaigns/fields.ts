/**
 * A campaign (营销活动) as the API returns it and as the form edits it; the
 * form as CampaignInput, and the checks parseCampaign makes.
 */
import { addDays, localDate } from "../../../functions/core/time";
import { choicesFor } from "../common/choices";
import { DEFAULT_HOLDOUT_PERCENT } from "../holdouts/percent";
import { numberIn, textIn, wholeIn, type Message } from "../loyalty/validation";

const C = "resources.campaigns";

export const kindChoices = choicesFor(`${C}.kind`, ["once", "monthly"] as const);
export const statusChoices = choicesFor(`${C}.status`, ["active", "paused"] as const);

export interface CampaignRecord {
  id: string;
  name: string;
  segmentId: string;
  kind: "once" | "monthly";
  date: string | null;
  dayOfMonth: number | null;
  from: string | null;
  until: string | null;
  couponTemplateId: string | null;
  smsBody: string | null;
  pointsMultiplier: number | null;
  conversionDays: number;
  /** Percent (0–50) of the segment held out each run. */
  holdoutPercent: number;
  status: "active" | "paused";
  createdAt: string;
}

export type CampaignFormValues = Partial<Omit<CampaignRecord, "id" | "createdAt">>;

/** A new campaign: once, tomorrow, a week to convert, 10 % held out. */
export function newCampaign(timeZone = "Asia/Shanghai"): CampaignFormValues {
  const today = localDate(new Date().toISOString(), timeZone);
  return {
    kind: "once",
    date: addDays(today, 1),
    dayOfMonth: 8,
    from: today,
    until: null,
    couponTemplateId: "",
    smsBody: "",
    pointsMultiplier: null,
    conversionDays: 7,
    holdoutPercent: DEFAULT_HOLDOUT_PERCENT.campaign,
    status: "active",
  };
}

/** A stored campaign as the form edits it. */
export function campaignFormValues(record: CampaignRecord): CampaignFormValues {
  const { id: _id, createdAt: _createdAt, ...values } = record;
  return {
    ...values,
    couponTemplateId: values.couponTemplateId ?? "",
    smsBody: values.smsBody ?? "",
    dayOfMonth: values.dayOfMonth ?? 8,
  };
}

/** The form as CampaignInput, whole: what is cleared goes as null, so an edit removes it. */
export function campaignInput(values: CampaignFormValues) {
  const schedule =
    values.kind === "monthly"
      ? { dayOfMonth: values.dayOfMonth, from: values.from, until: values.until || null }
      : { date: values.date };
  return {
    name: (values.name ?? "").trim(),
    segmentId: values.segmentId,
    kind: values.kind,
    ...schedule,
    couponTemplateId: values.couponTemplateId || null,
    smsBody: (values.smsBody ?? "").trim() || null,
    pointsMultiplier: typeof values.pointsMultiplier === "number" ? values.pointsMultiplier : null,
    conversionDays: values.conversionDays,
    holdoutPercent: values.holdoutPercent,
    status: values.status,
  };
}

const required = (value: unknown): Message | undefined =>
  value === undefined || value === null || value === "" ? "resources.loyalty.validation.required" : undefined;
const date = (value: unknown): Message | undefined =>
  required(value) ??
  (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? undefined : `${C}.validation.date`);

type All = CampaignFormValues;

/** Per-input checks (react-admin validators: the value, then all values). */
export const campaignRules = {
  name: (value: unknown) => textIn(value, 40),
  segmentId: required,
  kind: required,
  date: (value: unknown, all: All) => (all.kind === "once" ? date(value) : undefined),
  dayOfMonth: (value: unknown, all: All) => (all.kind === "monthly" ? wholeIn(value, 1, 28) : undefined),
  from: (value: unknown, all: All) => (all.kind === "monthly" ? date(value) : undefined),
  until: (value: unknown, all: All): Message | undefined => {
    if (all.kind !== "monthly" || !value) return undefined;
    return (
      date(value) ??
      (typeof all.from === "string" && (value as string) < all.from ? `${C}.validation.until_before_from` : undefined)
    );
  },
  pointsMultiplier: (value: unknown) =>
    value === undefined || value === null || value === "" ? undefined : numberIn(value, 1, 10),
  conversionDays: (value: unknown) => wholeIn(value, 1, 90),
  /** A campaign must do something: an SMS, a coupon or a points multiplier. */
  smsBody: (value: unknown, all: All): Message | undefined => {
    const hasSms = typeof value === "string" && value.trim() !== "";
    return hasSms || all.couponTemplateId || typeof all.pointsMultiplier === "number"
      ? undefined
      : `${C}.validation.needs_action`;
  },
};
