/**
 * Loyalty settings in the console, in a real browser over the local server
 * and DynamoDB Local with the demo merchant: the owner changes the points
 * rules and the tier ladder, runs the points mall's catalogue, and is stopped
 * (with the reason shown) before the API would refuse; a manager only reads
 * the rules and a clerk sees none of it. First, recommendations (推荐商品) on the
 * member page: a demo member with purchases sees what the API recommends, with
 * the reason; a member without purchases sees the empty state. Every journey
 * checks the screen against what the API stored.
 */
import { randomInt } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { gql, ok, signIn } from "../support/api.js";
import { columnTexts, consoleJourney, logIn, openCreate, poll, screenshot } from "../support/console.js";

const journey = consoleJourney({ members: 14, otherMembers: 2, purchases: 10 });
const openConsole = () => journey.openConsole({});

const CONFIG = `{ loyaltyConfig {
  rules { pointsPerYuan growthPerYuan pendingDays lifetimeMonths memberDayDaysOfMonth memberDayWeekdays
    memberDayMultiplier excludedCategories excludedSkus clawbackPolicy }
  ladder { tiers { id name threshold discountPercent pointsMultiplier birthdayCouponTemplateId } reviewWindowDays }
  checkin { enabled points growth bonuses { day points } cycle }
} }`;

interface ApiReward {
  id: string;
  name: string;
  kind: string;
  pointsCost: number;
  stock: number | null;
  perMemberLimit: number | null;
  status: string;
}

const ownerToken = () => signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);

async function loyaltyConfig(token: string) {
  return (await ok(gql(journey.server, CONFIG, {}, { token }))).loyaltyConfig;
}

async function rewards(token: string): Promise<ApiReward[]> {
  return (
    await ok(
      gql(
        journey.server,
        "{ rewards(first: 100) { nodes { id name kind pointsCost stock perMemberLimit status } } }",
        {},
        { token },
      ),
    )
  ).rewards.nodes;
}

