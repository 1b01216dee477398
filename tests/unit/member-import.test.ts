import { describe, expect, it } from "vitest";
import {
  mapHeader,
  parseBirthdayText,
  parseGender,
  parseJoinedText,
  parseYesNo,
  splitTags,
} from "../../functions/core/member-import.js";
import { EXPORT_HEADER } from "../../functions/core/member-export.js";

describe("reading member files", () => {
  it("maps Chinese and English headers and lists the ignored ones", () => {
    expect(mapHeader(["手机号", "姓名", "生日", "门店", "备注"])).toEqual({
      columns: { phone: 0, name: 1, birthday: 2, store: 3 },
      ignored: ["备注"],
    });
    expect(mapHeader(["Phone Number", "Name", "Marketing SMS", "Join Date"]).columns).toEqual({
      phone: 0,
      name: 1,
      consent: 2,
      joinedAt: 3,
    });
  });

  it("reads back its own export", () => {
    expect(mapHeader(EXPORT_HEADER)).toMatchObject({
      columns: { phone: 1, name: 2, gender: 3, birthday: 4, store: 5, guide: 6, tags: 7, consent: 8, joinedAt: 9 },
    });
  });

  it("needs phone and name columns, once each", () => {
    expect(() => mapHeader(["姓名"])).toThrow(/phone column/);
    expect(() => mapHeader(["手机号"])).toThrow(/name column/);
    expect(() => mapHeader(["手机号", "phone", "姓名"])).toThrow(/Two columns/);
  });

  it.each([
    ["1990-05-20", { year: 1990, month: 5, day: 20 }],
    ["1990/5/2", { year: 1990, month: 5, day: 2 }],
    ["1990.05.20", { year: 1990, month: 5, day: 20 }],
    ["19900520", { year: 1990, month: 5, day: 20 }],
    ["1990年5月20日", { year: 1990, month: 5, day: 20 }],
    ["05-20", { month: 5, day: 20 }],
    ["5月20日", { month: 5, day: 20 }],
  ])("reads the birthday %s", (text, expected) => {
    expect(parseBirthdayText(text)).toEqual(expected);
  });

  it("reads genders, yes/no and tags as people write them", () => {
    expect(["男", "F", "female", "", "保密"].map(parseGender)).toEqual([
      "male",
      "female",
      "female",
      "unknown",
      "unknown",
    ]);
    expect(["是", "否", "Y", "0", ""].map((v) => parseYesNo(v, "consent"))).toEqual([
      true,
      false,
      true,
      false,
      undefined,
    ]);
    expect(() => parseYesNo("也许", "consent")).toThrow(/yes or no/);
    expect(splitTags("奶茶控、学生，周末;家庭 | 高频")).toEqual(["奶茶控", "学生", "周末", "家庭", "高频"]);
  });

  it("reads join dates and times, and refuses impossible ones", () => {
    expect(parseJoinedText("2024-3-1 9:05")).toEqual({ date: "2024-03-01", time: "09:05:00" });
    expect(parseJoinedText("2024/03/01")).toEqual({ date: "2024-03-01" });
    expect(parseJoinedText("2024-03-01T01:00:00Z")).toEqual({ iso: "2024-03-01T01:00:00.000Z" });
    expect(() => parseJoinedText("2024-02-30")).toThrow(/real date/);
    expect(() => parseJoinedText("last week")).toThrow(/not a date/);
  });
});
