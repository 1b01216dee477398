/**
 * The example till (examples/till) in real Chromium, over the local server and DynamoDB Local with the demo
 * merchant: a clerk looks a member up by phone, picks a coupon, quotes, pays partly from stored value and sees
 * the sale; the API stored exactly one order and charged the stored value once, however often the sale is sent.
 * Webhooks: a correctly signed TierChanged reaches the page (once, however often it is delivered); a delivery
 * with a wrong secret, a changed body, an old timestamp or no signature is refused with 401 and never shown; and
 * the till's log never holds the secret. And the client the till uses runs in the browser as it is (Web Crypto,
 * fetch): it verifies a delivery and sends a persisted query there too.
 */
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startExampleTill, type ExampleTill } from "../../examples/till/server.js";
import { signatureHeader } from "../../functions/core/webhookSignature.js";
import { webhookBody } from "../../functions/core/webhooks.js";
import { seedDemo, type DemoInfo } from "../../scripts/local/seed.js";
import { gql, ok, signIn } from "../support/api.js";
import { launchChromium, poll, screenshot, SCREENSHOTS, UI_TIMEOUT } from "../support/console.js";
import { startTestServer, type TestServer } from "../support/server.js";

const SECRET = "whsec_example_till_test_5f0c2a9e";

let server: TestServer;
let demo: DemoInfo;
let till: ExampleTill;
let browser: Browser;
let ownerToken: string;
const logged: string[] = [];

interface ApiMember {
  id: string;
  name: string;
  phone: string;
  storedValue: { total: number };
  coupons: { nodes: { code: string; name: string; state: string }[] };
  orders: { nodes: { id: string; total: number; storedValueAmount: number; paymentMethod: string }[] };
}

const MEMBER = `id name phone storedValue { total } coupons(first: 20) { nodes { code name state } }
  orders(first: 20) { nodes { id total storedValueAmount paymentMethod } }`;

async function member(id: string): Promise<ApiMember> {
  const data = await ok(
    gql(server, `query($id: ID!) { member(id: $id) { ${MEMBER} } }`, { id }, { token: ownerToken }),
  );
  return data.member;
}

/** A demo member with a ¥300+60 balance and an unused 满100减20 coupon. */
async function memberWithWallet(): Promise<ApiMember> {
  const data = await ok(gql(server, `{ members(first: 12) { nodes { ${MEMBER} } } }`, {}, { token: ownerToken }));
  const found = (data.members.nodes as ApiMember[]).find(
    (candidate) =>
      candidate.storedValue.total >= 36_000 &&
      candidate.coupons.nodes.some((coupon) => coupon.name === "满100减20" && coupon.state === "issued"),
  );
  expect(found, "a demo member with stored value and a 满100减20 coupon").toBeDefined();
  return found!;
}

async function openTill(): Promise<Page> {
  const page = await browser.newPage({ locale: "zh-CN", viewport: { width: 1200, height: 900 } });
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(till.url);
  await page.locator('[data-testid="live"][data-state="open"]').waitFor();
  return page;
}

const postWebhook = (body: string, headers: Record<string, string>) =>
  fetch(`${till.url}/webhooks`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

/** A sale sent to the till as its page sends it: the status, whether it was new, and the order id. */
async function postSale(sale: Record<string, unknown>) {
  const response = await fetch(`${till.url}/api/sale`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(sale),
  });
  const body = await response.json();
  return [response.status, body.created, body.order?.id];
}

const tierChanged = (id: string, memberId: string) =>
  webhookBody({
    id,
    type: "TierChanged",
    at: new Date().toISOString(),
    merchantId: demo.merchantId,
    detail: { memberId, from: "regular", to: "silver", reason: "growth" },
  });

const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startTestServer();
  demo = await seedDemo(server.db, { members: 16, otherMembers: 1, holdoutHistory: false, walkIns: false });
  ownerToken = await signIn(server, demo.owner.username, demo.owner.password);
  till = await startExampleTill({
    port: 0,
    graphqlUrl: server.graphqlUrl,
    apiKey: demo.apiKey,
    webhookSecret: SECRET,
    log: (line) => void logged.push(line),
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await till?.stop();
  await server?.stop();
});

