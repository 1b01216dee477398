/** Referral (推荐有礼): the programme's rules, the merchant's referral list, and one member's referral. */
import { requireMerchant, requireStaff, storeScope, type Caller } from "../core/access.js";
import type { Page } from "../core/model.js";
import { parseReferralRules, DEFAULT_REFERRAL, type Referral, type ReferralRules } from "../core/referral.js";
import { pageSize } from "../core/validate.js";
import * as loyaltyRepo from "../data/loyalty.js";
import * as repo from "../data/referrals.js";
import type { Deps } from "./deps.js";
import { loyaltyConfig } from "./loyalty/config.js";
import { getMember } from "./members.js";
import { checkTemplateIds, refs } from "./references.js";

export async function updateReferralRules(
  deps: Deps,
  caller: Caller,
  input: Partial<ReferralRules>,
): Promise<loyaltyRepo.LoyaltyConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await loyaltyConfig(deps, caller);
  const referral = parseReferralRules(input, current.referral ?? DEFAULT_REFERRAL);
  await checkTemplateIds(deps, owner.merchantId, [
    ...refs("referrerTemplateId", referral.referrerTemplateId),
    ...refs("refereeTemplateId", referral.refereeTemplateId),
  ]);
  const config = { ...current, referral, updatedAt: deps.clock.now() };
  await loyaltyRepo.putLoyaltyConfig(deps.db, owner.merchantId, config);
  return config;
}

/** Owner or manager: every referral, newest first; or the ones one member brought in. */
export async function listReferrals(
  deps: Deps,
  caller: Caller,
  referrerId: string | null | undefined,
  first?: number | null,
  after?: string | null,
): Promise<Page<Referral>> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  if (referrerId) {
    await getMember(deps, staff, referrerId);
    return repo.listReferralsBy(deps.db, staff.merchantId, referrerId, storeScope(staff), pageSize(first), after);
  }
  return repo.listReferrals(deps.db, staff.merchantId, storeScope(staff), pageSize(first), after);
}

/** How this member was referred, if they were (the member's visibility was checked by the caller). */
export async function memberReferral(deps: Deps, caller: Caller, memberId: string): Promise<Referral | null> {
  const actor = requireMerchant(caller);
  return (await repo.getReferral(deps.db, actor.merchantId, memberId)) ?? null;
}
