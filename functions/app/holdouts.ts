/**
 * Holdout results (core/holdout.ts): what each automation step and campaign
 * brought against its holdout group, read from the program's counters (one
 * Query a program), never from members.
 */
import { requireStaff, type Caller } from "../core/access.js";
import { campaignHoldout } from "../core/campaigns.js";
import { holdoutResult, parseAttributionDays, type HoldoutResult } from "../core/holdout.js";
import { sumCounters } from "../core/stats.js";
import { holdoutCounters } from "../data/holdout.js";
import { getCampaign } from "./campaigns.js";
import type { Deps } from "./deps.js";
import { getAutomation } from "./jobs/settings.js";

export interface ProgramResults extends HoldoutResult {
  program: string;
  holdoutPercent: number;
}

/** Each wake-up step, the birthday greeting and the coupon-expiry reminder, as set now. */
export async function automationResults(deps: Deps, caller: Caller, days?: number | null): Promise<ProgramResults[]> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const window = parseAttributionDays(days);
  const automation = await getAutomation(deps, staff.merchantId);
  const programs = [
    ...automation.wakeup.steps.map((step) => ({ program: `wakeup:${step.days}`, percent: step.holdoutPercent })),
    { program: "birthday", percent: automation.birthday.holdoutPercent },
    { program: "coupon-expiry", percent: automation.couponExpiry.holdoutPercent },
  ];
  const price = automation.sms.pricePerPart;
  return Promise.all(
    programs.map(async ({ program, percent }) => ({
      program,
      holdoutPercent: percent,
      ...holdoutResult(await holdoutCounters(deps.db, staff.merchantId, program), window, price),
    })),
  );
}

export async function campaignHoldoutResults(
  deps: Deps,
  caller: Caller,
  id: string,
  days?: number | null,
): Promise<ProgramResults> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const window = parseAttributionDays(days);
  const campaign = await getCampaign(deps, caller, id);
  const program = `campaign:${campaign.id}`;
  const [counters, automation] = await Promise.all([
    holdoutCounters(deps.db, staff.merchantId, program),
    getAutomation(deps, staff.merchantId),
  ]);
  return {
    program,
    holdoutPercent: campaignHoldout(campaign),
    ...holdoutResult(counters, window, automation.sms.pricePerPart),
  };
}

/** The wake-up ladder's steps as one program (their counters summed), for the dashboard's card. */
export async function wakeupImpact(deps: Deps, caller: Caller, days?: number | null): Promise<ProgramResults> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const window = parseAttributionDays(days);
  const automation = await getAutomation(deps, staff.merchantId);
  const steps = automation.wakeup.steps;
  const counters = await Promise.all(
    steps.map((step) => holdoutCounters(deps.db, staff.merchantId, `wakeup:${step.days}`)),
  );
  return {
    program: "wakeup",
    holdoutPercent: steps[0]?.holdoutPercent ?? 0,
    ...holdoutResult(sumCounters(counters), window, automation.sms.pricePerPart),
  };
}
