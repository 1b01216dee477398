/** The API's refusals as staff read them: chosen by code and field, in the console's language. */
import polyglotI18nProvider from "ra-i18n-polyglot";
import type { TranslationMessages } from "react-admin";
import { describe, expect, it } from "vitest";
import { refusalMessage } from "../../admin/src/dataProvider/refusals";
import { en } from "../../admin/src/i18n/en";
import { zhCN } from "../../admin/src/i18n/zh-CN";

const translator = (messages: unknown) => polyglotI18nProvider(() => messages as TranslationMessages, "x").translate;
const zh = translator(zhCN);
const english = translator(en);
const PHONE = "phone must be a mobile number such as 13800138000 or +8613800138000";

describe("an API refusal in the console's language", () => {
  it("a bad phone reads as a phone message, in Chinese and in English", () => {
    const refusal = { code: "BAD_USER_INPUT", field: "phone", message: PHONE };
    expect(refusalMessage(refusal, zh)).toBe("请输入正确的手机号，如 138 0013 8000");
    expect(refusalMessage(refusal, english)).toBe("Enter a valid mobile number, e.g. 138 0013 8000");
  });

  it("a nested field is known by its whole path first", () => {
    const refusal = { code: "BAD_USER_INPUT", field: "birthday.day", message: "birthday.day is not a day" };
    expect(refusalMessage(refusal, zh)).toBe("生日日期无效");
  });

  it("a field without its own message names the field, by its label when there is one", () => {
    expect(refusalMessage({ code: "BAD_USER_INPUT", field: "paymentId", message: "bad" }, zh)).toBe(
      "「支付单号」填写有误",
    );
    expect(refusalMessage({ code: "BAD_USER_INPUT", field: "validDays", message: "bad" }, zh)).toBe(
      "「validDays」填写有误",
    );
    expect(refusalMessage({ code: "BAD_USER_INPUT", field: "validDays", message: "too long" }, english)).toBe(
      "Check “validDays”: too long",
    );
  });

  it("a conflict on a known field says what clashes", () => {
    const refusal = { code: "CONFLICT", field: "phone", message: "This phone already belongs to a member" };
    expect(refusalMessage(refusal, zh)).toBe("该手机号已属于另一位会员");
  });

  it("every other refusal reads by its code, and an unknown code still reads in the language", () => {
    expect(refusalMessage({ code: "FORBIDDEN", message: "Owners only" }, zh)).toBe("您没有权限执行此操作");
    expect(refusalMessage({ code: "RATE_LIMITED", message: "slow down" }, zh)).toBe("操作太频繁，请稍后再试");
    expect(refusalMessage({ code: "CONFLICT", field: "x", message: "busy" }, zh)).toBe(
      "数据已被他人更改或已存在，请刷新后再试",
    );
    expect(refusalMessage({ code: "SOMETHING_NEW", message: "?" }, zh)).toBe("操作未成功，请稍后再试");
    expect(refusalMessage({ message: "network" }, english)).toBe("That did not work; try again later");
  });
});
