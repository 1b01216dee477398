/**
 * The merchant's loyalty settings: one read that everything else imports,
 * with the defaults filled in until an owner changes them, and the owner's edits.
 */
import { actorOf, requireMerchant, requireStaff, type Caller } from "../../core/access.js";
import type { Context } from "../../core/points/account.js";
import { DEFAULT_CHECKIN, parseCheckinRules, type CheckinRules } from "../../core/points/checkin.js";
import { DEFAULT_RULES, parseRules, type PointsRules } from "../../core/points/rules.js";
import { DEFAULT_LADDER, parseLadder, type Ladder } from "../../core/points/tiers.js";
import { DEFAULT_SV_RULES } from "../../core/storedValue.js";
import * as repo from "../../data/loyalty.js";
import type { Deps } from "../deps.js";
import { checkTemplateIds, refs } from "../references.js";

export type { LoyaltyConfig } from "../../data/loyalty.js";

/** The merchant's loyalty settings, defaults until an owner changes them. */
export async function loyaltyConfig(deps: Deps, caller: Caller): Promise<repo.LoyaltyConfig> {
  const actor = requireMerchant(caller);
  const stored = await repo.getLoyaltyConfig(deps.db, actor.merchantId);
  return {
    rules: DEFAULT_RULES,
    ladder: DEFAULT_LADDER,
    updatedAt: "",
    ...stored,
    checkin: stored?.checkin ?? DEFAULT_CHECKIN,
  };
}

export async function updatePointsRules(
  deps: Deps,
  caller: Caller,
  input: Partial<PointsRules>,
): Promise<repo.LoyaltyConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await loyaltyConfig(deps, caller);
  const config = { ...current, rules: parseRules(input, current.rules), updatedAt: deps.clock.now() };
  await repo.putLoyaltyConfig(deps.db, owner.merchantId, config);
  return config;
}

export async function updateTierLadder(deps: Deps, caller: Caller, input: Ladder): Promise<repo.LoyaltyConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await loyaltyConfig(deps, caller);
  const ladder = parseLadder(input);
  await checkTemplateIds(
    deps,
    owner.merchantId,
    ladder.tiers.flatMap((tier, index) =>
      refs(`tiers.${index}.birthdayCouponTemplateId`, tier.birthdayCouponTemplateId),
    ),
  );
  const config = { ...current, ladder, updatedAt: deps.clock.now() };
  await repo.putLoyaltyConfig(deps.db, owner.merchantId, config);
  return config;
}

/** Owner: change the check-in rules. */
export async function updateCheckinRules(
  deps: Deps,
  caller: Caller,
  input: Partial<CheckinRules>,
): Promise<repo.LoyaltyConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await loyaltyConfig(deps, caller);
  const config = {
    ...current,
    checkin: parseCheckinRules(input, current.checkin ?? DEFAULT_CHECKIN),
    updatedAt: deps.clock.now(),
  };
  await repo.putLoyaltyConfig(deps.db, owner.merchantId, config);
  return config;
}

export function contextFor(
  deps: Deps,
  caller: Caller,
  config: repo.LoyaltyConfig | undefined,
  timeZone: string | undefined,
): Context {
  return {
    rules: config?.rules ?? DEFAULT_RULES,
    ladder: config?.ladder ?? DEFAULT_LADDER,
    timeZone: timeZone ?? "Asia/Shanghai",
    now: deps.clock.now(),
    actor: actorOf(caller).actor,
    newId: () => deps.ids.id(),
  };
}

export const svRulesOf = (config: repo.LoyaltyConfig | undefined) => config?.storedValue ?? DEFAULT_SV_RULES;

export const timeZoneOf = (merchant: { timeZone?: string }) => merchant.timeZone ?? "Asia/Shanghai";
