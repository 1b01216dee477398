/**
 * Webhooks (事件推送) in a real browser over the local server and DynamoDB Local with the demo merchant, sending
 * to a receiver on 127.0.0.1 that this file runs: an owner creates an endpoint and sees its secret once, a test
 * event arrives signed with it, a failed attempt (500) shows and a re-send delivers it, the secret rolls (both
 * secrets sign while the old one lasts), and the endpoint is turned off. A manager has no such menu or page.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gql, ok, signIn } from "../support/api.js";
import { signedWith as signed, startReceiver, type Receiver, type Received } from "../support/receiver.js";
import { consoleJourney, logIn, poll, screenshot } from "../support/console.js";

const journey = consoleJourney({ members: 6, otherMembers: 1, purchases: 4 });

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver("/hooks/regulars");
});
afterAll(() => receiver?.stop());

/** Whether a request's Regulars-Signature verifies its body with `secret`. */
const signedWith = (request: Received, secret: string) =>
  signed(request.headers["regulars-signature"], request.body, secret);

const lastRequest = () => receiver.received[receiver.received.length - 1];
const deliveries = (page: Page) => page.getByTestId("webhook-delivery");
/** The newest delivery's status and last status code, as its row shows them. */
const newest = async (page: Page) => ({
  status: await deliveries(page).first().getByTestId("webhook-delivery-status").innerText(),
  code: await deliveries(page).first().getByTestId("webhook-delivery-code").innerText(),
});

/** The secret the dialog shows once; closing it leaves it nowhere on the page. */
async function readSecret(page: Page): Promise<string> {
  const dialog = page.getByRole("dialog");
  await poll(() => dialog.getByTestId("webhook-secret-warning").innerText()).toContain("无法再次查看");
  expect(await dialog.getByTestId("webhook-verify-hint").innerText()).toContain("Regulars-Signature");
  const secret = await dialog.getByTestId("webhook-secret").inputValue();
  expect(secret).toMatch(/^whsec_/);
  await dialog.getByRole("button", { name: "我已保存密钥" }).click();
  await poll(() => page.getByRole("dialog").count()).toBe(0);
  expect(await page.locator("body").innerText()).not.toContain(secret);
  return secret;
}

/**
 * Create an endpoint for two event types on the console's form, after the API refused an address with a password
 * in it (its message next to the address); its secret and id.
 */
