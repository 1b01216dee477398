/** The holdout arithmetic (functions/core/holdout.ts, holdoutGroups.ts): groups, attribution windows, estimates. */
import { describe, expect, it } from "vitest";
import {
  attribute,
  holdoutResult,
  newExposure,
  parseAttributionDays,
  parseHoldoutPercent,
} from "../../functions/core/holdout.js";
import { groupOf } from "../../functions/core/holdoutGroups.js";

const DAY = 86_400_000;
const after = (days: number) => new Date(Date.parse("2026-07-08T02:00:00.000Z") + days * DAY).toISOString();

describe("holdout groups", () => {
  it("hold out the share asked for, the same way every time, independently per program", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `m${i}`);
    const held = ids.filter((id) => groupOf("shop", "wakeup:30", id, 10) === "h");
    expect(held.length / ids.length).toBeGreaterThan(0.09);
    expect(held.length / ids.length).toBeLessThan(0.11);
    expect(ids.filter((id) => groupOf("shop", "wakeup:30", id, 10) === "h")).toEqual(held);
    expect(ids.every((id) => groupOf("shop", "wakeup:30", id, 0) === "t")).toBe(true);
    // A larger share keeps everyone a smaller one held out.
    expect(held.every((id) => groupOf("shop", "wakeup:30", id, 30) === "h")).toBe(true);
    const other = ids.filter((id) => groupOf("shop", "birthday", id, 10) === "h");
    const both = other.filter((id) => held.includes(id)).length;
    expect(both / ids.length).toBeGreaterThan(0.005);
    expect(both / ids.length).toBeLessThan(0.015);
  });

  it("refuse a share outside 0–50 or not whole, and a window other than 7, 14 or 30", () => {
    for (const bad of [-1, 51, 10.5, "10", null]) expect(() => parseHoldoutPercent("p", bad)).toThrow(/0 to 50/);
    expect(parseHoldoutPercent("p", 50)).toBe(50);
    for (const bad of [0, 8, 31, "14"]) expect(() => parseAttributionDays(bad)).toThrow(/7, 14 or 30/);
    expect(parseAttributionDays(undefined)).toBe(14);
  });
});

describe("attribution", () => {
  it("counts a member once per window, with every fen and the squares of their totals", () => {
    const exposures = [newExposure("wakeup:30", "t", after(0))];
    const first = attribute(exposures, after(2), 1000);
    expect(first.counts.get("wakeup:30")).toEqual({
      tc7: 1,
      tr7: 1000,
      tq7: 1_000_000,
      tc14: 1,
      tr14: 1000,
      tq14: 1_000_000,
      tc30: 1,
      tr30: 1000,
      tq30: 1_000_000,
    });
    const second = attribute(first.exposures, after(10), 500);
    // 10 days on: past the 7-day window; no second conversion; squares grow from 1000² to 1500².
    expect(second.counts.get("wakeup:30")).toEqual({ tr14: 500, tq14: 1_250_000, tr30: 500, tq30: 1_250_000 });
    expect(second.exposures[0]).toMatchObject({ c: 0b111, r: [1000, 1500, 1500] });
    expect(attribute(second.exposures, after(31), 900).counts.size).toBe(0);
    expect(attribute(exposures, after(-1), 900).counts.size).toBe(0);
  });
});

describe("results", () => {
  it("estimate the difference with the Agresti–Caffo and Welch intervals, net of cost", () => {
    // 200 treated, 60 converted; 50 held out, 5 converted. Revenue: 60 × ¥30 and 5 × ¥30.
    const counters = { tn: 200, hn: 50, tc14: 60, hc14: 5, tr14: 180_000, hr14: 15_000 };
    const withSquares = { ...counters, tq14: 60 * 3000 ** 2, hq14: 5 * 3000 ** 2, sms: 200, cpd: 1500 };
    const r = holdoutResult(withSquares, 14, 5);
    expect(r.treatedConversionRate).toBe(0.3);
    expect(r.heldOutConversionRate).toBe(0.1);
    expect(r.incrementalConversions!.value).toBeCloseTo(40, 9);
    const [at, ah] = [61 / 202, 6 / 52];
    const se = Math.sqrt((at * (1 - at)) / 202 + (ah * (1 - ah)) / 52);
    expect(r.incrementalConversions!.low).toBeCloseTo(200 * (at - ah - 1.959964 * se), 6);
    expect(r.incrementalConversions!.high).toBeCloseTo(200 * (at - ah + 1.959964 * se), 6);
    expect(r.verdict).toBe("POSITIVE");
    // Revenue per member ¥9 vs ¥3 → 200 × 600 fen; Welch's standard error from the two samples' variances.
    expect(r.incrementalRevenue!.value).toBeCloseTo(120_000, 6);
    const variance = (n: number, k: number) => (k * 3000 ** 2 - (k * 3000) ** 2 / n) / (n - 1);
    const rse = Math.sqrt(variance(200, 60) / 200 + variance(50, 5) / 50);
    expect(r.incrementalRevenue!.high - r.incrementalRevenue!.value).toBeCloseTo(200 * 1.959964 * rse, 6);
    expect(r).toMatchObject({ smsParts: 200, smsCost: 1000, couponDiscounts: 1500, cost: 2500 });
    expect(r.netRevenue!.value).toBeCloseTo(117_500, 6);
  });

  it("say too few below 30 in a group, unclear when the interval holds zero, and nothing without both groups", () => {
    expect(holdoutResult({ tn: 200, hn: 29, tc14: 60, hc14: 1 }, 14, 5).verdict).toBe("TOO_FEW");
    expect(holdoutResult({ tn: 200, hn: 50, tc14: 22, hc14: 5 }, 14, 5).verdict).toBe("UNCLEAR");
    expect(holdoutResult({ tn: 200, hn: 50, tc14: 5, hc14: 25 }, 14, 5).verdict).toBe("NEGATIVE");
    const none = holdoutResult({ tn: 10 }, 7, 5);
    expect(none).toMatchObject({ incrementalConversions: null, incrementalRevenue: null, netRevenue: null });
    expect(none).toMatchObject({ heldOutConversionRate: null, verdict: "TOO_FEW" });
  });
});
