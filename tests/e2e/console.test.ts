/**
 * The console in a real browser: the built react-admin app served by the
 * local server over DynamoDB Local with the demo merchant, driven by Chromium.
 * Every journey checks what a user sees against what the API stored.
 */
import { randomInt } from "node:crypto";
import { describe, expect, test } from "vitest";
import { gql, ok, signIn } from "../support/api.js";
import {
  choose,
  columnTexts,
  consoleJourney,
  logIn,
  openCreate,
  poll,
  screenshot,
  switchLanguage,
} from "../support/console.js";

const journey = consoleJourney({ members: 60, otherMembers: 5 });
const openConsole = () => journey.openConsole({});

const MEMBER_FIELDS = "id name phone memberCode homeStore { id name } marketingSms { granted }";

/** The API's own view, to compare the screen with. */
async function ownerToken() {
  return signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
}

async function newestMembers(token: string, first = 25) {
  const data = await ok(
    gql(
      journey.server,
      `query ($first: Int) { members(first: $first) { nodes { ${MEMBER_FIELDS} } } }`,
      { first },
      { token },
    ),
  );
  return data.members.nodes as {
    id: string;
    name: string;
    phone: string;
    memberCode: string;
    homeStore: { id: string; name: string };
  }[];
}

/** A mainland mobile number no demo member has (demo numbers are random over the same prefixes). */
function newPhone() {
  return `1991${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
}

/**
 * A production build of the console. Vite takes the mode from NODE_ENV, which
 * vitest sets to "test" (a development React build); the journey.server, started after
 * this, must not see "production" (it would turn introspection off).
 */

describe("the merchant console", () => {
  test("an owner signs in, sees the demo members, opens a member's card and registers a new member", async () => {
    const token = await ownerToken();
    const [newest, ...others] = await newestMembers(token);
    // Prepare: the newest member is a real demo person (Chinese name, +86 phone).
    expect(newest.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    expect(newest.phone).toMatch(/^\+86/);

    // Act: sign in as the demo owner.
    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);

    // Assess: the member list shows the demo members, newest first, in Chinese.
    await poll(() => columnTexts(page, "姓名")).toContain(newest.name);
    const names = await columnTexts(page, "姓名");
    expect(names).toHaveLength(25);
    expect(names[0]).toBe(newest.name);
    expect(names).toContain(others[others.length - 1].name);
    await poll(() => page.getByRole("menuitem").allInnerTexts()).toEqual(
      expect.arrayContaining(["会员", "门店", "员工", "API 密钥", "商户信息"]),
    );

    // The next page continues with older members (cursor paging).
    await page.getByRole("button", { name: "下一页" }).click();
    await poll(async () => (await columnTexts(page, "姓名"))[0]).not.toBe(newest.name);
    const secondPage = await newestMembers(token, 50);
    await poll(() => columnTexts(page, "姓名")).toEqual(secondPage.slice(25, 50).map((member) => member.name));
    await page.getByRole("button", { name: "上一页" }).click();
    await poll(async () => (await columnTexts(page, "姓名"))[0]).toBe(newest.name);

    // Open the newest member: the card code is shown large, grouped by four.
    await page.locator("tbody tr").first().click();
    await page.waitForURL(new RegExp(`#/members/${newest.id}/show`));
    const code = page.getByTestId("member-code");
    await poll(() => code.innerText()).toBe(newest.memberCode.match(/.{1,4}/g)!.join(" "));
    expect(await page.getByText(newest.homeStore.name).count()).toBeGreaterThan(0);
    const fontSize = await code.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(32);

    // A phone no mobile can be: the form's own check (the API's rule) says so at the phone input, in Chinese.
    const westLake = journey.demo.stores.find((store) => store.name === "西湖店")!;
    await page.goto(`${journey.server.url}/#/members/create`);
    await page.locator('input[name="phone"]').fill("12345");
    await page.locator('input[name="name"]').fill("号码不对");
    await choose(page, "归属门店", westLake.name, true);
    await page.getByRole("button", { name: "保存" }).click();
    await poll(() => page.getByText("请输入正确的手机号").count()).toBeGreaterThan(0);
    expect(page.url()).toContain("#/members/create");
    expect((await newestMembers(token, 1))[0].id).toBe(newest.id);

    // Register a new member through the form.
    const phone = newPhone();
    const name = `测试${String.fromCharCode(0x4e00 + randomInt(0, 500))}`;
    await page.goto(`${journey.server.url}/#/members/create`);
    await page.locator('input[name="phone"]').fill(phone);
    await page.locator('input[name="name"]').fill(name);
    await page.getByRole("radio", { name: "女" }).check();
    await page.locator('input[name="birthday.month"]').fill("5");
    await page.locator('input[name="birthday.day"]').fill("20");
    await choose(page, "归属门店", westLake.name, true);
    await page.locator('input[name="marketingSmsConsent"]').check();
    await page.getByRole("button", { name: "保存" }).click();

    // Assess: the console opens the new member, and the API holds exactly what was entered.
    await page.waitForURL(/#\/members\/[^/]+\/show/);
    await poll(() => page.getByText("会员登记成功").count()).toBeGreaterThan(0);
    const stored = await ok(
      gql(
        journey.server,
        `query ($phone: String!) { memberByPhone(phone: $phone) { ${MEMBER_FIELDS} gender birthday { month day year } channel } }`,
        { phone },
        { token },
      ),
    );
    expect(stored.memberByPhone).toMatchObject({
      name,
      phone: `+86${phone}`,
      gender: "female",
      birthday: { month: 5, day: 20, year: null },
      homeStore: { id: westLake.id, name: westLake.name },
      marketingSms: { granted: true },
      channel: "staff",
    });
    expect(page.url()).toContain(`#/members/${stored.memberByPhone.id}/show`);
    await poll(() => page.getByTestId("member-code").innerText()).toBe(
      stored.memberByPhone.memberCode.match(/.{1,4}/g)!.join(" "),
    );
    await poll(() => page.getByText("5月20日").count()).toBeGreaterThan(0);

    // The new member is at the top of the list and can be found by phone.
    await page.goto(`${journey.server.url}/#/members`);
    await poll(async () => (await columnTexts(page, "姓名"))[0]).toBe(name);
    await page.getByPlaceholder("手机号或会员码").fill(phone);
    await poll(() => columnTexts(page, "姓名")).toEqual([name]);
    await screenshot(page, "1-owner-members");

    // Enrolling the same phone again opens the same member and says so.
    await page.goto(`${journey.server.url}/#/members/create`);
    await page.locator('input[name="phone"]').fill(phone);
    await page.locator('input[name="name"]').fill("重复登记");
    await choose(page, "归属门店", westLake.name, true);
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(new RegExp(`#/members/${stored.memberByPhone.id}/show`));
    await poll(() => page.getByText("该手机号已经是会员").count()).toBeGreaterThan(0);
    const again = await ok(
      gql(journey.server, `query ($phone: String!) { memberByPhone(phone: $phone) { name } }`, { phone }, { token }),
    );
    expect(again.memberByPhone.name).toBe(name);
  });

  test("an owner creates an API key and sees its secret once; revoking it shuts it out", async () => {
    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    const keyName = `收银台 ${randomInt(1000, 9999)}`;

    // Act: create a key through the form.
    await page.getByRole("menuitem", { name: "API 密钥" }).click();
    await openCreate(page, "apiKeys");
    await page.locator('input[name="name"]').fill(keyName);
    await page.getByRole("button", { name: "保存" }).click();

    // Assess: the secret is shown in a dialog with a warning and a copy button, and it works.
    const dialog = page.getByRole("dialog");
    await poll(() => dialog.getByTestId("api-key-secret-warning").innerText()).toContain("无法再次查看");
    const secret = await dialog.getByTestId("api-key-secret").inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(20);
    expect(await dialog.getByRole("button", { name: "复制" }).isVisible()).toBe(true);
    const asKey = await gql(journey.server, "{ viewer { kind } }", {}, { apiKey: secret });
    expect(asKey.data?.viewer.kind).toBe("apiKey");
    await screenshot(page, "2-api-key-secret");

    // Once closed, the list shows the key by prefix only; the secret is nowhere on the page.
    await dialog.getByRole("button", { name: "我已保存密钥" }).click();
    await page.waitForURL(/#\/apiKeys$/);
    const row = page.locator("tbody tr", { hasText: keyName });
    await poll(() => row.count()).toBe(1);
    const token = await ownerToken();
    const keys = await ok(gql(journey.server, "{ apiKeys { id name prefix revokedAt } }", {}, { token }));
    const key = keys.apiKeys.find((candidate: { name: string }) => candidate.name === keyName);
    expect(key).toMatchObject({ revokedAt: null });
    expect(secret.startsWith(key.prefix)).toBe(true);
    expect(await row.innerText()).toContain(key.prefix);
    expect(await page.locator("body").innerText()).not.toContain(secret);

    // Revoke it (with confirmation): the API refuses the key from then on.
    await row.getByRole("button", { name: "吊销" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "吊销" }).click();
    await poll(() => page.getByText("API 密钥已吊销").count()).toBeGreaterThan(0);
    await poll(() => row.getByRole("button", { name: "吊销" }).count()).toBe(0);
    const refused = await gql(journey.server, "{ viewer { kind } }", {}, { apiKey: secret });
    expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  test("a store manager sees only their own store's members and no other store is offered", async () => {
    const ownStore = journey.demo.stores.find((store) => store.id === journey.demo.manager.storeId)!;
    const otherStores = journey.demo.stores.filter((store) => store.id !== ownStore.id);

    const page = await openConsole();
    await logIn(page, journey.demo.manager.username, journey.demo.manager.password);

    // Assess: every member listed belongs to the manager's store.
    await poll(async () => (await columnTexts(page, "归属门店")).length).toBeGreaterThan(0);
    const homeStores = await columnTexts(page, "归属门店");
    expect(new Set(homeStores)).toEqual(new Set([ownStore.name]));
    const managerToken = await signIn(journey.server, journey.demo.manager.username, journey.demo.manager.password);
    const visible = await newestMembers(managerToken);
    expect(await columnTexts(page, "姓名")).toEqual(visible.map((member) => member.name));

    // The store filter offers the manager's store only.
    await page.getByRole("combobox", { name: "门店" }).click();
    const options = await page.getByRole("option").allInnerTexts();
    expect(options.map((text) => text.trim()).filter(Boolean)).toEqual([ownStore.name]);
    await page.keyboard.press("Escape");
    for (const store of otherStores) expect(await page.getByText(store.name).count()).toBe(0);

    // The menu follows the role: no API keys, no settings.
    const menu = await page.getByRole("menuitem").allInnerTexts();
    expect(menu).toEqual(expect.arrayContaining(["会员", "门店", "员工"]));
    expect(menu).not.toContain("API 密钥");
    expect(menu).not.toContain("商户信息");
    await screenshot(page, "3-manager-members");
  });

  test("a clerk sees members and the worklist only", async () => {
    const page = await openConsole();
    await logIn(page, journey.demo.clerk.username, journey.demo.clerk.password);
    await poll(async () => (await columnTexts(page, "姓名")).length).toBeGreaterThan(0);
    expect(await page.getByRole("menuitem").allInnerTexts()).toEqual(["会员", "我的工作台"]);
    // Screens outside the role are not there, even by address.
    await page.goto(`${journey.server.url}/#/apiKeys`);
    await poll(() => page.getByText("未找到").count()).toBeGreaterThan(0);
  });

  test("an owner changes the merchant's time zone and every date follows it", async () => {
    const token = await ownerToken();
    const [newest] = await newestMembers(token);
    const { members } = await ok(gql(journey.server, "{ members(first: 1) { nodes { joinedAt } } }", {}, { token }));
    const joinedAt = members.nodes[0].joinedAt as string;
    const shown = (timeZone: string) =>
      new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeStyle: "short", timeZone }).format(
        new Date(joinedAt),
      );
    const firstJoined = async () => (await columnTexts(page, "入会时间"))[0];

    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await poll(async () => (await columnTexts(page, "姓名"))[0]).toBe(newest.name);
    expect(await firstJoined()).toBe(shown("Asia/Shanghai"));

    // Act: pick another time zone on the settings page.
    await page.getByRole("menuitem", { name: "商户信息" }).click();
    await page.waitForURL(/#\/settings/);
    await poll(() => page.locator('input[name="timeZone"]').inputValue()).toBe("Asia/Shanghai");
    await page.locator('input[name="timeZone"]').fill("America/New_Yo");
    await page.getByRole("option", { name: "America/New_York" }).click();
    await page.getByRole("button", { name: "保存" }).click();
    await poll(() => page.getByText("设置已保存").count()).toBeGreaterThan(0);

    // Assess: stored, and the member list shows the same moment in New York time.
    const { merchant } = await ok(gql(journey.server, "{ merchant { timeZone } }", {}, { token }));
    expect(merchant.timeZone).toBe("America/New_York");
    await page.getByRole("menuitem", { name: "会员", exact: true }).click();
    await poll(firstJoined).toBe(shown("America/New_York"));
    expect(shown("America/New_York")).not.toBe(shown("Asia/Shanghai"));
    await screenshot(page, "5-settings-time-zone");
    await ok(
      gql(
        journey.server,
        'mutation { updateMerchant(input: { timeZone: "Asia/Shanghai" }) { timeZone } }',
        {},
        { token },
      ),
    );
  });

  test("switching to English shows English labels", async () => {
    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await poll(() => page.locator("thead th").allInnerTexts()).toEqual(
      expect.arrayContaining(["姓名", "手机号", "归属门店"]),
    );

    // Act: pick English in the language menu.
    await switchLanguage(page, "中文", "English");

    // Assess: headers, menu and search box speak English; the data stays as it is.
    await poll(() => page.locator("thead th").allInnerTexts()).toEqual(
      expect.arrayContaining(["Name", "Phone", "Home store", "Joined via", "Card code"]),
    );
    expect(await page.getByRole("menuitem").allInnerTexts()).toEqual(
      expect.arrayContaining(["Members", "Stores", "Staff", "API keys", "Business details"]),
    );
    expect(await page.getByPlaceholder("Phone or member code").count()).toBe(1);
    const headers = await page.locator("thead th").allInnerTexts();
    expect(headers.join(" ")).not.toMatch(/[\u4e00-\u9fff]/);
    const [newest] = await newestMembers(await ownerToken());
    expect(await columnTexts(page, "Name")).toContain(newest.name);
    await screenshot(page, "4-english");
  });
});
