/**
 * The clerk's till on a phone (390×844, touch) in a real browser over the
 * local server and DynamoDB Local with the demo merchant: look a member up,
 * open the member page, record a purchase by amount alone and one from the
 * product pick list, check in, redeem a reward and top up. After each screen
 * nothing is wider than the phone (the page, and an open dialog's paper), and
 * every action the clerk needs is on screen with its words, not just an icon.
 * Every step is checked against what the API stored. First, on a 360×740 screen, the demo guide's worklist:
 * the four sections with counts, this week's birthday, and a contact logged through the dialog's confirmation.
 */
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { WORKLIST_DEMO } from "../../scripts/local/worklist-demo.js";
import { gql, ok, signIn } from "../support/api.js";
import { consoleJourney, logIn, poll, screenshot } from "../support/console.js";

const journey = consoleJourney({ members: 30, otherMembers: 3 });
const PHONE = { width: 390, height: 844, touch: true };

interface ApiOrder {
  id: string;
  paymentMethod: string;
  total: number;
  lines: { sku: string; name: string; category: string | null; qty: number; unitPrice: number }[];
}

const query = async (token: string, text: string, variables: Record<string, unknown> = {}) =>
  ok(gql(journey.server, text, variables, { token }));

async function latestOrder(token: string, memberId: string): Promise<ApiOrder | undefined> {
  const data = await query(
    token,
    "query ($id: ID!) { member(id: $id) { orders(first: 1) { nodes { id paymentMethod total " +
      "lines { kind sku name category qty unitPrice } } } } }",
    { id: memberId },
  );
  return data.member.orders.nodes[0];
}

async function account(token: string, memberId: string): Promise<{ available: number; visits: number }> {
  const data = await query(token, "query ($id: ID!) { member(id: $id) { account { available visits } } }", {
    id: memberId,
  });
  return data.member.account;
}

async function storedValue(token: string, memberId: string): Promise<{ principal: number; bonus: number }> {
  const data = await query(token, "query ($id: ID!) { member(id: $id) { storedValue { principal bonus } } }", {
    id: memberId,
  });
  return data.member.storedValue;
}

