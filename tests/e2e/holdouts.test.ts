/**
 * Holdout groups in the console (issue 18), in a real browser over the local
 * server and DynamoDB Local with the demo merchant: an owner sets a wake-up
 * step's holdout share (a share the API would refuse is stopped in the form),
 * reads each automation's results against its holdout group over the window
 * picked, sets a campaign's share and reads its comparison, and the dashboard
 * says what the wake-up SMS brought; a clerk never asks for it. The demo's
 * figures may change: every number on screen is checked against the API's
 * answer in the same test, none is fixed here.
 */
import type { Page, Request } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { ProgramResults } from "../../functions/app/holdouts.js";
import type { Estimate } from "../../functions/core/holdout.js";
import { addDays, localDate } from "../../functions/core/time.js";
import { gql, ok, signIn } from "../support/api.js";
import { consoleJourney, HOME, logIn, poll, screenshot } from "../support/console.js";

// With the demo's holdout history (scripts/local/holdout-demo.ts): the ladder and a campaign have both groups.
const journey = consoleJourney({ members: 40, otherMembers: 3, purchases: 10, holdoutHistory: true });

const ownerToken = () => signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);

/** The API's answer, as the service types it (the test asks for these fields). */
type Results = ProgramResults;

const ESTIMATE = "{ value low high }";
const RESULTS =
  "program holdoutPercent attributionDays treated heldOut treatedConverted heldOutConverted " +
  "treatedConversionRate heldOutConversionRate treatedRevenuePerMember heldOutRevenuePerMember " +
  `incrementalConversions ${ESTIMATE} incrementalRevenue ${ESTIMATE} cost netRevenue ${ESTIMATE} verdict`;

/** The words the console gives each verdict. */
const VERDICT: Record<Results["verdict"], string> = {
  TOO_FEW: "还不足以判断",
  UNCLEAR: "尚无明显差别",
  POSITIVE: "确有成效",
  NEGATIVE: "适得其反",
};

/** The figures as the console writes them: counts, rates, ¥ with two decimals, "N (± M)". */
const count = (n: number) => (Math.round(n) || 0).toLocaleString("en-US");
const rate = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);
const yuan = (fen: number) => {
  const whole = Math.round(fen);
  const abs = Math.abs(whole);
  const cents = String(abs % 100).padStart(2, "0");
  return `${whole < 0 ? "-" : ""}¥${Math.floor(abs / 100).toLocaleString("en-US")}.${cents}`;
};
const money = (fen: number | null) => (fen === null ? "—" : yuan(fen));
const estimate = (e: Estimate | null, format: (n: number) => string) =>
  e === null ? "—" : `${format(e.value)} (± ${format((e.high - e.low) / 2)})`;

async function wakeupSteps(token: string): Promise<{ days: number; holdoutPercent: number }[]> {
  const query = "query { automationSettings { wakeup { steps { days holdoutPercent } } } }";
  return (await ok(gql(journey.server, query, {}, { token }))).automationSettings.wakeup.steps;
}

async function automationResults(token: string, attributionDays: number): Promise<Results[]> {
  const query = `query ($d: Int) { automationResults(attributionDays: $d) { ${RESULTS} } }`;
  return (await ok(gql(journey.server, query, { d: attributionDays }, { token }))).automationResults;
}

async function campaignHoldout(token: string, id: string, attributionDays: number): Promise<Results> {
  const query = `query ($id: ID!, $d: Int) { campaignHoldoutResults(id: $id, attributionDays: $d) { ${RESULTS} } }`;
  return (await ok(gql(journey.server, query, { id, d: attributionDays }, { token }))).campaignHoldoutResults;
}

async function campaignPercent(token: string, id: string): Promise<number> {
  const query = "query ($id: ID!) { campaign(id: $id) { holdoutPercent } }";
  return (await ok(gql(journey.server, query, { id }, { token }))).campaign.holdoutPercent;
}

