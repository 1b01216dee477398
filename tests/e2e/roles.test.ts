/**
 * The console follows the role, in a real browser over the local server and
 * DynamoDB Local with the demo merchant: a manager of one store sees that
 * store only (menu, stores list, members, a member of another store by
 * address); a clerk sees the members and the till actions and nothing that
 * the API would refuse; the English switch changes the labels and back.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { gql, ok, signIn } from "../support/api.js";
import {
  columnTexts,
  consoleJourney,
  logIn,
  poll,
  screenshot,
  switchLanguage,
  UI_TIMEOUT,
} from "../support/console.js";

const journey = consoleJourney({ members: 30, otherMembers: 3 });
const openConsole = () => journey.openConsole({ height: 1000 });

interface ApiMember {
  id: string;
  name: string;
  homeStore: { id: string; name: string };
}

async function ownerToken() {
  return signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
}

async function members(token: string, first = 100): Promise<ApiMember[]> {
  const data = await ok(
    gql(
      journey.server,
      "query ($first: Int) { members(first: $first) { nodes { id name homeStore { id name } } } }",
      { first },
      { token },
    ),
  );
  return data.members.nodes;
}

async function stores(token: string): Promise<{ id: string; name: string }[]> {
  return (await ok(gql(journey.server, "{ stores(first: 50) { nodes { id name } } }", {}, { token }))).stores.nodes;
}

const menuTexts = (page: Page) => page.getByRole("menuitem").allInnerTexts();

/** Menu entries only owners (and managers) have. */
const OWNER_ONLY = ["商户信息", "API 密钥", "储值 · 券 · 推荐规则", "储值方案"];
const MANAGING = [
  "门店",
  "员工",
  "导入会员",
  "积分与等级",
  "推荐记录",
  "储值负债",
  "自动化营销",
  "短信记录",
  "优惠券",
  "积分兑换礼品",
  "人群",
  "营销活动",
];