describe("the example till", () => {
  test("a clerk looks a member up, uses a coupon, pays partly from stored value and sees the sale", async () => {
    const customer = await memberWithWallet();
    const page = await openTill();
    await expect.poll(() => page.getByTestId("store").innerText()).toMatch(/门店：.+店/);

    await page.getByTestId("lookup").fill(customer.phone);
    await page.getByTestId("lookup-button").click();
    await poll(() => page.getByTestId("member-name").innerText()).toBe(customer.name);
    expect(await page.getByTestId("member-balance").innerText()).toBe(
      `¥${(customer.storedValue.total / 100).toFixed(2)}`,
    );
    const coupon = customer.coupons.nodes.find((candidate) => candidate.name === "满100减20")!;

    await page.getByTestId("amount").fill("120.00");
    await page.getByTestId(`coupon-${coupon.code}`).check();
    await page.getByTestId("quote-button").click();
    await poll(() => page.getByTestId("quote-total").innerText()).toBe("¥100.00");
    expect(await page.getByTestId("quote-discount").innerText()).toBe("¥20.00");
    expect(await page.getByTestId("stored-value").inputValue()).toBe("100.00");

    await page.getByTestId("stored-value").fill("60.00");
    await page.getByTestId("method").selectOption("wechat");
    await page.getByTestId("pay-button").dblclick();
    await poll(() => page.getByTestId("result-text").isVisible()).toBe(true);
    const result = await page.getByTestId("result-text").innerText();
    expect(result).toContain("实付 ¥100.00");
    expect(result).toContain("优惠 ¥20.00");
    expect(result).toContain("储值支付 ¥60.00");
    expect(result).toContain(`储值余额 ¥${((customer.storedValue.total - 6_000) / 100).toFixed(2)}`);
    await poll(() => page.getByTestId("member-balance").innerText()).toBe(
      `¥${((customer.storedValue.total - 6_000) / 100).toFixed(2)}`,
    );
    await screenshot(page, "example-till-1-sale");

    const after = await member(customer.id);
    const sales = after.orders.nodes.filter((order) => order.id.startsWith("till-"));
    expect(sales).toEqual([{ id: sales[0].id, total: 10_000, storedValueAmount: 6_000, paymentMethod: "wechat" }]);
    expect(result).toContain(sales[0].id);
    expect(after.storedValue.total).toBe(customer.storedValue.total - 6_000);
    expect(after.coupons.nodes.find((c) => c.code === coupon.code)?.state).toBe("redeemed");

    // The same sale sent again (a retry after a lost answer, a second till tab) is not charged again.
    const sale = {
      saleId: sales[0].id,
      memberId: customer.id,
      amount: 12_000,
      couponCodes: [coupon.code],
      total: 10_000,
      storedValueAmount: 6_000,
      paymentMethod: "wechat",
    };
    const repeats = await Promise.all([postSale(sale), postSale(sale)]);
    expect(repeats).toEqual([0, 1].map(() => [200, false, sales[0].id]));
    const unchanged = await member(customer.id);
    expect(unchanged.orders.nodes.filter((order) => order.id.startsWith("till-"))).toHaveLength(1);
    expect(unchanged.storedValue.total).toBe(after.storedValue.total);
  });

  test("an unknown phone and a refused payment are said in words, nothing recorded", async () => {
    const page = await openTill();
    await page.getByTestId("lookup").fill("13000000000");
    await page.getByTestId("lookup-button").click();
    await poll(() => page.getByTestId("lookup-error").innerText()).toBe("未找到会员");

    const customer = await memberWithWallet();
    await page.getByTestId("lookup").fill(customer.phone);
    await page.getByTestId("lookup-button").click();
    await page.getByTestId("amount").fill("9999.00");
    await page.getByTestId("quote-button").click();
    await poll(() => page.getByTestId("quote-total").innerText()).toBe("¥9999.00");
    await page.getByTestId("stored-value").fill("9999.00");
    await page.getByTestId("pay-button").click();
    await poll(() => page.getByTestId("checkout-error").innerText()).toMatch(/^储值余额不足/);
    expect((await member(customer.id)).orders.nodes).toEqual(customer.orders.nodes);
  });

  test("a signed TierChanged shows on the page once; badly signed deliveries are refused and never shown", async () => {
    const customer = await memberWithWallet();
    const page = await openTill();
    const genuine = tierChanged("evt-tier-genuine", customer.id);
    const signed = (body: string, at = now(), secrets = [SECRET]) => ({
      "regulars-signature": signatureHeader(secrets, at, body),
      "regulars-event-id": JSON.parse(body).id,
      "regulars-event-type": "TierChanged",
      "regulars-delivery-id": "dlv-1",
    });

    const first = await postWebhook(genuine, signed(genuine));
    expect([first.status, await first.json()]).toEqual([200, { received: true }]);
    const shown = page.locator('[data-event-id="evt-tier-genuine"]');
    await poll(() => shown.innerText()).toMatch(/^会员升级: 普通会员 → 银卡/);
    // Delivered again (at least once): answered 200, shown once.
    const again = await postWebhook(genuine, signed(genuine));
    expect([again.status, await again.json()]).toEqual([200, { received: true, duplicate: true }]);

    const forged = tierChanged("evt-forged", customer.id);
    const refusals = [
      [forged, signed(forged, now(), ["whsec_wrong_secret"]), "BAD_SIGNATURE"],
      [forged.replace("silver", "black"), signed(forged), "BAD_SIGNATURE"],
      [forged, signed(forged, now() - 3600), "TIMESTAMP_TOO_OLD"],
      [forged, {}, "NO_SIGNATURE"],
    ] as const;
    for (const [body, headers, code] of refusals) {
      const response = await postWebhook(body, headers);
      expect([response.status, await response.json()]).toEqual([401, { error: code }]);
    }
    // Events reach the page in order: once a later genuine one is shown, a refused one would have been too.
    const later = tierChanged("evt-tier-later", customer.id);
    expect((await postWebhook(later, signed(later))).status).toBe(200);
    await page.locator('[data-event-id="evt-tier-later"]').waitFor();
    expect(await shown.count()).toBe(1);
    expect(await page.locator('[data-event-id="evt-forged"]').count()).toBe(0);
    await screenshot(page, "example-till-2-webhooks");

    // A page opened later sees the recent events too.
    const late = await openTill();
    await late.locator('[data-event-id="evt-tier-genuine"]').waitFor();
    expect(logged.filter((line) => line.includes("webhook refused"))).toHaveLength(refusals.length);
    expect(logged.some((line) => line.includes(SECRET))).toBe(false);
  });

  test("the client runs in a browser: it verifies a webhook and hashes a persisted query with Web Crypto", async () => {
    const bundle = await build({
      entryPoints: ["client/src/index.ts"],
      bundle: true,
      format: "iife",
      globalName: "Regulars",
      platform: "browser",
      target: "es2022",
      write: false,
    });
    const body = tierChanged("evt-in-browser", "m1");
    const header = signatureHeader([SECRET], now(), body);
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(till.url);
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const outcome = await page.evaluate(
      async ({ body, header, secret }) => {
        const { verifyWebhook, RegularsClient, operations } = (window as any).Regulars;
        const event = await verifyWebhook({ body, header, secret });
        const refused = await verifyWebhook({ body, header, secret: "whsec_wrong" }).catch((error: any) => error.code);
        const sent: any[] = [];
        const client = new RegularsClient({
          url: "https://api.example/graphql",
          apiKey: "rk_browser",
          fetch: async (_url: string, init: RequestInit) => {
            sent.push(JSON.parse(String(init.body)));
            const answer =
              sent.length === 1
                ? { errors: [{ message: "PersistedQueryNotFound", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }] }
                : { data: { stores: { nodes: [{ id: "s1", name: "静安寺店", city: "上海", status: "open" }] } } };
            return new Response(JSON.stringify(answer), { headers: { "content-type": "application/json" } });
          },
        });
        const stores = await client.stores();
        return { type: event.type, refused, stores, sent, storesQuery: operations.Stores };
      },
      { body, header, secret: SECRET },
    );
    await context.close();
    expect(outcome.type).toBe("TierChanged");
    expect(outcome.refused).toBe("BAD_SIGNATURE");
    expect(outcome.stores.map((store: { name: string }) => store.name)).toEqual(["静安寺店"]);
    const hash = createHash("sha256").update(outcome.storesQuery).digest("hex");
    expect(outcome.sent).toEqual([
      { variables: {}, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
      { query: outcome.storesQuery, variables: {}, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
    ]);
  });
});
