/**
 * The member list a Youzan merchant scans, in a real browser over the local
 * server with the demo merchant: 等级, 积分, 储值余额, 消费次数 and 最近消费 as the
 * API holds them, phones the Chinese way, the tier, birthday-month, spend and
 * stored-value filters, the 4-digit phone-tail search, and enrolment that
 * checks the phone before sending and shows the API's refusal in Chinese.
 * Every screen is checked against the API asked the same question.
 */
import { describe, expect, test } from "vitest";
import { formatFen } from "../../admin/src/common/fen.js";
import { formatPhone } from "../../admin/src/common/phone.js";
import { gql, ok, signIn } from "../support/api.js";
import { callsOf, choose, columnTexts, consoleJourney, logIn, poll, screenshot } from "../support/console.js";

const journey = consoleJourney({ members: 60, otherMembers: 3 });

interface Row {
  id: string;
  name: string;
  phone: string;
  birthday: { month: number } | null;
  homeStoreId: string;
  account: {
    tierId: string;
    tierName: string;
    available: number;
    storedValuePrincipal: number;
    storedValueBonus: number;
    visits: number;
    lastVisitAt: string | null;
    lifetimeSpend: number;
  };
}
const ROW = `id name phone birthday { month } homeStoreId account { tierId tierName available storedValuePrincipal
  storedValueBonus visits lastVisitAt lifetimeSpend }`;

const ownerToken = () => signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);

async function members(token: string, filter: Record<string, unknown> = {}, first = 25): Promise<Row[]> {
  const data = await ok(
    gql(
      journey.server,
      `query ($first: Int, $filter: MemberFilter) { members(first: $first, filter: $filter) { nodes { ${ROW} } } }`,
      { first, filter },
      { token },
    ),
  );
  return data.members.nodes;
}

/**
 * The first rows a filtered list shows: a filter served by the API's segment sources may answer a page
 * with no rows and a cursor to go on, which the console follows.
 */
async function firstRows(token: string, filter: Record<string, unknown>): Promise<Row[]> {
  for (let after: string | undefined; ;) {
    const data = await ok(
      gql(
        journey.server,
        `query ($filter: MemberFilter, $after: String) { members(first: 25, filter: $filter, after: $after) {
          nodes { ${ROW} } pageInfo { hasNextPage endCursor } } }`,
        { filter, after },
        { token },
      ),
    );
    const { nodes, pageInfo } = data.members;
    if (nodes.length > 0 || !pageInfo.hasNextPage) return nodes;
    after = pageInfo.endCursor;
  }
}

const lastVisit = (at: string | null) =>
  at ? new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeZone: "Asia/Shanghai" }).format(new Date(at)) : "—";

/** The list shows exactly these members, in this order. */
const showsNames = (page: Parameters<typeof columnTexts>[0], rows: Row[]) =>
  poll(() => columnTexts(page, "姓名")).toEqual(rows.map((row) => row.name));

async function freshList(page: Parameters<typeof columnTexts>[0]) {
  await page.goto(`${journey.server.url}/#/members?filter=${encodeURIComponent("{}")}&page=1`);
  await poll(async () => (await columnTexts(page, "姓名")).length).toBeGreaterThan(0);
}

/** The message under the phone input. */
const phoneHelp = (page: Parameters<typeof columnTexts>[0]) =>
  page.locator('.MuiFormControl-root:has(input[name="phone"]) .MuiFormHelperText-root');

/**
 * Show one more filter, and wait until the list has taken it in (its URL names it among the displayed
 * filters): until then a re-render can reset the filter form and drop what was typed, as a person, who
 * reads the field before typing, never meets on a phone or a busy machine alike.
 */
async function addFilter(page: Parameters<typeof columnTexts>[0], label: string, source: string) {
  await page.getByRole("button", { name: "添加筛选" }).click();
  await page.getByRole("menuitemcheckbox", { name: label }).click();
  await poll(() => decodeURIComponent(page.url())).toMatch(new RegExp(`displayedFilters=\\{[^}]*"${source}":true`));
}

