/** What every application service needs, passed in (never built inside). */
import type { CallerCache } from "../adapters/callerCache.js";
import type { Clock } from "../adapters/clock.js";
import type { Ids } from "../adapters/ids.js";
import type { IdentityProvider } from "../adapters/identity/port.js";
import type { WebhookSender } from "../adapters/webhooks/port.js";
import type { Db } from "../data/db.js";

export interface Deps {
  db: Db;
  clock: Clock;
  ids: Ids;
  identity: IdentityProvider;
  /** The API handler's credential cache; a service that changes a credential tells it (adapters/callerCache.ts). */
  callers?: CallerCache;
  /** How webhooks are POSTed; plain HTTP allowing private addresses when absent (app/webhooks/sender.ts). */
  webhooks?: WebhookSender;
}
