import { describe, expect, it } from "vitest";
import { cardPayload, codeFromScan } from "../../functions/core/card.js";

describe("member card", () => {
  it("a scanned payload gives back its code", () => {
    expect(codeFromScan(cardPayload("7KQ2M9XH4T"))).toBe("7KQ2M9XH4T");
    expect(codeFromScan(cardPayload("7KQ2M9XH4T").toLowerCase())).toBe("7KQ2M9XH4T");
  });

  it("a typed code is normalised the way people mistype it", () => {
    expect(codeFromScan(" 7kq2-m9xh 4t ")).toBe("7KQ2M9XH4T");
    expect(codeFromScan("OIL1-OIL1")).toBe("01110111");
  });

  it("a payload with a changed character fails its check instead of finding someone else", () => {
    const payload = cardPayload("7KQ2M9XH4T");
    for (let i = 5; i < payload.length; i++) {
      const swapped = payload.slice(0, i) + (payload[i] === "A" ? "B" : "A") + payload.slice(i + 1);
      expect(() => codeFromScan(swapped)).toThrow(/damaged/);
    }
  });

  it("refuses what cannot be a code", () => {
    expect(() => codeFromScan("!!")).toThrow(/member code/);
    expect(() => codeFromScan("AB")).toThrow(/member code/);
  });
});
