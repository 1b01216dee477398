/**
 * SMS rules: templates with variables, the opt-out line on every marketing
 * message, consent, quiet hours that defer (never drop) and a per-member
 * monthly cap. Pure: the outbox and the sender live elsewhere.
 */
import { ValidationError } from "../errors.js";
import type { Member } from "../model.js";
import { addDays, localDate, localInstant } from "../time.js";
import { requiredText } from "../validate.js";

export type SmsKind = "marketing" | "transactional";

export interface SmsRules {
  /** Local "HH:mm" when quiet hours start (e.g. 21:00) and end (09:00); messages due inside wait for the end. */
  quietStart: string;
  quietEnd: string;
  /** Most marketing messages one member gets in a local calendar month. */
  monthlyCap: number;
  /**
   * Sign-off put in front, e.g. 【茶香里】: mainland carriers deliver no marketing SMS without one. Empty: the
   * merchant's short name in 【】 (`effectiveSignature`).
   */
  signature: string;
  /** What the merchant pays per billed SMS part, fen (for cost estimates; ¥0.05 unless set). */
  pricePerPart: number;
}

export const DEFAULT_SMS_RULES: SmsRules = {
  quietStart: "21:00",
  quietEnd: "09:00",
  monthlyCap: 4,
  signature: "",
  pricePerPart: 5,
};

/** The opt-out line every marketing message ends with. */
export const OPT_OUT_LINE = "回复TD退订";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A carrier-accepted signature: 2–12 characters in 【】. */
const SIGNATURE = /^【[^【】\s]{2,12}】$/u;

export function parseSmsRules(input: Partial<SmsRules>, base: SmsRules = DEFAULT_SMS_RULES): SmsRules {
  const rules = { ...base, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v != null)) } as SmsRules;
  for (const field of ["quietStart", "quietEnd"] as const)
    if (!HHMM.test(rules[field])) throw new ValidationError(field, `${field} must be a local time HH:mm`);
  if (!Number.isInteger(rules.monthlyCap) || rules.monthlyCap < 0 || rules.monthlyCap > 100)
    throw new ValidationError("monthlyCap", "monthlyCap must be a whole number from 0 to 100");
  if (!Number.isInteger(rules.pricePerPart) || rules.pricePerPart < 0 || rules.pricePerPart > 1000)
    throw new ValidationError("pricePerPart", "pricePerPart must be a whole number of fen from 0 to 1000");
  if (typeof rules.signature !== "string") throw new ValidationError("signature", "signature must be text");
  const signature = rules.signature.trim();
  if (signature && !SIGNATURE.test(signature))
    throw new ValidationError(
      "signature",
      "signature is 2 to 12 characters in 【】, e.g. 【茶香里】, without 【】 inside",
    );
  return { ...rules, signature };
}

/**
 * The signature a merchant's marketing SMS carry: the one set, else its short
 * name in 【】 — the leading Chinese characters of its name (茶香里 Tea House →
 * 【茶香里】), else its first word; empty when that is not 2–12 characters.
 */
export function effectiveSignature(rules: Pick<SmsRules, "signature">, merchantName: string): string {
  if (rules.signature) return rules.signature;
  const name = merchantName.trim();
  const short = /^[\p{Script=Han}]+/u.exec(name)?.[0] ?? name.split(/\s+/)[0] ?? "";
  const signature = `【${[...short].slice(0, 12).join("")}】`;
  return SIGNATURE.test(signature) ? signature : "";
}

/** Does a template show a coupon ({coupon} or {couponCode})? Then it cannot go without one. */
export function mentionsCoupon(body: string | undefined): boolean {
  return /\{coupon(Code)?\}/.test(body ?? "");
}

/** Variables a template may use. */
export const TEMPLATE_VARIABLES = [
  "name",
  "merchant",
  "coupon",
  "couponCode",
  "days",
  "points",
  "date",
  "tier",
] as const;

/** Check a template body: known {variables} only, not empty, not too long. */
export function parseTemplateBody(field: string, value: unknown): string {
  const body = requiredText(field, value, 300);
  for (const [, name] of body.matchAll(/\{(\w+)\}/g)) {
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name))
      throw new ValidationError(
        field,
        `Unknown variable {${name}}; use ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(" ")}`,
      );
  }
  return body;
}

/** Fill a template; marketing messages get the signature and the opt-out line. */
export function render(
  body: string,
  variables: Partial<Record<(typeof TEMPLATE_VARIABLES)[number], string | number>>,
  kind: SmsKind,
  signature = "",
): string {
  const text = body.replace(/\{(\w+)\}/g, (_, name: string) => String(variables[name as keyof typeof variables] ?? ""));
  const signed = signature && !text.startsWith(signature) ? `${signature}${text}` : text;
  return kind === "marketing" && !signed.includes(OPT_OUT_LINE) ? `${signed} ${OPT_OUT_LINE}` : signed;
}

/** Billed parts: 70 characters for one part of Chinese (UCS-2) text, 67 per part when longer. */
export function smsParts(text: string): number {
  const length = [...text].length;
  return length <= 70 ? 1 : Math.ceil(length / 67);
}

/** May this member get this kind of message at all? */
export function mayReceive(
  member: Pick<Member, "status" | "marketingSms"> & { smsOptedOut?: boolean },
  kind: SmsKind,
): { ok: true } | { ok: false; reason: "ERASED" | "NO_CONSENT" | "OPTED_OUT" } {
  if (member.status !== "active") return { ok: false, reason: "ERASED" };
  if (member.smsOptedOut) return { ok: false, reason: "OPTED_OUT" };
  if (kind === "marketing" && !member.marketingSms?.granted) return { ok: false, reason: "NO_CONSENT" };
  return { ok: true };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** The local time of day (minutes) of an instant. */
function localMinutes(instant: string, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(instant));
  return minutes(parts);
}

/** When a message asked for at `at` may go out: at once, or at the end of the quiet hours it falls in. */
export function sendableAt(at: string, timeZone: string, rules: Pick<SmsRules, "quietStart" | "quietEnd">): string {
  const now = localMinutes(at, timeZone);
  const start = minutes(rules.quietStart);
  const end = minutes(rules.quietEnd);
  const quiet = start === end ? false : start < end ? now >= start && now < end : now >= start || now < end;
  if (!quiet) return at;
  const day = localDate(at, timeZone);
  // Quiet hours over midnight: before midnight the end is tomorrow.
  const endDay = start > end && now >= start ? addDays(day, 1) : day;
  return localInstant(endDay, end * 60_000, timeZone);
}
