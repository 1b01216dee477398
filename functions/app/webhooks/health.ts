/**
 * An endpoint's health: its run of failed attempts starts at the first failure and ends at the next success; an
 * endpoint whose run has lasted DISABLE_AFTER_MS is disabled, with a WebhookEndpointDisabled event (the owner's
 * notice in the console; the delivery Lambda's log line raises the alarm).
 */
import { DISABLE_AFTER_MS } from "../../core/webhooks.js";
import * as repo from "../../data/webhooks.js";
import type { WebhookEndpoint } from "../../data/webhooks.js";
import type { Deps } from "../deps.js";
import { event } from "../movement.js";

/** Note an attempt's outcome on its endpoint; true when this failure disabled it. */
export async function noteOutcome(deps: Deps, endpoint: WebhookEndpoint, ok: boolean): Promise<boolean> {
  if (ok) {
    if (endpoint.failingSince) await repo.markHealthy(deps.db, endpoint.merchantId, endpoint.id);
    return false;
  }
  const now = deps.clock.now();
  const failing = await repo.markFailing(deps.db, endpoint.merchantId, endpoint.id, now);
  if (!failing?.failingSince || failing.status !== "enabled") return false;
  if (Date.parse(now) - Date.parse(failing.failingSince) < DISABLE_AFTER_MS) return false;
  const disabled: WebhookEndpoint = {
    ...failing,
    status: "disabled",
    disabledReason: `every attempt failed since ${failing.failingSince}`,
    updatedAt: now > failing.updatedAt ? now : new Date(Date.parse(failing.updatedAt) + 1).toISOString(),
  };
  const notice = event(deps, endpoint.merchantId, "WebhookEndpointDisabled", {
    endpointId: endpoint.id,
    url: endpoint.url,
    failingSince: failing.failingSince,
  });
  return repo.disableFailing(deps.db, disabled, notice);
}
