/** The merchant's automation settings (wake-up ladder, birthday, reminders, lifecycle, SMS rules). */
import { requireStaff, type Caller } from "../../core/access.js";
import { DEFAULT_AUTOMATION, DEFAULT_HOLDOUT, parseAutomation, type AutomationConfig } from "../../core/automation.js";
import { effectiveSignature } from "../../core/messaging/sms.js";
import * as marketing from "../../data/marketing.js";
import { getMerchant } from "../../data/merchants.js";
import type { Deps } from "../deps.js";
import { checkTemplateIds, refs } from "../references.js";

export async function getAutomation(deps: Deps, merchantId: string): Promise<AutomationConfig> {
  const saved = await marketing.getAutomation(deps.db, merchantId);
  // Settings saved before a rule existed take its default (e.g. the SMS price).
  if (!saved) return DEFAULT_AUTOMATION;
  const d = DEFAULT_AUTOMATION;
  return {
    ...d,
    ...saved,
    sms: { ...d.sms, ...saved.sms },
    birthday: { ...d.birthday, ...saved.birthday },
    couponExpiry: { ...d.couponExpiry, ...saved.couponExpiry },
    wakeup: {
      ...saved.wakeup,
      steps: saved.wakeup.steps.map((step) => ({
        ...step,
        holdoutPercent: step.holdoutPercent ?? DEFAULT_HOLDOUT.wakeup,
      })),
    },
  };
}

/** The settings as shown: with the SMS signature messages carry (the merchant's short name unless one is set). */
async function withSignature(deps: Deps, merchantId: string, config: AutomationConfig): Promise<AutomationConfig> {
  const merchant = await getMerchant(deps.db, merchantId);
  return { ...config, sms: { ...config.sms, signature: effectiveSignature(config.sms, merchant?.name ?? "") } };
}

export async function automationSettings(deps: Deps, caller: Caller): Promise<AutomationConfig> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  return withSignature(deps, staff.merchantId, await getAutomation(deps, staff.merchantId));
}

/** Owner: change the automations; coupon templates named must exist. */
export async function updateAutomation(
  deps: Deps,
  caller: Caller,
  input: Parameters<typeof parseAutomation>[0],
): Promise<AutomationConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await getAutomation(deps, owner.merchantId);
  const next = { ...parseAutomation(input, current), updatedAt: deps.clock.now() };
  await checkTemplateIds(
    deps,
    owner.merchantId,
    next.wakeup.steps.flatMap((step, i) => refs(`wakeup.steps.${i}.couponTemplateId`, step.couponTemplateId)),
  );
  await marketing.putAutomation(deps.db, owner.merchantId, next);
  return withSignature(deps, owner.merchantId, next);
}
