/**
 * Recommendations (智能推荐) for a member, and the co-purchase counting that
 * feeds them. Reading is bounded: the member, ≤ 50 newest orders, and one
 * Query per top product (≤ 5). Counting is advisory: it follows a newly
 * written purchase and never fails or undoes it.
 */
import { requireMerchant, type Caller } from "../core/access.js";
import {
  orderSkus,
  recommend,
  recommendationLimit,
  skuHistory,
  sourceSkus,
  type Recommendation,
} from "../core/recommendations.js";
import * as repo from "../data/recommendations.js";
import type { Deps } from "./deps.js";
import { getMember } from "./members.js";

/** What to offer a member at the till, best first; NOT_FOUND outside the caller's view. */
export async function memberRecommendations(
  deps: Deps,
  caller: Caller,
  memberId: string,
  limit?: number | null,
): Promise<Recommendation[]> {
  const actor = requireMerchant(caller);
  const wanted = recommendationLimit(limit);
  await getMember(deps, actor, memberId);
  const now = deps.clock.now();
  const history = skuHistory(await repo.recentOrders(deps.db, actor.merchantId, memberId));
  const coPurchases = (
    await Promise.all(sourceSkus(history, now).map((sku) => repo.coPurchasesOf(deps.db, actor.merchantId, sku)))
  ).flat();
  return recommend({ history, coPurchases, now, limit: wanted });
}

/**
 * Count the pairs of products of a newly written order (call it only when the
 * order was new, so a retried order id counts nothing twice). Refunds do not
 * subtract: the counts say what is bought together, not what was kept. A
 * failure is logged and swallowed: the counts are advisory, the purchase is money.
 */
export async function countCoPurchases(
  deps: Deps,
  merchantId: string,
  order: { id: string; lines: { kind?: string; sku: string; name?: string; category?: string }[] },
): Promise<void> {
  const products = orderSkus(order.lines, repo.MAX_SKUS_PER_ORDER);
  if (products.length < 2) return;
  try {
    await repo.addCoPurchases(deps.db, merchantId, products);
  } catch (error) {
    console.error(
      JSON.stringify({
        level: "error",
        message: "co-purchase counts failed",
        merchantId,
        orderId: order.id,
        error: String(error),
      }),
    );
  }
}
