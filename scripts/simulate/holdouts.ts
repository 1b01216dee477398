/**
 * The holdout checks of a simulated year (docs/holdouts.md): the results the API reports for the wake-up ladder
 * and the birthday greeting, against what the simulation knows. The wake-up message brings a member it reached
 * back with a known chance (year.ts WAKE_UPLIFT) and the greeting does nothing, so the true number of treated
 * members who bought because of the ladder is known in expectation: for each treated member whose message was
 * sent, the uplift's chance that its extra visit falls inside the window (and the year) times the chance that the
 * member did not buy of their own accord in that window. Its 95 % interval must hold that number; the greeting's
 * must hold zero; and both groups must count what the model acted on.
 */
import type { Deps } from "../../functions/app/deps.js";
import { automationResults, wakeupImpact, type ProgramResults } from "../../functions/app/holdouts.js";
import { DEFAULT_WINDOW } from "../../functions/core/holdout.js";
import { addDays } from "../../functions/core/time.js";
import type { Check } from "./checks.js";
import type { ModelExposure } from "./model.js";
import { WAKE_UPLIFT, WAKE_UPLIFT_DAYS, type MerchantRun } from "./year.js";

const WINDOW = DEFAULT_WINDOW;

/** The chance that a sent wake-up message made its member buy within the window who would not have otherwise. */
function causedChance(run: MerchantRun, exposure: ModelExposure): number {
  if (exposure.group !== "t" || exposure.message?.status !== "sent") return 0;
  let noBaseVisit = 1;
  let observedDays = 0;
  for (let d = 0; d < WINDOW; d++) {
    const day = addDays(exposure.day, d);
    if (day > run.end) break;
    noBaseVisit *= 1 - run.baseVisitChance(exposure.memberId, day);
    if (d < WAKE_UPLIFT_DAYS) observedDays++;
  }
  return WAKE_UPLIFT * (observedDays / WAKE_UPLIFT_DAYS) * noBaseVisit;
}

const describe = (r: ProgramResults) => {
  const e = r.incrementalConversions;
  const interval = e ? `${e.value.toFixed(1)} [${e.low.toFixed(1)}, ${e.high.toFixed(1)}]` : "none";
  return `treated ${r.treated}, held out ${r.heldOut}; incremental conversions ${interval}`;
};

function countProblems(r: ProgramResults, exposures: ModelExposure[]): string[] {
  const held = exposures.filter((e) => e.group === "h").length;
  const problems: string[] = [];
  if (r.heldOut !== held) problems.push(`${r.program}: held out ${r.heldOut}, model ${held}`);
  if (r.treated !== exposures.length - held)
    problems.push(`${r.program}: treated ${r.treated}, model ${exposures.length - held}`);
  return problems;
}

export async function holdoutChecks(deps: Deps, run: MerchantRun): Promise<Check[]> {
  const wake = await wakeupImpact(deps, run.owner, WINDOW);
  const birthday = (await automationResults(deps, run.owner, WINDOW)).find((r) => r.program === "birthday")!;
  const wakeExposures = run.model.exposures.filter((e) => e.program.startsWith("wakeup:"));
  const truth = wakeExposures.reduce((sum, exposure) => sum + causedChance(run, exposure), 0);
  const wakeInterval = wake.incrementalConversions;
  const wakeProblems = countProblems(wake, wakeExposures);
  if (!wakeInterval || truth < wakeInterval.low || truth > wakeInterval.high)
    wakeProblems.push(`true effect ${truth.toFixed(1)} outside the interval`);
  const greeting = birthday.incrementalConversions;
  const birthdayProblems = countProblems(
    birthday,
    run.model.exposures.filter((e) => e.program === "birthday"),
  );
  if (!greeting || greeting.low > 0 || greeting.high < 0) birthdayProblems.push("zero outside the interval");
  return [
    {
      name: `wake-up ladder (${WAKE_UPLIFT * 100} % come back): its ${WINDOW}-day interval holds the true effect`,
      ok: wakeProblems.length === 0,
      detail: `${describe(wake)}; true effect ${truth.toFixed(1)}`,
      mismatches: wakeProblems,
    },
    {
      name: `birthday greeting (no effect): its ${WINDOW}-day interval holds zero`,
      ok: birthdayProblems.length === 0,
      detail: describe(birthday),
      mismatches: birthdayProblems,
    },
  ];
}
