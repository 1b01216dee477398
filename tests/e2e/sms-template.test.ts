/**
 * Writing an SMS template in the console, in a real browser over the local server and DynamoDB Local with the demo
 * merchant: the owner picks variables from Chinese chips (【会员姓名】…), sees them as those words in the text with a
 * live preview, its length and billed parts (the API's own count), types one by hand, is warned of a bracketed word
 * that is not a variable, saves, and the API holds the template with {name} placeholders. In English the same
 * template reads with English words.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { render, smsParts } from "../../functions/core/messaging/sms.js";
import { gql, ok, signIn } from "../support/api.js";
import { consoleJourney, logIn, poll, screenshot, switchLanguage } from "../support/console.js";

const journey = consoleJourney({ members: 5, otherMembers: 1, purchases: 2 });

/** The Chinese words the owner reads, and the API's placeholders they stand for. */
const ZH: Record<string, string> = {
  "【会员姓名】": "{name}",
  "【商户名称】": "{merchant}",
  "【券名】": "{coupon}",
  "【券码】": "{couponCode}",
  "【日期】": "{date}",
  "【会员等级】": "{tier}",
};

async function settings(token: string): Promise<{ birthday: { body: string }; sms: { signature: string } }> {
  const query = "query { automationSettings { birthday { body } sms { signature } } }";
  return (await ok(gql(journey.server, query, {}, { token }))).automationSettings;
}

async function merchantName(token: string): Promise<string> {
  return (await ok(gql(journey.server, "query { merchant { name } }", {}, { token }))).merchant.name;
}

/** The birthday message's text box, on the automations page's birthday tab. */
async function birthdayBody(page: Page) {
  await page.getByRole("menuitem", { name: "自动化营销" }).click();
  await page.waitForURL(/#\/automations/);
  await page.getByTestId("automation-tab-birthday").click();
  return page.getByTestId("birthday-automation");
}

describe("SMS template variables as Chinese chips", () => {
  test("an owner builds a message from chips and typed words; the API stores {name} placeholders", async () => {
    const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
    const before = await settings(token);
    // Prepare: the demo's birthday message uses placeholders.
    expect(before.birthday.body).toContain("{name}");

    const page = await journey.openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    const form = await birthdayBody(page);
    const text = form.locator('textarea[name="body"]');
    // What the API holds shows as Chinese words, no {placeholder} in sight.
    const shown = await text.inputValue();
    expect(shown).not.toMatch(/[{}]/);
    expect(Object.entries(ZH).reduce((body, [word, placeholder]) => body.replaceAll(word, placeholder), shown)).toBe(
      before.birthday.body,
    );
    expect(await form.getByTestId("variable-name").innerText()).toBe("【会员姓名】");

    // A chip goes in at the cursor: the start of the text, then the end.
    await text.fill("，生日快乐！");
    await text.press("Control+Home");
    await form.getByTestId("variable-name").click();
    await poll(() => text.inputValue()).toBe("【会员姓名】，生日快乐！");
    await text.press("Control+End");
    await form.getByTestId("variable-merchant").click();
    await poll(() => text.inputValue()).toBe("【会员姓名】，生日快乐！【商户名称】");
    // A word typed by hand is a variable too; a bracketed word that is not one is pointed out.
    await text.press("Control+End");
    await text.pressSequentially("送您【券名】，【会员名】");
    await poll(() => text.inputValue()).toBe("【会员姓名】，生日快乐！【商户名称】送您【券名】，【会员名】");
    await poll(() => form.getByTestId("sms-stray-token").innerText()).toBe("【会员名】 不是变量，会按原样发出");
    for (let i = 0; i < "，【会员名】".length; i++) await text.press("Backspace");
    await poll(() => form.getByTestId("sms-stray-token").count()).toBe(0);
    // An unknown {placeholder} is still refused on saving, with the API's own check; nothing is saved.
    await text.press("Control+End");
    await text.pressSequentially("{nmae}");
    await page.getByRole("button", { name: "保存" }).click();
    await poll(() => form.getByText("不认识的变量 {nmae}").count()).toBe(1);
    expect((await settings(token)).birthday.body).toBe(before.birthday.body);
    for (let i = 0; i < "{nmae}".length; i++) await text.press("Backspace");
    await poll(() => form.getByText("不认识的变量 {nmae}").count()).toBe(0);

    // The preview is the message as the API renders it: signature, sample name and coupon, 回复TD退订.
    const body = "{name}，生日快乐！{merchant}送您{coupon}";
    const expected = render(
      body,
      { name: "王小明", merchant: await merchantName(token), coupon: "满100减20" },
      "marketing",
      before.sms.signature,
    );
    const preview = form.getByTestId("sms-preview");
    await poll(() => preview.innerText()).toBe(expected);
    // Its length and parts are the API's count of that text (signature and opt-out line included).
    const parts = form.getByTestId("sms-parts");
    expect(await parts.getAttribute("data-length")).toBe(String([...expected].length));
    expect(await parts.getAttribute("data-parts")).toBe(String(smsParts(expected)));
    expect(await parts.innerText()).toContain(
      `${[...expected].length} 字（含签名和退订语），按 ${smsParts(expected)} 条计费`,
    );
    await screenshot(page, "sms-template-1-chips");

    // Act: save. Assess: the API holds placeholders; the page reads them back as words.
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("生日关怀已保存").waitFor();
    await poll(async () => (await settings(token)).birthday.body).toBe(body);
    await page.reload();
    const again = await birthdayBody(page);
    await poll(() => again.locator('textarea[name="body"]').inputValue()).toBe(
      "【会员姓名】，生日快乐！【商户名称】送您【券名】",
    );

    // In English the same template reads with English words, and the chips say them.
    await switchLanguage(page, "中文", "English");
    await poll(() => again.locator('textarea[name="body"]').inputValue()).toBe(
      "[Member name]，生日快乐！[Merchant name]送您[Coupon]",
    );
    expect(await again.getByTestId("variable-name").innerText()).toBe("[Member name]");
  });
});
