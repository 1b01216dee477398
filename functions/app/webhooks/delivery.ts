/**
 * Delivering events to webhook endpoints, at least once. `intake` turns events into deliveries (one per subscribed
 * endpoint, written before anything is sent) and attempts each at once; `retryDue` attempts those whose back-off is
 * over, and any whose attempt never settled. The delivery Lambda (functions/webhooks.ts) runs both in AWS, the local
 * dispatcher (scripts/local/webhooks.ts) in `npm start`.
 */
import type { DomainEvent } from "../../core/model.js";
import {
  ATTEMPT_TIMEOUT_MS,
  ATTEMPTS_KEPT,
  CLAIM_LEASE_MS,
  RETRY_FOR_MS,
  excerpt,
  retryDelayMs,
  subscribes,
  webhookBody,
} from "../../core/webhooks.js";
import { SIGNATURE_HEADER, signatureHeader } from "../../core/webhookSignature.js";
import * as repo from "../../data/webhooks.js";
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from "../../data/webhooks.js";
import type { Deps } from "../deps.js";
import { noteOutcome } from "./health.js";
import { webhookSender } from "./sender.js";

/** What a run did: deliveries delivered, left for a retry, failed for good; endpoints it disabled. */
export interface DeliveryRun {
  delivered: number;
  retried: number;
  failed: number;
  endpointsDisabled: number;
}

export const emptyRun = (): DeliveryRun => ({ delivered: 0, retried: 0, failed: 0, endpointsDisabled: 0 });

/** Add a run's counts to a total. */
export function addRun(total: DeliveryRun, run: DeliveryRun): DeliveryRun {
  for (const key of Object.keys(total) as (keyof DeliveryRun)[]) total[key] += run[key];
  return total;
}

/** At most this many POSTs at once from one run. */
const PARALLEL = 16;

const later = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

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

/** Run `work` over `items`, PARALLEL at a time. */
async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}

/** The endpoint of a delivery, read once per run. */
function endpointReader(deps: Deps) {
  const endpoints = new Map<string, Promise<WebhookEndpoint | undefined>>();
  return (d: WebhookDelivery) => {
    const key = `${d.merchantId}/${d.endpointId}`;
    if (!endpoints.has(key)) endpoints.set(key, repo.getEndpoint(deps.db, d.merchantId, d.endpointId));
    return endpoints.get(key)!;
  };
}

/** Add one attempt's outcome to a run. */
function count(run: DeliveryRun, outcome: Outcome) {
  if (outcome === "skipped") return;
  run[outcome.status === "delivered" ? "delivered" : outcome.status === "failed" ? "failed" : "retried"]++;
  if (outcome.disabled) run.endpointsDisabled++;
}

/**
 * Take events for every endpoint of their merchant that subscribes to them (and existed when they happened),
 * attempting each new delivery as soon as it is written, PARALLEL at a time. An event already taken for an endpoint
 * (the queue delivering it again) is not sent again here; if its attempt never happened, the retry sweep finds it.
 */
export async function intake(deps: Deps, events: DomainEvent[]): Promise<DeliveryRun> {
  const byMerchant = new Map<string, Promise<WebhookEndpoint[]>>();
  const endpointsOf = (merchantId: string) => {
    if (!byMerchant.has(merchantId)) byMerchant.set(merchantId, repo.listEndpoints(deps.db, merchantId));
    return byMerchant.get(merchantId)!;
  };
  const pairs: { event: DomainEvent; endpoint: WebhookEndpoint }[] = [];
  for (const event of events)
    for (const endpoint of await endpointsOf(event.merchantId))
      if (
        endpoint.status === "enabled" &&
        endpoint.createdAt <= event.at &&
        subscribes(endpoint.eventTypes, event.type)
      )
        pairs.push({ event, endpoint });
  const run = emptyRun();
  await inParallel(pairs, async ({ event, endpoint }) => {
    // Written already claimed: one write fewer, and if this dispatcher dies now the sweep takes it once the claim
    // lapses.
    const now = deps.clock.now();
    const delivery = { ...newDelivery(endpoint, event, now), leaseUntil: later(now, CLAIM_LEASE_MS) };
    if (await repo.createDelivery(deps.db, delivery)) count(run, await attemptClaimed(deps, delivery, endpoint));
  });
  return run;
}

/** Attempt every delivery due now (back-off over, or an attempt that never settled): 4 Queries, then the POSTs. */
export async function retryDue(deps: Deps, limit = 100): Promise<DeliveryRun> {
  const now = deps.clock.now();
  const due: WebhookDelivery[] = [];
  for (let shard = 0; shard < repo.DUE_SHARDS; shard++) due.push(...(await repo.listDue(deps.db, shard, now, limit)));
  const run = emptyRun();
  const endpointOf = endpointReader(deps);
  await inParallel(due, async (read) => count(run, await attempt(deps, read, await endpointOf(read))));
  return run;
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

type Outcome = "skipped" | { status: WebhookDelivery["status"]; disabled: boolean };

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
async function attemptClaimed(deps: Deps, claimed: WebhookDelivery, endpoint: WebhookEndpoint | undefined) {
  const tried = await post(deps, claimed, endpoint, deps.clock.now());
  const settled = afterAttempt(claimed, tried, deps.clock.now());
  if (!(await repo.settle(deps.db, claimed, settled))) return "skipped";
  const disabled = endpoint?.status === "enabled" ? await noteOutcome(deps, endpoint, tried.ok) : false;
  return { status: settled.status, disabled };
}
