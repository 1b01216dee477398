/**
 * The storefront client: one method per till operation, each typed with the result codegen generates for its
 * document (operations.ts). Every call goes through transport.ts: API key, persisted queries, retries.
 */
import type * as G from "./generated.js";
import * as ops from "./operations.js";
import type { Document } from "./operations.js";
import { execute, type PersistedQueries, type TransportConfig } from "./transport.js";

export interface RegularsClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A storefront API key (sent as x-api-key). Keep it on a server: never ship it to a browser. */
  apiKey: string;
  /** Attempts after the first for a retryable failure (busy account, rate limit, 502/503/504, no answer); 3. */
  maxRetries?: number;
  /** The first back-off in ms, doubled after every attempt (with jitter); 100. */
  baseDelayMs?: number;
  /** The longest back-off in ms; 5000. */
  maxDelayMs?: number;
  /** Gives up on one attempt after this many ms (then retried as NETWORK_ERROR); 15000; 0 = never. */
  timeoutMs?: number;
  /** Automatic Persisted Queries (send the query's hash, the text only when asked); true. */
  persistedQueries?: boolean;
  /** fetch to use; the global one by default (tests pass a wrapper). */
  fetch?: typeof globalThis.fetch;
  /** How to wait between attempts; setTimeout by default (tests pass their own). */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the back-off's jitter; Math.random by default. */
  random?: () => number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/** The result type of a document. */
export type ResultOf<D> = D extends Document<infer R, unknown> ? R : never;
/** The variables type of a document. */
export type VariablesOf<D> = D extends Document<unknown, infer V> ? V : never;

type Result<K extends keyof typeof ops, F extends keyof ResultOf<(typeof ops)[K]>> = Promise<
  ResultOf<(typeof ops)[K]>[F]
>;

const wait = (ms: number) => new Promise<void>((resume) => setTimeout(resume, ms));

export class RegularsClient {
  readonly #config: TransportConfig;
  readonly #apq: PersistedQueries;

  constructor(options: RegularsClientOptions) {
    if (!options.url) throw new TypeError("RegularsClient needs the API's url");
    if (!options.apiKey) throw new TypeError("RegularsClient needs an API key");
    const fetcher = options.fetch ?? globalThis.fetch;
    this.#config = {
      url: options.url,
      apiKey: options.apiKey,
      // Called bare: a browser's fetch must keep globalThis as `this`.
      fetch: (input, init) => fetcher(input, init),
      maxRetries: Math.max(0, options.maxRetries ?? 3),
      baseDelayMs: options.baseDelayMs ?? 100,
      maxDelayMs: options.maxDelayMs ?? 5_000,
      timeoutMs: options.timeoutMs ?? 15_000,
      sleep: options.sleep ?? wait,
      random: options.random ?? Math.random,
      headers: options.headers ?? {},
    };
    this.#apq = { enabled: options.persistedQueries ?? true, hashes: new Map() };
  }

  /** Any operation: a typed document (operations.ts) or a query text; resolves with its data. */
  async request<R, V extends Record<string, unknown>>(document: Document<R, V>, variables: V): Promise<R>;
  async request<R = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<R>;
  async request(query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
    return execute(this.#config, this.#apq, query, variables);
  }

  /** A member by phone (any common way of writing it), with account, stored value and coupons; null if none. */
  async memberByPhone(phone: string): Result<"MemberByPhone", "memberByPhone"> {
    return (await this.request(ops.MemberByPhone, { phone })).memberByPhone;
  }

  /** A member by typed member code or scanned card payload; null if none. */
  async memberByCode(code: string): Result<"MemberByCode", "memberByCode"> {
    return (await this.request(ops.MemberByCode, { code })).memberByCode;
  }

  /** Enrol a member by phone; idempotent: the same phone answers the same member with created false. */
  async registerMember(input: G.RegisterMemberInput): Result<"RegisterMember", "registerMember"> {
    return (await this.request(ops.RegisterMember, { input })).registerMember;
  }

  /** What a basket costs with coupons, step by step, and why any coupon is refused. Changes nothing. */
  async quoteCheckout(basket: G.BasketInput): Result<"QuoteCheckout", "quoteCheckout"> {
    return (await this.request(ops.QuoteCheckout, { input: basket })).quoteCheckout;
  }

  /** Hold a basket's coupons for a checkout (1–30 minutes, 5 by default); the same holdId extends the hold. */
  async reserveCoupons(variables: G.ReserveCouponsMutationVariables): Result<"ReserveCoupons", "reserveCoupons"> {
    return (await this.request(ops.ReserveCoupons, variables)).reserveCoupons;
  }

  /** Let a hold's coupons go (the sale was abandoned). */
  async releaseCoupons(variables: G.ReleaseCouponsMutationVariables): Result<"ReleaseCoupons", "releaseCoupons"> {
    return (await this.request(ops.ReleaseCoupons, variables)).releaseCoupons;
  }

  /** Record a purchase (coupons, stored-value payment); idempotent by input.orderId. */
  async recordPurchase(input: G.RecordPurchaseInput): Result<"RecordPurchase", "recordPurchase"> {
    return (await this.request(ops.RecordPurchase, { input })).recordPurchase;
  }

  /** Refund lines of an order; idempotent by input.refundId. */
  async refundOrder(input: G.RefundInput): Result<"RefundOrder", "refundOrder"> {
    return (await this.request(ops.RefundOrder, { input })).refundOrder;
  }

  /** Top up a member's stored value; idempotent by paymentId. */
  async topUpStoredValue(
    variables: G.TopUpStoredValueMutationVariables,
  ): Result<"TopUpStoredValue", "topUpStoredValue"> {
    return (await this.request(ops.TopUpStoredValue, variables)).topUpStoredValue;
  }

  /** Check a member in for today; a second check-in the same day answers created false and changes nothing. */
  async checkIn(memberId: string): Result<"CheckIn", "checkIn"> {
    return (await this.request(ops.CheckIn, { memberId })).checkIn;
  }

  /** The stores the key may act for (a store key: its own). */
  async stores(): Promise<G.StoresQuery["stores"]["nodes"]> {
    return (await this.request(ops.Stores, {})).stores.nodes;
  }

  /** The merchant's tiers from the lowest, to name the tier ids events carry. */
  async tiers(): Promise<G.TierLadderQuery["loyaltyConfig"]["ladder"]["tiers"]> {
    return (await this.request(ops.TierLadder, {})).loyaltyConfig.ladder.tiers;
  }
}

/** A client for one API key. */
export const createClient = (options: RegularsClientOptions) => new RegularsClient(options);
