/**
 * The one error a Regulars call fails with. The API answers a refusal with a stable `extensions.code`
 * (graphql/errors.ts maps the core's errors once); the client adds the codes of what happens on the way
 * (NETWORK_ERROR, HTTP_ERROR, BAD_RESPONSE) and says whether sending the same request again may succeed.
 */

/** Codes the API sends (the core's refusals, GraphQL's and Apollo's), and the client's own. */
export type RegularsErrorCode =
  // Domain refusals (functions/core/errors.ts).
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "CONFLICT"
  | "INSUFFICIENT_BALANCE"
  | "COUPON_REJECTED"
  | "RATE_LIMITED"
  // GraphQL and the HTTP layer (graphql/errors.ts, the local server and API Gateway).
  | "GRAPHQL_PARSE_FAILED"
  | "GRAPHQL_VALIDATION_FAILED"
  | "BAD_REQUEST"
  | "PERSISTED_QUERY_NOT_FOUND"
  | "PERSISTED_QUERY_NOT_SUPPORTED"
  | "OPERATION_RESOLUTION_FAILURE"
  | "PAYLOAD_TOO_LARGE"
  | "INTERNAL_SERVER_ERROR"
  // The client's own: no answer (refused, reset, timed out), an HTTP error without a GraphQL body, an answer
  // that is not a GraphQL response.
  | "NETWORK_ERROR"
  | "HTTP_ERROR"
  | "BAD_RESPONSE";

/** Every code the client knows, for checks at run time (e.g. a till mapping codes to messages). */
export const REGULARS_ERROR_CODES: readonly RegularsErrorCode[] = [
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "CONFLICT",
  "INSUFFICIENT_BALANCE",
  "COUPON_REJECTED",
  "RATE_LIMITED",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "PAYLOAD_TOO_LARGE",
  "INTERNAL_SERVER_ERROR",
  "NETWORK_ERROR",
  "HTTP_ERROR",
  "BAD_RESPONSE",
];

export interface RegularsErrorInit {
  code: RegularsErrorCode | (string & {});
  message: string;
  /** The HTTP status of the answer; 0 when none came. */
  status: number;
  details?: Record<string, unknown>;
  retryable?: boolean;
  cause?: unknown;
}

export class RegularsError extends Error {
  /** extensions.code, or the client's NETWORK_ERROR / HTTP_ERROR / BAD_RESPONSE; an unknown code comes as sent. */
  readonly code: RegularsErrorCode | (string & {});
  /** The input field at fault (extensions.field), e.g. `phone` or `lines.0.sku`. */
  readonly field?: string;
  /** True when sending the very same request again may succeed (the client already did, up to maxRetries). */
  readonly retryable: boolean;
  /** The server's request id for an internal error: quote it to support. */
  readonly requestId?: string;
  /** The error's extensions as sent (code, field, reason, differs, retryAfter, …). */
  readonly details: Record<string, unknown>;
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;

  constructor(init: RegularsErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "RegularsError";
    this.code = init.code;
    this.details = init.details ?? {};
    this.status = init.status;
    this.retryable = init.retryable ?? false;
    const { field, requestId } = this.details;
    this.field = typeof field === "string" ? field : undefined;
    this.requestId = typeof requestId === "string" ? requestId : undefined;
  }
}

/** HTTP statuses of a gateway or a server that is briefly unavailable: the request may not have run. */
const TRANSIENT_STATUS = new Set([502, 503, 504]);

/** Whether an error is worth the same request again: a busy account, a rate limit, a gateway or network hiccup. */
export function isRetryable(code: string, status: number, details: Record<string, unknown>): boolean {
  if (code === "CONFLICT") return details.retryable === true;
  return code === "RATE_LIMITED" || code === "NETWORK_ERROR" || status === 429 || TRANSIENT_STATUS.has(status);
}

/** A GraphQL error of an answer as the client throws it. */
export function fromGraphQLError(
  error: { message?: unknown; extensions?: Record<string, unknown> },
  status: number,
): RegularsError {
  const details = error.extensions ?? {};
  const code = typeof details.code === "string" ? details.code : status === 429 ? "RATE_LIMITED" : "HTTP_ERROR";
  return new RegularsError({
    code,
    message: typeof error.message === "string" ? error.message : code,
    status,
    details,
    retryable: isRetryable(code, status, details),
  });
}

/** An HTTP answer without GraphQL errors that is not a success (a gateway's 502 page, a 413 from a proxy). */
export function fromHttpStatus(status: number, text: string): RegularsError {
  const code = status === 429 ? "RATE_LIMITED" : status === 413 ? "PAYLOAD_TOO_LARGE" : "HTTP_ERROR";
  return new RegularsError({
    code,
    message: `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ""}`,
    status,
    retryable: isRetryable(code, status, {}),
  });
}

/** No answer: the request may or may not have run, so only an idempotent request may be sent again (ours all are). */
export function networkError(cause: unknown, timedOut: boolean): RegularsError {
  // Node's fetch says "fetch failed" and puts the reason (ECONNREFUSED, ENOTFOUND…) in its cause.
  const code = (cause as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const reason = timedOut
    ? "the request timed out"
    : `${cause instanceof Error ? cause.message : String(cause)}${typeof code === "string" ? ` (${code})` : ""}`;
  return new RegularsError({
    code: "NETWORK_ERROR",
    message: `No answer from the Regulars API: ${reason}`,
    status: 0,
    retryable: true,
    cause,
  });
}
