/**
 * One GraphQL call over HTTP: POST JSON with the API key, as an Automatic Persisted Query (the query's SHA-256
 * first, the text only when the server asks for it), and the same request again after a retryable failure.
 */
import { fromGraphQLError, fromHttpStatus, networkError, RegularsError, type RegularsErrorCode } from "./errors.js";
import { sha256Hex } from "./hex.js";

export interface TransportConfig {
  url: string;
  apiKey: string;
  fetch: typeof globalThis.fetch;
  /** Attempts after the first for a retryable failure. */
  maxRetries: number;
  /** The first back-off, doubled after every attempt, in ms. */
  baseDelayMs: number;
  /** The longest back-off, in ms. */
  maxDelayMs: number;
  /** Gives up on one attempt after this long (NETWORK_ERROR, retried), in ms; 0 = never. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the jitter. */
  random: () => number;
  /** Extra headers on every request (e.g. a tracing header). */
  headers: Record<string, string>;
}

/** What the client remembers between calls: hashes of query texts, and whether the server takes APQ at all. */
export interface PersistedQueries {
  enabled: boolean;
  hashes: Map<string, Promise<string>>;
}

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/** Run an operation: its data, or a RegularsError after the retries allowed. */
export async function execute(
  config: TransportConfig,
  apq: PersistedQueries,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const hash = apq.enabled ? await hashOf(apq, query) : undefined;
  // The text goes along once the server has said it does not know the hash; a retry repeats the body as sent.
  let withQuery = !hash;
  for (let attempt = 0; ;) {
    const body = JSON.stringify({
      ...(withQuery ? { query } : {}),
      variables,
      ...(hash ? { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } } : {}),
    });
    try {
      return await post(config, body);
    } catch (error) {
      if (!(error instanceof RegularsError)) throw error;
      if (!withQuery && isPersistedQueryMiss(error.code)) {
        if (error.code === "PERSISTED_QUERY_NOT_SUPPORTED") apq.enabled = false;
        withQuery = true;
        continue;
      }
      if (!error.retryable || attempt >= config.maxRetries) throw error;
      await config.sleep(backoff(config, attempt++, error));
    }
  }
}

const isPersistedQueryMiss = (code: RegularsErrorCode | string) =>
  code === "PERSISTED_QUERY_NOT_FOUND" || code === "PERSISTED_QUERY_NOT_SUPPORTED";

/** The query's hash, computed once per text; undefined (APQ off) where Web Crypto is missing. */
async function hashOf(apq: PersistedQueries, query: string): Promise<string | undefined> {
  let hash = apq.hashes.get(query);
  if (!hash) {
    hash = sha256Hex(query);
    apq.hashes.set(query, hash);
  }
  try {
    return await hash;
  } catch {
    apq.enabled = false;
    return undefined;
  }
}

/**
 * The wait before attempt `attempt + 2`: exponential, capped, with "equal jitter" (half fixed, half random) so
 * tills racing for one account spread out; at least what a rate limit's retryAfter asks.
 */
export function backoff(
  config: Pick<TransportConfig, "baseDelayMs" | "maxDelayMs" | "random">,
  attempt: number,
  failure?: RegularsError,
): number {
  const ceiling = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** attempt);
  const jittered = ceiling / 2 + (config.random() * ceiling) / 2;
  const retryAfter = Number(failure?.details.retryAfter);
  return Math.round(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.max(jittered, retryAfter * 1000) : jittered);
}

/** One POST: the answer's data, or the RegularsError it amounts to. */
async function post(config: TransportConfig, body: string): Promise<Record<string, unknown>> {
  const signal = config.timeoutMs > 0 ? AbortSignal.timeout(config.timeoutMs) : undefined;
  let response: Response;
  let text: string;
  try {
    response = await config.fetch(config.url, {
      method: "POST",
      headers: { ...config.headers, "content-type": "application/json", "x-api-key": config.apiKey },
      body,
      signal,
    });
    text = await response.text();
  } catch (error) {
    throw networkError(error, signal?.aborted ?? false);
  }
  const answer = parseAnswer(text);
  const first = answer?.errors?.[0];
  if (first) throw withRetryAfter(fromGraphQLError(first, response.status), response);
  if (!response.ok) throw withRetryAfter(fromHttpStatus(response.status, text), response);
  if (!answer?.data) {
    throw new RegularsError({ code: "BAD_RESPONSE", message: "The answer holds no data", status: response.status });
  }
  return answer.data;
}

function parseAnswer(text: string): GraphQLAnswer | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as GraphQLAnswer) : undefined;
  } catch {
    return undefined;
  }
}

/** A 429's Retry-After header (seconds) as details.retryAfter when the body did not say it. */
function withRetryAfter(error: RegularsError, response: Response): RegularsError {
  const header = Number(response.headers.get("retry-after"));
  if (error.details.retryAfter !== undefined || !Number.isFinite(header) || header <= 0) return error;
  return new RegularsError({
    code: error.code,
    message: error.message,
    status: error.status,
    details: { ...error.details, retryAfter: header },
    retryable: error.retryable,
  });
}
