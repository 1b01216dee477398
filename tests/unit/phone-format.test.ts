/** What staff read in the console: phones the Chinese way (checked before a form is sent with the API's rules), short ids. */
import { describe, expect, it } from "vitest";
import { formatPhone, isValidPhone } from "../../admin/src/common/phone";
import { shortId } from "../../admin/src/common/shortId";

describe("a phone as the console shows it", () => {
  it("groups a mainland mobile 3-4-4 without the country code", () => {
    expect(formatPhone("+8613800138000")).toBe("138 0013 8000");
  });

  it("groups a masked phone the same way", () => {
    expect(formatPhone("138****8000")).toBe("138 **** 8000");
  });

  it("leaves other numbers as stored", () => {
    expect(formatPhone("+447911123456")).toBe("+447911123456");
    expect(formatPhone("****")).toBe("****");
    expect(formatPhone(undefined)).toBe("");
  });
});

describe("a phone checked before the enrol form is sent", () => {
  it.each(["13800138000", "138 0013 8000", "+86 138-0013-8000", "008613800138000", "+447911123456"])(
    "takes %j",
    (sample) => expect(isValidPhone(sample)).toBe(true),
  );
  it.each(["12345", "12800138000", "1380013800", "+8612800138000", "abc", ""])("refuses %j", (sample) =>
    expect(isValidPhone(sample)).toBe(false),
  );
});

describe("an id where no name exists", () => {
  it("shows its last 8 characters", () => {
    expect(shortId("0f8c61d2-5b7a-4e3c-9d1f-9b1e2a7d4c3f")).toBe("2a7d4c3f");
    expect(shortId("A-1001")).toBe("A-1001");
    expect(shortId(null)).toBe("");
  });
});
