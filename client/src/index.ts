/**
 * @regulars/client: a typed client for the Regulars storefront API (API key, persisted queries, retries with the
 * same idempotency key, one error type) and webhook verification. Runs in Node ≥ 20 and browsers; no dependencies.
 */
export { createClient, RegularsClient } from "./client.js";
export type { RegularsClientOptions, ResultOf, VariablesOf } from "./client.js";
export { REGULARS_ERROR_CODES, RegularsError } from "./errors.js";
export type { RegularsErrorCode } from "./errors.js";
export * as operations from "./operations.js";
export type { Document } from "./operations.js";
export {
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  RegularsWebhookError,
  SIGNATURE_HEADER,
  verifyWebhook,
} from "./webhooks.js";
export type { RegularsWebhookErrorCode, VerifyWebhookOptions, WebhookEvent } from "./webhooks.js";
export type * from "./generated.js";