/** What sticks out to the right of the phone's screen: the page, and every open dialog's paper and content. */
async function assertFits(page: Page, screen: string) {
  const found = await page.evaluate(() => {
    const width = window.innerWidth;
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}.${Array.from(element.classList).slice(0, 2).join(".")}` +
      `[${element.getAttribute("data-testid") ?? ""}] right=${Math.round(element.getBoundingClientRect().right)}`;
    // The innermost elements sticking out: what widens the page, rather than every box around it.
    const sticking = Array.from(document.querySelectorAll("body *"))
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .filter(
        (element) => !Array.from(element.children).some((child) => child.getBoundingClientRect().right > width + 1),
      )
      .slice(0, 6)
      .map(describe);
    const boxes = Array.from(document.querySelectorAll(".MuiDialog-paper, .MuiDialogContent-root")).map((element) => ({
      what: describe(element),
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
      right: element.getBoundingClientRect().right,
    }));
    return { width, scrollWidth: document.documentElement.scrollWidth, sticking, boxes };
  });
  const detail = `${screen}: ${found.sticking.join("; ")}`;
  expect(found.scrollWidth, detail).toBeLessThanOrEqual(found.width);
  for (const box of found.boxes) {
    expect(box.scrollWidth, `${detail}; ${box.what}`).toBeLessThanOrEqual(box.clientWidth);
    expect(box.right, `${detail}; ${box.what}`).toBeLessThanOrEqual(found.width);
  }
}

/** The action is on the screen (scrolled to if need be) and shows its label as text, not only as an icon's name. */
async function assertAction(page: Page, action: Locator, label: string) {
  await action.scrollIntoViewIfNeeded();
  await poll(async () => {
    const box = await action.boundingBox();
    return (
      box !== null &&
      box.x >= 0 &&
      box.y >= 0 &&
      box.x + box.width <= PHONE.width &&
      box.y + box.height <= PHONE.height &&
      box.width > 0
    );
  }).toBe(true);
  expect((await action.innerText()).trim()).toBe(label);
}

const button = (scope: Page | Locator, name: string) => scope.getByRole("button", { name, exact: true });

const WORKLIST = `{
  guideWorklist { birthdays { member { id name } date } slipping { member { id name } } expiringCoupons {
    member { id } code } newMembers { member { id name } } }
}`;

// Before the till journey below, whose purchases would move the demo members this checks.
describe("the guide worklist on a phone", () => {
  test("the demo guide sees this week's birthday and logs a contact", async () => {
    const { demo, server } = journey;
    const token = await signIn(server, demo.clerk.username, demo.clerk.password);
    const api = (await ok(gql(server, WORKLIST, {}, { token }))).guideWorklist;
    const birthday = api.birthdays.find(
      (entry: { member: { name: string } }) => entry.member.name === WORKLIST_DEMO.birthday.name,
    );
    expect(birthday, "the demo birthday member is on the guide's worklist").toBeDefined();
    expect(api.slipping.map((entry: { member: { name: string } }) => entry.member.name)).toContain(
      WORKLIST_DEMO.slipping.name,
    );
    expect(api.newMembers.map((entry: { member: { name: string } }) => entry.member.name)).toContain(
      WORKLIST_DEMO.newMember.name,
    );
    expect(api.expiringCoupons.map((entry: { member: { id: string } }) => entry.member.id)).toContain(
      birthday.member.id,
    );

    const page = await journey.openConsole({ width: 360, height: 740 });
    await logIn(page, demo.clerk.username, demo.clerk.password);
    await page.goto(`${server.url}/#/worklist`);
    await poll(() => page.getByTestId("worklist-birthdays-count").innerText()).toBe(String(api.birthdays.length));
    await poll(() => page.getByTestId("worklist-slipping-count").innerText()).toBe(String(api.slipping.length));
    await poll(() => page.getByTestId("worklist-expiringCoupons-count").innerText()).toBe(
      String(api.expiringCoupons.length),
    );
    await poll(() => page.getByTestId("worklist-newMembers-count").innerText()).toBe(String(api.newMembers.length));
    const row = page.locator(`[data-testid="worklist-birthdays-row"][data-member-id="${birthday.member.id}"]`);
    await expect(row.innerText()).resolves.toContain(WORKLIST_DEMO.birthday.name);
    // Clerks cannot issue coupons by hand: the row offers a contact and the member page.
    expect(await row.getByTestId("worklist-issue").count()).toBe(0);
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, "worklist-phone");

    await row.getByTestId("worklist-contact").click();
    await page.getByTestId("contact-note").fill("电话祝福生日，约周末到店");
    await page.getByTestId("contact-save").click();
    await poll(() => page.getByTestId("contact-confirm").innerText()).toContain("电话祝福生日");
    await screenshot(page, "worklist-phone-contact");
    await page.getByTestId("contact-confirm-save").click();
    await poll(() => page.getByTestId("contact-dialog").count()).toBe(0);

    const notes = async () =>
      (
        await ok(
          gql(
            server,
            `query($id: ID!) { member(id: $id) { contacts { nodes { channel note staffUsername } } } }`,
            { id: birthday.member.id },
            { token },
          ),
        )
      ).member.contacts.nodes;
    await poll(notes).toEqual([
      { channel: "CALL", note: "电话祝福生日，约周末到店", staffUsername: demo.clerk.username },
    ]);
  });
});

