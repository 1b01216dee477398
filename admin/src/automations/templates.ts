/**
 * SMS templates as the console edits them: which variables a message may
 * use, the same check the API makes, and the text a member would get, worked
 * out by the API's own render (signature in front, 回复TD退订 at the end).
 */
import { render, smsParts, TEMPLATE_VARIABLES } from "../../../functions/core/messaging/sms";
import type { Message } from "../loyalty/validation";

/** The variables the automations fill; each message offers the ones its job provides. */
export const VARIABLES = ["name", "merchant", "coupon", "couponCode", "days", "date", "tier"] as const;
export type TemplateVariable = (typeof VARIABLES)[number];

/** What each automation fills in (the others would come out empty). */
export const VARIABLES_FOR = {
  birthday: ["name", "merchant", "coupon", "couponCode", "date", "tier"],
  wakeup: ["name", "merchant", "coupon", "couponCode", "days", "date"],
  couponExpiry: ["name", "merchant", "coupon", "date"],
  campaign: ["name", "merchant", "coupon", "couponCode", "date"],
} satisfies Record<string, TemplateVariable[]>;

const KEY = "resources.automations.validation";
const MAX_LENGTH = 300;

/** The check parseTemplateBody makes: not empty, at most 300 characters, known {variables} only. */
export function templateError(value: unknown, required = true): Message | undefined {
  const body = typeof value === "string" ? value.trim() : "";
  if (!body) return required ? "resources.loyalty.validation.required" : undefined;
  if ([...body].length > MAX_LENGTH)
    return { message: "resources.loyalty.validation.max_length", args: { max: MAX_LENGTH } };
  for (const [, name] of body.matchAll(/\{(\w+)\}/g)) {
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name))
      return { message: `${KEY}.unknown_variable`, args: { variable: `{${name}}` } };
  }
  return undefined;
}

export interface SmsPreview {
  text: string;
  /** Characters, counted as the carrier counts them. */
  length: number;
  /** Billed parts. */
  parts: number;
}

/** A marketing message as a member would read it. */
export function previewSms(
  body: string,
  sample: Partial<Record<TemplateVariable, string | number>>,
  signature: string,
): SmsPreview {
  const text = render(body, sample, "marketing", signature);
  return { text, length: [...text].length, parts: smsParts(text) };
}