async function createEndpoint(page: Page): Promise<{ secret: string; id: string }> {
  await page.getByRole("menuitem", { name: "事件推送" }).click();
  await page.waitForURL(/#\/webhooks$/);
  await page.locator('[data-testid="webhooks-none"], [data-testid="webhook-row"]').first().waitFor();
  await page.getByTestId("webhook-create").click();
  await page.waitForURL(/#\/webhooks\/create$/);

  const url = page.locator('input[name="url"]');
  await url.fill(receiver.url.replace("//", "//shop:secret@"));
  await page.locator('input[name="description"]').fill("小程序商城");
  await page.getByRole("checkbox", { name: /TierChanged/ }).check();
  await page.getByRole("checkbox", { name: /PurchaseRecorded/ }).check();
  await page.getByRole("button", { name: "保存" }).click();
  await poll(() => page.locator(".ra-input-url .MuiFormHelperText-root").innerText()).toContain("不含用户名和密码");
  expect(await url.getAttribute("aria-invalid")).toBe("true");

  await url.fill(receiver.url);
  await page.getByRole("button", { name: "保存" }).click();

  await screenshot(page, "webhooks-1-secret", { fullPage: false });
  const secret = await readSecret(page);
  await page.waitForURL(/#\/webhooks\/[^/]+$/);
  const id = decodeURIComponent(page.url().split("/").pop()!);
  return { secret, id };
}

describe("webhooks in the console", () => {
  test(
    "an owner creates an endpoint, sees its secret once, tests it, re-sends a failed delivery, " +
      "rolls the secret and turns the endpoint off",
    async () => {
      const page = await journey.openConsole();
      await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
      const { secret, id } = await createEndpoint(page);
      await poll(() => page.getByTestId("webhook-url").innerText()).toBe(receiver.url);
      expect(await page.getByTestId("webhook-summary").getByTestId("webhook-event-types").innerText()).toMatch(
        /TierChanged[\s\S]*PurchaseRecorded|PurchaseRecorded[\s\S]*TierChanged/,
      );

      // A test event arrives at once, signed with the secret shown.
      await page.getByTestId("webhook-test").click();
      await poll(() => newest(page)).toEqual({ status: "已送达", code: "200" });
      expect(receiver.received).toHaveLength(1);
      expect(lastRequest().method).toBe("POST");
      expect(signedWith(lastRequest(), secret)).toBe(true);
      expect(JSON.parse(lastRequest().body)).toMatchObject({
        type: "WebhookTest",
        merchantId: journey.demo.merchantId,
      });

      // The receiver fails: the attempt's 500 shows; once it is back, 重新发送 delivers the same event.
      receiver.answer(500);
      await page.getByTestId("webhook-test").click();
      await poll(() => deliveries(page).count()).toBe(2);
      await poll(() => newest(page)).toEqual({ status: "待推送", code: "500" });
      const failedEvent = JSON.parse(lastRequest().body).id;
      await deliveries(page).first().click();
      const detail = page.getByTestId("webhook-delivery-detail");
      await poll(() => detail.getByTestId("webhook-attempt-code").allInnerTexts()).toEqual(["500"]);
      expect(await detail.getByTestId("webhook-payload").innerText()).toContain(`"id": "${failedEvent}"`);
      receiver.answer(200);
      await detail.getByTestId("webhook-resend").click();
      await poll(() => newest(page)).toEqual({ status: "已送达", code: "200" });
      await poll(() => detail.getByTestId("webhook-attempt-code").allInnerTexts()).toEqual(["500", "200"]);
      expect(JSON.parse(lastRequest().body).id).toBe(failedEvent);
      expect(signedWith(lastRequest(), secret)).toBe(true);
      await screenshot(page, "webhooks-2-deliveries");

      // Roll the secret (the old one signs for 24 hours more): a new secret, shown once; both sign.
      await page.getByTestId("webhook-roll").click();
      expect(await page.getByTestId("webhook-roll-hours").inputValue()).toBe("24");
      await page.getByTestId("webhook-roll-confirm").click();
      const rolled = await readSecret(page);
      expect(rolled).not.toBe(secret);
      const sent = receiver.received.length;
      await page.getByTestId("webhook-test").click();
      await poll(() => receiver.received.length).toBe(sent + 1);
      expect(signedWith(lastRequest(), rolled)).toBe(true);
      expect(signedWith(lastRequest(), secret)).toBe(true);

      // Turn it off: nothing can be sent; the list says it is off.
      await page.getByTestId("webhook-enabled").click();
      await poll(() => page.getByTestId("webhook-summary").getByTestId("webhook-status").innerText()).toBe("已停用");
      expect(await page.getByTestId("webhook-test").isDisabled()).toBe(true);
      await page.getByRole("menuitem", { name: "事件推送" }).click();
      await poll(() => page.getByTestId("webhooks-off-notice").innerText()).toContain(receiver.url);
      const row = page.getByTestId("webhook-row").filter({ hasText: receiver.url });
      expect(await row.getByTestId("webhook-status").innerText()).toBe("已停用");
      await screenshot(page, "webhooks-3-list");

      const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
      const stored = await ok(gql(journey.server, "{ webhookEndpoints { id status } }", {}, { token }));
      expect(stored.webhookEndpoints).toContainEqual({ id, status: "disabled" });
    },
  );

  test("a manager has no webhooks menu, and the page is not found by address", async () => {
    const page = await journey.openConsole();
    await logIn(page, journey.demo.manager.username, journey.demo.manager.password);
    await poll(() => page.getByRole("menuitem").allInnerTexts()).toContain("员工");
    expect(await page.getByRole("menuitem").allInnerTexts()).not.toContain("事件推送");
    await page.goto(`${journey.server.url}/#/webhooks`);
    await poll(() => page.getByText("未找到").count()).toBeGreaterThan(0);
  });
});
