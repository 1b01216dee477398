/** One shape for every API failure the console sees: the API's message and its code. */

export interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: unknown; [key: string]: unknown };
}

export class ApiError extends Error {
  /** react-admin's server-side validation shape: the message next to the input it concerns. */
  readonly body?: { errors: Record<string, string> };

  constructor(
    message: string,
    /** The GraphQL error code (extensions.code), e.g. BAD_USER_INPUT, FORBIDDEN, UNAUTHENTICATED. */
    readonly code?: string,
    /** HTTP status when the failure was not a GraphQL error. */
    readonly status?: number,
    /** The input field a validation error is about (extensions.field). */
    field?: string,
  ) {
    super(message);
    this.name = "ApiError";
    if (field) this.body = { errors: { [field]: message } };
  }
}

/** The first GraphQL error, with its code (and field, for bad input): the one react-admin shows. */
export function fromGraphQLErrors(errors: readonly GraphQLErrorLike[]): ApiError {
  const [first] = errors;
  const code = typeof first?.extensions?.code === "string" ? first.extensions.code : undefined;
  const field = typeof first?.extensions?.field === "string" ? first.extensions.field : undefined;
  return new ApiError(first?.message ?? "ra.notification.http_error", code, undefined, field);
}

/**
 * Whatever a call threw (ra-data-graphql's HttpError wrapping an ApolloError,
 * a network failure, our own ApiError) as an ApiError.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const candidate = error as {
    message?: string;
    status?: number;
    body?: { graphQLErrors?: GraphQLErrorLike[]; networkError?: { statusCode?: number; message?: string } };
    graphQLErrors?: GraphQLErrorLike[];
  } | null;
  const graphQLErrors = candidate?.body?.graphQLErrors ?? candidate?.graphQLErrors;
  if (graphQLErrors && graphQLErrors.length > 0) return fromGraphQLErrors(graphQLErrors);
  const status =
    candidate?.body?.networkError?.statusCode ??
    (candidate?.status && candidate.status !== 200 ? candidate.status : undefined);
  if (status === 401) return new ApiError("ra.notification.logged_out", "UNAUTHENTICATED", 401);
  if (status === 403) return new ApiError("ra.notification.not_authorized", "FORBIDDEN", 403);
  return new ApiError(candidate?.message || "ra.notification.http_error", undefined, status);
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
  const field = Object.keys(refused.body?.errors ?? {})[0];
  return field ? { [formField(field)]: refused.message } : undefined;
}
