/** A clock a test moves by hand. Each test makes its own, so no test sees the time another one set. */
import type { Clock } from "../../functions/adapters/clock.js";
import type { Deps } from "../../functions/app/deps.js";
import type { Db } from "../../functions/data/db.js";
import { depsFor } from "../../scripts/local/deps.js";

export interface SettableClock extends Clock {
  /** Move the clock to an instant (ISO-8601 UTC); it stays there until moved again. */
  set(at: string): void;
}

/** A clock standing at `start` until the test moves it. */
export function settableClock(start: string): SettableClock {
  let current = start;
  return {
    now: () => current,
    set: (at) => {
      current = at;
    },
  };
}

/** The services' dependencies over a table, with a clock of the caller's own standing at `start`. */
export function depsWithClock(db: Db, start: string): { deps: Deps; clock: SettableClock } {
  const clock = settableClock(start);
  return { deps: depsFor(db, clock), clock };
}
