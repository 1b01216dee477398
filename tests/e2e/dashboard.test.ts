/**
 * The dashboard (数据看板) and the liability report (负债报表) in a real
 * browser over the local server and DynamoDB Local with the demo merchant
 * (~200 members, a month of backdated purchases and walk-in orders, rolled
 * up). The screen is checked against the API's own figures, and the
 * liability report against the sum of every member's balances.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { parseCsv } from "../../functions/core/csv.js";
import { gql, ok, signIn } from "../support/api.js";
import { choose, consoleJourney, HOME, logIn, poll, screenshot } from "../support/console.js";

const journey = consoleJourney({ walkIns: true });

const yuan = (fen: number) =>
  `${fen < 0 ? "-" : ""}¥${Math.floor(Math.abs(fen) / 100).toLocaleString("en-US")}.${String(Math.abs(fen) % 100).padStart(2, "0")}`;
const count = (n: number) => n.toLocaleString("en-US");
const share = (rate: number) => `${(rate * 100).toFixed(1)}%`;

interface Day {
  date: string;
  members: number;
  joined: number;
  orders: number;
  revenue: number;
  pointsOutstanding: number;
  storedValuePrincipal: number;
  storedValueBonus: number;
  couponsOpen: number;
  couponsOpenValue: number;
}
interface ApiPeriod {
  from: string;
  to: string;
  totals: Day;
  repurchaseRate: number | null;
  memberOrderValue: number | null;
}
interface ApiDashboard extends ApiPeriod {
  storeId: string | null;
  days: Day[];
  tiers: { members: number }[];
  coupons: { issued: number }[];
  anonymousOrderValue: number | null;
  previous: ApiPeriod;
}
const DAY =
  "date members joined orders revenue pointsOutstanding storedValuePrincipal storedValueBonus couponsOpen couponsOpenValue";

async function apiDashboard(token: string, from: string, to: string, storeId?: string): Promise<ApiDashboard> {
  const query =
    `query ($from: String!, $to: String!, $storeId: ID) { dashboard(from: $from, to: ` +
    `$to, storeId: $storeId) { from to storeId days { ${DAY} } totals { ${DAY} } ` +
    `tiers { members } coupons { issued } repurchaseRate memberOrderValue ` +
    `anonymousOrderValue previous { from to totals { ${DAY} } repurchaseRate memberOrderValue } } }`;
  return (await ok(gql(journey.server, query, { from, to, storeId }, { token }))).dashboard;
}

const FIGURES = "points storedValuePrincipal storedValueBonus couponsOpen couponsOpenValue";
async function apiLiability(token: string, storeId?: string) {
  const query = `query ($storeId: ID) { liabilityReport(storeId: $storeId) { date stores { storeId storeName ${FIGURES} } ${FIGURES} } }`;
  return (await ok(gql(journey.server, query, { storeId }, { token }))).liabilityReport as {
    date: string;
    stores: { storeId: string; storeName: string; points: number }[];
    points: number;
    storedValuePrincipal: number;
    storedValueBonus: number;
    couponsOpen: number;
    couponsOpenValue: number;
  };
}

/** Every member's balances, page by page, summed: what the chain owes by the members' own accounts. */
async function memberBalances(token: string) {
  const sums = { members: 0, points: 0, principal: 0, bonus: 0, pointsByStore: new Map<string, number>() };
  let after: string | null = null;
  do {
    const data: {
      members: {
        nodes: {
          homeStore: { id: string } | null;
          account: {
            available: number;
            pending: number;
            debt: number;
            storedValuePrincipal: number;
            storedValueBonus: number;
          };
        }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } = await ok(
      gql(
        journey.server,
        "query ($after: String) { members(first: 100, after: $after) { nodes { homeStore " +
          "{ id } account { available pending debt storedValuePrincipal storedValueBonus } " +
          "} pageInfo { hasNextPage endCursor } } }",
        { after },
        { token },
      ),
    );
    for (const { homeStore, account } of data.members.nodes) {
      const points = account.available + account.pending - account.debt;
      sums.members += 1;
      sums.points += points;
      sums.principal += account.storedValuePrincipal;
      sums.bonus += account.storedValueBonus;
      const store = homeStore?.id ?? "-";
      sums.pointsByStore.set(store, (sums.pointsByStore.get(store) ?? 0) + points);
    }
    after = data.members.pageInfo.hasNextPage ? data.members.pageInfo.endCursor : null;
  } while (after);
  return sums;
}

const kpi = (page: Page, id: string) => page.getByTestId(`kpi-${id}-value`).innerText();

/** One decimal with its sign, a change that rounds to nothing as 0.0. */
const signed = (value: number) => {
  const rounded = Number(value.toFixed(1));
  return rounded === 0 ? "0.0" : `${rounded > 0 ? "+" : ""}${rounded.toFixed(1)}`;
};
/** 环比 of a figure as the card should say it: relative, "—" when the previous period had none. */
const relative = (current: number | null, previous: number | null) =>
  `环比 ${current === null || previous === null || previous === 0 ? "—" : `${signed(((current - previous) / previous) * 100)}%`}`;

/** Each KPI card's 环比, worked out from the API's figures for the period and the one before it. */
function expectedChanges(api: ApiDashboard): Record<string, string> {
  const [now, before] = [api.totals, api.previous.totals];
  const rates = [api.repurchaseRate, api.previous.repurchaseRate];
  return {
    members: relative(now.members, before.members),
    joined: relative(now.joined, before.joined),
    orders: relative(now.orders, before.orders),
    revenue: relative(now.revenue, before.revenue),
    points: relative(now.pointsOutstanding, before.pointsOutstanding),
    "stored-value": relative(now.storedValuePrincipal, before.storedValuePrincipal),
    coupons: relative(now.couponsOpen, before.couponsOpen),
    repurchase: `环比 ${rates[0] === null || rates[1] === null ? "—" : `${signed((rates[0] - rates[1]) * 100)} 个百分点`}`,
    "order-value": relative(api.memberOrderValue, api.previous.memberOrderValue),
  };
}
const marks = (page: Page, chart: string, mark = "[data-mark]") =>
  page.getByTestId(chart).locator(`svg ${mark}`).count();

/** The KPI cards show the API's figures for the same period and store (once the page shows that period and store). */
async function expectKpis(page: Page, api: ApiDashboard) {
  const cards = page.getByTestId("dashboard-kpis");
  await poll(async () => [
    await cards.getAttribute("data-from"),
    await cards.getAttribute("data-to"),
    await cards.getAttribute("data-store-id"),
  ]).toEqual([api.from, api.to, api.storeId ?? ""]);
  expect(await kpi(page, "members")).toBe(count(api.totals.members));
  expect(await kpi(page, "joined")).toBe(count(api.totals.joined));
  expect(await kpi(page, "orders")).toBe(count(api.totals.orders));
  expect(await kpi(page, "revenue")).toBe(yuan(api.totals.revenue));
  expect(await kpi(page, "points")).toBe(count(api.totals.pointsOutstanding));
  expect(await kpi(page, "stored-value")).toBe(yuan(api.totals.storedValuePrincipal));
  expect(await page.getByTestId("kpi-stored-value-detail").innerText()).toContain(yuan(api.totals.storedValueBonus));
  expect(await kpi(page, "coupons")).toBe(count(api.totals.couponsOpen));
  expect(await kpi(page, "repurchase")).toBe(api.repurchaseRate === null ? "—" : share(api.repurchaseRate));
  expect(await kpi(page, "order-value")).toBe(
    `${api.memberOrderValue === null ? "—" : yuan(api.memberOrderValue)} / ` +
      `${api.anonymousOrderValue === null ? "—" : yuan(api.anonymousOrderValue)}`,
  );
  // 环比: every card compares with the period just before, as long, by the API's own figures.
  const changes = expectedChanges(api);
  for (const [id, text] of Object.entries(changes)) {
    const change = page.getByTestId(`kpi-${id}-change`);
    expect(await change.innerText()).toBe(text);
    const direction = text.includes("+") ? "up" : /环比 -/.test(text) ? "down" : text.includes("—") ? "none" : "flat";
    expect(await change.getAttribute("data-direction")).toBe(direction);
  }
  expect(await page.getByTestId("kpi-orders-change").getAttribute("title")).toContain(
    `${api.previous.from} 至 ${api.previous.to}`,
  );
}

describe("the dashboard and the liability report", () => {
  test("the demo owner lands on the dashboard and sees the month's figures and charts drawn from the demo data", async () => {
    const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
    const today = (await apiLiability(token)).date;
    const from30 = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    const month = await apiDashboard(token, from30, today);
    // Prepare: the demo has a month of history to draw.
    expect(month.days).toHaveLength(30);
    expect(month.totals.orders).toBeGreaterThan(0);
    expect(month.coupons.length).toBeGreaterThan(0);

    // Act: sign in; the owner's home is the dashboard, on the last 30 days of the chain.
    const page = await journey.openConsole({ height: 1000 });
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password, HOME);

    // Assess: KPI cards equal the API's figures; every chart has its marks.
    await expectKpis(page, month);
    expect(await page.getByTestId("dashboard-summary").innerText()).toContain(`${from30} 至 ${today}`);
    // Members: one bar per day with joins, one point per day on the members line.
    await poll(() => marks(page, "chart-members", '[data-mark="bar"]')).toBe(
      month.days.filter((day) => day.joined > 0).length,
    );
    expect(await marks(page, "chart-members", '[data-mark="point"]')).toBe(30);
    expect(await marks(page, "chart-lifecycle", '[data-mark="bar"]')).toBeGreaterThanOrEqual(30);
    expect(await marks(page, "chart-points", '[data-mark="bar"]')).toBeGreaterThan(0);
    expect(await marks(page, "chart-points", '[data-mark="point"]')).toBe(30);
    expect(await marks(page, "chart-tiers", '[data-mark="slice"]')).toBe(
      month.tiers.filter((tier) => tier.members > 0).length,
    );
    // One row per coupon template issued in the period (the demo's coupons are not used yet: 0% is drawn as no bar).
    expect(await marks(page, "chart-coupons", "[data-row]")).toBe(month.coupons.length);
    expect(await marks(page, "chart-order-value", '[data-mark="bar"]')).toBe(2);
    // Charts are named images with tooltips.
    await page.getByRole("img", { name: "会员数与新增会员（按天）" }).waitFor();
    const lastDay = month.days.at(-1)!;
    expect(await page.getByTestId("chart-members").locator("svg circle title").last().textContent()).toBe(
      `${lastDay.date} 会员数: ${count(lastDay.members)}`,
    );
    // Campaign conversion arrives on its own.
    await poll(
      async () =>
        (await page.getByTestId("campaign-conversion-row").count()) +
        (await page.getByTestId("chart-campaigns").getByText("所选时间内没有营销活动").count()),
    ).toBeGreaterThan(0);
    await screenshot(page, "dashboard-1-owner-30-days");

    // The last 7 days, then one store.
    await page.getByTestId("dashboard-preset-7").click();
    const week = await apiDashboard(
      token,
      new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10),
      today,
    );
    // The week before has orders to compare with: the cards show real changes, not only "—".
    expect(week.previous.totals.orders).toBeGreaterThan(0);
    expect(Object.values(expectedChanges(week)).filter((text) => !text.includes("—")).length).toBeGreaterThan(0);
    await poll(() => marks(page, "chart-members", '[data-mark="point"]')).toBe(7);
    await expectKpis(page, week);
    const store = journey.demo.stores[1];
    await choose(page, "门店", store.name);
    await expectKpis(page, await apiDashboard(token, week.from, today, store.id));

    // Narrow screens: the cards wrap, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 900 });
    await poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await screenshot(page, "dashboard-2-owner-store-week-narrow");
  });

  test("a manager's dashboard offers only their own store, and a clerk keeps the member list", async () => {
    const page = await journey.openConsole();
    await logIn(page, journey.demo.manager.username, journey.demo.manager.password, HOME);
    const own = journey.demo.stores.find((store) => store.id === journey.demo.manager.storeId)!;
    const token = await signIn(journey.server, journey.demo.manager.username, journey.demo.manager.password);
    const today = (await apiLiability(token)).date;
    const from30 = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    await expectKpis(page, await apiDashboard(token, from30, today));
    await page.getByRole("combobox", { name: "门店" }).click();
    expect((await page.getByRole("option").allInnerTexts()).map((text) => text.trim())).toEqual([
      "我负责的全部门店",
      own.name,
    ]);
    await page.keyboard.press("Escape");

    const clerk = await journey.openConsole();
    await logIn(clerk, journey.demo.clerk.username, journey.demo.clerk.password);
    expect(await clerk.getByTestId("menu-dashboard").count()).toBe(0);
  });

  test("the liability report's chain totals equal the sum of every member's balances, per store and in total", async () => {
    const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
    const sums = await memberBalances(token);
    const report = await apiLiability(token);
    // Prepare: the demo has its ~200 members, some with points and some with stored value.
    expect(sums.members).toBeGreaterThanOrEqual(200);
    expect(sums.points).toBeGreaterThan(0);
    expect(sums.principal).toBeGreaterThan(0);
    expect({ points: report.points, principal: report.storedValuePrincipal, bonus: report.storedValueBonus }).toEqual({
      points: sums.points,
      principal: sums.principal,
      bonus: sums.bonus,
    });

    const page = await journey.openConsole({ height: 1000 });
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password, HOME);
    await page.getByRole("menuitem", { name: "负债报表" }).click();
    await page.waitForURL(/#\/stored-value-liability$/);

    await poll(() => page.getByTestId("liability-total-points").innerText()).toBe(count(sums.points));
    expect(await page.getByTestId("liability-total-principal").innerText()).toBe(yuan(sums.principal));
    expect(await page.getByTestId("liability-total-bonus").innerText()).toBe(yuan(sums.bonus));
    expect(await page.getByTestId("liability-total-stored-value").innerText()).toBe(yuan(sums.principal + sums.bonus));
    expect(await page.getByTestId("liability-total-coupons").innerText()).toBe(count(report.couponsOpen));
    expect(await page.getByTestId("liability-total-coupons-value").innerText()).toBe(yuan(report.couponsOpenValue));
    // Points per store: the members' home stores.
    const rows = page.getByTestId("liability-row");
    expect(await rows.count()).toBe(report.stores.length);
    for (const row of report.stores) {
      const cells = await page
        .locator(`[data-testid="liability-row"][data-store-id="${row.storeId}"] td`)
        .allInnerTexts();
      expect(cells[1]).toBe(count(sums.pointsByStore.get(row.storeId) ?? 0));
    }
    await screenshot(page, "dashboard-3-liability-report");

    // One store: its row alone, and the total is that row.
    const store = journey.demo.stores[0];
    await choose(page, "门店", store.name);
    await poll(() => rows.count()).toBe(1);
    await poll(() => page.getByTestId("liability-total-points").innerText()).toBe(
      count(sums.pointsByStore.get(store.id) ?? 0),
    );
  });

  test("the liability CSV downloads with a total row equal to the members' balances", async () => {
    const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
    const sums = await memberBalances(token);
    const report = await apiLiability(token);
    const page = await journey.openConsole({ acceptDownloads: true });
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password, HOME);
    await page.getByRole("menuitem", { name: "负债报表" }).click();
    await poll(() => page.getByTestId("liability-total-points").innerText()).toBe(count(sums.points));

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("liability-export").click()]);
    expect(download.suggestedFilename()).toBe(`liability-all-${report.date}.csv`);
    const rows = parseCsv(readFileSync((await download.path())!, "utf8"));
    expect(rows[0]).toEqual([
      "store_id",
      "store",
      "points",
      "stored_value_principal_yuan",
      "stored_value_bonus_yuan",
      "coupons_open",
      "coupons_open_value_yuan",
    ]);
    expect(rows).toHaveLength(report.stores.length + 2);
    expect(rows.at(-1)).toEqual([
      "",
      "total",
      String(sums.points),
      (sums.principal / 100).toFixed(2),
      (sums.bonus / 100).toFixed(2),
      String(report.couponsOpen),
      (report.couponsOpenValue / 100).toFixed(2),
    ]);
  });
});
