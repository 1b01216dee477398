/**
 * Webhook endpoints (owner only): register, change, disable, delete, roll the signing secret. The secret is
 * returned once, on creation and on a roll; it is kept in the endpoint's item (it signs every delivery) and never
 * logged or answered again.
 */
import { requireStaff, type Caller } from "../../core/access.js";
import { ConflictError, NotFoundError, ValidationError } from "../../core/errors.js";
import { MAX_ENDPOINTS, WEBHOOK_EVENT_TYPES, isWebhookEventType, urlProblem } from "../../core/webhooks.js";
import { lookupId, optionalText, requiredText } from "../../core/validate.js";
import * as repo from "../../data/webhooks.js";
import type { WebhookEndpoint } from "../../data/webhooks.js";
import type { Deps } from "../deps.js";
import { webhookSender } from "./sender.js";

export interface EndpointInput {
  url?: string | null;
  eventTypes?: readonly string[] | null;
  description?: string | null;
}

function urlOf(deps: Deps, value: unknown): string {
  const url = requiredText("url", value, 500);
  const problem = urlProblem(url, webhookSender(deps).production);
  if (problem) throw new ValidationError("url", problem);
  return url;
}

function eventTypesOf(value: readonly string[]): string[] {
  const types = [...new Set(value)];
  const unknown = types.find((type) => !isWebhookEventType(type) || type === "WebhookTest");
  if (unknown !== undefined)
    throw new ValidationError("eventTypes", `eventTypes: ${unknown} is not an event type (see webhookEventTypes)`);
  return types;
}

const newSecret = (deps: Deps) => `whsec_${deps.ids.secret(32)}`;
const prefixOf = (secret: string) => `${secret.slice(0, 10)}…`;

export async function createEndpoint(deps: Deps, caller: Caller, input: EndpointInput) {
  const owner = requireStaff(caller, ["owner"]);
  const url = urlOf(deps, input.url);
  const eventTypes = eventTypesOf(input.eventTypes ?? []);
  const description = optionalText("description", input.description, 100);
  if ((await repo.listEndpoints(deps.db, owner.merchantId)).length >= MAX_ENDPOINTS)
    throw new ConflictError(`A merchant can have at most ${MAX_ENDPOINTS} webhook endpoints; delete one first`);
  const now = deps.clock.now();
  const secret = newSecret(deps);
  const endpoint: WebhookEndpoint = {
    id: deps.ids.id(),
    merchantId: owner.merchantId,
    url,
    description,
    eventTypes,
    status: "enabled",
    secret,
    secretPrefix: prefixOf(secret),
    createdAt: now,
    updatedAt: now,
    createdBy: owner.staffId,
  };
  await repo.putEndpoint(deps.db, endpoint);
  return { endpoint, secret };
}

/** Owner: the event types an endpoint can subscribe to. */
export function eventTypes(caller: Caller): { name: string; description: string }[] {
  requireStaff(caller, ["owner"]);
  return Object.entries(WEBHOOK_EVENT_TYPES).map(([name, description]) => ({ name, description }));
}

export async function listEndpoints(deps: Deps, caller: Caller): Promise<WebhookEndpoint[]> {
  const owner = requireStaff(caller, ["owner"]);
  return repo.listEndpoints(deps.db, owner.merchantId);
}

/** The caller's endpoint, or NOT_FOUND (another merchant's too). */
export async function getEndpoint(deps: Deps, caller: Caller, id: string): Promise<WebhookEndpoint> {
  const owner = requireStaff(caller, ["owner"]);
  const found = await repo.getEndpoint(deps.db, owner.merchantId, lookupId("Webhook endpoint", id));
  if (!found) throw new NotFoundError("Webhook endpoint", id);
  return found;
}

/** Rewrite an endpoint read a moment ago; CONFLICT (retryable) when it changed meanwhile. */
async function rewrite(deps: Deps, read: WebhookEndpoint, next: WebhookEndpoint): Promise<WebhookEndpoint> {
  const written = { ...next, updatedAt: laterThan(deps.clock.now(), read.updatedAt) };
  if (!(await repo.putEndpoint(deps.db, written, repo.unchangedSince(read))))
    throw new ConflictError("The endpoint changed meanwhile; try again", { retryable: true });
  return written;
}

/** `now`, or a moment after `previous` when the clock has not moved past it (updatedAt is the version). */
function laterThan(now: string, previous: string): string {
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString();
}

export async function updateEndpoint(
  deps: Deps,
  caller: Caller,
  id: string,
  input: EndpointInput & { enabled?: boolean | null },
): Promise<WebhookEndpoint> {
  const read = await getEndpoint(deps, caller, id);
  const next: WebhookEndpoint = { ...read };
  // A new address starts with a clean record: its predecessor's failures are not its own.
  if (input.url != null && input.url !== read.url)
    Object.assign(next, { url: urlOf(deps, input.url), failingSince: undefined });
  if (input.eventTypes != null) next.eventTypes = eventTypesOf(input.eventTypes);
  if (input.description !== undefined) next.description = optionalText("description", input.description, 100);
  if (input.enabled === false && read.status === "enabled")
    Object.assign(next, { status: "disabled", disabledReason: "disabled by hand" });
  if (input.enabled === true)
    Object.assign(next, { status: "enabled", disabledReason: undefined, failingSince: undefined });
  return rewrite(deps, read, next);
}

export async function deleteEndpoint(deps: Deps, caller: Caller, id: string): Promise<WebhookEndpoint> {
  const read = await getEndpoint(deps, caller, id);
  await repo.deleteEndpoint(deps.db, read.merchantId, read.id);
  return read;
}

/** A new secret; the old one signs beside it for `expireOldAfterHours` (0–72, default 24). */
export async function rollSecret(deps: Deps, caller: Caller, id: string, expireOldAfterHours?: number | null) {
  const hours = expireOldAfterHours ?? 24;
  if (!Number.isInteger(hours) || hours < 0 || hours > 72)
    throw new ValidationError("expireOldAfterHours", "expireOldAfterHours must be a whole number from 0 to 72");
  const read = await getEndpoint(deps, caller, id);
  const secret = newSecret(deps);
  const expires = new Date(Date.parse(deps.clock.now()) + hours * 3600_000).toISOString();
  const endpoint = await rewrite(deps, read, {
    ...read,
    secret,
    secretPrefix: prefixOf(secret),
    previousSecret: hours ? read.secret : undefined,
    previousSecretExpiresAt: hours ? expires : undefined,
  });
  return { endpoint, secret };
}
