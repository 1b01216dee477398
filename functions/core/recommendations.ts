/**
 * Recommendations (智能推荐): products to offer a member, from the member's own
 * history ("buy again") and from what members who bought the same products
 * also bought ("similar"). Pure: the data layer hands in the member's recent
 * orders and the co-purchase counts of the member's top products.
 */
import { ValidationError } from "./errors.js";

/** An order line as the history needs it (orders store more). */
export interface HistoryLine {
  /** Amount lines (a sale without products) are no product: never history, never co-purchased. */
  kind?: string;
  sku: string;
  name?: string;
  category?: string;
  qty: number;
  refundedQty?: number;
}

export interface HistoryOrder {
  at: string;
  lines: HistoryLine[];
}

/** One product of a member's history. */
export interface SkuHistory {
  sku: string;
  name?: string;
  category?: string;
  /** Orders the product was in (fully refunded lines do not count). */
  orders: number;
  /** Units kept (bought less refunded). */
  qty: number;
  /** When the member last bought it (UTC ISO). */
  lastAt: string;
}

/** How often members who bought `sku` also bought `otherSku` in the same order. */
export interface CoPurchase {
  sku: string;
  otherSku: string;
  count: number;
  name?: string;
  category?: string;
}

export type RecommendationReason = "history" | "similar";

export interface Recommendation {
  sku: string;
  name?: string;
  category?: string;
  /** 0–1: relative to the strongest recommendation of the same reason, 4 decimals. */
  score: number;
  reason: RecommendationReason;
  /** The member's own products it came from (for "history", the product itself). */
  fromSkus: string[];
  /** Orders of the member with it ("history"), or co-purchases behind it ("similar"). */
  count: number;
  /** When the member last bought it ("history" only). */
  lastBoughtAt?: string;
}

export interface RecommendOptions {
  /** Days after which a purchase counts half as much for "buy again". */
  halfLifeDays: number;
  /** Leave out of "buy again" products bought within this many days (0: none left out). */
  skipBoughtWithinDays: number;
  /** A product the member bought in at least this many orders is never offered as "similar". */
  frequentOrders: number;
}

export const RECOMMEND_DEFAULTS: RecommendOptions = { halfLifeDays: 30, skipBoughtWithinDays: 0, frequentOrders: 2 };

/** At most this many recommendations per request. */
export const MAX_RECOMMENDATIONS = 20;
/** How many of the member's own products the co-purchase look-up starts from. */
export const SOURCE_SKUS = 5;

const DAY = 86_400_000;
const round = (value: number) => Math.round(value * 10_000) / 10_000;
const bySku = (a: { sku: string }, b: { sku: string }) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);

/** The requested number of recommendations: a whole number from 1 to 20. */
export function recommendationLimit(value: unknown, fallback = 5): number {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_RECOMMENDATIONS) {
    throw new ValidationError("limit", `limit must be a whole number from 1 to ${MAX_RECOMMENDATIONS}`);
  }
  return value as number;
}

/**
 * A member's products from their orders: orders, units kept and last purchase, net of refunded lines; sorted by sku.
 */
export function skuHistory(orders: HistoryOrder[]): SkuHistory[] {
  const found = new Map<string, SkuHistory>();
  for (const order of orders) {
    const seen = new Set<string>();
    for (const line of order.lines) {
      const kept = line.qty - (line.refundedQty ?? 0);
      if (kept <= 0 || line.kind === "amount") continue;
      const entry = found.get(line.sku) ?? { sku: line.sku, orders: 0, qty: 0, lastAt: order.at };
      if (!seen.has(line.sku)) entry.orders++;
      seen.add(line.sku);
      entry.qty += kept;
      // Name and category as last sold.
      if (order.at >= entry.lastAt || entry.name === undefined) {
        entry.lastAt = order.at > entry.lastAt ? order.at : entry.lastAt;
        entry.name = line.name ?? entry.name;
        entry.category = line.category ?? entry.category;
      }
      found.set(line.sku, entry);
    }
  }
  return [...found.values()].sort(bySku);
}

/** How strongly a product calls to be bought again: orders × a recency decay (halves every `halfLifeDays`). */
export function historyScore(entry: SkuHistory, now: string, halfLifeDays = RECOMMEND_DEFAULTS.halfLifeDays): number {
  const days = Math.max(0, (Date.parse(now) - Date.parse(entry.lastAt)) / DAY);
  return entry.orders * Math.pow(0.5, days / halfLifeDays);
}

