/**
 * The GraphQL API as a Lambda handler (API Gateway HTTP API, payload v2),
 * made for one environment. The Lambda entry (functions/graphql.ts) makes it
 * once per cold start; the local server makes its own with this very function
 * behind an HTTP → event adapter.
 */
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import { randomUUID } from "node:crypto";
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context as LambdaContext } from "aws-lambda";
import { GraphQLError } from "graphql";
import { armor } from "../graphql/armor.js";
import { batched } from "../graphql/batch.js";
import { errorLoggingPlugin, formatError } from "../graphql/errors.js";
import type { Context } from "../graphql/context.js";
import { schema } from "../graphql/schema.js";
import { authenticate, jwksCache } from "./adapters/authenticate.js";
import { callerCache } from "./adapters/callerCache.js";
import type { Clock } from "./adapters/clock.js";
import { systemClock } from "./adapters/clock.js";
import { cognitoIdentity } from "./adapters/identity/cognito.js";
import { localIdentity } from "./adapters/identity/local.js";
import { cryptoIds } from "./adapters/ids.js";
import { httpWebhookSender } from "./adapters/webhooks/http.js";
import type { Deps } from "./app/deps.js";
import { memberAccounts } from "./app/loyalty/account.js";
import { rateLimiter, rateLimitFromEnv, type RateLimiter } from "./app/rateLimit.js";
import { configFromEnv, type AppConfig } from "./config.js";
import { DomainError, RateLimitedError } from "./core/errors.js";
import { createDb, type Db } from "./data/db.js";
import { getStaff } from "./data/staff.js";
import { getStore } from "./data/stores.js";
import { lambdaHandler } from "./lambdaAdapter.js";

/** A per-request memo of single-item reads inside the caller's merchant. */
function memo<T>(load: (id: string) => Promise<T | undefined>, merchantId: string | undefined) {
  const cache = new Map<string, Promise<T | undefined>>();
  return (id: string) => {
    if (!merchantId) return Promise.resolve(undefined);
    if (!cache.has(id)) cache.set(id, load(id));
    return cache.get(id)!;
  };
}

/** Largest request body the API accepts; a GraphQL operation never needs more. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type GraphqlHandler = (
  event: APIGatewayProxyEventV2,
  context: LambdaContext,
) => Promise<APIGatewayProxyStructuredResultV2>;

function apolloServer(config: AppConfig, limits: ReturnType<typeof armor>) {
  // Apollo 5 keeps CSRF prevention on by default (a POST must be application/json or
  // carry a preflight header; a GET cannot run a mutation); it is left on.
  return new ApolloServer<Context>({
    schema,
    formatError,
    // Apollo's hosted-service plugins, off for good: the bundle leaves them out (infra UNUSED_APOLLO_PLUGINS).
    plugins: [
      errorLoggingPlugin,
      ...limits.plugins,
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStore,
    ],
    validationRules: limits.validationRules,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
  });
}

/**
 * Every answer of the pipeline is `cache-control: no-store`, as Apollo's cache-control plugin answers
 * when no type or field has a cache hint (none has). That plugin is off: it wraps every field's
 * resolver to collect hints, a cost on every field of every request for a header that never changes.
 */
const noStore: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        // As that plugin does: a header it cannot parse (APQ's "private, no-cache, must-revalidate") is kept.
        const existing = response.http.headers.get("cache-control");
        if (existing && existing !== "no-store" && !/^max-age=\d+, (public|private)$/.test(existing)) return;
        response.http.headers.set("cache-control", "no-store");
      },
    };
  },
};

/** A domain refusal while reading the caller becomes a GraphQL error with its HTTP status. */
function callerError(error: unknown): unknown {
  if (error instanceof RateLimitedError) {
    const retryAfter = String(error.details.retryAfter);
    return new GraphQLError(error.message, {
      originalError: error,
      extensions: { code: error.kind, http: { status: 429, headers: new HeaderMap([["retry-after", retryAfter]]) } },
    });
  }
  if (error instanceof DomainError) {
    return new GraphQLError(error.message, {
      originalError: error,
      extensions: { code: error.kind, http: { status: error.kind === "UNAUTHENTICATED" ? 401 : 400 } },
    });
  }
  return error;
}

/** Who is calling, with the request's memos: the API key or token, rate-limited when it is a key. */
function contextBuilder(config: AppConfig, deps: Deps, limiter: RateLimiter) {
  const { db, callers } = deps;
  const keys = jwksCache();
  return async (headers: Record<string, string | undefined>, requestId: string): Promise<Context> => {
    try {
      const caller = await authenticate(headers, { db, token: config.token, keys, callers, clock: deps.clock });
      if (caller.kind === "apiKey") limiter.admit(caller);
      const merchantId = caller.kind === "staff" || caller.kind === "apiKey" ? caller.merchantId : undefined;
      return {
        caller,
        deps,
        requestId,
        storeLoader: memo((id) => getStore(db, merchantId!, id), merchantId),
        staffLoader: memo((id) => getStaff(db, merchantId!, id), merchantId),
        accountLoader: batched((memberIds) => memberAccounts(deps, caller, memberIds)),
      };
    } catch (error) {
      throw callerError(error);
    }
  };
}

export interface HandlerOptions {
  /** Wraps the table client (tests count or fail its requests); unused in Lambda. */
  wrapDb?: (db: Db) => Db;
  /** The clock (tests move it to expire cached credentials); the system's in Lambda. */
  clock?: Clock;
}

/**
 * The handler for one environment (its table, token issuer, identity provider
 * and limits), read once: in Lambda at cold start, locally once per server.
 */
export function createGraphqlHandler(
  env: NodeJS.ProcessEnv = process.env,
  options: HandlerOptions = {},
): GraphqlHandler {
  const config = configFromEnv(env);
  const plain = createDb({ tableName: config.tableName, endpoint: config.dynamodbEndpoint });
  const db = options.wrapDb ? options.wrapDb(plain) : plain;
  const identity = config.identity.kind === "cognito" ? cognitoIdentity(config.identity.userPoolId) : localIdentity(db);
  const clock = options.clock ?? systemClock;
  const webhooks = httpWebhookSender({ production: config.production });
  const deps: Deps = { db, clock, ids: cryptoIds, identity, callers: callerCache(clock), webhooks };
  const limiter = rateLimiter(deps, rateLimitFromEnv(env), (entry) => console.warn(JSON.stringify(entry)));
  const buildContext = contextBuilder(config, deps, limiter);
  const apolloHandler = lambdaHandler(apolloServer(config, armor()), ({ event, context }) =>
    buildContext(event.headers ?? {}, context?.awsRequestId ?? event.requestContext?.requestId ?? randomUUID()),
  );
  return async (event, context) => {
    if (event.body && Buffer.byteLength(event.body, event.isBase64Encoded ? "base64" : "utf8") > MAX_BODY_BYTES) {
      return {
        statusCode: 413,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          errors: [{ message: "Request body is larger than 1 MB", extensions: { code: "PAYLOAD_TOO_LARGE" } }],
        }),
      };
    }
    try {
      return await apolloHandler(event, context);
    } finally {
      // The rate limiter's counter write runs beside the operation; Lambda may freeze once this returns.
      await limiter.settle();
    }
  };
}
