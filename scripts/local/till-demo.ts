/**
 * The example till (examples/till) as `npm start` runs it: on TILL_PORT (4100), with the demo merchant's API key,
 * and a webhook endpoint of the demo merchant pointing at it, so tier changes and purchases reach its page through
 * the same signed deliveries a real storefront gets. The endpoint's secret is kept with the demo's other secrets.
 */
import type { Caller } from "../../functions/core/access.js";
import { createEndpoint, rollSecret, updateEndpoint } from "../../functions/app/webhooks/endpoints.js";
import type { Db } from "../../functions/data/db.js";
import { findLogin } from "../../functions/data/staff.js";
import { listEndpoints } from "../../functions/data/webhooks.js";
import { depsFor } from "./deps.js";
import { DEMO_LOGINS } from "./seed.js";

export const TILL_DESCRIPTION = "示例收银台 (npm start)";
/** What the example till shows: a member's tier changing above all, and the sales behind it. */
export const TILL_EVENT_TYPES = [
  "TierChanged",
  "PurchaseRecorded",
  "PointsEarned",
  "CouponRedeemed",
  "StoredValuePaid",
];

export interface TillWebhook {
  endpointId: string;
  url: string;
  secret: string;
}

async function demoOwner(db: Db): Promise<Extract<Caller, { kind: "staff" }>> {
  const login = await findLogin(db, DEMO_LOGINS.owner);
  if (!login) throw new Error("The demo owner is missing; delete .local/dynamodb-data to seed the demo again");
  const { merchantId, staffId } = login;
  return { kind: "staff", merchantId, staffId, username: DEMO_LOGINS.owner, role: "owner", storeIds: [] };
}

/**
 * The demo merchant's endpoint for the till at `url`: the one saved when it still exists with that address and is
 * enabled; otherwise the till's endpoint found again (its address set, enabled, a new secret), or a new one.
 */
export async function tillWebhook(db: Db, url: string, saved?: TillWebhook): Promise<TillWebhook> {
  const deps = depsFor(db);
  const owner = await demoOwner(db);
  const endpoints = await listEndpoints(db, owner.merchantId);
  const mine = endpoints.find((endpoint) => endpoint.description === TILL_DESCRIPTION);
  if (saved && mine?.id === saved.endpointId && mine.url === url && mine.status === "enabled") return saved;
  if (!mine) {
    const created = await createEndpoint(deps, owner, {
      url,
      eventTypes: TILL_EVENT_TYPES,
      description: TILL_DESCRIPTION,
    });
    return { endpointId: created.endpoint.id, url, secret: created.secret };
  }
  await updateEndpoint(deps, owner, mine.id, { url, enabled: true });
  const rolled = await rollSecret(deps, owner, mine.id, 0);
  return { endpointId: mine.id, url, secret: rolled.secret };
}
