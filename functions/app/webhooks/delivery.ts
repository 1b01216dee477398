/**
 * Delivering events to webhook endpoints, at least once. `intake` turns events into deliveries (one per subscribed
 * endpoint, written before anything is sent) and attempts each at once; `retryDue` attempts those whose back-off is
 * over, and any whose attempt never settled. The delivery Lambda (functions/webhooks.ts) runs both in AWS, the local
 * dispatcher (scripts/local/webhooks.ts) in `npm start`.
 *
 * A run keeps within a time budget (the Lambda's timeout is 60 s; one attempt may wait 10 s) and probes each
 * endpoint with its first delivery: when it gets no answer, the endpoint's other deliveries in the run wait DEFER_MS
 * (unattempted, uncounted) instead of each waiting out the same timeout, and leave the front of the due index to
 * other endpoints.
 */
import type { DomainEvent } from "../../core/model.js";
import { CLAIM_LEASE_MS, subscribes } from "../../core/webhooks.js";
import * as repo from "../../data/webhooks.js";
import type { WebhookDelivery, WebhookEndpoint } from "../../data/webhooks.js";
import type { Deps } from "../deps.js";
import { attempt, attemptClaimed, later, newDelivery, type Outcome } from "./attempt.js";

/** What a run did: deliveries delivered, left for a retry, failed for good, put off; endpoints it disabled. */
export interface DeliveryRun {
  delivered: number;
  retried: number;
  failed: number;
  deferred: number;
  endpointsDisabled: number;
}

export const emptyRun = (): DeliveryRun => ({ delivered: 0, retried: 0, failed: 0, deferred: 0, endpointsDisabled: 0 });

/** Add a run's counts to a total. */
export function addRun(total: DeliveryRun, run: DeliveryRun): DeliveryRun {
  for (const key of Object.keys(total) as (keyof DeliveryRun)[]) total[key] += run[key];
  return total;
}

/** At most this many POSTs at once from one run. */
const PARALLEL = 16;
/** No attempt starts this long after a run began (an attempt then has 20 s of the Lambda's 60 left). */
export const RUN_BUDGET_MS = 40_000;
/** How long the other deliveries of an endpoint that did not answer in a run wait. */
export const DEFER_MS = 5 * 60_000;

/**
 * A run's bookkeeping: its counts, when it must stop starting attempts, and per endpoint whether its first
 * attempt in the run (the probe, which goes alone) was answered 2xx.
 */
interface Run {
  counts: DeliveryRun;
  deadline: number;
  probes: Map<string, Promise<boolean>>;
}

const newRun = (budgetMs: number): Run => ({ counts: emptyRun(), deadline: Date.now() + budgetMs, probes: new Map() });
const endpointKey = (d: { merchantId: string; endpointId: string }) => `${d.merchantId}/${d.endpointId}`;

/** Count an outcome. */
function note(run: Run, outcome: Outcome) {
  if (outcome === "skipped") return;
  const { counts } = run;
  counts[outcome.status === "delivered" ? "delivered" : outcome.status === "failed" ? "failed" : "retried"]++;
  if (outcome.disabled) counts.endpointsDisabled++;
}

/**
 * Attempt through the endpoint's gate: the run's first delivery to an endpoint goes alone; the others wait for it
 * and go only if the endpoint answered (any status: a quick 503 costs nothing; a timeout or a refused connection
 * would cost every one of them the same). "deferred" when they may not.
 */
async function gated(run: Run, key: string, go: () => Promise<Outcome>): Promise<Outcome | "deferred"> {
  const probe = run.probes.get(key);
  if (probe) return (await probe) ? go() : "deferred";
  let answered!: (ok: boolean) => void;
  run.probes.set(key, new Promise((resolve) => (answered = resolve)));
  try {
    const outcome = await go();
    answered(outcome === "skipped" || outcome.answered);
    return outcome;
  } catch (error) {
    answered(false);
    throw error;
  }
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
    const key = endpointKey(d);
    if (!endpoints.has(key)) endpoints.set(key, repo.getEndpoint(deps.db, d.merchantId, d.endpointId));
    return endpoints.get(key)!;
  };
}

/** Each event paired with every endpoint of its merchant that subscribes to it and existed when it happened. */
async function subscribers(deps: Deps, events: DomainEvent[]) {
  const byMerchant = new Map<string, Promise<WebhookEndpoint[]>>();
  const pairs: { event: DomainEvent; endpoint: WebhookEndpoint }[] = [];
  for (const event of events) {
    if (!byMerchant.has(event.merchantId))
      byMerchant.set(event.merchantId, repo.listEndpoints(deps.db, event.merchantId));
    for (const endpoint of await byMerchant.get(event.merchantId)!)
      if (
        endpoint.status === "enabled" &&
        endpoint.createdAt <= event.at &&
        subscribes(endpoint.eventTypes, event.type)
      )
        pairs.push({ event, endpoint });
  }
  return pairs;
}

/**
 * Take events, attempting each new delivery as soon as it is written, PARALLEL at a time. A delivery is written
 * already claimed (one write fewer; if this dispatcher dies, the sweep takes it when the claim lapses). Past the
 * run's budget it is written due now, for the sweep; behind an unanswered probe, due in DEFER_MS. An event already
 * taken for an endpoint (the queue delivering it again) is not taken again.
 */
export async function intake(deps: Deps, events: DomainEvent[], budgetMs = RUN_BUDGET_MS): Promise<DeliveryRun> {
  const run = newRun(budgetMs);
  await inParallel(await subscribers(deps, events), async ({ event, endpoint }) => {
    const fresh = newDelivery(endpoint, event, deps.clock.now());
    const outcome = await gated(run, endpointKey(fresh), async () => {
      if (Date.now() >= run.deadline) {
        await repo.createDelivery(deps.db, fresh);
        return "skipped";
      }
      const claimed = { ...fresh, leaseUntil: later(deps.clock.now(), CLAIM_LEASE_MS) };
      return (await repo.createDelivery(deps.db, claimed)) ? attemptClaimed(deps, claimed, endpoint) : "skipped";
    });
    if (outcome !== "deferred") return note(run, outcome);
    const due = { ...fresh, nextAttemptAt: later(deps.clock.now(), DEFER_MS) };
    if (await repo.createDelivery(deps.db, due)) run.counts.deferred++;
  });
  return run.counts;
}

/** Attempt every delivery due now (back-off over, or an attempt that never settled): 4 Queries, then the POSTs. */
export async function retryDue(deps: Deps, limit = 100, budgetMs = RUN_BUDGET_MS): Promise<DeliveryRun> {
  const run = newRun(budgetMs);
  const now = deps.clock.now();
  const due: WebhookDelivery[] = [];
  for (let shard = 0; shard < repo.DUE_SHARDS; shard++) due.push(...(await repo.listDue(deps.db, shard, now, limit)));
  const endpointOf = endpointReader(deps);
  await inParallel(due, async (read) => {
    if (Date.now() >= run.deadline) return;
    const outcome = await gated(run, endpointKey(read), async () => attempt(deps, read, await endpointOf(read)));
    if (outcome !== "deferred") return note(run, outcome);
    const now = deps.clock.now();
    if (await repo.defer(deps.db, read, now, later(now, DEFER_MS))) run.counts.deferred++;
  });
  return run.counts;
}
