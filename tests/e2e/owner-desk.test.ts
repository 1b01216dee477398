/**
 * The owner at the desk walks through the console (1400×900, Chinese) over the
 * local server with the demo merchant: the menu in four groups (客户, 营销, 数据,
 * 设置), and the member list, a member page with every tab, the loyalty rules,
 * marketing, reports and settings screens showing names, short ids and words —
 * never a UUID, a long raw id, a ledger reference as stored or an enum code.
 * On a phone the member list fits the screen with its 新建 in words.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { percentToZhe } from "../../admin/src/common/discount.js";
import { shortId } from "../../admin/src/common/shortId.js";
import { zhCN } from "../../admin/src/i18n/zh-CN.js";
import { gql, ok, signIn } from "../support/api.js";
import { consoleJourney, listLoaded, logIn, poll, screenshot, switchLanguage } from "../support/console.js";

const journey = consoleJourney({ members: 40, otherMembers: 3 });

const ownerToken = () => signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** An id as the API stores it (member ids are 25 lower-case letters and digits): 20 or more in a row. */
const LONG_ID = /(?<![A-Za-z0-9])[a-z0-9]{20,}(?![A-Za-z0-9])/;
/** A ledger reference as stored (order:…, payment:…). */
const RAW_REF = /(?<![A-Za-z])(order|refund|payment|request|adjust|reward|referral|checkin|expiry):\S/;

const m = zhCN.resources.members;
/** Every enum code the member and loyalty screens translate: channels, ledger and entry types, sources, kinds…. */
const ENUM_CODES = [
  m.channel,
  m.gender,
  m.audit.action,
  m.audit.sources,
  m.loyalty.ledger_type,
  m.loyalty.payment,
  m.loyalty.order_status,
  m.loyalty.tiers.reasons,
  m.wallet.source,
  m.wallet.coupon_state,
  m.wallet.stored_value.entry_type,
  m.wallet.stored_value.top_ups.statuses,
  zhCN.resources.products.category_names,
  zhCN.resources.worklist.channels,
  zhCN.app.ref_kind,
].flatMap((names) => Object.keys(names));
const CODE = new RegExp(`(?<![\\w-])(${ENUM_CODES.join("|")})(?![\\w-])`);

/** The screen's text (the page's main part, without the menu) shows no raw id, reference or enum code. */
async function showsNoRawCodes(page: Page, screen: string, codes = true) {
  const text = await page.locator("#main-content").innerText();
  expect(text, screen).not.toMatch(UUID);
  expect(text, screen).not.toMatch(LONG_ID);
  if (!codes) return;
  expect(text, screen).not.toMatch(RAW_REF);
  expect(text, screen).not.toMatch(CODE);
}

/** The menu's items under each group heading, in order. */
async function menuGroups(page: Page): Promise<Record<string, string[]>> {
  return page.getByTestId("menu-group-customers").evaluate((first) => {
    const menu = first.parentElement!;
    const groups: Record<string, string[]> = {};
    let heading = "";
    for (const child of Array.from(menu.children) as HTMLElement[]) {
      if (child.dataset.testid?.startsWith("menu-group-")) groups[(heading = child.innerText.trim())] = [];
      else if (child.getAttribute("role") === "menuitem") groups[heading]?.push(child.innerText.trim());
    }
    return groups;
  });
}

interface DemoMember {
  id: string;
  name: string;
  channel: string;
  account: { visits: number; storedValuePrincipal: number };
  orders: { nodes: { id: string }[] };
  storedValueTopUps: { paymentId: string }[];
}

/** A demo member with orders, a top-up and coupons (the seed gives the newest dozen coupons, every other a top-up). */
async function memberWithHistory(token: string): Promise<DemoMember> {
  const data = await ok(
    gql(
      journey.server,
      `{ members(first: 12) { nodes { id name channel account { visits storedValuePrincipal }
        orders(first: 1) { nodes { id } } storedValueTopUps { paymentId } } } }`,
      {},
      { token },
    ),
  );
  const member = (data.members.nodes as DemoMember[]).find(
    (candidate) => candidate.account.visits > 0 && candidate.account.storedValuePrincipal > 0,
  );
  expect(member, "a demo member with orders and stored value").toBeDefined();
  return member!;
}

/** Open a tab of the member page and wait for what it shows. */
async function openTab(page: Page, tab: string, shown: Locator) {
  await page.getByTestId(tab).click();
  await shown.first().waitFor();
}

