/**
 * Signing a webhook delivery, in the style of Stripe's: the header `Regulars-Signature: t={unix seconds},v1={hex}`
 * where hex is HMAC-SHA256, keyed by the endpoint's secret, of `{t}.{raw body}`. While a rolled secret's
 * predecessor still signs, a second `v1=` follows. Receivers verify with client/src/webhooks.ts (verifyWebhook).
 */
import { createHmac } from "node:crypto";

export const SIGNATURE_HEADER = "Regulars-Signature";

export function signature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The header's value for a body signed at `timestamp` (unix seconds) with each secret, newest first. */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signature(secret, timestamp, body)}`)].join(",");
}