/** The member's top products by history score (ties by sku): where the co-purchase look-up starts. */
export function sourceSkus(
  history: SkuHistory[],
  now: string,
  count = SOURCE_SKUS,
  halfLifeDays = RECOMMEND_DEFAULTS.halfLifeDays,
): string[] {
  return history
    .map((entry) => ({ sku: entry.sku, score: historyScore(entry, now, halfLifeDays) }))
    .sort((a, b) => b.score - a.score || bySku(a, b))
    .slice(0, count)
    .map((entry) => entry.sku);
}

/** "Buy again": the member's products by orders × recency, scaled so the strongest is 1. */
function buyAgain(history: SkuHistory[], now: string, options: RecommendOptions): Recommendation[] {
  const skipAfter = Date.parse(now) - options.skipBoughtWithinDays * DAY;
  const candidates = history
    .filter((entry) => options.skipBoughtWithinDays <= 0 || Date.parse(entry.lastAt) < skipAfter)
    .map((entry) => ({ entry, raw: historyScore(entry, now, options.halfLifeDays) }));
  const best = Math.max(0, ...candidates.map((c) => c.raw));
  if (best <= 0) return [];
  return candidates.map(({ entry, raw }) => ({
    sku: entry.sku,
    name: entry.name,
    category: entry.category,
    score: round(raw / best),
    reason: "history",
    fromSkus: [entry.sku],
    count: entry.orders,
    lastBoughtAt: entry.lastAt,
  }));
}

/**
 * "Members who bought X also bought Y": each co-purchase count weighed by how
 * much X matters to this member, summed per Y, scaled so the strongest is 1.
 * Products the member already buys often are left out.
 */
function alsoBought(
  history: SkuHistory[],
  coPurchases: CoPurchase[],
  now: string,
  options: RecommendOptions,
): Recommendation[] {
  const own = new Map(history.map((entry) => [entry.sku, historyScore(entry, now, options.halfLifeDays)]));
  const strongest = Math.max(0, ...own.values());
  if (strongest <= 0) return [];
  const frequent = new Set(history.filter((entry) => entry.orders >= options.frequentOrders).map((entry) => entry.sku));
  const found = new Map<
    string,
    { sku: string; name?: string; category?: string; raw: number; count: number; from: Map<string, number> }
  >();
  for (const co of coPurchases) {
    const weight = own.get(co.sku);
    if (weight === undefined || co.count <= 0 || co.otherSku === co.sku || frequent.has(co.otherSku)) continue;
    const entry = found.get(co.otherSku) ?? { sku: co.otherSku, raw: 0, count: 0, from: new Map<string, number>() };
    const contribution = co.count * (weight / strongest);
    entry.raw += contribution;
    entry.count += co.count;
    entry.from.set(co.sku, (entry.from.get(co.sku) ?? 0) + contribution);
    entry.name ??= co.name;
    entry.category ??= co.category;
    found.set(co.otherSku, entry);
  }
  const best = Math.max(0, ...[...found.values()].map((entry) => entry.raw));
  if (best <= 0) return [];
  return [...found.values()].map((entry) => ({
    sku: entry.sku,
    name: entry.name,
    category: entry.category,
    score: round(entry.raw / best),
    reason: "similar",
    fromSkus: [...entry.from.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([sku]) => sku),
    count: entry.count,
  }));
}

/**
 * What to offer a member, best first: "buy again" and "similar" together, each
 * product once (under the reason that scores it higher; history on a tie),
 * ordered by score, then history before similar, then sku — the same input
 * always gives the same list.
 */
export function recommend(
  input: { history: SkuHistory[]; coPurchases: CoPurchase[]; now: string; limit: number },
  options: Partial<RecommendOptions> = {},
): Recommendation[] {
  const settings = { ...RECOMMEND_DEFAULTS, ...options };
  const best = new Map<string, Recommendation>();
  for (const candidate of [
    ...buyAgain(input.history, input.now, settings),
    ...alsoBought(input.history, input.coPurchases, input.now, settings),
  ]) {
    const held = best.get(candidate.sku);
    if (!held || candidate.score > held.score) best.set(candidate.sku, candidate);
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || (a.reason === b.reason ? 0 : a.reason === "history" ? -1 : 1) || bySku(a, b))
    .slice(0, input.limit);
}

/**
 * The distinct products of an order, at most `max` (the first ones as listed), amount lines left out: the
 * co-purchase counter's input.
 */
export function orderSkus<L extends { sku: string; kind?: string }>(lines: L[], max: number): L[] {
  const seen = new Map<string, L>();
  for (const line of lines)
    if (line.kind !== "amount" && !seen.has(line.sku) && seen.size < max) seen.set(line.sku, line);
  return [...seen.values()];
}