describe("an owner's walk through the console at the desk", () => {
  test("the menu stands in four groups, and the member screens show names, short ids and words", async () => {
    const token = await ownerToken();
    const member = await memberWithHistory(token);
    const { loyaltyConfig } = await ok(
      gql(journey.server, "{ loyaltyConfig { ladder { tiers { name threshold discountPercent } } } }", {}, { token }),
    );

    const page = await journey.openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);

    // The menu: four groups, each with its screens.
    await page.getByTestId("menu-group-settings").waitFor();
    const groups = await menuGroups(page);
    expect(Object.keys(groups)).toEqual(["客户", "营销", "数据", "设置"]);
    expect(groups["客户"]).toEqual(expect.arrayContaining(["会员", "人群", "我的工作台", "导入会员"]));
    expect(groups["营销"]).toEqual(
      expect.arrayContaining(["营销活动", "优惠券", "积分兑换礼品", "自动化营销", "推荐记录", "短信记录"]),
    );
    expect(groups["数据"]).toEqual(["数据看板", "负债报表"]);
    expect(groups["设置"]).toEqual(
      expect.arrayContaining([
        "门店",
        "员工",
        "API 密钥",
        "商品",
        "储值方案",
        "积分与等级",
        "储值 · 券 · 推荐规则",
        "商户信息",
      ]),
    );

    // The member list.
    await listLoaded(page);
    await showsNoRawCodes(page, "member list");

    // The member page: orders, then the points, tiers and redemptions; coupons, stored value and referral.
    await page.goto(`${journey.server.url}/#/members/${member.id}/show`);
    const orderId = page.getByTestId("order-id").first();
    await orderId.waitFor();
    const [order] = member.orders.nodes;
    expect(await orderId.getAttribute("title")).toBe(order.id);
    expect(await orderId.innerText()).toBe(shortId(order.id));
    await page.getByTestId("coupon-row").first().waitFor();
    await poll(() => page.getByTestId("audit-entry").count()).toBeGreaterThan(0);
    await showsNoRawCodes(page, "member page, orders and coupons");
    // The enrolment's source is its channel in words.
    const channel = m.channel[member.channel as keyof typeof m.channel];
    expect(await page.getByTestId("member-audit").innerText()).toContain(`来源：${channel}`);

    await openTab(page, "loyalty-tab-points", page.getByTestId("ledger-row"));
    const ref = page.getByTestId("ledger-ref").first();
    expect(await ref.getAttribute("title")).toMatch(/^order:/);
    expect(await ref.innerText()).toMatch(/^订单 \S{1,8}$/);
    await showsNoRawCodes(page, "member page, points");

    // The ladder shows each tier's discount in 折.
    await openTab(page, "loyalty-tab-tiers", page.getByTestId("tier-ladder"));
    const ladder = await page.getByTestId("tier-ladder").innerText();
    for (const tier of loyaltyConfig.ladder.tiers as { name: string; threshold: number; discountPercent: number }[]) {
      const zhe = percentToZhe(tier.discountPercent);
      expect(ladder).toContain(`${tier.name} · 成长值 ${tier.threshold} 起${zhe ? ` · ${zhe}折` : ""}`);
    }
    expect(ladder).toMatch(/\d折/);
    await showsNoRawCodes(page, "member page, tiers");

    await openTab(
      page,
      "loyalty-tab-redemptions",
      page.getByTestId("redemption-row").or(page.getByText(m.loyalty.redemptions.none)),
    );
    await openTab(page, "wallet-tab-stored_value", page.getByTestId("sv-entry"));
    const [topUp] = member.storedValueTopUps;
    const payment = page.getByTestId("sv-top-up-payment-id").first();
    expect(await payment.getAttribute("title")).toBe(topUp.paymentId);
    expect(await page.getByTestId("sv-entry").getByTestId("ledger-ref").first().innerText()).toBe(
      `支付单 ${shortId(topUp.paymentId)}`,
    );
    await showsNoRawCodes(page, "member page, stored value");
    await openTab(page, "wallet-tab-referral", page.getByText(m.wallet.referral.invite_code));
    await showsNoRawCodes(page, "member page, referral");
    await screenshot(page, "owner-desk-1-member");

    // English: the group headings follow the language.
    await switchLanguage(page, "中文", "English");
    await poll(() => page.getByTestId("menu-group-customers").innerText()).toBe("Customers");
    expect(await page.getByTestId("menu-group-marketing").innerText()).toBe("Marketing");
    expect(await page.getByTestId("menu-group-reports").innerText()).toBe("Reports");
    expect(await page.getByTestId("menu-group-settings").innerText()).toBe("Settings");
  });

  test("marketing, reports, loyalty and settings screens show no raw ids", async () => {
    const page = await journey.openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    const open = async (item: string, url: RegExp, shown: () => Promise<unknown>) => {
      await page.getByRole("menuitem", { name: item, exact: true }).click();
      await page.waitForURL(url);
      await shown();
    };

    await open("积分与等级", /#\/loyalty/, () => page.getByTestId("points-rules").waitFor());
    for (const [tab, form] of [
      ["rules", "points-rules"],
      ["tiers", "tier-ladder"],
      ["checkin", "checkin-rules"],
    ]) {
      await page.getByTestId(`loyalty-tab-${tab}`).click();
      await page.getByTestId(form).waitFor({ state: "visible" });
      await showsNoRawCodes(page, `loyalty ${tab}`);
    }

    const lists: [string, RegExp][] = [
      ["优惠券", /#\/couponTemplates/],
      ["营销活动", /#\/campaigns/],
      ["门店", /#\/stores/],
      ["员工", /#\/staff/],
      ["API 密钥", /#\/apiKeys/],
      ["储值方案", /#\/topUpPlans/],
    ];
    for (const [item, url] of lists) {
      await open(item, url, () => listLoaded(page));
      await showsNoRawCodes(page, item, false);
    }
    await open("自动化营销", /#\/automations/, () =>
      page
        .getByTestId(/^automation-tab-/)
        .first()
        .waitFor(),
    );
    await showsNoRawCodes(page, "automations", false);
    await open("数据看板", /#\/$/, () => page.getByTestId("dashboard-page").waitFor());
    await poll(() => page.getByTestId("dashboard-loading").count()).toBe(0);
    await showsNoRawCodes(page, "dashboard", false);
    await open("负债报表", /#\/stored-value-liability/, () => page.getByTestId("liability-total").waitFor());
    await showsNoRawCodes(page, "liability report", false);
    await open("储值 · 券 · 推荐规则", /#\/checkout-settings/, () => page.getByTestId("checkout-settings").waitFor());
    await showsNoRawCodes(page, "checkout settings", false);
    await open("商户信息", /#\/settings/, () =>
      poll(() => page.locator('input[name="timeZone"]').inputValue()).not.toBe(""),
    );
    await showsNoRawCodes(page, "settings", false);
    await screenshot(page, "owner-desk-2-settings");
  });

  test("on a phone the member list fits the screen, with 新建 in words", async () => {
    const page = await journey.openConsole({ width: 390, height: 844 });
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await listLoaded(page);
    await poll(() => page.locator("tbody tr").count()).toBeGreaterThan(0);

    // Assess: nothing widens the page; the table scrolls inside its own box.
    const widths = await page.evaluate(() => ({
      screen: window.innerWidth,
      page: document.documentElement.scrollWidth,
      table: document.querySelector(".RaDataTable-tableWrapper")!.scrollWidth,
      box: document.querySelector(".RaDataTable-tableWrapper")!.clientWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    expect(widths.box).toBeLessThanOrEqual(widths.screen);
    expect(widths.table).toBeGreaterThan(widths.box);

    // 新建 is on the screen, in words, and opens the enrolment form.
    const create = page.getByTestId("member-create");
    const box = (await create.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(widths.screen);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect((await create.innerText()).trim()).toBe("新建");
    await screenshot(page, "owner-desk-3-phone-list");

    // The menu opens as a drawer, in its four groups, within the screen.
    await page.getByRole("button", { name: "打开菜单" }).click();
    const heading = page.getByTestId("menu-group-settings");
    await heading.waitFor();
    expect(Object.keys(await menuGroups(page))).toEqual(["客户", "营销", "数据", "设置"]);
    const drawn = (await heading.boundingBox())!;
    expect(drawn.x + drawn.width).toBeLessThanOrEqual(widths.screen);
    await page.keyboard.press("Escape");
    await heading.waitFor({ state: "hidden" });

    await create.click();
    await page.waitForURL(/#\/members\/create/);
  });
});
