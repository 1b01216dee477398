import { describe, expect, it } from "vitest";
import { newMember, normaliseMemberCode, parseBirthday } from "../../functions/core/members.js";

const TODAY = "2026-11-22T08:00:00.000Z";

describe("birthdays", () => {
  it("need month and day; the year is optional", () => {
    expect(parseBirthday({ month: 5, day: 20 }, TODAY)).toEqual({ month: 5, day: 20 });
    expect(parseBirthday({ month: 5, day: 20, year: 1990 }, TODAY)).toEqual({ month: 5, day: 20, year: 1990 });
    expect(parseBirthday(null, TODAY)).toBeUndefined();
  });

  it("accept 29 February without a year or in a leap year only", () => {
    expect(parseBirthday({ month: 2, day: 29 }, TODAY)).toEqual({ month: 2, day: 29 });
    expect(parseBirthday({ month: 2, day: 29, year: 2000 }, TODAY)).toEqual({ month: 2, day: 29, year: 2000 });
    expect(() => parseBirthday({ month: 2, day: 29, year: 2023 }, TODAY)).toThrow(/2023 has no 29 February/);
  });

  it.each([
    [{ month: 0, day: 1 }, /month/],
    [{ month: 4, day: 31 }, /day/],
    [{ month: 1, day: 1.5 }, /day/],
    [{ month: 1, day: 1, year: 2027 }, /year/],
    [{ month: 1, day: 1, year: 1900 }, /year/],
  ])("refuse %j", (input, message) => {
    expect(() => parseBirthday(input, TODAY)).toThrow(message);
  });
});

describe("a new member", () => {
  const context = {
    id: "m1",
    merchantId: "t1",
    memberCode: "ABCDEFGHJK",
    now: TODAY,
    homeStoreId: "s1",
    defaultChannel: "pos" as const,
  };

  it("is normalised and records consent with time and channel", () => {
    const member = newMember(
      { phone: "138 0013 8000", name: "  王静 ", marketingSmsConsent: true, channel: "qr" },
      context,
    );
    expect(member).toMatchObject({
      phone: "+8613800138000",
      name: "王静",
      gender: "unknown",
      channel: "qr",
      joinedAt: TODAY,
      marketingSms: { granted: true, at: TODAY, channel: "qr" },
    });
  });

  it("records no consent decision when none was given", () => {
    expect(newMember({ phone: "13800138000", name: "x" }, context).marketingSms).toBeUndefined();
  });

  it("counts name length in characters, not bytes", () => {
    expect(newMember({ phone: "13800138000", name: "长".repeat(40) }, context).name).toHaveLength(40);
    expect(() => newMember({ phone: "13800138000", name: "长".repeat(41) }, context)).toThrow(/at most 40/);
  });
});

describe("member codes", () => {
  it("read back whatever the case, spaces or dashes", () => {
    expect(normaliseMemberCode(" 7kq2-m9xh 4t ")).toBe("7KQ2M9XH4T");
  });
});