async function openLoyalty(page: Page) {
  await page.getByRole("menuitem", { name: "积分与等级" }).click();
  await page.waitForURL(/#\/loyalty/);
  await page.getByTestId("points-rules").waitFor();
}

/** The one visible save button (each tab has its own form). */
const saveButton = (page: Page) => page.getByRole("button", { name: "保存" });

// First, before the journeys below change the points rules and the tier ladder.
interface ApiRecommendation {
  sku: string;
  name: string | null;
  reason: "history" | "similar";
}
interface ApiMember {
  id: string;
  name: string;
  recommendations: ApiRecommendation[];
}

async function membersWithRecommendations(token: string): Promise<ApiMember[]> {
  const data = await ok(
    gql(
      journey.server,
      "{ members(first: 14) { nodes { id name recommendations(limit: 8) { sku name reason } } } }",
      {},
      { token },
    ),
  );
  return data.members.nodes;
}

describe("recommendations on the member page", () => {
  test("an owner opens a demo member's page and sees the products to offer, own favourites and what similar members bought", async () => {
    // Prepare: a demo member whose recommendations include both reasons, and one with no purchases.
    const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
    const members = await membersWithRecommendations(token);
    const member = members.find(
      (m) =>
        m.recommendations.some((r) => r.reason === "history") && m.recommendations.some((r) => r.reason === "similar"),
    );
    expect(member, "a demo member with both kinds of recommendation").toBeDefined();
    const newcomer = members.find((m) => m.recommendations.length === 0);
    expect(newcomer, "a demo member without purchases").toBeDefined();

    // Act
    const page = await journey.openConsole({ height: 1000 });
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await page.goto(`${journey.server.url}/#/members/${member!.id}/show`);
    const panel = page.getByTestId("recommendations-section");
    await panel.scrollIntoViewIfNeeded();

    // Assess: the panel lists what the API recommends, in its order, with the reasons in Chinese.
    await poll(() => panel.getByTestId("recommendation-row").count()).toBe(member!.recommendations.length);
    await expect.poll(() => panel.locator("h6").first().innerText()).toBe("推荐商品");
    const rows = await panel.getByTestId("recommendation-row").allInnerTexts();
    member!.recommendations.forEach((r, i) => expect(rows[i]).toContain(r.name ?? r.sku));
    const reasons = await panel.getByTestId("recommendation-reason").allInnerTexts();
    expect(reasons).toEqual(member!.recommendations.map((r) => (r.reason === "history" ? "常买" : "相似会员也买")));
    await screenshot(page, "recommendations-1-member");

    // A member without purchases: the empty state.
    await page.goto(`${journey.server.url}/#/members/${newcomer!.id}/show`);
    await poll(() => page.getByTestId("recommendations-empty").innerText()).toContain("暂无推荐");
    await screenshot(page, "recommendations-2-empty");
  });
});

describe("loyalty settings in the console", () => {
  test("an owner changes the per-yuan rate and adds a tier; the API holds both and nothing else moved", async () => {
    const token = await ownerToken();
    const before = await loyaltyConfig(token);
    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await openLoyalty(page);

    // Points rules: 2.5 points per ¥1; the example works out ¥100.00 at once.
    const rules = page.getByTestId("points-rules");
    await poll(() => rules.locator('input[name="pointsPerYuan"]').inputValue()).toBe(
      String(before.rules.pointsPerYuan),
    );
    await rules.locator('input[name="pointsPerYuan"]').fill("2.5");
    await poll(() => page.getByTestId("earning-example").innerText()).toContain("¥100.00 得 250 积分");
    await saveButton(page).click();
    await page.getByText("积分规则已保存").waitFor();
    await poll(async () => (await loyaltyConfig(token)).rules.pointsPerYuan).toBe(2.5);
    const afterRules = await loyaltyConfig(token);
    expect(afterRules.rules).toEqual({ ...before.rules, pointsPerYuan: 2.5 });
    expect(afterRules.ladder).toEqual(before.ladder);
    expect(afterRules.checkin).toEqual(before.checkin);
    await screenshot(page, "loyalty-1-points-rules");

    // Tier ladder: a fifth tier above 黑卡.
    await page.getByTestId("loyalty-tab-tiers").click();
    const ladder = page.getByTestId("tier-ladder");
    const next = before.ladder.tiers.length;
    await ladder.getByTestId("add-tier").click();
    await ladder.locator(`input[name="tiers.${next}.name"]`).fill("钻石卡");
    await ladder.locator(`input[name="tiers.${next}.threshold"]`).fill("50000");
    // The discount in 折 as shops write it: 9折 is 10 % off.
    await ladder.locator(`input[name="tiers.${next}.discountPercent"]`).fill("9");
    await ladder.locator(`input[name="tiers.${next}.pointsMultiplier"]`).fill("3");
    await saveButton(page).click();
    await page.getByText("会员等级已保存").waitFor();
    await poll(async () => (await loyaltyConfig(token)).ladder.tiers.length).toBe(next + 1);
    const afterTiers = await loyaltyConfig(token);
    expect(afterTiers.ladder.tiers.slice(0, next)).toEqual(before.ladder.tiers);
    expect(afterTiers.ladder.tiers[next]).toEqual({
      id: `tier${next + 1}`,
      name: "钻石卡",
      threshold: 50_000,
      discountPercent: 10,
      pointsMultiplier: 3,
      birthdayCouponTemplateId: null,
    });
    expect(afterTiers.ladder.reviewWindowDays).toBe(before.ladder.reviewWindowDays);
    expect(afterTiers.rules.pointsPerYuan).toBe(2.5);
    // The saved tier's id is now fixed.
    await poll(() => ladder.locator(`input[name="tiers.${next}.tierId"]`).inputValue()).toBe(`tier${next + 1}`);
    expect(await ladder.locator(`input[name="tiers.${next}.tierId"]`).getAttribute("readonly")).not.toBeNull();
    await screenshot(page, "loyalty-2-tier-ladder");

    // Check-in: 8 points a day and a day-14 streak bonus.
    await page.getByTestId("loyalty-tab-checkin").click();
    const checkin = page.getByTestId("checkin-rules");
    await checkin.locator('input[name="points"]').fill("8");
    const bonuses = before.checkin.bonuses.length;
    await checkin.getByTestId("add-bonus").click();
    await checkin.locator(`input[name="bonuses.${bonuses}.day"]`).fill("14");
    await checkin.locator(`input[name="bonuses.${bonuses}.points"]`).fill("100");
    await saveButton(page).click();
    await page.getByText("签到规则已保存").waitFor();
    await poll(async () => (await loyaltyConfig(token)).checkin.points).toBe(8);
    const afterCheckin = await loyaltyConfig(token);
    expect(afterCheckin.checkin).toEqual({
      ...before.checkin,
      points: 8,
      bonuses: [...before.checkin.bonuses, { day: 14, points: 100 }],
    });
    expect(afterCheckin.ladder).toEqual(afterTiers.ladder);
    await screenshot(page, "loyalty-3-checkin");
  });

  test("thresholds out of order and a negative rate are shown as errors and change nothing", async () => {
    const token = await ownerToken();
    const before = await loyaltyConfig(token);
    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await openLoyalty(page);

    // The third tier below the second: refused in the form, with the reason at the input.
    await page.getByTestId("loyalty-tab-tiers").click();
    const ladder = page.getByTestId("tier-ladder");
    const second = before.ladder.tiers[1];
    await ladder.locator('input[name="tiers.2.threshold"]').fill(String(second.threshold - 1));
    await saveButton(page).click();
    await page.getByText(`门槛须高于上一等级（${second.threshold}）`).waitFor();
    await page.getByText("表单有误，请检查").waitFor();
    await screenshot(page, "loyalty-4-thresholds-refused");

    // A negative points rate, likewise.
    await page.getByTestId("loyalty-tab-rules").click();
    await page.getByTestId("points-rules").locator('input[name="pointsPerYuan"]').fill("-1");
    await saveButton(page).click();
    await page.getByText("须在 0 到 100 之间").waitFor();

    // Nothing reached the API.
    expect(await loyaltyConfig(token)).toEqual(before);
  });

  test("an owner adds a reward with stock 5 (a negative cost is refused first), changes its stock, and adds a coupon reward", async () => {
    const token = await ownerToken();
    const name = `保温杯${randomInt(1000, 9999)}`;
    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await page.getByRole("menuitem", { name: "积分兑换礼品" }).click();
    await openCreate(page, "rewards");

    await page.locator('input[name="name"]').fill(name);
    await page.locator('input[name="pointsCost"]').fill("-5");
    await page.locator('input[name="stock"]').fill("5");
    await saveButton(page).click();
    await page.getByText("须为 1 到 10000000 之间的整数").waitFor();
    expect((await rewards(token)).some((reward) => reward.name === name)).toBe(false);

    await page.locator('input[name="pointsCost"]').fill("120");
    await saveButton(page).click();
    await page.waitForURL(/#\/rewards(\?|$)/);
    await poll(() => columnTexts(page, "名称")).toContain(name);
    const names = await columnTexts(page, "名称");
    expect((await columnTexts(page, "库存"))[names.indexOf(name)]).toBe("5");
    const created = (await rewards(token)).find((reward) => reward.name === name);
    expect(created).toMatchObject({ kind: "gift", pointsCost: 120, stock: 5, perMemberLimit: null, status: "active" });

    // Edit: 8 in stock and at most 2 per member.
    await page.locator("tbody tr", { hasText: name }).click();
    await page.waitForURL(new RegExp(`#/rewards/${created!.id}$`));
    await poll(() => page.locator('input[name="stock"]').inputValue()).toBe("5");
    await page.locator('input[name="stock"]').fill("8");
    await page.locator('input[name="perMemberLimit"]').fill("2");
    await saveButton(page).click();
    await page.getByText("兑换礼品已保存").waitFor();
    await page.waitForURL(/#\/rewards(\?|$)/);
    await poll(async () => (await rewards(token)).find((reward) => reward.id === created!.id)).toMatchObject({
      stock: 8,
      perMemberLimit: 2,
      pointsCost: 120,
      name,
    });
    await poll(async () => (await columnTexts(page, "库存"))[(await columnTexts(page, "名称")).indexOf(name)]).toBe(
      "8",
    );

    // A coupon reward with unlimited stock: the templates are offered with their value in ¥.
    const couponName = `满减券${randomInt(1000, 9999)}`;
    await openCreate(page, "rewards");
    await page.locator('input[name="name"]').fill(couponName);
    await page.getByLabel("优惠券", { exact: true }).check();
    await page.getByRole("combobox", { name: "优惠券模板" }).click();
    await page.getByRole("option", { name: "满100减20（满 ¥100.00 减 ¥20.00）" }).click();
    await page.locator('input[name="pointsCost"]').fill("200");
    await page.getByLabel("不限库存").check();
    await screenshot(page, "loyalty-5-reward-form");
    await saveButton(page).click();
    await page.waitForURL(/#\/rewards(\?|$)/);
    await poll(() => columnTexts(page, "名称")).toContain(couponName);
    const templates = (
      await ok(gql(journey.server, "{ couponTemplates(first: 100) { nodes { id name } } }", {}, { token }))
    ).couponTemplates.nodes as { id: string; name: string }[];
    const coupon = (
      await ok(
        gql(
          journey.server,
          "{ rewards(first: 100) { nodes { name kind couponTemplateId stock pointsCost } } }",
          {},
          { token },
        ),
      )
    ).rewards.nodes.find((reward: { name: string }) => reward.name === couponName);
    expect(coupon).toEqual({
      name: couponName,
      kind: "coupon",
      couponTemplateId: templates.find((template) => template.name === "满100减20")!.id,
      stock: null,
      pointsCost: 200,
    });
    expect((await columnTexts(page, "库存"))[(await columnTexts(page, "名称")).indexOf(couponName)]).toBe("不限");
    await screenshot(page, "loyalty-6-rewards-list");
  });

  test("a manager reads the rules without a save button; a clerk sees neither the rules nor the points mall", async () => {
    const manager = await openConsole();
    await logIn(manager, journey.demo.manager.username, journey.demo.manager.password);
    await openLoyalty(manager);
    await manager.getByTestId("loyalty-read-only").waitFor();
    expect(
      await manager.getByTestId("points-rules").locator('input[name="pointsPerYuan"]').getAttribute("readonly"),
    ).not.toBeNull();
    expect(await saveButton(manager).count()).toBe(0);
    await manager.getByTestId("loyalty-tab-tiers").click();
    await poll(() => manager.getByTestId("tier-ladder").locator('input[name="tiers.0.name"]').inputValue()).not.toBe(
      "",
    );
    expect(await manager.getByTestId("add-tier").count()).toBe(0);
    await screenshot(manager, "loyalty-7-manager-read-only");
    // The points mall: listed, but no new reward and no edit.
    await manager.getByRole("menuitem", { name: "积分兑换礼品" }).click();
    await manager.waitForURL(/#\/rewards/);
    await poll(async () => (await columnTexts(manager, "名称")).length).toBeGreaterThan(0);
    expect(await manager.getByRole("link", { name: "新建" }).count()).toBe(0);
    await manager.context().close();

    const page = await openConsole();
    await logIn(page, journey.demo.clerk.username, journey.demo.clerk.password);
    await page.getByRole("menuitem", { name: "会员", exact: true }).waitFor();
    expect(await page.getByRole("menuitem", { name: "积分与等级" }).count()).toBe(0);
    expect(await page.getByRole("menuitem", { name: "积分兑换礼品" }).count()).toBe(0);
    // Not even by address.
    await page.goto(`${journey.server.url}/#/loyalty`);
    await poll(() => page.getByText("未找到").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("points-rules").count()).toBe(0);
    await page.goto(`${journey.server.url}/#/rewards/create`);
    await poll(() => page.getByText("未找到").count()).toBeGreaterThan(0);
    await screenshot(page, "loyalty-8-clerk-menu");
  });
});
