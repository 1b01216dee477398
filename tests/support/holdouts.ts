import type { Deps } from "../../functions/app/deps.js";
import { getAutomation, updateAutomation } from "../../functions/app/jobs/index.js";
import type { Caller } from "../../functions/core/access.js";

type AutomationInput = Parameters<typeof updateAutomation>[2];

/**
 * Automation settings with every holdout group off. Who is held out depends on the member's id (random in
 * tests), so a test that counts each message exactly holds nobody out; tests/integration/holdouts.test.ts
 * covers holdouts.
 */
export function noHoldouts(input: AutomationInput = {}): AutomationInput {
  return {
    ...input,
    birthday: { ...input.birthday, holdoutPercent: 0 },
    couponExpiry: { ...input.couponExpiry, holdoutPercent: 0 },
    ...(input.wakeup?.steps
      ? { wakeup: { ...input.wakeup, steps: input.wakeup.steps.map((step) => ({ ...step, holdoutPercent: 0 })) } }
      : {}),
  };
}

/** Turn every holdout of the merchant's current settings off (its wake-up steps kept as they are). */
export async function holdoutsOff(deps: Deps, owner: Caller): Promise<void> {
  const current = await getAutomation(deps, owner.kind === "staff" ? owner.merchantId : "");
  await updateAutomation(deps, owner, noHoldouts({ wakeup: { steps: current.wakeup.steps } }));
}

/** The birthday greeting's holdout off through the API, for tests that greet members and hold an owner's token. */
export const BIRTHDAY_HOLDOUT_OFF =
  "mutation { updateAutomationSettings(input: { birthday: { holdoutPercent: 0 } }) { jobHour } }";
