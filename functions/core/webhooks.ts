/**
 * Webhooks, the rules (no I/O): the event catalogue endpoints subscribe to, the body every delivery carries, the
 * retry schedule, and which addresses an endpoint may have. The console shares this file (no Node imports here;
 * signing is in webhookSignature.ts).
 */

/** Every domain event type an endpoint can subscribe to, in a few words (docs/events.md has the details). */
export const WEBHOOK_EVENT_TYPES = {
  MemberJoined: "A member enrolled.",
  ConsentChanged: "SMS consent changed.",
  MemberErased: "A member was erased (PIPL).",
  PurchaseRecorded: "A purchase was recorded.",
  PurchaseRefunded: "A purchase was refunded.",
  PointsEarned: "A purchase earned points.",
  PointsChanged: "Points redeemed or adjusted.",
  TierChanged: "A member's tier changed.",
  LifecycleChanged: "A member's lifecycle stage changed.",
  MarketingSent: "Marketing acted on a member.",
  MarketingHeldOut: "Marketing held a member out.",
  CheckedIn: "A member checked in.",
  RewardRedeemed: "A reward was redeemed.",
  CouponIssued: "A coupon was issued.",
  CouponRedeemed: "A coupon was redeemed.",
  CouponRevoked: "Staff revoked a coupon.",
  CouponRestored: "A refund gave a coupon back.",
  StoredValueToppedUp: "Stored value was topped up.",
  StoredValuePaid: "Stored value paid a purchase.",
  StoredValueReturned: "A refund returned stored value.",
  StoredValueRefunded: "A top-up was refunded.",
  ReferralRewarded: "A referral was rewarded.",
  WebhookEndpointDisabled: "An endpoint failing for 3 days was disabled.",
  WebhookTest: "A test event (sendTestWebhook).",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

export const isWebhookEventType = (type: string): type is WebhookEventType =>
  Object.prototype.hasOwnProperty.call(WEBHOOK_EVENT_TYPES, type);

/** At most this many endpoints per merchant. */
export const MAX_ENDPOINTS = 10;

/** The body POSTed: the event, the same in every attempt and re-send. */
export interface WebhookBody {
  id: string;
  type: string;
  /** When the event happened (ISO-8601 UTC). */
  createdAt: string;
  merchantId: string;
  data: Record<string, unknown>;
}

export function webhookBody(event: {
  id: string;
  type: string;
  at: string;
  merchantId: string;
  detail: Record<string, unknown>;
}): string {
  const body: WebhookBody = {
    id: event.id,
    type: event.type,
    createdAt: event.at,
    merchantId: event.merchantId,
    data: event.detail,
  };
  return JSON.stringify(body);
}

/** Whether an endpoint wants an event: its types, or every type when it lists none (never a test event). */
export function subscribes(eventTypes: readonly string[], type: string): boolean {
  if (type === "WebhookTest") return false;
  return eventTypes.length === 0 || eventTypes.includes(type);
}

/** Retries go on for this long after the first attempt; then the delivery is failed. */
export const RETRY_FOR_MS = 3 * 24 * 3600_000;
/** An endpoint failing (every attempt) for this long is disabled. */
export const DISABLE_AFTER_MS = 3 * 24 * 3600_000;
/** One attempt waits this long for an answer. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** A claimed attempt that never settled (the dispatcher died) is due again after this long. */
export const CLAIM_LEASE_MS = 60_000;
/** The attempts a delivery keeps (the oldest go first). */
export const ATTEMPTS_KEPT = 20;

/**
 * The wait before attempt `n + 1` after `n` failed ones: 30 s × 2^(n−1), at most 6 hours, with ±10 % jitter from
 * `random` (in [0, 1)): 30 s, 1 min, 2, 4, 8, 16, 32 min, 1 h 4, 2 h 8, 4 h 16, then every 6 h, ≈ 20 attempts in 3
 * days.
 */
export function retryDelayMs(failedAttempts: number, random: number): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, failedAttempts - 1), 6 * 3600_000);
  return Math.round(base * (0.9 + 0.2 * random));
}

/** The first characters of a response kept with an attempt. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Why an address is refused as an endpoint, or undefined when it is fine. */
export function urlProblem(raw: string, production: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "url must be an absolute http(s) address";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "url must be an http(s) address";
  if (url.username || url.password) return "url must not carry a user name or password";
  if (!production) return undefined;
  if (url.protocol !== "https:") return "url must be https";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const local = host === "localhost" || /\.(localhost|internal|local)$/.test(host) || isPrivateAddress(host);
  return local ? `url must be a public address, not ${host}` : undefined;
}

/** An IPv4 address as its four numbers, or undefined. */
function ipv4(host: string): number[] | undefined {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) return undefined;
  return parts.map(Number);
}

/**
 * True for loopback, private, link-local, shared, multicast, reserved and unspecified addresses (IPv4, IPv6 and
 * IPv4-mapped IPv6): anything a public endpoint cannot be.
 */
export function isPrivateAddress(address: string): boolean {
  const host = address.toLowerCase();
  const v4 = ipv4(host) ?? ipv4(/^::ffff:([\d.]+)$/.exec(host)?.[1] ?? "");
  if (v4) {
    const [a, b] = v4;
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b < 128) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  if (!host.includes(":")) return false;
  if (host === "::" || host === "::1") return true;
  const first = parseInt(host.split(":")[0] || "0", 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 || // multicast
    host.startsWith("::ffff:") || // mapped, not dotted
    host.startsWith("64:ff9b:")
  );
}
