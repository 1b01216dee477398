/** The HTTP side of GraphQL calls: credentials on every request, errors kept readable. */
import { authHeaders } from "../auth/session";
import type { Document, VariablesArgument } from "./document";
import { ApiError, fromGraphQLErrors, type GraphQLErrorLike } from "./errors";

/**
 * fetch for GraphQL requests. It adds the signed-in staff member's token and,
 * because Apollo's HttpLink throws away the body of non-2xx answers (the API
 * answers 401 or 400 with a GraphQL error body), it hands such answers on as
 * 200 so their message and code reach the console.
 */
export async function graphqlFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(authHeaders())) headers.set(name, value);
  const response = await fetch(input, { ...init, headers });
  if (response.ok || !(response.headers.get("content-type") ?? "").includes("json")) return response;
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      return new Response(text, { status: 200, headers: { "content-type": "application/json" } });
    }
  } catch {
    // not a GraphQL body: fall through with the original status
  }
  return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** A single GraphQL request outside react-admin's data provider (sign-in checks). */
export async function graphqlRequest<TResult, TVariables>(
  url: string,
  query: Document<TResult, TVariables>,
  ...[variables = {} as TVariables]: VariablesArgument<TVariables>
): Promise<TResult> {
  let response: Response;
  try {
    response = await graphqlFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("ra.notification.offline");
  }
  if (!response.ok)
    throw new ApiError(
      response.status === 401 ? "ra.notification.logged_out" : "ra.notification.http_error",
      response.status === 401 ? "UNAUTHENTICATED" : undefined,
      response.status,
    );
  const body = (await response.json()) as { data?: TResult; errors?: GraphQLErrorLike[] };
  if (body.errors?.length) throw fromGraphQLErrors(body.errors);
  return body.data as TResult;
}
