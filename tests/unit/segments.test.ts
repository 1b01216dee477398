/** RFM scores and classes, tag rules and segment filters. */
import { describe, expect, it } from "vitest";
import { matches, parseRfm, parseSegmentFilter, rfm, rfmClass, tagsEarned } from "../../functions/core/segments.js";
import type { Member } from "../../functions/core/model.js";

const NOW = "2026-06-30T00:00:00.000Z";
const daysAgo = (n: number) => new Date(Date.parse(NOW) - n * 86_400_000).toISOString();

describe("RFM", () => {
  it("scores each dimension 1–5 by the default thresholds", () => {
    expect(rfm({ visits: 25, lastVisitAt: daysAgo(3), lifetimeSpend: 600_000 }, NOW)).toEqual({
      r: 5,
      f: 5,
      m: 5,
      class: "高价值",
      frequencyClass: "high",
    });
    expect(rfm({ visits: 6, lastVisitAt: daysAgo(45), lifetimeSpend: 60_000 }, NOW)).toMatchObject({
      r: 3,
      f: 3,
      m: 3,
    });
    expect(rfm({ visits: 1, lastVisitAt: daysAgo(400), lifetimeSpend: 500 }, NOW)).toEqual({
      r: 1,
      f: 1,
      m: 1,
      class: "一般挽留",
      frequencyClass: "low",
    });
    expect(rfm(undefined, NOW)).toMatchObject({ r: 1, f: 1, m: 1 });
  });

  it("names all eight classes", () => {
    expect([
      rfmClass(5, 5, 5),
      rfmClass(5, 1, 5),
      rfmClass(1, 5, 5),
      rfmClass(1, 1, 5),
      rfmClass(5, 5, 1),
      rfmClass(5, 1, 1),
      rfmClass(1, 5, 1),
      rfmClass(1, 1, 1),
    ]).toEqual(["高价值", "重要发展", "重要保持", "重要挽留", "一般价值", "一般发展", "一般保持", "一般挽留"]);
  });

  it("refuses thresholds that do not move the right way", () => {
    expect(() => parseRfm({ recencyDays: [30, 7, 90, 180] })).toThrow(/rise/);
    expect(() => parseRfm({ monetary: [1, 2, 3, 4] })).toThrow(/fall/);
    expect(() => parseRfm({ frequency: [3, 2, 1] as never })).toThrow(/4 whole numbers/);
  });
});

describe("tag rules", () => {
  const rules = [
    { id: "r1", tag: "亲子家庭", kind: "category_count" as const, category: "toys", count: 3, days: 90 },
    { id: "r2", tag: "高消费", kind: "lifetime_spend" as const, amount: 100_000 },
  ];
  const toy = (n: number, refunded = 0) => ({
    at: daysAgo(n),
    lines: [{ category: "toys", qty: 1, refundedQty: refunded }],
  });
  it("counts purchases with the category inside the window, not refunded lines or older ones", () => {
    expect(tagsEarned(rules, { lifetimeSpend: 0 }, [toy(1), toy(10), toy(89)], NOW)).toEqual(["亲子家庭"]);
    expect(tagsEarned(rules, { lifetimeSpend: 0 }, [toy(1), toy(10), toy(91)], NOW)).toEqual([]);
    expect(tagsEarned(rules, { lifetimeSpend: 0 }, [toy(1), toy(10), toy(20, 1)], NOW)).toEqual([]);
    expect(tagsEarned(rules, { lifetimeSpend: 100_000 }, [], NOW)).toEqual(["高消费"]);
  });
});

describe("segment filters", () => {
  const member = {
    status: "active",
    tags: ["奶茶控"],
    homeStoreId: "s1",
    birthday: { month: 6, day: 1 },
    marketingSms: { granted: true },
  } as unknown as Member;
  const facts = {
    tierId: "gold",
    stage: "active" as const,
    rfmClass: "高价值" as const,
    lifetimeSpend: 50_000,
    balance: 2_000,
  };
  it("needs every criterion, any value within one", () => {
    expect(
      matches(
        parseSegmentFilter({
          tierIds: ["gold", "black"],
          tags: ["奶茶控", "x"],
          stages: ["active"],
          rfmClasses: ["高价值"],
          storeIds: ["s1"],
          birthdayMonth: 6,
          marketingConsent: true,
          spendMin: 50_000,
          spendMax: 80_000,
          balanceMax: 2_000,
        }),
        member,
        facts,
      ),
    ).toBe(true);
    expect(matches(parseSegmentFilter({ spendMin: 50_001 }), member, facts)).toBe(false);
    expect(matches(parseSegmentFilter({ spendMax: 49_999 }), member, facts)).toBe(false);
    expect(matches(parseSegmentFilter({ balanceMin: 2_001 }), member, facts)).toBe(false);
    expect(matches(parseSegmentFilter({ birthdayMonth: 7 }), member, facts)).toBe(false);
    expect(matches(parseSegmentFilter({ marketingConsent: false }), member, facts)).toBe(false);
    expect(matches(parseSegmentFilter({}), { ...member, status: "erased" } as Member, facts)).toBe(false);
  });
  it("refuses amounts that are not whole fen in range, and a minimum above the maximum", () => {
    expect(() => parseSegmentFilter({ spendMin: -1 })).toThrow(/spendMin/);
    expect(() => parseSegmentFilter({ balanceMax: 1.5 })).toThrow(/balanceMax/);
    expect(() => parseSegmentFilter({ spendMin: 100_000_001 })).toThrow(/spendMin/);
    expect(() => parseSegmentFilter({ spendMin: 500, spendMax: 100 })).toThrow(/spendMax/);
    expect(parseSegmentFilter({ balanceMin: 0, balanceMax: 0 })).toEqual({ balanceMin: 0, balanceMax: 0 });
  });
  it("refuses unknown stages, classes and months", () => {
    expect(() => parseSegmentFilter({ stages: ["zombie"] })).toThrow(/stages/);
    expect(() => parseSegmentFilter({ rfmClasses: ["VIP"] })).toThrow(/rfmClasses/);
    expect(() => parseSegmentFilter({ birthdayMonth: 13 })).toThrow(/birthdayMonth/);
  });
});