describe("the console follows the role", () => {
  test(
    "a manager of one store sees only that store: not the other stores in the menu's " +
      "stores list, not their members, and another store's member by address is not " +
      "found",
    async () => {
      const owner = await ownerToken();
      const all = await stores(owner);
      const ownStore = all.find((store) => store.id === journey.demo.manager.storeId)!;
      const otherStores = all.filter((store) => store.id !== ownStore.id);
      expect(otherStores.length).toBeGreaterThan(0);
      const stranger = (await members(owner)).find((member) => member.homeStore.id !== ownStore.id)!;
      expect(stranger).toBeDefined();

      const page = await openConsole();
      await logIn(page, journey.demo.manager.username, journey.demo.manager.password);

      // The members list shows the manager's store only.
      await poll(async () => (await columnTexts(page, "姓名")).length).toBeGreaterThan(0);
      expect(new Set(await columnTexts(page, "归属门店"))).toEqual(new Set([ownStore.name]));
      expect(await columnTexts(page, "姓名")).not.toContain(stranger.name);

      // The menu: the manager's screens, none of the owner's.
      const menu = await menuTexts(page);
      expect(menu).toEqual(expect.arrayContaining(["会员", "门店", "员工"]));
      for (const item of OWNER_ONLY) expect(menu).not.toContain(item);

      // The stores list from the menu: the manager's store, no other.
      await page.getByRole("menuitem", { name: "门店" }).click();
      await page.waitForURL(/#\/stores/);
      await poll(() => columnTexts(page, "门店名称")).toEqual([ownStore.name]);
      for (const store of otherStores) expect(await page.getByText(store.name).count()).toBe(0);

      // Another store's member by address: not found, and nothing of them shows.
      await page.goto(`${journey.server.url}/#/members/${encodeURIComponent(stranger.id)}/show`);
      await poll(() => page.getByText("该记录不存在").count()).toBeGreaterThan(0);
      expect(await page.getByText(stranger.name).count()).toBe(0);
      await screenshot(page, "roles-1-manager-other-store-not-found");

      // An owner-only screen by address is not there either.
      await page.goto(`${journey.server.url}/#/settings`);
      await poll(() => page.getByText("未找到").count()).toBeGreaterThan(0);
    },
  );

  test(
    "a clerk sees the members and the till actions only: no settings, no store or " +
      "staff screens, nothing the API would refuse",
    async () => {
      const clerkToken = await signIn(journey.server, journey.demo.clerk.username, journey.demo.clerk.password);
      const [member] = await members(clerkToken, 5);
      expect(member).toBeDefined();

      const page = await openConsole();
      await logIn(page, journey.demo.clerk.username, journey.demo.clerk.password);
      await poll(async () => (await columnTexts(page, "姓名")).length).toBeGreaterThan(0);

      // The menu: members, and none of the managing or owner screens.
      const menu = await menuTexts(page);
      expect(menu).toContain("会员");
      for (const item of [...MANAGING, ...OWNER_ONLY]) expect(menu).not.toContain(item);
      // No bulk actions (no row checkboxes) and no export.
      expect(await page.locator('tbody tr input[type="checkbox"]').count()).toBe(0);
      expect(await page.getByRole("button", { name: "导出" }).count()).toBe(0);

      // The member page: the till actions, and none of the managing ones.
      await page.goto(`${journey.server.url}/#/members/${encodeURIComponent(member.id)}/show`);
      await poll(() => page.getByTestId("record-purchase").count()).toBe(1);
      await page.getByTestId("loyalty-tab-points").click();
      await poll(() => page.getByTestId("redeem-reward").count()).toBe(1);
      expect(await page.getByTestId("adjust-points").count()).toBe(0);
      await page.getByTestId("loyalty-tab-tiers").click();
      await poll(() => page.getByTestId("tiers-tab").count()).toBe(1);
      expect(await page.getByTestId("manual-tier").count()).toBe(0);
      await page.getByTestId("wallet-tab-stored_value").click();
      await poll(() => page.getByTestId("sv-top-up-open").count()).toBe(1);
      expect(await page.getByTestId("sv-top-up-refund").count()).toBe(0);
      await page.getByTestId("wallet-tab-coupons").click();
      await poll(() => page.getByTestId("coupon-wallet").count()).toBe(1);
      expect(await page.getByTestId("wallet-issue").count()).toBe(0);
      expect(await page.getByTestId("coupon-revoke").count()).toBe(0);
      expect(await page.getByTestId("guide-select").count()).toBe(0);
      expect(await page.getByRole("button", { name: "导出个人数据" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "删除会员" }).count()).toBe(0);
      await screenshot(page, "roles-2-clerk-member");

      // Screens outside the role are not there, even by address.
      for (const path of ["settings", "stores", "staff", "loyalty"]) {
        await page.goto(`${journey.server.url}/#/${path}`);
        await expect
          .poll(() => page.getByText("未找到").count(), { message: `#/${path} for a clerk`, timeout: UI_TIMEOUT })
          .toBeGreaterThan(0)
          .catch(async (error) => {
            console.log(path, await page.locator("body").innerText());
            throw error;
          });
      }
    },
  );

  test("the English switch changes the labels, and switching back restores Chinese", async () => {
    const page = await openConsole();
    await logIn(page, journey.demo.manager.username, journey.demo.manager.password);
    await poll(() => page.locator("thead th").allInnerTexts()).toEqual(
      expect.arrayContaining(["姓名", "手机号", "归属门店"]),
    );
    expect(await menuTexts(page)).toEqual(expect.arrayContaining(["会员", "门店"]));

    await switchLanguage(page, "中文", "English");
    await poll(() => page.locator("thead th").allInnerTexts()).toEqual(
      expect.arrayContaining(["Name", "Phone", "Home store"]),
    );
    expect(await menuTexts(page)).toEqual(expect.arrayContaining(["Members", "Stores", "Staff"]));
    expect((await menuTexts(page)).join(" ")).not.toMatch(/[\u4e00-\u9fff]/);
    await screenshot(page, "roles-3-english");

    await switchLanguage(page, "English", "中文");
    await poll(() => page.locator("thead th").allInnerTexts()).toEqual(
      expect.arrayContaining(["姓名", "手机号", "归属门店"]),
    );
    expect(await menuTexts(page)).toEqual(expect.arrayContaining(["会员", "门店", "员工"]));
  });
});
