import { describe, expect, it } from "vitest";
import { DomainError } from "../../functions/core/errors.js";
import { maskPhone, normalisePhone } from "../../functions/core/phone.js";

describe("phone numbers are stored in E.164", () => {
  it.each([
    ["13800138000", "+8613800138000"],
    ["138 0013 8000", "+8613800138000"],
    ["138-0013-8000", "+8613800138000"],
    ["+86 138 0013 8000", "+8613800138000"],
    ["008613800138000", "+8613800138000"],
    ["8613800138000", "+8613800138000"],
    ["(+86) 199 1234 5678", "+8619912345678"],
    ["+852 9123 4567", "+85291234567"],
    ["+1 415 555 2671", "+14155552671"],
  ])("%s → %s", (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each([
    "",
    "12345",
    "12800138000",
    "+86 21 5555 1234",
    "1380013800",
    "138001380000",
    "+0123456789",
    "phone",
    "+86 138 0013 800a",
  ])("refuses %j", (input) => {
    expect(() => normalisePhone(input)).toThrow(DomainError);
  });

  it("refuses non-strings and absurdly long input", () => {
    expect(() => normalisePhone(13800138000)).toThrow(/phone/);
    expect(() => normalisePhone("1".repeat(100))).toThrow(/phone/);
  });

  it("names the field it was given", () => {
    try {
      normalisePhone("x", "storePhone");
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).details).toEqual({ field: "storePhone" });
    }
  });

  it("masks the middle four digits for roles that need no more", () => {
    expect(maskPhone("+8613812341234")).toBe("138****1234");
    expect(maskPhone("+85291234567")).toBe("+85****4567");
  });
});
