import { describe, expect, it } from "vitest";
import {
  addMonths,
  DEFAULT_RULES,
  earnLines,
  isMemberDay,
  parseRules,
  refundShare,
} from "../../functions/core/points/rules.js";
import {
  DEFAULT_LADDER,
  parseLadder,
  tierAfterEarning,
  tierAtReview,
  tierFor,
} from "../../functions/core/points/tiers.js";

describe("earning", () => {
  it("per ¥1, per line, floored, with tier and member-day multipliers; excluded lines earn growth only", () => {
    const rules = parseRules({ pointsPerYuan: 1, excludedCategories: ["gift-card"], excludedSkus: ["bag"] });
    const lines = earnLines(
      [
        { sku: "latte", name: "拿铁", category: "coffee", qty: 2, unitPrice: 2850 },
        { sku: "card", name: "储值卡", category: "gift-card", qty: 1, unitPrice: 10000 },
        { sku: "bag", name: "袋子", category: "other", qty: 1, unitPrice: 50 },
      ],
      rules,
      { tier: 1.5, memberDay: 2 },
    );
    expect(lines.map((l) => [l.sku, l.points, l.growth])).toEqual([
      ["latte", 171, 57],
      ["card", 0, 100],
      ["bag", 0, 0],
    ]);
  });

  it("member days are local dates in the merchant's time zone", () => {
    const rules = parseRules({ memberDay: { daysOfMonth: [8], weekdays: [], multiplier: 2 } });
    expect(isMemberDay(rules, "2026-11-07T16:30:00Z", "Asia/Shanghai")).toBe(true);
    expect(isMemberDay(rules, "2026-11-07T16:30:00Z", "Europe/London")).toBe(false);
    expect(
      isMemberDay(
        parseRules({ memberDay: { daysOfMonth: [], weekdays: [3], multiplier: 2 } }),
        "2026-11-25T04:00:00Z",
        "Asia/Shanghai",
      ),
    ).toBe(true);
  });

  it("refunding every unit gives back exactly what the line earned", () => {
    expect([refundShare(57, 2, 0, 1, 0), refundShare(57, 2, 1, 1, 28)]).toEqual([28, 29]);
    expect(refundShare(10, 3, 0, 3, 0)).toBe(10);
  });

  it("lots expire N months later, clamped to the month's end", () => {
    expect(addMonths("2026-01-31T10:00:00.000Z", 1)).toBe("2026-02-28T10:00:00.000Z");
    expect(addMonths("2026-03-15T00:00:00.000Z", 12)).toBe("2027-03-15T00:00:00.000Z");
  });

  it("refuses impossible rules", () => {
    expect(() => parseRules({ pendingDays: -1 })).toThrow(/pendingDays/);
    expect(() => parseRules({ clawbackPolicy: "forgive" as never })).toThrow(/clawbackPolicy/);
    expect(parseRules({}, DEFAULT_RULES)).toEqual(DEFAULT_RULES);
  });
});

describe("tiers", () => {
  it("follow growth up at once; a review may lower them; a manual tier is a floor", () => {
    expect(tierFor(DEFAULT_LADDER, 999).id).toBe("regular");
    expect(tierFor(DEFAULT_LADDER, 1000).id).toBe("silver");
    expect(tierAfterEarning(DEFAULT_LADDER, "gold", 10, undefined).id).toBe("gold");
    expect(tierAfterEarning(DEFAULT_LADDER, "regular", 6000, undefined).id).toBe("gold");
    expect(tierAtReview(DEFAULT_LADDER, 10, undefined).id).toBe("regular");
    expect(tierAtReview(DEFAULT_LADDER, 10, "silver").id).toBe("silver");
  });

  it("a ladder starts at 0 and rises", () => {
    expect(() =>
      parseLadder({
        reviewWindowDays: 365,
        tiers: [{ id: "a", name: "A", threshold: 5, discountPercent: 0, pointsMultiplier: 1 }],
      }),
    ).toThrow(/starts at 0/);
    expect(() =>
      parseLadder({
        reviewWindowDays: 365,
        tiers: [
          { id: "a", name: "A", threshold: 0, discountPercent: 0, pointsMultiplier: 1 },
          { id: "b", name: "B", threshold: 0, discountPercent: 0, pointsMultiplier: 1 },
        ],
      }),
    ).toThrow(/rise/);
    expect(parseLadder(DEFAULT_LADDER)).toEqual(DEFAULT_LADDER);
  });
});