describe("the clerk's till on a phone", () => {
  test(
    "a clerk at 390×844 looks a member up, records a purchase by amount and one from the " +
      "pick list, checks in, redeems a reward and tops up, all within the screen's width",
    async () => {
      const owner = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
      const token = await signIn(journey.server, journey.demo.clerk.username, journey.demo.clerk.password);
      const members = (await query(token, "{ members(first: 30) { nodes { id name memberCode } } }")).members.nodes as {
        id: string;
        name: string;
        memberCode: string;
      }[];
      const member = members[2];
      // Enough points for a reward (a clerk cannot adjust points; the owner can).
      await query(
        owner,
        "mutation ($memberId: ID!, $requestId: String!) { adjustPoints(memberId: $memberId, points: 1000, " +
          'reason: "e2e: points for a reward", requestId: $requestId) { created } }',
        { memberId: member.id, requestId: randomUUID() },
      );

      // Look the member up by card code on the member list (a clerk sees phones masked), and open their page.
      const page = await journey.openConsole(PHONE);
      await logIn(page, journey.demo.clerk.username, journey.demo.clerk.password);
      await page.getByPlaceholder("手机号或会员码").fill(member.memberCode);
      // The list finds exactly that member.
      await poll(() => page.locator("tbody tr").count()).toBe(1);
      const found = page.locator("tbody tr").getByText(member.name, { exact: true });
      await screenshot(page, "till-phone-0-lookup");
      await found.click();
      await page.waitForURL(new RegExp(`#/members/${member.id}/show`));
      const before = await account(token, member.id);
      await poll(() => page.getByTestId("loyalty-available").innerText()).toBe(String(before.available));
      await poll(() => page.getByTestId("member-code").count()).toBe(1);
      await assertFits(page, "member page");
      await assertAction(page, button(page, "录入消费"), "录入消费");
      await assertAction(page, button(page, "签到"), "签到");
      await assertAction(page, page.getByRole("link", { name: "编辑", exact: true }), "编辑");
      await screenshot(page, "till-phone-1-member");

      // A purchase by amount alone: the phone's default, paid by WeChat unless changed.
      await button(page, "录入消费").click();
      const dialog = page.getByRole("dialog");
      await poll(() => button(dialog, "输入消费金额").getAttribute("aria-pressed")).toBe("true");
      await poll(() => dialog.getByRole("combobox", { name: "支付方式" }).innerText()).toBe("微信支付");
      await dialog.getByTestId("purchase-amount").fill("36.5");
      await assertFits(page, "purchase by amount");
      await assertAction(page, button(dialog, "确认录入"), "确认录入");
      await screenshot(page, "till-phone-2-amount", { fullPage: false });
      await button(dialog, "确认录入").click();
      await poll(() => dialog.getByTestId("purchase-result").count()).toBe(1);
      await assertFits(page, "purchase recorded");
      await screenshot(page, "till-phone-3-amount-recorded");
      await button(dialog, "关闭").click();
      await poll(() => page.getByRole("dialog").count()).toBe(0);
      expect(await latestOrder(token, member.id)).toMatchObject({
        paymentMethod: "wechat",
        total: 3650,
        lines: [{ kind: "amount", sku: "AMOUNT", name: "消费金额", qty: 1, unitPrice: 3650 }],
      });

      // A purchase from the product pick list: two teas (tapped twice) and a cake, paid in cash.
      await button(page, "录入消费").click();
      await button(dialog, "逐项录入商品").click();
      const pick = (sku: string) => dialog.locator(`[data-testid="product-pick"][data-sku="${sku}"]`);
      await pick("milk-tea").click();
      await pick("milk-tea").click();
      await pick("cake").click();
      await poll(() => dialog.getByTestId("line-qty-0").inputValue()).toBe("2");
      expect(await dialog.getByTestId("line-name-1").inputValue()).toBe("芝士蛋糕");
      // Categories by their names, not their codes.
      expect(await dialog.getByTestId("line-category-0").inputValue()).toBe("茶饮");
      expect(await dialog.getByTestId("product-category").allInnerTexts()).toContain("烘焙");
      await dialog.getByRole("combobox", { name: "支付方式" }).click();
      await page.getByRole("option", { name: "现金", exact: true }).click();
      await poll(() => dialog.getByTestId("purchase-total").innerText()).toBe("合计：¥68.00");
      await assertFits(page, "purchase from the pick list");
      await assertAction(page, button(dialog, "确认录入"), "确认录入");
      await screenshot(page, "till-phone-4-pick-list", { fullPage: false });
      await button(dialog, "确认录入").click();
      await poll(() => dialog.getByTestId("purchase-result").count()).toBe(1);
      await button(dialog, "关闭").click();
      await poll(() => page.getByRole("dialog").count()).toBe(0);
      expect(await latestOrder(token, member.id)).toMatchObject({
        paymentMethod: "cash",
        total: 6800,
        lines: [
          { kind: "item", sku: "milk-tea", name: "招牌奶茶", category: "tea", qty: 2, unitPrice: 1800 },
          { kind: "item", sku: "cake", name: "芝士蛋糕", category: "bakery", qty: 1, unitPrice: 3200 },
        ],
      });
      // The next purchase on this phone starts with the payment method used last.
      await button(page, "录入消费").click();
      await poll(() => dialog.getByRole("combobox", { name: "支付方式" }).innerText()).toBe("现金");
      await button(dialog, "取消").click();
      await poll(() => page.getByRole("dialog").count()).toBe(0);

      // Check in.
      const beforeCheckIn = await account(token, member.id);
      await assertAction(page, button(page, "签到"), "签到");
      await button(page, "签到").click();
      await poll(() => page.getByText(/签到成功：连续 1 天，获得 \d+ 积分/).count()).toBeGreaterThan(0);
      const checkedIn = await account(token, member.id);
      expect(checkedIn.available).toBeGreaterThan(beforeCheckIn.available);
      await poll(() => page.getByTestId("loyalty-available").innerText()).toBe(String(checkedIn.available));
      await assertFits(page, "checked in");
      await screenshot(page, "till-phone-5-checked-in");

      // Redeem a reward from the points tab.
      const rewards = (await query(token, "{ rewards(first: 50) { nodes { id name pointsCost status stock } } }"))
        .rewards.nodes as { name: string; pointsCost: number; status: string; stock: number | null }[];
      const reward = rewards.find((candidate) => candidate.status === "active" && candidate.pointsCost <= 1000)!;
      expect(reward, "a demo reward the member can afford").toBeDefined();
      await page.getByRole("tab", { name: "积分明细" }).click();
      await assertFits(page, "points tab");
      await assertAction(page, button(page, "积分兑换"), "积分兑换");
      await button(page, "积分兑换").click();
      await dialog.getByRole("combobox", { name: "奖品" }).click();
      await page.getByRole("option", { name: new RegExp(`^${reward.name}`) }).click();
      await assertFits(page, "redeem a reward");
      await button(dialog, "下一步").click();
      await poll(() => dialog.getByTestId("reward-confirm-text").innerText()).toContain(reward.name);
      await assertAction(page, button(dialog, "确认兑换"), "确认兑换");
      await screenshot(page, "till-phone-6-redeem", { fullPage: false });
      await button(dialog, "确认兑换").click();
      await poll(() => page.getByRole("dialog").count()).toBe(0);
      await poll(async () => (await account(token, member.id)).available).toBe(checkedIn.available - reward.pointsCost);
      await poll(() => page.getByTestId("loyalty-available").innerText()).toBe(
        String(checkedIn.available - reward.pointsCost),
      );

      // Top up stored value by a plan, after a confirmation.
      const stored = await storedValue(token, member.id);
      await page.getByRole("tab", { name: "储值" }).click();
      await assertFits(page, "stored value tab");
      await assertAction(page, button(page, "充值"), "充值");
      await button(page, "充值").click();
      await dialog.getByRole("radio", { name: /充300送60/ }).click();
      await assertFits(page, "top up");
      await assertAction(page, button(dialog, "下一步"), "下一步");
      await button(dialog, "下一步").click();
      await poll(() => dialog.getByTestId("top-up-confirm-text").count()).toBe(1);
      await assertFits(page, "top-up confirmation");
      await screenshot(page, "till-phone-7-top-up", { fullPage: false });
      await dialog.getByTestId("top-up-confirm").click();
      await poll(() => dialog.getByTestId("top-up-added").innerText()).toBe("本金 +¥300.00，赠送金 +¥60.00");
      await dialog.getByTestId("top-up-close").click();
      expect(await storedValue(token, member.id)).toEqual({
        principal: stored.principal + 30_000,
        bonus: stored.bonus + 6_000,
      });
      await poll(() => page.getByTestId("sv-principal").innerText()).toContain(
        ((stored.principal + 30_000) / 100).toLocaleString("en-US", { minimumFractionDigits: 2 }),
      );
      await assertFits(page, "topped up");
      await screenshot(page, "till-phone-8-topped-up");
    },
  );

  test("at the desk the purchase dialog stays item by item, one line to a row", async () => {
    const page = await journey.openConsole();
    await logIn(page, journey.demo.clerk.username, journey.demo.clerk.password);
    const token = await signIn(journey.server, journey.demo.clerk.username, journey.demo.clerk.password);
    const member = (await query(token, "{ members(first: 5) { nodes { id } } }")).members.nodes[3] as { id: string };
    await page.goto(`${journey.server.url}/#/members/${member.id}/show`);
    await page.getByTestId("record-purchase").click();
    const dialog = page.getByRole("dialog");
    await poll(() => button(dialog, "逐项录入商品").getAttribute("aria-pressed")).toBe("true");
    await poll(() => dialog.getByTestId("line-sku-0").count()).toBe(1);
    // The six inputs of a line share one row.
    const tops = await Promise.all(
      ["sku", "name", "category", "qty", "price"].map(
        async (field) => (await dialog.getByTestId(`line-${field}-0`).boundingBox())!.y,
      ),
    );
    expect(new Set(tops).size).toBe(1);
    expect(await dialog.getAttribute("class")).not.toContain("MuiDialog-paperFullScreen");
    await screenshot(page, "till-phone-9-desk");
  });

  test("a sale recorded by its amount reads 消费金额 in the orders, whatever the till named it", async () => {
    const token = await signIn(journey.server, journey.demo.clerk.username, journey.demo.clerk.password);
    const member = (await query(token, "{ members(first: 5) { nodes { id homeStoreId } } }")).members.nodes[4] as {
      id: string;
      homeStoreId: string;
    };
    const orderId = `amount-${member.id.slice(0, 8)}`;
    const line = { kind: "amount", sku: "AMOUNT", name: "Amount paid", qty: 1, unitPrice: 4200 };
    const input = { orderId, memberId: member.id, storeId: member.homeStoreId, lines: [line], total: 4200 };
    await query(token, "mutation ($i: RecordPurchaseInput!) { recordPurchase(input: $i) { created } }", {
      i: { ...input, paymentMethod: "cash" },
    });
    const page = await journey.openConsole();
    await logIn(page, journey.demo.clerk.username, journey.demo.clerk.password);
    await page.goto(`${journey.server.url}/#/members/${member.id}/show`);
    await page.getByRole("tab", { name: "消费订单" }).click();
    const row = page.getByTestId("order-line").first();
    await poll(() => row.innerText()).toMatch(/^消费金额 .*¥42\.00$/);
  });
});
