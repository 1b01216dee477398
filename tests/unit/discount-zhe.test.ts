/** Tier discounts in 折 on screen, percent off in the API. */
import { describe, expect, it } from "vitest";
import { percentToZhe, zheToPercent } from "../../admin/src/common/discount";

describe("a discount in 折", () => {
  it("reads the API's percent off as shops write it", () => {
    expect(percentToZhe(5)).toBe("9.5");
    expect(percentToZhe(20)).toBe("8");
    expect(percentToZhe(12)).toBe("8.8");
    expect(percentToZhe(0)).toBe("");
  });

  it("sends what staff type as percent off", () => {
    expect(zheToPercent("9.5")).toBe(5);
    expect(zheToPercent(8.8)).toBe(12);
    expect(zheToPercent("")).toBe(0);
    expect(zheToPercent("abc")).toBe("abc");
  });

  it("round-trips every tenth of a 折", () => {
    for (let tenths = 1; tenths < 100; tenths++)
      expect(percentToZhe(zheToPercent(tenths / 10))).toBe(String(tenths / 10));
  });
});
