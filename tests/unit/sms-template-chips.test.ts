/**
 * SMS templates as the console edits them: variables shown as words in brackets (【会员姓名】, [Member name]) and kept
 * as the API's {name}; typing, inserting and reading back never change a template's meaning; the length and billed
 * parts the editor shows are the ones the API bills for the message it queues.
 */
import { describe, expect, it } from "vitest";
import {
  formatTemplate,
  insertToken,
  parseTemplate,
  strayTokens,
  type Tokens,
} from "../../admin/src/automations/templateChips";
import { previewSms, templateError } from "../../admin/src/automations/templates";
import { appMessages as enMessages } from "../../admin/src/i18n/en";
import { appMessages as zhMessages } from "../../admin/src/i18n/zh-CN";
import type { Deps } from "../../functions/app/deps.js";
import { prepareSms } from "../../functions/app/messaging.js";
import { DEFAULT_SMS_RULES, parseTemplateBody, TEMPLATE_VARIABLES } from "../../functions/core/messaging/sms.js";
import type { Member } from "../../functions/core/model.js";

const zh: Tokens = zhMessages.resources.automations.template.tokens;
const en: Tokens = enMessages.resources.automations.template.tokens;
const EVERY = TEMPLATE_VARIABLES.map((variable) => `{${variable}}`).join("，");

describe("template tokens", () => {
  it("every variable the API knows has one token per locale, all different and in the locale's brackets", () => {
    for (const [tokens, [open, close]] of [
      [zh, ["【", "】"]],
      [en, ["[", "]"]],
    ] as const) {
      expect(Object.keys(tokens).sort()).toEqual([...TEMPLATE_VARIABLES].sort());
      expect(new Set(Object.values(tokens)).size).toBe(TEMPLATE_VARIABLES.length);
      for (const token of Object.values(tokens)) {
        expect(token.startsWith(open) && token.endsWith(close), token).toBe(true);
        // One bracketed word: no token holds another's brackets.
        expect(token.slice(1, -1), token).not.toMatch(/[【】[\]{}]/);
      }
    }
  });

  it("show as Chinese words and go back to the same placeholders", () => {
    const body =
      "{name}您好，{merchant}送您{coupon}，券码{couponCode}，{days}天未到店，积分{points}，{date}前有效（{tier}）";
    const shown = formatTemplate(body, zh);
    expect(shown).toBe(
      "【会员姓名】您好，【商户名称】送您【券名】，券码【券码】，【天数】天未到店，积分【积分】，【日期】前有效（【会员等级】）",
    );
    expect(shown).not.toMatch(/[{}]/);
    expect(parseTemplate(shown, zh)).toBe(body);
    expect(parseTemplate(formatTemplate(body, en), en)).toBe(body);
    expect(formatTemplate("{name}, hello", en)).toBe("[Member name], hello");
  });

  it("leave other text alone: unknown {words}, the signature, other bracketed words, the other locale's tokens", () => {
    for (const body of [
      "【茶香里】{name}，【限时】{foo}特惠 回复TD退订",
      "[Sale] {name}",
      "{{name}}",
      "{ name }",
      "{name",
      "",
    ]) {
      expect(parseTemplate(formatTemplate(body, zh), zh), body).toBe(body);
      expect(parseTemplate(formatTemplate(body, en), en), body).toBe(body);
    }
    expect(formatTemplate("【茶香里】{foo}{name}", zh)).toBe("【茶香里】{foo}【会员姓名】");
    expect(parseTemplate("[Member name]【会员姓名】", zh)).toBe("[Member name]{name}");
  });

  it("typed by hand, a token becomes its placeholder, and typing it never changes the text on the way", () => {
    const typed = "【会员姓名】您好，送您【券名】";
    expect(parseTemplate(typed, zh)).toBe("{name}您好，送您{coupon}");
    // Every prefix (a character at a time, as an input method commits them) reads back as typed: no jumping caret.
    for (let end = 0; end <= typed.length; end++) {
      const prefix = typed.slice(0, end);
      expect(formatTemplate(parseTemplate(prefix, zh), zh)).toBe(prefix);
    }
    // A placeholder typed by hand stays a placeholder and shows as its token.
    expect(parseTemplate("您好{name}", zh)).toBe("您好{name}");
    expect(formatTemplate(parseTemplate("您好{name}", zh), zh)).toBe("您好【会员姓名】");
  });

  it("the API's check holds for what the editor sends: known tokens pass, an unknown {word} is refused by both", () => {
    const sent = parseTemplate(formatTemplate(EVERY, zh), zh);
    expect(templateError(sent)).toBeUndefined();
    expect(parseTemplateBody("body", sent)).toBe(sent);
    const unknown = parseTemplate("【会员姓名】{nmae}", zh);
    expect(templateError(unknown)).toEqual({
      message: "resources.automations.validation.unknown_variable",
      args: { variable: "{nmae}" },
    });
    expect(() => parseTemplateBody("body", unknown)).toThrow(/Unknown variable \{nmae\}/);
    // 【会员名】 is not a variable: sent as written, which the editor points out (the signature it does not).
    expect(strayTokens("【茶香里】【会员名】您好【会员姓名】，【限时】【会员名】", zh, "【茶香里】")).toEqual([
      "【会员名】",
      "【限时】",
    ]);
    expect(strayTokens("[Member] hello [Member name]", en)).toEqual(["[Member]"]);
  });

  it("a chip goes in at the cursor, over a selection, or at the end", () => {
    expect(insertToken("您好，", "【会员姓名】", 0, 0)).toEqual({ text: "【会员姓名】您好，", caret: 6 });
    expect(insertToken("您好XX，", "【会员姓名】", 2, 4)).toEqual({ text: "您好【会员姓名】，", caret: 8 });
    expect(insertToken("您好", "【券码】", 2, 2)).toEqual({ text: "您好【券码】", caret: 6 });
    expect(insertToken("您好", "【券码】", 9, 9)).toEqual({ text: "您好【券码】", caret: 6 });
  });
});

