/**
 * The member page's loyalty part in a real browser over the local server and
 * DynamoDB Local with the demo merchant: a purchase recorded at the till that
 * lifts the member a tier, a one-line refund from the orders tab, a manual
 * points adjustment that needs a reason, and a double click that records one
 * order. Every journey checks the screen against what the API stored.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { gql, ok, signIn } from "../support/api.js";
import {
  callsOf,
  choose,
  consoleJourney,
  logIn,
  memberPicker,
  poll,
  screenshot,
  switchLanguage,
} from "../support/console.js";

const journey = consoleJourney({ members: 40, otherMembers: 3 });
const openConsole = () => journey.openConsole({ height: 1000 });

interface ApiAccount {
  available: number;
  pending: number;
  growth: number;
  tierId: string;
  tierName: string;
  visits: number;
  lifetimeSpend: number;
}
interface ApiMember {
  id: string;
  name: string;
  homeStore: { id: string; name: string };
  account: ApiAccount;
}
interface ApiTier {
  id: string;
  name: string;
  threshold: number;
  pointsMultiplier: number;
}
interface ApiOrder {
  id: string;
  status: string;
  points: number;
  lines: { sku: string; qty: number; points: number; refundedQty: number; refundedPoints: number }[];
}
const ACCOUNT = "available pending growth tierId tierName visits lifetimeSpend";

async function visibleMembers(token: string, first = 40): Promise<ApiMember[]> {
  const data = await ok(
    gql(
      journey.server,
      `query ($first: Int) { members(first: $first) { nodes { id name homeStore { id name } account { ${ACCOUNT} } } } }`,
      { first },
      { token },
    ),
  );
  return data.members.nodes;
}

const takeMember = memberPicker(visibleMembers);

async function account(token: string, memberId: string): Promise<ApiAccount> {
  return (
    await ok(
      gql(
        journey.server,
        `query ($id: ID!) { member(id: $id) { account { ${ACCOUNT} } } }`,
        { id: memberId },
        { token },
      ),
    )
  ).member.account;
}

async function orders(token: string, memberId: string): Promise<ApiOrder[]> {
  const data = await ok(
    gql(
      journey.server,
      "query ($id: ID!) { member(id: $id) { orders(first: 100) { nodes { id status " +
        "points lines { sku qty points refundedQty refundedPoints } } } } }",
      { id: memberId },
      { token },
    ),
  );
  return data.member.orders.nodes;
}

async function ledger(token: string, memberId: string) {
  const data = await ok(
    gql(
      journey.server,
      "query ($id: ID!) { member(id: $id) { pointsLedger(first: 5) { nodes { id type points reason availableAfter } } } }",
      { id: memberId },
      { token },
    ),
  );
  return data.member.pointsLedger.nodes as {
    id: string;
    type: string;
    points: number;
    reason: string | null;
    availableAfter: number;
  }[];
}

async function loyaltyConfig(token: string): Promise<{
  rules: { pointsPerYuan: number; growthPerYuan: number; pendingDays: number };
  ladder: { tiers: ApiTier[] };
}> {
  const data = await ok(
    gql(
      journey.server,
      "{ loyaltyConfig { rules { pointsPerYuan growthPerYuan pendingDays } ladder { tiers { id name threshold pointsMultiplier } } } }",
      {},
      { token },
    ),
  );
  return data.loyaltyConfig;
}

/** The member page with the account summary showing what the API holds. */
async function openMember(page: Page, memberId: string, expected: ApiAccount) {
  await page.goto(`${journey.server.url}/#/members/${memberId}/show`);
  await poll(() => page.getByTestId("loyalty-available").innerText()).toBe(String(expected.available));
  await poll(() => page.getByTestId("loyalty-tier-name").innerText()).toBe(expected.tierName);
}

/** Fill the purchase dialog's lines: [sku, name, category, qty, price in yuan]. */
async function fillLines(page: Page, lines: [string, string, string, number, string][]) {
  for (const [index, [sku, name, category, qty, price]] of lines.entries()) {
    if (index > 0) await page.getByTestId("purchase-add-line").click();
    await page.getByTestId(`line-sku-${index}`).fill(sku);
    await page.getByTestId(`line-name-${index}`).fill(name);
    await page.getByTestId(`line-category-${index}`).fill(category);
    await page.getByTestId(`line-qty-${index}`).fill(String(qty));
    await page.getByTestId(`line-price-${index}`).fill(price);
  }
}

/** Points a line earns under the default rules (no member day): floor(fen × rate × tier multiplier / 100). */
const pointsFor = (fen: number, pointsPerYuan: number, multiplier: number) =>
  Math.floor((fen * pointsPerYuan * multiplier) / 100 + 1e-9);
