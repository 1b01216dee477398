/**
 * The tier review's dates: the date found from an account's growth by month is
 * never later than the one its orders give exactly (so the review, reading
 * only accounts due, never misses a drop); purchases never move it earlier,
 * refunds may; a manual floor or the first tier has none.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMonthGrowth,
  datedTierReview,
  DEFAULT_LADDER,
  tierDueFromMonths,
  tierDueFromOrders,
} from "../../functions/core/points/tiers.js";

const NOW = "2026-12-01T00:00:00.000Z";
const TODAY = "2026-12-01";

/** Orders within the last three years, as (time, growth). */
const orders = fc.array(
  fc.record({
    at: fc
      .integer({ min: Date.parse("2024-01-01T00:00:00Z"), max: Date.parse("2026-11-30T23:00:00Z") })
      .map((ms) => new Date(ms).toISOString()),
    growth: fc.integer({ min: 1, max: 3000 }),
  }),
  { maxLength: 30 },
);

const monthsOf = (list: { at: string; growth: number }[]) =>
  list.reduce<Record<string, number>>((months, order) => addMonthGrowth(months, order.at, order.growth, NOW), {});

describe("tier review dates", () => {
  it("by month are never later than the orders' exact date, for every tier and window", () => {
    fc.assert(
      fc.property(orders, fc.constantFrom("silver", "gold", "black"), fc.constantFrom(90, 365), (list, tierId, w) => {
        const ladder = { ...DEFAULT_LADDER, reviewWindowDays: w };
        const account = { tierId, growthByMonth: monthsOf(list) };
        const byMonth = tierDueFromMonths(ladder, account, TODAY)!;
        const exact = tierDueFromOrders(ladder, account, list, TODAY)!;
        expect(byMonth <= exact).toBe(true);
      }),
    );
  });

  it("none for the first tier or a tier the manual floor holds", () => {
    const growthByMonth = { "2026-11": 5000 };
    expect(tierDueFromMonths(DEFAULT_LADDER, { tierId: "regular", growthByMonth }, TODAY)).toBeUndefined();
    const floored = { tierId: "silver", manualTierId: "gold", growthByMonth };
    expect(tierDueFromMonths(DEFAULT_LADDER, floored, TODAY)).toBeUndefined();
    const under = { tierId: "gold", manualTierId: "silver", growthByMonth };
    expect(tierDueFromMonths(DEFAULT_LADDER, under, TODAY)).toBe("2027-11-01");
  });

  it("a purchase never moves the date earlier; a refund does", () => {
    const before = { tierId: "silver", growthByMonth: { "2026-01": 1200 }, tierDueOn: "2027-01-20" };
    // An exact date (from a review) later than the months say: a small purchase keeps it.
    const bought = { ...before, growthByMonth: addMonthGrowth(before.growthByMonth, NOW, 10, NOW) };
    expect(datedTierReview(DEFAULT_LADDER, before, bought, TODAY).tierDueOn).toBe("2027-01-20");
    // A big one puts it off.
    const more = { ...before, growthByMonth: addMonthGrowth(before.growthByMonth, NOW, 1000, NOW) };
    expect(datedTierReview(DEFAULT_LADDER, before, more, TODAY).tierDueOn).toBe("2027-12-01");
    // A refund of part of January's growth: January no longer reaches silver, due today.
    const refunded = {
      ...before,
      growthByMonth: addMonthGrowth(before.growthByMonth, "2026-01-05T00:00:00Z", -300, NOW),
    };
    expect(datedTierReview(DEFAULT_LADDER, before, refunded, TODAY).tierDueOn).toBe(TODAY);
    // Nothing moved: the date stays.
    expect(datedTierReview(DEFAULT_LADDER, before, { ...before }, TODAY).tierDueOn).toBe("2027-01-20");
  });

  it("months past the longest window drop off; a refund of an order never counted takes nothing", () => {
    const months = addMonthGrowth({ "2022-01": 500, "2026-10": 100 }, "2026-11-02T00:00:00Z", 50, NOW);
    expect(months).toEqual({ "2026-10": 100, "2026-11": 50 });
    expect(addMonthGrowth(months, "2025-05-01T00:00:00Z", -40, NOW)).toEqual(months);
  });
});
