import { describe, expect, it } from "vitest";
import { localDate, rangeBound, startOfLocalDay } from "../../functions/core/time.js";

describe("local dates", () => {
  it("a local day starts at the zone's midnight, across daylight-saving changes", () => {
    expect(startOfLocalDay("2026-03-08", "Asia/Shanghai")).toBe("2026-03-07T16:00:00.000Z");
    expect(startOfLocalDay("2026-03-08", "America/New_York")).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfLocalDay("2026-11-01", "America/New_York")).toBe("2026-11-01T04:00:00.000Z");
  });

  it("an instant falls on its local date", () => {
    expect(localDate("2026-03-07T16:30:00Z", "Asia/Shanghai")).toBe("2026-03-08");
    expect(localDate("2026-03-07T16:30:00Z", "Europe/London")).toBe("2026-03-07");
  });

  it("a date range's upper bound includes the whole local day", () => {
    expect(rangeBound("to", "2026-02-28", "Asia/Shanghai", true)).toBe("2026-02-28T16:00:00.000Z");
    expect(rangeBound("from", "2026-02-28", "Asia/Shanghai", false)).toBe("2026-02-27T16:00:00.000Z");
    expect(() => rangeBound("from", "2026-02-30x", "Asia/Shanghai", false)).toThrow(/date/);
    expect(() => rangeBound("from", "2026-02-30", "Asia/Shanghai", false)).toThrow(/real date/);
  });
});