/** The automations page, on the wake-up tab. */
async function openAutomations(page: Page) {
  await page.getByRole("menuitem", { name: "自动化营销" }).click();
  await page.waitForURL(/#\/automations/);
  return page.getByTestId("wakeup-steps");
}

/** The GraphQL requests of one operation the page sends from now on (their bodies). */
function requestsOf(page: Page, operation: string): string[] {
  const sent: string[] = [];
  page.on("request", (request: Request) => {
    const body = request.postData() ?? "";
    if (request.url().endsWith("/graphql") && body.includes(operation)) sent.push(body);
  });
  return sent;
}

/** What one result row on screen says, cell by cell. */
async function rowOnScreen(page: Page, program: string) {
  const row = page.locator(`[data-testid="automation-result"][data-program="${program}"]`);
  const cell = (name: string) => row.getByTestId(`result-${name}`).innerText();
  return {
    window: await row.getAttribute("data-window"),
    name: await cell("program"),
    holdout: await cell("holdout"),
    members: await cell("members"),
    rates: await cell("rates"),
    revenuePerMember: await cell("revenue-per-member"),
    conversions: await cell("incremental-conversions"),
    revenue: await cell("incremental-revenue"),
    cost: await cell("cost"),
    net: await cell("net"),
    verdict: await row.getByTestId("holdout-verdict").innerText(),
  };
}

/** The same row as the API's answer says it should read. */
function rowExpected(results: Results) {
  const step = /^wakeup:(\d+)$/.exec(results.program);
  const names: Record<string, string> = { birthday: "生日关怀", "coupon-expiry": "券到期提醒" };
  return {
    window: String(results.attributionDays),
    name: step ? `唤醒 ${step[1]} 天` : names[results.program],
    holdout: `${results.holdoutPercent}%`,
    members: `${count(results.treated)} / ${count(results.heldOut)}`,
    rates: `${rate(results.treatedConversionRate)} / ${rate(results.heldOutConversionRate)}`,
    revenuePerMember: `${money(results.treatedRevenuePerMember)} / ${money(results.heldOutRevenuePerMember)}`,
    conversions: estimate(results.incrementalConversions, count),
    revenue: estimate(results.incrementalRevenue, yuan),
    cost: yuan(results.cost),
    net: estimate(results.netRevenue, yuan),
    verdict: VERDICT[results.verdict],
  };
}

describe("holdout groups in the console", () => {
  test("an owner holds out 30% of a wake-up step; 60% is stopped in the form and nothing is saved", async () => {
    const token = await ownerToken();
    const before = await wakeupSteps(token);
    expect(before.length).toBeGreaterThan(0);

    const page = await journey.openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    const steps = await openAutomations(page);
    const share = steps.locator('input[name="steps.0.holdoutPercent"]');
    await poll(() => share.inputValue()).toBe(String(before[0].holdoutPercent));

    // 30% (the demo holds out 25%): the sentence follows it, the API holds it once saved, other steps keep theirs.
    await share.fill("30");
    await poll(() => steps.getByTestId("holdout-hint").first().innerText()).toMatch(/^留出 30% 的会员不发送/);
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("沉睡唤醒已保存").waitFor();
    await poll(() => wakeupSteps(token)).toEqual([{ ...before[0], holdoutPercent: 30 }, ...before.slice(1)]);

    // Read again from the API after a reload.
    await page.reload();
    const again = page.getByTestId("wakeup-steps");
    await poll(() => again.locator('input[name="steps.0.holdoutPercent"]').inputValue()).toBe("30");
    await screenshot(page, "holdouts-1-wakeup-share");

    // 60%: the form says why and sends nothing.
    const saves = requestsOf(page, "updateAutomationSettings");
    await again.locator('input[name="steps.0.holdoutPercent"]').fill("60");
    await page.getByRole("button", { name: "保存" }).click();
    await again.getByText("对照组比例须为 0–50 的整数（0 为关闭）").waitFor();
    expect(saves).toEqual([]);
    expect((await wakeupSteps(token))[0].holdoutPercent).toBe(30);
    await screenshot(page, "holdouts-2-share-refused");
  });

  test("the automation results show each program against its holdout group, over the window picked", async () => {
    const token = await ownerToken();
    const steps = await wakeupSteps(token);
    const fortnight = await automationResults(token, 14);
    const month = await automationResults(token, 30);
    const programs = [...steps.map((step) => `wakeup:${step.days}`), "birthday", "coupon-expiry"];
    expect(fortnight.map((row) => row.program)).toEqual(programs);

    const page = await journey.openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await openAutomations(page);
    await page.getByTestId("automation-tab-results").click();
    const rows = page.getByTestId("automation-result");
    await poll(() => rows.count()).toBe(programs.length);
    expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute("data-program")))).toEqual(programs);
    const shown = page.getByTestId("holdout-window-shown");
    await poll(() => shown.innerText()).toBe("按触达后 14 天内的消费计算");
    for (const results of fortnight) expect(await rowOnScreen(page, results.program)).toEqual(rowExpected(results));
    await screenshot(page, "holdouts-3-automation-results");

    // 30 days: the console asks for that window and shows the API's answer for it.
    const asked = requestsOf(page, "automationResults");
    await page.getByTestId("holdout-window-30").click();
    await poll(() => shown.innerText()).toBe("按触达后 30 天内的消费计算");
    expect(asked.map((body) => JSON.parse(body).variables)).toEqual([{ attributionDays: 30 }]);
    for (const results of month) expect(await rowOnScreen(page, results.program)).toEqual(rowExpected(results));
  });

  test("an owner sets a campaign's holdout share and reads its treated and held-out members", async () => {
    const token = await ownerToken();
    const segmentId = (
      await ok(
        gql(
          journey.server,
          "mutation ($input: SegmentInput!) { saveSegment(input: $input) { id } }",
          { input: { name: "对照组活动人群", filter: { marketingConsent: true } } },
          { token },
        ),
      )
    ).saveSegment.id;
    const date = addDays(localDate(new Date().toISOString(), "Asia/Shanghai"), 1);
    const input = { name: "对照组测试", segmentId, kind: "once", date, smsBody: "{name}，本周会员专享" };
    const id = (
      await ok(
        gql(
          journey.server,
          "mutation ($input: CampaignInput!) { saveCampaign(input: $input) { id holdoutPercent } }",
          { input },
          { token },
        ),
      )
    ).saveCampaign.id;
    expect(await campaignPercent(token, id)).toBe(10);

    // The form: the share with its sentence; 60 is stopped, 25 is saved.
    const page = await journey.openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await page.goto(`${journey.server.url}/#/campaigns/${id}`);
    const form = page.getByTestId("campaign-form");
    const share = form.locator('input[name="holdoutPercent"]');
    await poll(() => share.inputValue()).toBe("10");
    await poll(() => form.getByTestId("holdout-hint").innerText()).toMatch(/^留出 10% 的目标会员不参与活动/);
    await share.fill("60");
    await page.getByRole("button", { name: "保存" }).click();
    await form.getByText("对照组比例须为 0–50 的整数（0 为关闭）").waitFor();
    expect(await campaignPercent(token, id)).toBe(10);
    await share.fill("25");
    // The estimate beside it expects a quarter of the segment held out, as the API says for the same draft.
    const expected = (
      await ok(
        gql(
          journey.server,
          "query ($i: CampaignEstimateInput!) { campaignEstimate(input: $i) { heldOut } }",
          { i: { segmentId, smsBody: input.smsBody, holdoutPercent: 25 } },
          { token },
        ),
      )
    ).campaignEstimate.heldOut;
    expect(expected).toBeGreaterThan(0);
    await poll(() => form.getByTestId("campaign-reach").innerText()).toContain(`其中约 ${expected} 位将留作对照组`);
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(new RegExp(`#/campaigns/${id}/show`));
    expect(await campaignPercent(token, id)).toBe(25);

    // The show page: the comparison beside the results, for the window picked.
    await poll(() => page.getByTestId("campaign-holdout-percent").innerText()).toBe("25%");
    const block = page.getByTestId("holdout-comparison");
    for (const days of [14, 7]) {
      if (days !== 14) await page.getByTestId(`holdout-window-${days}`).click();
      const results = await campaignHoldout(token, id, days);
      await poll(() => block.getByTestId("holdout-window-shown").innerText()).toBe(
        `对照组比例 ${results.holdoutPercent}% · 按触达后 ${days} 天内的消费计算`,
      );
      const row = (name: string) => block.getByTestId(`holdout-row-${name}`);
      expect(await row("members").getByTestId("holdout-treated").innerText()).toBe(count(results.treated));
      expect(await row("members").getByTestId("holdout-held-out").innerText()).toBe(count(results.heldOut));
      expect(await row("conversionRate").getByTestId("holdout-treated").innerText()).toBe(
        rate(results.treatedConversionRate),
      );
      expect(await block.getByTestId("holdout-incrementalConversions").innerText()).toBe(
        estimate(results.incrementalConversions, count),
      );
      expect(await block.getByTestId("holdout-netRevenue").innerText()).toBe(estimate(results.netRevenue, yuan));
      expect(await block.getByTestId("holdout-verdict").innerText()).toBe(VERDICT[results.verdict]);
    }
    expect(await page.getByTestId("campaign-results").count()).toBe(1);
    await screenshot(page, "holdouts-4-campaign-comparison");
  });

  test("the dashboard says what the wake-up SMS brought; a clerk never asks", async () => {
    const token = await ownerToken();
    const query = `query { wakeupImpact { ${RESULTS} } }`;
    const impact: Results = (await ok(gql(journey.server, query, {}, { token }))).wakeupImpact;
    const unsure = impact.verdict === "TOO_FEW" || impact.verdict === "UNCLEAR" || !impact.incrementalConversions;
    const conversions = impact.incrementalConversions!;
    const expected = unsure
      ? "唤醒短信：还不足以判断"
      : `唤醒短信${impact.verdict === "NEGATIVE" ? "反而少" : ""}带回 ${count(Math.abs(conversions.value))} 位会员 ` +
        `(± ${count((conversions.high - conversions.low) / 2)})，增量营收 ${yuan(impact.incrementalRevenue!.value)}`;

    const page = await journey.openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password, HOME);
    const card = page.getByTestId("dashboard-wakeup-impact");
    await poll(() => card.getByTestId("wakeup-impact-text").innerText()).toBe(expected);
    expect(await card.getByTestId("wakeup-impact-counts").innerText()).toContain(
      `发送组 ${count(impact.treated)} 人，对照组 ${count(impact.heldOut)} 人`,
    );
    await screenshot(page, "holdouts-5-dashboard-card");
    // From the card to each step's results.
    await card.getByTestId("wakeup-impact-details").click();
    await poll(() => page.getByTestId("automation-result").count()).toBeGreaterThan(0);
    await page.context().close();

    // A clerk lands on the member list; the card's query is never sent.
    const clerk = await journey.openConsole();
    const asked = requestsOf(clerk, "wakeupImpact");
    await logIn(clerk, journey.demo.clerk.username, journey.demo.clerk.password);
    await clerk.getByRole("menuitem", { name: "会员", exact: true }).waitFor();
    expect(await clerk.getByTestId("dashboard-wakeup-impact").count()).toBe(0);
    expect(asked).toEqual([]);
  });
});
