/** The services' dependencies over a table, as the local tools (seed, demos, CLIs) use them. */
import { systemClock, type Clock } from "../../functions/adapters/clock.js";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { cryptoIds } from "../../functions/adapters/ids.js";
import type { Deps } from "../../functions/app/deps.js";
import type { Db } from "../../functions/data/db.js";

export function depsFor(db: Db, clock: Clock = systemClock): Deps {
  return { db, clock, ids: cryptoIds, identity: localIdentity(db) };
}