describe("length and billed parts", () => {
  const deps = {
    db: { tableName: "t" },
    ids: { id: () => "m1" },
    clock: { now: () => "2026-06-01T04:00:00.000Z" },
  } as unknown as Deps;
  const member = {
    id: "mem1",
    merchantId: "shop",
    phone: "+8613800138000",
    name: "王小明",
    homeStoreId: "s1",
    status: "active",
    marketingSms: { granted: true, at: "2026-01-01T00:00:00Z", source: "pos" },
  } as unknown as Member;
  /** What the API queues for this template: its text and billed parts. */
  const queued = (body: string, signature: string) => {
    const decision = prepareSms(deps, {
      merchant: { id: "shop", name: "茶香里", timeZone: "Asia/Shanghai" },
      member,
      rules: { ...DEFAULT_SMS_RULES, signature },
      kind: "marketing",
      purpose: "test",
      body,
      variables: { coupon: "满100减20" },
    });
    if (!("message" in decision)) throw new Error(`not queued: ${decision.skipped}`);
    return decision.message;
  };

  it("count the signature and 回复TD退订: 70 characters are one part, 71 two, then 67 a part", () => {
    const signature = "【茶香里】";
    // The signature (5) + the body + " 回复TD退订" (7).
    const fixed = [...signature].length + 7;
    const cases = [
      [70, 1],
      [71, 2],
      [134, 2],
      [135, 3],
      [201, 3],
      [202, 4],
    ] as const;
    for (const [length, parts] of cases) {
      const body = `{name}${"好".repeat(length - fixed - 3)}`;
      const preview = previewSms(body, { name: "王小明" }, signature);
      const message = queued(body, signature);
      expect({ length: preview.length, parts: preview.parts }, `${length}`).toEqual({ length, parts });
      expect(preview.text).toBe(message.text);
      expect(preview.parts).toBe(message.parts);
    }
  });

  it("the preview of a template written with tokens is the message the API queues", () => {
    const body = parseTemplate("【会员姓名】您好，【商户名称】送您【券名】，到店出示即可", zh);
    const preview = previewSms(body, { name: "王小明", merchant: "茶香里", coupon: "满100减20" }, "【茶香里】");
    const message = queued(body, "【茶香里】");
    expect(preview.text).toBe("【茶香里】王小明您好，茶香里送您满100减20，到店出示即可 回复TD退订");
    expect({ text: preview.text, parts: preview.parts }).toEqual({ text: message.text, parts: message.parts });
    expect(preview.length).toBe([...message.text].length);
  });
});
