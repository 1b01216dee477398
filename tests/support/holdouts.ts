import type { updateAutomation } from "../../functions/app/jobs/index.js";

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
