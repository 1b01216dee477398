/**
 * The automation and segmentation forms' checks: the limits the API enforces
 * (functions/core/automation.ts parseAutomation, messaging/sms.ts
 * parseSmsRules, segments.ts parseRfm and parseTagRule), as per-input
 * react-admin validators, so a form the API would refuse is stopped with the
 * reason next to the input.
 */
import type { FieldValues } from "react-hook-form";
import { formatFen } from "../common/fen";
import { textIn, wholeIn, type Message } from "../loyalty/validation";

const KEY = "resources.automations.validation";

type Values = FieldValues;
const empty = (value: unknown) => value === undefined || value === null || value === "";

export const whole = (min: number, max?: number) => (value: unknown) => wholeIn(value, min, max);

/** A local time of day, HH:mm. */
export const timeOfDay = (value: unknown): Message | undefined =>
  typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? undefined : `${KEY}.time`;

/** 短信签名: empty (the merchant's short name) or 2–12 characters in 【】. */
export const signature = (value: unknown): Message | undefined => {
  const text = typeof value === "string" ? value.trim() : "";
  return !text || /^【[^【】\s]{2,12}】$/u.test(text) ? undefined : `${KEY}.signature`;
};

/** A wake-up step's days: 1–730, and no other step on the same day. */
export const stepDays = (value: unknown, all: Values): Message | undefined => {
  const range = wholeIn(value, 1, 730);
  if (range) return range;
  const same = ((all.steps ?? []) as { days?: unknown }[]).filter((step) => step?.days === value).length;
  return same > 1 ? `${KEY}.step_days_taken` : undefined;
};

export const MAX_WAKEUP_STEPS = 5;

/** Lifecycle thresholds grow: silent < sleeping < lost. */
export const lifecycleDays =
  (stage: "silentDays" | "sleepingDays" | "lostDays") =>
  (value: unknown, all: Values): Message | undefined => {
    const range = wholeIn(value, 1, 3650);
    if (range) return range;
    const { silentDays, sleepingDays } = (all.lifecycle ?? {}) as Record<string, unknown>;
    const below = stage === "sleepingDays" ? silentDays : stage === "lostDays" ? sleepingDays : undefined;
    if (typeof below === "number" && (value as number) <= below)
      return { message: `${KEY}.lifecycle_order`, args: { previous: below } };
    return undefined;
  };

/**
 * One of the four RFM thresholds (for scores 5, 4, 3, 2): whole, ≥ 0, and
 * rising (recency) or falling (frequency, monetary) from the one before.
 */
export const rfmThreshold =
  (list: "recencyDays" | "frequency" | "monetary", index: number) =>
  (value: unknown, all: Values): Message | undefined => {
    const range = wholeIn(value, 0);
    if (range) return range;
    const previous = ((all[list] ?? []) as unknown[])[index - 1];
    if (index === 0 || typeof previous !== "number") return undefined;
    const rising = list === "recencyDays";
    if (rising ? (value as number) <= previous : (value as number) >= previous)
      return {
        message: `${KEY}.${rising ? "rising" : "falling"}`,
        args: { previous: list === "monetary" ? formatFen(previous) : previous },
      };
    return undefined;
  };

export const MAX_TAG_RULES = 50;

/** A tag rule's inputs; only the kind's own inputs are checked. */
export const tagRuleRules = {
  tag: (value: unknown) => textIn(value, 20),
  category: (value: unknown) => textIn(value, 40),
  count: whole(1, 1000),
  days: whole(1, 730),
  amount: (value: unknown): Message | undefined =>
    empty(value) ? "resources.loyalty.validation.required" : wholeIn(value, 1, 100_000_000_000),
};
