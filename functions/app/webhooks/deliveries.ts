/** What an owner sees and does with deliveries: list them, read one, re-send one, send a test event. */
import { requireStaff, type Caller } from "../../core/access.js";
import { ConflictError, NotFoundError } from "../../core/errors.js";
import type { Page } from "../../core/model.js";
import { lookupId, pageSize } from "../../core/validate.js";
import * as repo from "../../data/webhooks.js";
import type { WebhookDelivery } from "../../data/webhooks.js";
import type { Deps } from "../deps.js";
import { attempt, newDelivery } from "./attempt.js";
import { getEndpoint } from "./endpoints.js";

export function listDeliveries(
  deps: Deps,
  merchantId: string,
  endpointId: string,
  first?: number | null,
  after?: string | null,
): Promise<Page<WebhookDelivery>> {
  return repo.listDeliveries(deps.db, merchantId, endpointId, pageSize(first, 20), after);
}

export async function getDelivery(deps: Deps, caller: Caller, id: string): Promise<WebhookDelivery> {
  const owner = requireStaff(caller, ["owner"]);
  const found = await repo.getDelivery(deps.db, owner.merchantId, lookupId("Webhook delivery", id));
  if (!found) throw new NotFoundError("Webhook delivery", id);
  return found;
}

/** Attempt a pending delivery now and answer it as it stands after. */
async function attemptNow(deps: Deps, delivery: WebhookDelivery): Promise<WebhookDelivery> {
  const endpoint = await repo.getEndpoint(deps.db, delivery.merchantId, delivery.endpointId);
  await attempt(deps, delivery, endpoint);
  return (await repo.getDelivery(deps.db, delivery.merchantId, delivery.id)) ?? delivery;
}

/** Send a delivery again now: the same event id and body, newly signed; retries start afresh if it fails. */
export async function resend(deps: Deps, caller: Caller, id: string): Promise<WebhookDelivery> {
  const read = await getDelivery(deps, caller, id);
  const endpoint = await repo.getEndpoint(deps.db, read.merchantId, read.endpointId);
  if (!endpoint) throw new NotFoundError("Webhook endpoint", read.endpointId);
  if (endpoint.status !== "enabled")
    throw new ConflictError("The endpoint is disabled; enable it first", { field: "id" });
  const now = deps.clock.now();
  if (!(await repo.requeue(deps.db, read, now)))
    throw new ConflictError("The delivery is being attempted; try again shortly", { retryable: true });
  return attemptNow(deps, { ...read, status: "pending", nextAttemptAt: now, retryFrom: now, leaseUntil: undefined });
}

/** Send an endpoint a WebhookTest event now (to it alone). */
export async function sendTest(deps: Deps, caller: Caller, endpointId: string): Promise<WebhookDelivery> {
  const endpoint = await getEndpoint(deps, caller, endpointId);
  if (endpoint.status !== "enabled")
    throw new ConflictError("The endpoint is disabled; enable it first", { field: "endpointId" });
  const now = deps.clock.now();
  const event = {
    id: deps.ids.id(),
    merchantId: endpoint.merchantId,
    type: "WebhookTest",
    at: now,
    detail: { endpointId: endpoint.id, message: "A test event from Regulars: your endpoint is reachable." },
  };
  const delivery = newDelivery(endpoint, event, now);
  await repo.createDelivery(deps.db, delivery);
  return attemptNow(deps, delivery);
}