describe("the member list a merchant scans", () => {
  test("an owner sees tier, points, stored value, visits and last visit as the API holds them, phones the Chinese way", async () => {
    const rows = await members(await ownerToken());
    expect(rows.some((row) => row.account.visits > 0)).toBe(true);

    const page = await journey.openConsole();
    // The sign-in page names the product.
    await poll(() => page.getByTestId("login-title").innerText()).toBe("Regulars 会员管理");
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await showsNames(page, rows);

    expect(await columnTexts(page, "手机号")).toEqual(rows.map((row) => formatPhone(row.phone)));
    expect((await columnTexts(page, "手机号"))[0]).toMatch(/^1\d{2} \d{4} \d{4}$/);
    expect(await columnTexts(page, "等级")).toEqual(rows.map((row) => row.account.tierName));
    expect(await columnTexts(page, "积分")).toEqual(rows.map((row) => row.account.available.toLocaleString("en-US")));
    expect(await columnTexts(page, "储值余额")).toEqual(
      rows.map((row) => formatFen(row.account.storedValuePrincipal + row.account.storedValueBonus)),
    );
    expect(await columnTexts(page, "消费次数")).toEqual(rows.map((row) => String(row.account.visits)));
    expect(await columnTexts(page, "最近消费")).toEqual(rows.map((row) => lastVisit(row.account.lastVisitAt)));
    await screenshot(page, "member-list-1-columns");
  });

  test("tier, birthday month, spend and stored-value filters show what the API gives for the same filter", async () => {
    const token = await ownerToken();
    const all = await members(token, {}, 100);
    const buyer = all.find((row) => row.account.visits > 0)!;
    const withBirthday = all.find((row) => row.birthday)!;
    const page = await journey.openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await poll(async () => (await columnTexts(page, "姓名")).length).toBeGreaterThan(0);

    // Tier: the name, guide and joining-date filters cannot be combined with it, so they are disabled.
    await choose(page, "等级", buyer.account.tierName, true);
    await showsNames(page, await firstRows(token, { tierId: buyer.account.tierId }));
    await poll(() => page.getByLabel("姓名（开头）").isDisabled()).toBe(true);
    await screenshot(page, "member-list-2-tier-filter");

    // Birthday month.
    await freshList(page);
    const month = withBirthday.birthday!.month;
    await addFilter(page, "生日月份", "birthdayMonth");
    await choose(page, "生日月份", `${month}月`, true);
    const born = await firstRows(token, { birthdayMonth: month });
    expect(born.map((row) => row.id)).toContain(withBirthday.id);
    await showsNames(page, born);

    // Lifetime spend from ¥1 up to the buyer's spend, entered in yuan, sent in fen.
    await freshList(page);
    await addFilter(page, "累计消费从（元）", "spendMin");
    await page.getByLabel("累计消费从（元）").fill("1");
    // The list takes a typed filter after a pause; the next filter is added once it has (as a user sees the list change).
    await poll(() => decodeURIComponent(page.url())).toContain('"spendMin":100');
    await addFilter(page, "累计消费到（元）", "spendMax");
    await page.getByLabel("累计消费到（元）").fill(String(buyer.account.lifetimeSpend / 100));
    await poll(() => decodeURIComponent(page.url())).toContain(`"spendMax":${buyer.account.lifetimeSpend}`);
    const spenders = await firstRows(token, { spendMin: 100, spendMax: buyer.account.lifetimeSpend });
    expect(spenders.map((row) => row.id)).toContain(buyer.id);
    await showsNames(page, spenders);

    // Stored value left: at least ¥0.01.
    await freshList(page);
    await addFilter(page, "储值余额从（元）", "balanceMin");
    await page.getByLabel("储值余额从（元）").fill("0.01");
    const holders = await firstRows(token, { balanceMin: 1 });
    if (holders.length > 0) await showsNames(page, holders);
    else await poll(() => page.locator("tbody tr").count()).toBe(0);
    await screenshot(page, "member-list-3-balance-filter");
  });

  test("the search box lists the members whose phone ends in 4 digits", async () => {
    const token = await ownerToken();
    const [member] = await members(token, {}, 5);
    const tail = member.phone.slice(-4);
    const matching = await members(token, { phoneTail: tail });
    expect(matching.map((row) => row.id)).toContain(member.id);

    const page = await journey.openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await poll(async () => (await columnTexts(page, "姓名")).length).toBeGreaterThan(0);
    await page.getByPlaceholder("手机号或会员码").fill(tail);
    await showsNames(page, matching);
    for (const phone of await columnTexts(page, "手机号")) expect(phone.replace(/\s/g, "").endsWith(tail)).toBe(true);
    await screenshot(page, "member-list-4-phone-tail");
  });

  test("enrolling checks the phone before sending, and the API's refusal reads in Chinese at the phone input", async () => {
    const managerStore = journey.demo.manager.storeId;
    const elsewhere = (await members(await ownerToken(), {}, 100)).find((row) => row.homeStoreId !== managerStore)!;
    const own = journey.demo.stores.find((store) => store.id === managerStore)!;

    const page = await journey.openConsole();
    await logIn(page, journey.demo.manager.username, journey.demo.manager.password);
    await page.goto(`${journey.server.url}/#/members/create`);
    // A manager of one store enrols into it unless they choose otherwise.
    await poll(() => page.getByRole("combobox", { name: "归属门店" }).innerText()).toBe(own.name);

    // A number no phone can be: refused at the input, nothing sent.
    const enrolments = callsOf(page, "registerMember");
    let sent = 0;
    page.on("request", (request) => void ((request.postData() ?? "").includes("registerMember") && sent++));
    await page.locator('input[name="phone"]').fill("12345");
    await page.locator('input[name="name"]').fill("号码不对");
    await page.getByRole("button", { name: "保存" }).click();
    await poll(() => phoneHelp(page).innerText()).toContain("请输入正确的手机号");
    expect(sent).toBe(0);
    await screenshot(page, "member-list-5-phone-checked");

    // A real phone of another store's member: the API refuses it, and the console says so in Chinese.
    await page.locator('input[name="phone"]').fill(elsewhere.phone.replace(/^\+86/, ""));
    await page.getByRole("button", { name: "保存" }).click();
    expect(await enrolments.answered()).toBe(1);
    await poll(() => phoneHelp(page).innerText()).toBe("该手机号已属于另一位会员");
    await poll(() => page.locator(".RaNotification-error, [role=alert]").first().innerText()).toContain(
      "该手机号已属于另一位会员",
    );
    expect(page.url()).toContain("#/members/create");
    await screenshot(page, "member-list-6-refusal-in-chinese");
  });
});
