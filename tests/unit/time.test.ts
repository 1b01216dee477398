import { describe, expect, it } from "vitest";
import { localDate, localInstant, rangeBound, startOfLocalDay } from "../../functions/core/time.js";
import { sendableAt } from "../../functions/core/messaging/sms.js";

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

  it("a local time of day is right on daylight-saving change days (not midnight + hours)", () => {
    const at = (hh: number, mm: number) => (hh * 60 + mm) * 60_000;
    // Los Angeles: clocks go forward on 14 Mar 2027 (02:00 → 03:00) and back on 7 Nov 2027 (02:00 → 01:00).
    expect(localInstant("2027-03-14", at(8, 30), "America/Los_Angeles")).toBe("2027-03-14T15:30:00.000Z");
    expect(localInstant("2027-11-07", at(8, 30), "America/Los_Angeles")).toBe("2027-11-07T16:30:00.000Z");
    expect(localInstant("2027-11-06", at(8, 30), "America/Los_Angeles")).toBe("2027-11-06T15:30:00.000Z");
    expect(localInstant("2026-12-01", at(9, 0), "Asia/Shanghai")).toBe("2026-12-01T01:00:00.000Z");
  });
});

describe("quiet hours", () => {
  const rules = { quietStart: "21:30", quietEnd: "08:30" };
  it("end at the local end time on a clock-change day, in both directions", () => {
    // 02:00 PST on the autumn change day: quiet until 08:30 PST (16:30Z), not 07:30.
    expect(sendableAt("2027-11-07T10:00:00.000Z", "America/Los_Angeles", rules)).toBe("2027-11-07T16:30:00.000Z");
    // 07:00 PDT on the spring change day: quiet until 08:30 PDT (15:30Z), not 09:30.
    expect(sendableAt("2027-03-14T14:00:00.000Z", "America/Los_Angeles", rules)).toBe("2027-03-14T15:30:00.000Z");
    // Midnight (still PDT) on the change day: until 08:30 PST; outside quiet hours: at once.
    expect(sendableAt("2027-11-07T07:00:00.000Z", "America/Los_Angeles", rules)).toBe("2027-11-07T16:30:00.000Z");
    expect(sendableAt("2027-11-07T20:00:00.000Z", "America/Los_Angeles", rules)).toBe("2027-11-07T20:00:00.000Z");
  });
});
