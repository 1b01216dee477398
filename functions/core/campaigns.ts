/**
 * Campaigns (营销活动): one-off on a date, or recurring on a day of every month
 * (会员日, e.g. the 8th), aimed at a saved segment, sending a coupon and/or an
 * SMS, and optionally multiplying points on the day. Pure.
 */
import { DEFAULT_HOLDOUT } from "./automation.js";
import { ValidationError } from "./errors.js";
import { parseHoldoutPercent } from "./holdout.js";
import { mentionsCoupon, parseTemplateBody } from "./messaging/sms.js";
import { oneOf, optionalText, requiredText } from "./validate.js";

export interface Campaign {
  id: string;
  merchantId: string;
  name: string;
  segmentId: string;
  schedule: { kind: "once"; date: string } | { kind: "monthly"; dayOfMonth: number; from: string; until?: string };
  couponTemplateId?: string;
  smsBody?: string;
  /** Points multiplier on the campaign's days (member day double points = 2). */
  pointsMultiplier?: number;
  /** A purchase within this many days of being reached counts as converted. */
  conversionDays: number;
  /** Percent of the segment held out (they get nothing), to measure what the campaign brings; absent: 10. */
  holdoutPercent?: number;
  status: "active" | "paused";
  createdAt: string;
  updatedAt: string;
}

export interface CampaignInput {
  name?: string | null;
  segmentId?: string | null;
  kind?: string | null;
  date?: string | null;
  dayOfMonth?: number | null;
  from?: string | null;
  until?: string | null;
  couponTemplateId?: string | null;
  smsBody?: string | null;
  pointsMultiplier?: number | null;
  conversionDays?: number | null;
  holdoutPercent?: number | null;
  status?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function date(field: string, value: unknown): string {
  const text = requiredText(field, value, 10);
  if (!DATE.test(text) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text)
    throw new ValidationError(field, `${field} must be a date YYYY-MM-DD`);
  return text;
}

export function parseCampaign(
  input: CampaignInput,
  base: Omit<Campaign, "name" | "segmentId" | "schedule" | "conversionDays"> & Partial<Campaign>,
): Campaign {
  const kind = oneOf("kind", input.kind ?? base.schedule?.kind ?? "once", ["once", "monthly"] as const);
  const old = base.schedule;
  let schedule: Campaign["schedule"];
  if (kind === "once")
    schedule = { kind, date: date("date", input.date ?? (old?.kind === "once" ? old.date : undefined)) };
  else {
    const day = input.dayOfMonth ?? (old?.kind === "monthly" ? old.dayOfMonth : undefined);
    if (!Number.isInteger(day) || (day as number) < 1 || (day as number) > 28)
      throw new ValidationError("dayOfMonth", "dayOfMonth must be 1–28");
    const from = date("from", input.from ?? (old?.kind === "monthly" ? old.from : undefined));
    const untilRaw = input.until === undefined ? (old?.kind === "monthly" ? old.until : undefined) : input.until;
    const until = untilRaw ? date("until", untilRaw) : undefined;
    if (until && until < from) throw new ValidationError("until", "until must not be before from");
    schedule = { kind, dayOfMonth: day as number, from, until };
  }
  const pick = <K extends keyof CampaignInput>(name: K) =>
    input[name] === undefined ? (base as Record<string, unknown>)[name] : input[name];
  const smsBody = pick("smsBody") ? parseTemplateBody("smsBody", pick("smsBody")) : undefined;
  const couponTemplateId = optionalText("couponTemplateId", pick("couponTemplateId"), 64);
  const multiplier = pick("pointsMultiplier") as number | null | undefined;
  if (multiplier != null && (typeof multiplier !== "number" || multiplier < 1 || multiplier > 10))
    throw new ValidationError("pointsMultiplier", "pointsMultiplier must be 1–10");
  if (mentionsCoupon(smsBody) && !couponTemplateId)
    throw new ValidationError(
      "couponTemplateId",
      "The SMS shows a coupon ({coupon} or {couponCode}): choose the coupon",
    );
  if (!smsBody && !couponTemplateId && !multiplier)
    throw new ValidationError("smsBody", "A campaign needs an SMS, a coupon or a points multiplier");
  const conversionDays = (pick("conversionDays") as number | undefined) ?? 7;
  if (!Number.isInteger(conversionDays) || conversionDays < 1 || conversionDays > 90)
    throw new ValidationError("conversionDays", "conversionDays must be 1–90");
  return {
    ...base,
    name: requiredText("name", input.name ?? base.name, 40),
    segmentId: requiredText("segmentId", input.segmentId ?? base.segmentId, 64),
    schedule,
    couponTemplateId,
    smsBody,
    pointsMultiplier: multiplier ?? undefined,
    conversionDays,
    holdoutPercent: parseHoldoutPercent(
      "holdoutPercent",
      input.holdoutPercent ?? base.holdoutPercent ?? DEFAULT_HOLDOUT.campaign,
    ),
    status: oneOf("status", input.status ?? base.status, ["active", "paused"] as const),
  };
}

/** The share of its segment a campaign holds out (campaigns saved before holdouts: the default). */
export const campaignHoldout = (campaign: Pick<Campaign, "holdoutPercent">): number =>
  campaign.holdoutPercent ?? DEFAULT_HOLDOUT.campaign;

/** Does the campaign run on this local date? */
export function runsOn(campaign: Pick<Campaign, "schedule" | "status">, day: string): boolean {
  if (campaign.status !== "active") return false;
  const s = campaign.schedule;
  if (s.kind === "once") return s.date === day;
  return day >= s.from && (!s.until || day <= s.until) && Number(day.slice(8, 10)) === s.dayOfMonth;
}

/** The points multiplier of the campaigns boosting points on a local day (1 when none runs). */
export function campaignMultiplier(
  boosts: { schedule: Campaign["schedule"]; multiplier: number }[] | undefined,
  day: string,
): number {
  return Math.max(
    1,
    ...(boosts ?? [])
      .filter((boost) => runsOn({ schedule: boost.schedule, status: "active" }, day))
      .map((boost) => boost.multiplier),
  );
}
