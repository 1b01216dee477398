/**
 * Typed domain errors. Core code throws these; graphql/errors.ts maps each
 * kind to a stable GraphQL `extensions.code` exactly once.
 */
export type ErrorKind =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "CONFLICT"
  | "INSUFFICIENT_BALANCE"
  | "COUPON_REJECTED"
  | "RATE_LIMITED";

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Input that breaks a rule; `field` names the offending input field. */
export class ValidationError extends DomainError {
  constructor(field: string, message: string) {
    super("BAD_USER_INPUT", message, { field });
  }
}

/** The thing does not exist for this caller (also used to hide other tenants' data). */
export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super("NOT_FOUND", `${what} ${id} was not found`, { what, id });
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super("FORBIDDEN", message);
  }
}

/** No or invalid credentials. */
export class UnauthenticatedError extends DomainError {
  constructor(message = "Sign in or send a valid API key") {
    super("UNAUTHENTICATED", message);
  }
}

/** The request conflicts with stored state (e.g. a taken name). */
export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("CONFLICT", message, details);
  }
}

/** A coupon offered at checkout cannot be used; `reason` is one of the quote's rejection reasons. */
export class CouponRejectedError extends DomainError {
  constructor(couponCode: string, reason: string, message: string) {
    super("COUPON_REJECTED", `Coupon ${couponCode}: ${message}`, { field: "couponCodes", couponCode, reason });
  }
}

/** The caller sent more requests in the current window than its limit allows; `retryAfter` is in seconds. */
export class RateLimitedError extends DomainError {
  constructor(limit: number, retryAfter: number) {
    super("RATE_LIMITED", `More than ${limit} requests per second with this API key; retry after ${retryAfter} s`, {
      limit,
      retryAfter,
    });
  }
}