const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString("en-US")}.${String(fen % 100).padStart(2, "0")}`;

describe("a member's points and tier in the console", () => {
  test(
    "an owner records a purchase that crosses the next tier's threshold and sees the " +
      "new balance and tier on the member page",
    async () => {
      const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
      const config = await loyaltyConfig(token);
      const tiers = config.ladder.tiers;
      const member = await takeMember(
        token,
        (candidate) => candidate.account.tierId === tiers[0].id && candidate.account.growth < tiers[1].threshold,
      );
      const current = tiers[0];
      const next = tiers[1];
      const ordersBefore = (await orders(token, member.id)).length;

      // Two lines: two teas and a gift box priced so that the purchase's growth crosses the next threshold.
      const neededGrowth = next.threshold - member.account.growth;
      const teaFen = 2 * 1800;
      const boxFen = (Math.ceil(neededGrowth / config.rules.growthPerYuan) + 8) * 100;
      const totalFen = teaFen + boxFen;
      const expectedPoints =
        pointsFor(teaFen, config.rules.pointsPerYuan, current.pointsMultiplier) +
        pointsFor(boxFen, config.rules.pointsPerYuan, current.pointsMultiplier);

      const page = await openConsole();
      await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
      await openMember(page, member.id, member.account);
      await poll(() => page.getByTestId("loyalty-next-tier").innerText()).toContain(
        `再获得 ${neededGrowth} 成长值升级为${next.name}`,
      );
      await screenshot(page, "member-loyalty-1-before");

      // The dialog defaults to the member's home store; the total follows the lines.
      await page.getByTestId("record-purchase").click();
      const dialog = page.getByRole("dialog");
      await poll(() => dialog.getByRole("combobox", { name: "消费门店" }).innerText()).toBe(member.homeStore.name);
      await choose(page, "支付方式", "微信支付", true);
      await fillLines(page, [
        ["milk-tea", "招牌奶茶", "tea", 2, "18"],
        ["gift-box", "新春礼盒", "gift", 1, String(boxFen / 100)],
      ]);
      await poll(() => dialog.getByTestId("purchase-total").innerText()).toBe(`合计：${yuan(totalFen)}`);
      await screenshot(page, "member-loyalty-2-record-dialog");
      await dialog.getByTestId("purchase-submit").click();

      // The answer: points earned, the new balance, and the tier it reached.
      await poll(() => dialog.getByTestId("purchase-result").count()).toBe(1);
      expect(await dialog.getByTestId("purchase-points").innerText()).toContain(`本单获得 ${expectedPoints} 积分`);
      expect(await dialog.getByTestId("purchase-upgraded").innerText()).toBe(
        `等级提升：${current.name} → ${next.name}`,
      );
      await screenshot(page, "member-loyalty-3-recorded");
      await dialog.getByRole("button", { name: "关闭" }).click();

      // The API holds one more order, the points and the new tier; the page shows the same.
      const after = await account(token, member.id);
      expect(after.tierId).toBe(next.id);
      expect(after.available + after.pending).toBe(member.account.available + member.account.pending + expectedPoints);
      expect(after.growth).toBeGreaterThanOrEqual(next.threshold);
      expect(after.visits).toBe(member.account.visits + 1);
      expect(after.lifetimeSpend).toBe(member.account.lifetimeSpend + totalFen);
      expect(await orders(token, member.id)).toHaveLength(ordersBefore + 1);
      await poll(() => page.getByTestId("loyalty-available").innerText()).toBe(String(after.available));
      await poll(() => page.getByTestId("loyalty-tier-name").innerText()).toBe(next.name);
      expect(await page.getByTestId("loyalty-growth").innerText()).toBe(String(after.growth));
      expect(await page.getByTestId("loyalty-spend").innerText()).toBe(yuan(after.lifetimeSpend));
      await poll(() => page.getByTestId("order-row").count()).toBe(ordersBefore + 1);
      expect(await page.getByTestId("order-row").first().getByTestId("order-total").innerText()).toBe(yuan(totalFen));

      // The tier tab shows the change, caused by growth.
      await page.getByTestId("loyalty-tab-tiers").click();
      await poll(() => page.getByTestId("tier-change").first().innerText()).toContain(`${current.name} → ${next.name}`);
      expect(await page.getByTestId("tier-change").first().innerText()).toContain("成长值升级");
      await screenshot(page, "member-loyalty-4-new-tier");
    },
  );

  test("a refund of one line from the orders tab takes back that line's points, on the page and in the API", async () => {
    const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
    const member = await takeMember(token);
    const orderId = `e2e-${randomUUID()}`;
    const recorded = await ok(
      gql(
        journey.server,
        `mutation ($input: RecordPurchaseInput!) { recordPurchase(input: $input) { order ` +
          `{ id lines { sku points } } account { ${ACCOUNT} } } }`,
        {
          input: {
            orderId,
            memberId: member.id,
            storeId: member.homeStore.id,
            paymentMethod: "alipay",
            total: 2 * 1800 + 3200,
            lines: [
              { sku: "milk-tea", name: "招牌奶茶", category: "tea", qty: 2, unitPrice: 1800 },
              { sku: "cake", name: "芝士蛋糕", category: "bakery", qty: 1, unitPrice: 3200 },
            ],
          },
        },
        { token },
      ),
    );
    const before: ApiAccount = recorded.recordPurchase.account;
    const cakePoints: number = recorded.recordPurchase.order.lines.find(
      (line: { sku: string }) => line.sku === "cake",
    ).points;
    expect(cakePoints).toBeGreaterThan(0);

    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await openMember(page, member.id, before);
    const row = page.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
    await poll(() => row.getByTestId("order-status").innerText()).toBe("已支付");

    // Pick one unit of the cake line; nothing is sent before the confirmation.
    await row.getByTestId("order-refund").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("refund-next").click();
    await poll(() => dialog.getByTestId("refund-invalid").innerText()).toBe("请至少选择一件要退的商品");
    await dialog.getByTestId("refund-qty-cake").fill("1");
    await dialog.getByTestId("refund-next").click();
    await poll(() => dialog.getByTestId("refund-confirm-text").innerText()).toContain("1 件商品");
    expect((await orders(token, member.id)).find((order) => order.id === orderId)?.status).toBe("paid");
    await screenshot(page, "member-loyalty-5-refund-confirm");
    await dialog.getByTestId("refund-confirm").click();

    // What was taken back, as the API reports it.
    await poll(() => dialog.getByTestId("refund-points").innerText()).toBe(`扣回积分：${cakePoints}`);
    // Where the money goes: all of it back by the payment method (nothing was paid from stored value).
    expect(await dialog.getByTestId("refund-amount").innerText()).toBe("退款金额：¥32.00");
    expect(await dialog.getByTestId("refund-stored-value").count()).toBe(0);
    expect(await dialog.getByTestId("refund-to-payment").innerText()).toBe("请按原支付方式（支付宝）退还顾客 ¥32.00");
    await screenshot(page, "member-loyalty-6-refunded");
    await dialog.getByRole("button", { name: "关闭" }).click();

    const after = await account(token, member.id);
    expect(after.available).toBe(before.available - cakePoints);
    const order = (await orders(token, member.id)).find((candidate) => candidate.id === orderId)!;
    expect(order.status).toBe("partially_refunded");
    expect(order.lines.find((line) => line.sku === "cake")).toMatchObject({
      refundedQty: 1,
      refundedPoints: cakePoints,
    });
    expect(order.lines.find((line) => line.sku === "milk-tea")).toMatchObject({ refundedQty: 0, refundedPoints: 0 });
    await poll(() => page.getByTestId("loyalty-available").innerText()).toBe(String(after.available));
    await poll(() => row.getByTestId("order-status").innerText()).toBe("部分退款");
    expect(await row.innerText()).toContain("已退 1");

    // The ledger shows the clawback.
    await page.getByTestId("loyalty-tab-points").click();
    const first = page.getByTestId("ledger-row").first();
    await poll(() => first.getByTestId("ledger-type").innerText()).toBe("退款扣回");
    expect(await first.getByTestId("ledger-points").innerText()).toBe(`-${cakePoints}`);
    expect(await first.getByTestId("ledger-available").innerText()).toContain(String(after.available));
  });

  test("a manager's points adjustment cannot be sent without a reason; with one it lands in the ledger", async () => {
    const token = await signIn(journey.server, journey.demo.manager.username, journey.demo.manager.password);
    const member = await takeMember(token);
    const reason = `补录漏记的消费 ${randomUUID().slice(0, 6)}`;
    const ledgerBefore = await ledger(token, member.id);

    const page = await openConsole();
    await logIn(page, journey.demo.manager.username, journey.demo.manager.password);
    await openMember(page, member.id, member.account);
    await page.getByTestId("loyalty-tab-points").click();
    await page.getByTestId("adjust-points").click();
    const dialog = page.getByRole("dialog");

    // Points but no reason: the dialog says why and goes no further.
    await dialog.getByTestId("adjust-amount").fill("50");
    await dialog.getByTestId("adjust-next").click();
    await poll(() => dialog.getByText("请填写调整原因").count()).toBe(1);
    expect(await dialog.getByTestId("adjust-confirm").count()).toBe(0);
    await screenshot(page, "member-loyalty-7-adjust-needs-reason");
    expect((await ledger(token, member.id)).map((entry) => entry.id)).toEqual(ledgerBefore.map((entry) => entry.id));

    // With a reason: confirm, then it is in the ledger with that reason.
    await dialog.getByTestId("adjust-reason").fill(reason);
    await dialog.getByTestId("adjust-next").click();
    await poll(() => dialog.getByTestId("adjust-confirm-text").innerText()).toBe(`为会员增加 50 积分，原因：${reason}`);
    await dialog.getByTestId("adjust-confirm").click();
    await poll(() => page.getByRole("dialog").count()).toBe(0);

    await poll(async () => (await ledger(token, member.id))[0]?.reason).toBe(reason);
    const [entry] = await ledger(token, member.id);
    expect(entry).toMatchObject({ type: "adjust", points: 50, availableAfter: member.account.available + 50 });
    const first = page.getByTestId("ledger-row").first();
    await poll(() => first.getByTestId("ledger-reason").innerText()).toContain(reason);
    expect(await first.getByTestId("ledger-type").innerText()).toBe("人工调整");
    expect(await first.getByTestId("ledger-points").innerText()).toBe("+50");
    expect(await first.innerText()).toContain("周明");
    await poll(() => page.getByTestId("loyalty-available").innerText()).toBe(String(member.account.available + 50));
    await screenshot(page, "member-loyalty-8-adjusted");
  });

  test("an owner redeems a reward for a member and grants a manual tier that acts as a floor", async () => {
    const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
    const config = await loyaltyConfig(token);
    const member = await takeMember(token, (candidate) => candidate.account.tierId === config.ladder.tiers[0].id);
    const rewards = (
      await ok(
        gql(journey.server, "{ rewards(first: 50) { nodes { id name pointsCost status stock } } }", {}, { token }),
      )
    ).rewards.nodes as { id: string; name: string; pointsCost: number; status: string; stock: number | null }[];
    const bag = rewards.find((reward) => reward.status === "active" && reward.stock !== null && reward.stock > 0)!;
    expect(bag, "a demo reward with stock").toBeDefined();
    await ok(
      gql(
        journey.server,
        "mutation ($memberId: ID!, $requestId: String!) { adjustPoints(memberId: " +
          '$memberId, points: 1000, reason: "e2e: enough for a reward", requestId: ' +
          "$requestId) { created } }",
        { memberId: member.id, requestId: randomUUID() },
        { token },
      ),
    );
    const before = await account(token, member.id);

    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await openMember(page, member.id, before);

    // Redeem: pick, confirm; the points go and the redemption is listed.
    await page.getByTestId("loyalty-tab-points").click();
    await page.getByTestId("redeem-reward").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("combobox", { name: "奖品" }).click();
    await page.getByRole("option", { name: new RegExp(`^${bag.name}`) }).click();
    await dialog.getByTestId("reward-next").click();
    await poll(() => dialog.getByTestId("reward-confirm-text").innerText()).toBe(
      `用 ${bag.pointsCost} 积分为会员兑换“${bag.name}”？`,
    );
    await dialog.getByTestId("reward-confirm").click();
    await poll(() => page.getByRole("dialog").count()).toBe(0);
    await poll(async () => (await account(token, member.id)).available).toBe(before.available - bag.pointsCost);
    await poll(() => page.getByTestId("loyalty-available").innerText()).toBe(String(before.available - bag.pointsCost));
    await poll(() => page.getByTestId("ledger-row").first().getByTestId("ledger-type").innerText()).toBe("积分兑换");
    await page.getByTestId("loyalty-tab-redemptions").click();
    await poll(() => page.getByTestId("redemption-row").first().innerText()).toContain(bag.name);

    // A manual tier: the member is at least that tier, shown as a floor.
    const gold = config.ladder.tiers[2];
    await page.getByTestId("loyalty-tab-tiers").click();
    await choose(page, "手动等级（保底）", gold.name, true);
    await poll(
      async () =>
        (
          await ok(
            gql(
              journey.server,
              "query ($id: ID!) { member(id: $id) { account { tierId manualTierId } } }",
              { id: member.id },
              { token },
            ),
          )
        ).member.account,
    ).toEqual({ tierId: gold.id, manualTierId: gold.id });
    await poll(() => page.getByTestId("loyalty-tier-name").innerText()).toBe(gold.name);
    expect(await page.getByTestId("loyalty-tier-floor").innerText()).toBe(`保底：${gold.name}`);
    await poll(() => page.getByTestId("tier-change").first().innerText()).toContain("手动设置");
    await screenshot(page, "member-loyalty-11-manual-tier");

    // The same part in English.
    await switchLanguage(page, "中文", "English");
    const section = page.getByTestId("loyalty-section");
    await poll(() => section.innerText()).toContain("Points and tier");
    await page.getByTestId("loyalty-tab-tiers").click();
    await poll(() => section.innerText()).toContain("Manual tier (floor)");
    // Buttons and tabs are shown in capitals.
    const text = (await section.innerText()).toLowerCase();
    for (const label of [
      "Points available",
      "Pending points",
      "Growth value",
      "Lifetime spend",
      "Record purchase",
      "Points ledger",
      "Manual tier (floor)",
      "Set by hand",
      `Floor: ${gold.name}`,
    ])
      expect(text).toContain(label.toLowerCase());
    await screenshot(page, "member-loyalty-12-english");
  });

  test(
    "a clerk at the till: an incomplete purchase is not sent, a double click records " +
      "one order, and a check-in shows the streak",
    async () => {
      const token = await signIn(journey.server, journey.demo.clerk.username, journey.demo.clerk.password);
      const member = await takeMember(token);
      const ordersBefore = (await orders(token, member.id)).length;

      const page = await openConsole();
      await logIn(page, journey.demo.clerk.username, journey.demo.clerk.password);
      await openMember(page, member.id, member.account);

      // Nothing filled in: messages, and nothing recorded.
      await page.getByTestId("record-purchase").click();
      const dialog = page.getByRole("dialog");
      await poll(() => dialog.getByRole("combobox", { name: "消费门店" }).innerText()).toBe(member.homeStore.name);
      await dialog.getByTestId("purchase-submit").click();
      await poll(() => dialog.getByTestId("purchase-invalid").count()).toBe(1);
      // The payment method starts as WeChat Pay (nothing used yet on this device).
      expect(await dialog.getByRole("combobox", { name: "支付方式" }).innerText()).toBe("微信支付");
      expect(await dialog.getByText("请填写商品编码").count()).toBe(1);
      await fillLines(page, [["latte", "拿铁", "coffee", 1, "28.5"]]);
      await dialog.getByTestId("line-price-0").fill("28.555");
      await choose(page, "支付方式", "现金", true);
      await dialog.getByTestId("purchase-submit").click();
      await poll(() => dialog.getByText("单价须大于 0，最多两位小数").count()).toBe(1);
      expect(await orders(token, member.id)).toHaveLength(ordersBefore);

      // A double click on the record button: one order.
      await dialog.getByTestId("line-price-0").fill("28.5");
      await poll(() => dialog.getByTestId("purchase-total").innerText()).toBe("合计：¥28.50");
      const purchases = callsOf(page, "recordPurchase");
      await dialog.getByTestId("purchase-submit").dblclick();
      await poll(() => dialog.getByTestId("purchase-result").count()).toBe(1);
      await screenshot(page, "member-loyalty-9-double-click");
      await dialog.getByRole("button", { name: "关闭" }).click();
      // Every call the double click made has been answered (the console sends one, or repeats its order id).
      await purchases.answered();
      const after = await orders(token, member.id);
      expect(after).toHaveLength(ordersBefore + 1);
      await poll(() => page.getByTestId("order-row").count()).toBe(Math.min(ordersBefore + 1, 10));
      const afterPurchase = await account(token, member.id);
      await poll(() => page.getByTestId("loyalty-available").innerText()).toBe(String(afterPurchase.available));

      // No adjustments for clerks.
      await page.getByTestId("loyalty-tab-points").click();
      await poll(() => page.getByTestId("redeem-reward").count()).toBe(1);
      expect(await page.getByTestId("adjust-points").count()).toBe(0);

      // Check in: the streak and the points, once a day.
      await page.getByTestId("check-in").click();
      await poll(() => page.getByText(/签到成功：连续 1 天，获得 \d+ 积分/).count()).toBeGreaterThan(0);
      const checkedIn = await account(token, member.id);
      expect(checkedIn.available).toBeGreaterThan(afterPurchase.available);
      await poll(() => page.getByTestId("loyalty-available").innerText()).toBe(String(checkedIn.available));
      await poll(() => page.getByTestId("ledger-row").first().getByTestId("ledger-type").innerText()).toBe("签到");
      await screenshot(page, "member-loyalty-10-checked-in");
    },
  );
});
