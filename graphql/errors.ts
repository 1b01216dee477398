/**
 * The one place domain errors become GraphQL errors. Anything unexpected is
 * masked; the plugin below logs it and stamps the request id on it.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { DomainError } from "../functions/core/errors.js";
import type { Context } from "./context.js";

/** Codes GraphQL itself (parsing, validation, variables) produces; passed through. */
const PASS_THROUGH = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "OPERATION_RESOLUTION_FAILURE",
]);
const INTERNAL = "INTERNAL_SERVER_ERROR";

/**
 * The DomainError behind an error, following originalError links: errors from
 * the context function arrive wrapped (once by us, once by Apollo).
 */
function domainErrorIn(error: unknown): DomainError | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof DomainError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/**
 * The input field a GraphQL variable error is about (a wrong type, a missing
 * or unknown field), from graphql-js's message: the path inside the variable,
 * without a leading "input." as our own refusals name fields.
 */
export function coercionField(message: string): string | undefined {
  const variable = /^Variable "\$(\w+)"/.exec(message)?.[1];
  if (!variable) return undefined;
  const at = / at "([^"]+)"/.exec(message)?.[1] ?? variable;
  const inner = /; Field "(\w+)" (?:is not defined|of required type)/.exec(message)?.[1];
  const path = [...at.replace(/\[(\d+)\]/g, ".$1").split("."), ...(inner ? [inner] : [])];
  if (path[0] === "input" && path.length > 1) path.shift();
  return path.join(".");
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = domainErrorIn(error) ?? unwrapResolverError(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: original.kind, ...original.details },
    };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code === "BAD_USER_INPUT") {
    const field = coercionField(formatted.message);
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code, ...(field ? { field } : {}) },
    };
  }
  if (code && PASS_THROUGH.has(code))
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  if (isRequestError(error)) return { message: formatted.message, extensions: { code: "BAD_REQUEST" } };
  return { message: "Internal error", path: formatted.path, extensions: { code: INTERNAL } };
}

/**
 * An error Apollo raised about the request itself with a 4xx status but no code (e.g. "provided sha does not
 * match query" for a persisted query): the caller's mistake, answered as BAD_REQUEST, not masked as internal.
 */
function isRequestError(error: unknown): boolean {
  const status = (error as { extensions?: { http?: { status?: number } } })?.extensions?.http?.status;
  return error instanceof GraphQLError && !error.extensions?.code && !!status && status >= 400 && status < 500;
}

/** Log unexpected errors with the request id and put that id in the masked message. */
export const errorLoggingPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          const original = domainErrorIn(error) ?? unwrapResolverError(error);
          if (original instanceof DomainError || PASS_THROUGH.has(error.extensions?.code as string)) continue;
          if (isRequestError(error)) continue;
          console.error(
            JSON.stringify({
              level: "error",
              requestId: contextValue.requestId,
              message: (original as Error)?.message,
              stack: (original as Error)?.stack,
            }),
          );
        }
      },
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== "single") return;
        const errors = response.body.singleResult.errors;
        if (!errors?.some((error) => error.extensions?.code === INTERNAL)) return;
        response.body.singleResult.errors = errors.map((error) =>
          error.extensions?.code === INTERNAL
            ? {
                ...error,
                message: `Internal error; quote request id ${contextValue.requestId}`,
                extensions: { ...error.extensions, requestId: contextValue.requestId },
              }
            : error,
        );
      },
    };
  },
};
