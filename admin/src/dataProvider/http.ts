/** The HTTP side of GraphQL calls: credentials on every request, errors kept readable. */
import { authHeaders } from "../auth/session";
import type { Document, VariablesArgument } from "./document";
import { ApiError, fromGraphQLErrors, httpFailure, type GraphQLErrorLike } from "./errors";

/** A GraphQL answer: its data, its errors, or both (a partial answer). */
export interface GraphQLAnswer<TResult = Record<string, unknown>> {
  data?: TResult | null;
  errors?: GraphQLErrorLike[];
}

/** The answer's body when it is JSON, whatever the status: the API answers 401 or 400 with GraphQL errors. */
async function readAnswer<TResult>(response: Response): Promise<GraphQLAnswer<TResult> | undefined> {
  if (!(response.headers.get("content-type") ?? "").includes("json")) return undefined;
  try {
    return (await response.json()) as GraphQLAnswer<TResult>;
  } catch {
    return undefined;
  }
}

/**
 * POST one operation with the signed-in staff member's token and read the answer. A request that got no
 * GraphQL answer (offline, a proxy's error page) fails with an ApiError; the answer's errors are the caller's.
 */
export async function graphqlPost<TResult>(
  url: string,
  query: string,
  variables: object,
  signal?: AbortSignal,
): Promise<GraphQLAnswer<TResult>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...authHeaders() },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError("ra.notification.offline");
  }
  const answer = await readAnswer<TResult>(response);
  if (answer && (response.ok || answer.errors?.length)) return answer;
  throw httpFailure(response.ok ? undefined : response.status);
}

/** A single GraphQL request outside react-admin's calls (sign-in checks, tags, the worklist…): its data. */
export async function graphqlRequest<TResult, TVariables>(
  url: string,
  query: Document<TResult, TVariables>,
  ...[variables = {} as TVariables]: VariablesArgument<TVariables>
): Promise<TResult> {
  const answer = await graphqlPost<TResult>(url, query, variables as object);
  if (answer.errors?.length) throw fromGraphQLErrors(answer.errors);
  return answer.data as TResult;
}
