/**
 * Referral (推荐有礼): a new member joins with an existing member's invite
 * code (their member code); both are rewarded once, when the new member's
 * first purchase is recorded, never on sign-up.
 */
import { ValidationError } from "./errors.js";
import { optionalText } from "./validate.js";

export interface ReferralRules {
  enabled: boolean;
  /** Points for the member who invited. */
  referrerPoints: number;
  /** Points for the new member. */
  refereePoints: number;
  /** Coupon templates given to each (optional). */
  referrerTemplateId?: string;
  refereeTemplateId?: string;
}

export const DEFAULT_REFERRAL: ReferralRules = { enabled: false, referrerPoints: 0, refereePoints: 0 };

export interface Referral {
  memberId: string;
  referrerId: string;
  /**
   * The new member's and the referrer's home stores: staff see a referral
   * when both are among their stores (absent on referrals made before they were kept).
   */
  storeId?: string;
  referrerStoreId?: string;
  /** The code the new member joined with. */
  inviteCode: string;
  at: string;
  status: "pending" | "rewarded";
  rewardedAt?: string;
  /** The purchase that completed it. */
  orderId?: string;
  referrerCoupon?: string;
  refereeCoupon?: string;
}

function points(field: string, value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > 1_000_000)
    throw new ValidationError(field, `${field} must be a whole number from 0 to 1000000`);
  return value as number;
}

export function parseReferralRules(
  input: Partial<Record<keyof ReferralRules, unknown>>,
  base: ReferralRules = DEFAULT_REFERRAL,
): ReferralRules {
  const enabled = input.enabled ?? base.enabled;
  if (typeof enabled !== "boolean") throw new ValidationError("enabled", "enabled must be true or false");
  const rules: ReferralRules = {
    enabled,
    referrerPoints: points("referrerPoints", input.referrerPoints ?? base.referrerPoints),
    refereePoints: points("refereePoints", input.refereePoints ?? base.refereePoints),
    referrerTemplateId:
      input.referrerTemplateId === undefined
        ? base.referrerTemplateId
        : optionalText("referrerTemplateId", input.referrerTemplateId, 64),
    refereeTemplateId:
      input.refereeTemplateId === undefined
        ? base.refereeTemplateId
        : optionalText("refereeTemplateId", input.refereeTemplateId, 64),
  };
  if (
    rules.enabled &&
    !rules.referrerPoints &&
    !rules.refereePoints &&
    !rules.referrerTemplateId &&
    !rules.refereeTemplateId
  )
    throw new ValidationError("enabled", "A referral programme needs a reward: points or a coupon for either side");
  return rules;
}
