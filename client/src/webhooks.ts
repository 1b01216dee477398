/**
 * Verifying a webhook delivery before trusting it. The API signs each POST (functions/core/webhookSignature.ts):
 *
 *     Regulars-Signature: t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{raw body}" keyed by the endpoint's secret}
 *
 * with a second `v1=` while a rolled secret's predecessor still signs. A delivery is genuine when any v1 matches
 * any of the receiver's secrets and t is recent (a replayed old delivery is refused). Web Crypto only: the same in
 * Node ≥ 20 and browsers or edge runtimes.
 */
import { subtle, toHex, utf8 } from "./hex.js";

/** The header carrying the signature; Regulars-Event-Id, Regulars-Event-Type and Regulars-Delivery-Id come too. */
export const SIGNATURE_HEADER = "Regulars-Signature";
export const EVENT_ID_HEADER = "Regulars-Event-Id";
export const EVENT_TYPE_HEADER = "Regulars-Event-Type";
export const DELIVERY_ID_HEADER = "Regulars-Delivery-Id";

/** The body of every delivery: the same event id in every attempt and re-send (de-duplicate by it). */
export interface WebhookEvent<TData = Record<string, unknown>> {
  id: string;
  /** The event type, e.g. TierChanged (docs/events.md lists them with their data). */
  type: string;
  /** When the event happened (ISO-8601 UTC). */
  createdAt: string;
  merchantId: string;
  data: TData;
}

/**
 * Why a delivery was refused: no signature header (or none with v1), a signature no secret makes (a wrong secret,
 * a changed body), a timestamp outside the tolerance (a replay), or a signed body that is not an event.
 */
export type RegularsWebhookErrorCode = "NO_SIGNATURE" | "BAD_SIGNATURE" | "TIMESTAMP_TOO_OLD" | "BAD_PAYLOAD";

export class RegularsWebhookError extends Error {
  constructor(
    readonly code: RegularsWebhookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RegularsWebhookError";
  }
}

export interface VerifyWebhookOptions {
  /** The raw request body exactly as received (not re-serialised JSON). */
  body: string;
  /** The Regulars-Signature header's value. */
  header: string | null | undefined;
  /** The endpoint's signing secret, or several (e.g. the new and the old one while you switch). */
  secret: string | readonly string[];
  /** How far t may be from now, in seconds; 300. */
  toleranceSeconds?: number;
  /** Now, as a Date or milliseconds since the epoch; the clock by default. */
  now?: Date | number;
}

/** The parsed event of a genuine delivery, or a RegularsWebhookError saying why it is refused. */
export async function verifyWebhook<TData = Record<string, unknown>>(
  options: VerifyWebhookOptions,
): Promise<WebhookEvent<TData>> {
  const { timestamp, signatures } = parseHeader(options.header);
  const secrets = (typeof options.secret === "string" ? [options.secret] : [...options.secret]).filter(Boolean);
  if (secrets.length === 0) throw new TypeError("verifyWebhook needs the endpoint's secret");
  const expected = await Promise.all(secrets.map((secret) => hmacHex(secret, `${timestamp}.${options.body}`)));
  // Every pair is compared in full, so the time taken says nothing about which (or how much) matched.
  let matched = false;
  for (const wanted of expected) for (const given of signatures) matched = constantTimeEqual(wanted, given) || matched;
  if (!matched) throw new RegularsWebhookError("BAD_SIGNATURE", "No signature matches the body and secret");
  const now = options.now === undefined ? Date.now() : Number(options.now);
  const tolerance = options.toleranceSeconds ?? 300;
  if (Math.abs(now / 1000 - timestamp) > tolerance)
    throw new RegularsWebhookError("TIMESTAMP_TOO_OLD", `The signature's time is more than ${tolerance} s from now`);
  return parseEvent<TData>(options.body);
}

/** t and every v1 of the header; other schemes (a future v2) are ignored. */
function parseHeader(header: string | null | undefined): { timestamp: number; signatures: string[] } {
  if (!header?.trim()) throw new RegularsWebhookError("NO_SIGNATURE", `No ${SIGNATURE_HEADER} header`);
  let timestamp = Number.NaN;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, ...rest] = part.trim().split("=");
    const value = rest.join("=").trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value) signatures.push(value.toLowerCase());
  }
  if (signatures.length === 0) throw new RegularsWebhookError("NO_SIGNATURE", `No v1 signature in ${SIGNATURE_HEADER}`);
  if (!Number.isFinite(timestamp))
    throw new RegularsWebhookError("BAD_SIGNATURE", `No valid t= timestamp in ${SIGNATURE_HEADER}`);
  return { timestamp, signatures };
}

async function hmacHex(secret: string, payload: string): Promise<string> {
  const key = await subtle().importKey("raw", utf8(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return toHex(await subtle().sign("HMAC", key, utf8(payload)));
}

/** Equal strings, compared character by character to the end whatever differs (lengths are public: 64 hex). */
function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i % Math.max(1, b.length));
  return difference === 0;
}

function parseEvent<TData>(body: string): WebhookEvent<TData> {
  let event: Partial<WebhookEvent<TData>> | null;
  try {
    event = JSON.parse(body);
  } catch {
    throw new RegularsWebhookError("BAD_PAYLOAD", "The signed body is not JSON");
  }
  const fields = ["id", "type", "createdAt", "merchantId"] as const;
  if (!event || typeof event !== "object" || fields.some((field) => typeof event?.[field] !== "string"))
    throw new RegularsWebhookError("BAD_PAYLOAD", "The signed body is not a Regulars event");
  return { ...event, data: event.data ?? ({} as TData) } as WebhookEvent<TData>;
}
