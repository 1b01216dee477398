/**
 * What follows a newly written purchase outside its transaction: the
 * merchant's tag rules (e.g. 3 toy purchases in 90 days → a tag) and the
 * co-purchase counts behind recommendations. Neither is money, so a failure
 * here is logged and never undoes the purchase. Called once per new order id,
 * so a retried purchase counts nothing twice.
 */
import type { TagRule } from "../core/segments.js";
import type { Deps } from "./deps.js";
import { countCoPurchases } from "./recommendations.js";
import { applyTagRules } from "./segments.js";

export interface WrittenPurchase {
  merchantId: string;
  memberId: string;
  order: { id: string; lines: { kind?: string; sku: string; name?: string; category?: string }[] };
  account: { lifetimeSpend: number };
  memberTags: string[];
  tagRules: TagRule[];
}

export async function afterPurchase(deps: Deps, purchase: WrittenPurchase): Promise<void> {
  const { merchantId, memberId } = purchase;
  await applyTagRules(deps, merchantId, memberId, purchase.account, purchase.memberTags, purchase.tagRules).catch(
    (error) =>
      console.error(JSON.stringify({ level: "error", message: "tag rules failed", memberId, error: String(error) })),
  );
  // Advisory counts: countCoPurchases logs and swallows its own failure.
  await countCoPurchases(deps, merchantId, purchase.order);
}
