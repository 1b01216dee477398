/** A holdout share as the forms check it: a whole percent from 0 to 50 (0 turns the holdout off). */
import type { Message } from "../loyalty/validation";

/** The largest share the API takes (functions/core/holdout.ts MAX_HOLDOUT_PERCENT). */
export const MAX_HOLDOUT_PERCENT = 50;

/** The shares the API starts with (functions/core/automation.ts DEFAULT_HOLDOUT). */
export const DEFAULT_HOLDOUT_PERCENT = { wakeup: 10, birthday: 5, couponExpiry: 10, campaign: 10 } as const;

/** A whole percent from 0 to 50, as the API's parseHoldoutPercent. */
export const holdoutPercent = (value: unknown): Message | undefined =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_HOLDOUT_PERCENT
    ? undefined
    : { message: "resources.holdouts.validation.percent", args: { max: MAX_HOLDOUT_PERCENT } };
