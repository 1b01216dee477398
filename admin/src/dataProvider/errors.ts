/**
 * One shape for every API failure the console sees: its code, the field it is about, and its message in
 * the console's language (refusals.ts), which is also the form error next to that field.
 */
import { i18nProvider } from "../i18n";
import { refusalMessage } from "./refusals";

export interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: unknown; [key: string]: unknown };
}

/** A form's errors as react-admin takes them from a failed save: by field, and the notification's text (root). */
export type FormErrors = Record<string, unknown> & { root?: { serverError: string } };

export class ApiError extends Error {
  /**
   * react-admin's server-side validation shape: the message next to the input it concerns, and as the
   * notification (root.serverError) whether or not the form has that input.
   */
  readonly body?: { errors: FormErrors };

  constructor(
    message: string,
    /** The GraphQL error code (extensions.code), e.g. BAD_USER_INPUT, FORBIDDEN, UNAUTHENTICATED. */
    readonly code?: string,
    /** HTTP status when the failure was not a GraphQL error. */
    readonly status?: number,
    /** The input field a validation error is about (extensions.field). */
    readonly field?: string,
    /** The API's own (English) message, for developers. */
    readonly apiMessage?: string,
  ) {
    super(message);
    this.name = "ApiError";
    if (field) this.body = { errors: { ...nested(field, message), root: { serverError: message } } };
  }
}

/** birthday.day → { birthday: { day: message } }, as react-hook-form names nested inputs. */
function nested(path: string, message: string): Record<string, unknown> {
  return path.split(".").reduceRight<unknown>((inner, part) => ({ [part]: inner }), message) as Record<string, unknown>;
}

/** The first GraphQL error, with its code (and field, for bad input), in the console's language. */
export function fromGraphQLErrors(errors: readonly GraphQLErrorLike[]): ApiError {
  const [first] = errors;
  const code = typeof first?.extensions?.code === "string" ? first.extensions.code : undefined;
  const field = typeof first?.extensions?.field === "string" ? first.extensions.field : undefined;
  const apiMessage = first?.message ?? "";
  const message = refusalMessage({ code, field, message: apiMessage }, i18nProvider.translate);
  return new ApiError(message, code, undefined, field, apiMessage);
}

/** An HTTP answer without a GraphQL body (a proxy's 502, an expired token's 401) as an ApiError. */
export function httpFailure(status: number | undefined, message?: string): ApiError {
  if (status === 401) return new ApiError("ra.notification.logged_out", "UNAUTHENTICATED", 401);
  if (status === 403) return new ApiError("ra.notification.not_authorized", "FORBIDDEN", 403);
  return new ApiError(message || "ra.notification.http_error", undefined, status);
}

/** Whatever a call threw (an HttpError of react-admin's, a network failure, our own ApiError) as an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const candidate = error as { message?: string; status?: number } | null;
  const status = candidate?.status && candidate.status !== 200 ? candidate.status : undefined;
  return httpFailure(status, candidate?.message);
}

/** True when the API refused the caller's credentials: the console must sign in again. */
export function isUnauthenticated(error: unknown): boolean {
  const apiError = toApiError(error);
  return apiError.code === "UNAUTHENTICATED" || apiError.status === 401;
}

/**
 * Show the API's refusal as a notification and return it as a form error on
 * the field the API named (react-admin's save() return value), mapped to the
 * form's field name when they differ.
 */
export function refusal(
  error: unknown,
  notify: (message: string, options: { type: "error"; messageArgs: { _: string } }) => void,
  formField: (apiField: string) => string = (field) => field,
): Record<string, string> | undefined {
  const refused = toApiError(error);
  notify(refused.message, { type: "error", messageArgs: { _: refused.message } });
  return refused.field ? { [formField(refused.field)]: refused.message } : undefined;
}
