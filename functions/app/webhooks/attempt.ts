/**
 * One attempt of a webhook delivery: claim it (one dispatcher wins), sign and POST it, and record how it went
 * (delivered, due again after its back-off, or failed once retries are over), with the endpoint's health.
 */
import type { DomainEvent } from "../../core/model.js";
import {
  ATTEMPT_TIMEOUT_MS,
  ATTEMPTS_KEPT,
  CLAIM_LEASE_MS,
  RETRY_FOR_MS,
  excerpt,
  retryDelayMs,
  webhookBody,
} from "../../core/webhooks.js";
import { SIGNATURE_HEADER, signatureHeader } from "../../core/webhookSignature.js";
import * as repo from "../../data/webhooks.js";
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from "../../data/webhooks.js";
import type { Deps } from "../deps.js";
import { noteOutcome } from "./health.js";
import { webhookSender } from "./sender.js";

export const later = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

/** A new pending delivery of `event` to `endpoint`, due now. */
export function newDelivery(endpoint: WebhookEndpoint, event: DomainEvent, now: string): WebhookDelivery {
  return {
    id: `${endpoint.id}.${event.id}`,
    merchantId: endpoint.merchantId,
    endpointId: endpoint.id,
    eventId: event.id,
    eventType: event.type,
    status: "pending",
    createdAt: now,
    retryFrom: now,
    nextAttemptAt: now,
    payload: webhookBody(event),
    attempts: [],
    attemptCount: 0,
  };
}

/** The secrets that sign now: the current one, and the one before a roll until it expires. */
function signingSecrets(endpoint: WebhookEndpoint, now: string): string[] {
  const previous = endpoint.previousSecret && (endpoint.previousSecretExpiresAt ?? "") > now;
  return previous ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}

/** The request one attempt sends. */
function requestOf(endpoint: WebhookEndpoint, delivery: WebhookDelivery, now: string) {
  const timestamp = Math.floor(Date.parse(now) / 1000);
  return {
    url: endpoint.url,
    body: delivery.payload,
    timeoutMs: ATTEMPT_TIMEOUT_MS,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Regulars-Webhooks/1.0",
      [SIGNATURE_HEADER]: signatureHeader(signingSecrets(endpoint, now), timestamp, delivery.payload),
      "Regulars-Event-Id": delivery.eventId,
      "Regulars-Event-Type": delivery.eventType,
      "Regulars-Delivery-Id": delivery.id,
      "Regulars-Attempt": String(delivery.attemptCount + 1),
    },
  };
}

/** POST the delivery (or, to a deleted or disabled endpoint, nothing): the attempt as recorded. */
async function post(
  deps: Deps,
  delivery: WebhookDelivery,
  endpoint: WebhookEndpoint | undefined,
  now: string,
): Promise<WebhookAttempt> {
  if (!endpoint || endpoint.status !== "enabled")
    return {
      at: now,
      latencyMs: 0,
      ok: false,
      responseExcerpt: `not sent: the endpoint is ${endpoint ? "disabled" : "deleted"}`,
    };
  const answer = await webhookSender(deps).post(requestOf(endpoint, delivery, now));
  const ok = answer.status !== undefined && answer.status >= 200 && answer.status < 300;
  return { at: now, statusCode: answer.status, latencyMs: answer.latencyMs, ok, responseExcerpt: excerpt(answer.text) };
}

/** The delivery after an attempt: delivered, due again after its back-off, or failed once retries are over. */
export function afterAttempt(delivery: WebhookDelivery, attempt: WebhookAttempt, now: string): WebhookDelivery {
  const attempts = [...delivery.attempts, attempt].slice(-ATTEMPTS_KEPT);
  const counted = { ...delivery, attempts, attemptCount: delivery.attemptCount + 1 };
  if (attempt.ok) return { ...counted, status: "delivered", deliveredAt: now, nextAttemptAt: undefined };
  const next = later(now, retryDelayMs(counted.attemptCount, Math.random()));
  const stopped = attempt.responseExcerpt?.startsWith("not sent:");
  if (stopped || Date.parse(next) - Date.parse(delivery.retryFrom) > RETRY_FOR_MS)
    return { ...counted, status: "failed", nextAttemptAt: undefined };
  return { ...counted, status: "pending", nextAttemptAt: next };
}

/** What became of a delivery; `answered`: the endpoint sent an HTTP status (a 5xx too), not a timeout or refusal. */
export type Outcome = "skipped" | { status: WebhookDelivery["status"]; disabled: boolean; answered: boolean };

/** One attempt of a delivery, if this dispatcher wins it; what became of it. */
export async function attempt(
  deps: Deps,
  read: WebhookDelivery,
  endpoint: WebhookEndpoint | undefined,
): Promise<Outcome> {
  const now = deps.clock.now();
  const claimed = await repo.claim(deps.db, read, now, later(now, CLAIM_LEASE_MS));
  return claimed ? attemptClaimed(deps, claimed, endpoint) : "skipped";
}

/** The attempt of a delivery this dispatcher holds (claimed, or created with its claim). */
export async function attemptClaimed(deps: Deps, claimed: WebhookDelivery, endpoint: WebhookEndpoint | undefined) {
  const tried = await post(deps, claimed, endpoint, deps.clock.now());
  const settled = afterAttempt(claimed, tried, deps.clock.now());
  if (!(await repo.settle(deps.db, claimed, settled))) return "skipped";
  const disabled = endpoint?.status === "enabled" ? await noteOutcome(deps, endpoint, tried.ok) : false;
  return { status: settled.status, disabled, answered: tried.statusCode !== undefined };
}
