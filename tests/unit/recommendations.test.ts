/** Recommendations from a member's own history and from co-purchase counts: pure, deterministic. */
import { describe, expect, it } from "vitest";
import {
  orderSkus,
  recommend,
  recommendationLimit,
  skuHistory,
  sourceSkus,
  type CoPurchase,
  type HistoryOrder,
} from "../../functions/core/recommendations.js";

const NOW = "2026-06-30T12:00:00.000Z";
const daysAgo = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();
const line = (sku: string, qty = 1, extra: Record<string, unknown> = {}) => ({
  sku,
  name: sku.toUpperCase(),
  category: "drink",
  qty,
  ...extra,
});

describe("a member's history", () => {
  it("counts orders, units and the last purchase per product, net of refunded lines", () => {
    // Prepare
    const orders: HistoryOrder[] = [
      { at: daysAgo(1), lines: [line("latte", 2), line("cake", 1, { refundedQty: 1 })] },
      { at: daysAgo(10), lines: [line("latte", 1, { name: "old latte" }), line("latte", 1), line("cake")] },
    ];
    // Act
    const history = skuHistory(orders);
    // Assess
    expect(history).toEqual([
      { sku: "cake", name: "CAKE", category: "drink", orders: 1, qty: 1, lastAt: daysAgo(10) },
      { sku: "latte", name: "LATTE", category: "drink", orders: 2, qty: 4, lastAt: daysAgo(1) },
    ]);
  });

  it("starts the co-purchase look-up from the top 5 products by frequency × recency", () => {
    const orders: HistoryOrder[] = ["a", "b", "c", "d", "e", "f", "g"].map((sku, i) => ({
      at: daysAgo(i * 20),
      lines: [line(sku)],
    }));
    expect(sourceSkus(skuHistory(orders), NOW)).toEqual(["a", "b", "c", "d", "e"]);
  });
});

describe("recommending", () => {
  const history = skuHistory([
    { at: daysAgo(2), lines: [line("latte"), line("croissant")] },
    { at: daysAgo(5), lines: [line("latte")] },
    { at: daysAgo(60), lines: [line("matcha")] },
  ]);
  const co: CoPurchase[] = [
    { sku: "latte", otherSku: "croissant", count: 9, name: "Croissant", category: "bakery" },
    { sku: "latte", otherSku: "cake", count: 6, name: "Cake", category: "bakery" },
    { sku: "latte", otherSku: "latte", count: 3 },
    { sku: "matcha", otherSku: "cake", count: 2, name: "Cake", category: "bakery" },
    { sku: "matcha", otherSku: "mochi", count: 4, name: "Mochi", category: "bakery" },
    { sku: "latte", otherSku: "matcha", count: 1 },
  ];

  it("offers what the member buys often and recently first, as history with the sku it came from", () => {
    const list = recommend({ history, coPurchases: co, now: NOW, limit: 10 });
    expect(list[0]).toEqual({
      sku: "latte",
      name: "LATTE",
      category: "drink",
      score: 1,
      reason: "history",
      fromSkus: ["latte"],
      count: 2,
      lastBoughtAt: daysAgo(2),
    });
  });

  it("offers what members who bought the member's products also bought, weighed by how much those products matter to the member", () => {
    const list = recommend({ history, coPurchases: co, now: NOW, limit: 10 });
    const cake = list.find((r) => r.sku === "cake")!;
    expect(cake).toMatchObject({
      reason: "similar",
      name: "Cake",
      category: "bakery",
      fromSkus: ["latte", "matcha"],
      count: 8,
    });
    // matcha (1 order, 60 days ago) weighs 0.25 / latte (2 orders, 2 days ago); croissant (9) is the strongest.
    expect(cake.score).toBeCloseTo((6 + (2 * 0.5 ** (60 / 30)) / (2 * 0.5 ** (2 / 30))) / 9, 3);
    const mochi = list.find((r) => r.sku === "mochi")!;
    expect(mochi.reason).toBe("similar");
    expect(mochi.score).toBeLessThan(0.5);
  });

  it("never offers as similar what the member already buys often, and lists each product once", () => {
    const list = recommend({ history, coPurchases: co, now: NOW, limit: 20 });
    expect(list.filter((r) => r.sku === "latte")).toHaveLength(1);
    expect(list.find((r) => r.sku === "latte")!.reason).toBe("history");
    expect(new Set(list.map((r) => r.sku)).size).toBe(list.length);
    // croissant was bought once (not often): it may come back as either reason, but once.
    expect(list.filter((r) => r.sku === "croissant")).toHaveLength(1);
  });

  it("is deterministic: ties go history first, then by sku, whatever the input order", () => {
    const a = recommend({ history, coPurchases: co, now: NOW, limit: 20 });
    const b = recommend({ history: [...history].reverse(), coPurchases: [...co].reverse(), now: NOW, limit: 20 });
    expect(b).toEqual(a);
    for (let i = 1; i < a.length; i++) {
      const [x, y] = [a[i - 1], a[i]];
      expect(
        x.score > y.score ||
          (x.score === y.score && (x.reason === "history" ? 0 : 1) <= (y.reason === "history" ? 0 : 1)),
      ).toBe(true);
    }
    expect(a.map((r) => `${r.sku}:${r.reason}`)).toEqual([
      "latte:history",
      "croissant:similar",
      "cake:similar",
      "matcha:history",
      "mochi:similar",
    ]);
  });

  it("keeps to the limit", () => {
    expect(recommend({ history, coPurchases: co, now: NOW, limit: 2 })).toHaveLength(2);
  });

  it("can leave out of buy-again what was bought within a few days", () => {
    const list = recommend({ history, coPurchases: co, now: NOW, limit: 20 }, { skipBoughtWithinDays: 7 });
    expect(list.filter((r) => r.reason === "history").map((r) => r.sku)).toEqual(["matcha"]);
  });

  it("has nothing to offer a member without purchases, whatever others bought", () => {
    expect(recommend({ history: [], coPurchases: co, now: NOW, limit: 5 })).toEqual([]);
  });
});

describe("limits", () => {
  it.each([0, 21, 2.5, -1])("refuses limit %s with a field error", (limit) => {
    expect(() => recommendationLimit(limit)).toThrow(
      expect.objectContaining({ kind: "BAD_USER_INPUT", details: { field: "limit" } }),
    );
  });

  it("defaults to 5 and accepts 1 to 20", () => {
    expect(recommendationLimit(undefined)).toBe(5);
    expect(recommendationLimit(1)).toBe(1);
    expect(recommendationLimit(20)).toBe(20);
  });

  it("counts at most 20 distinct products of an order, the first ones as listed", () => {
    const lines = [...Array.from({ length: 25 }, (_, i) => line(`s${i}`)), line("s0")];
    const kept = orderSkus(lines, 20);
    expect(kept.map((l) => l.sku)).toEqual(Array.from({ length: 20 }, (_, i) => `s${i}`));
  });
});
