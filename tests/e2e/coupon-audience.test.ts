/**
 * Coupons to a segment or tag at once (按人群发券) and coupons not given
 * (未发放), in a real browser at the desk (1400×900, Chinese) over the local
 * server and DynamoDB Local with the demo merchant: an owner issues a coupon
 * to everyone with a tag from the template list and each of them holds it; a
 * coupon with little stock issued to a saved segment leaves members without
 * one, and the summary names them and why; a paused welcome coupon leaves a
 * new member without one, which the dashboard and the template list report
 * with a way to the template; a campaign whose coupon runs out shows how many
 * it reached without one. Every step checks the screen against the API.
 */
import { randomBytes, randomInt } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { runJob } from "../../functions/app/jobs/index.js";
import { depsFor } from "../../scripts/local/deps.js";
import { gql, ok, signIn } from "../support/api.js";
import { consoleJourney, HOME, logIn, memberPicker, poll, screenshot } from "../support/console.js";

const journey = consoleJourney({ members: 40, otherMembers: 3 });
const openConsole = () => journey.openConsole();
const ownerToken = () => signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
const hex = () => randomBytes(3).toString("hex");

interface ApiMember {
  id: string;
  name: string;
}

const takeMember = memberPicker(
  async (token: string): Promise<ApiMember[]> =>
    (await ok(gql(journey.server, "{ members(first: 40) { nodes { id name } } }", {}, { token }))).members.nodes,
);

async function createTemplate(token: string, input: Record<string, unknown>): Promise<string> {
  const created = await ok(
    gql(
      journey.server,
      "mutation ($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { id } }",
      { input: { kind: "amount_off", amountOff: 500, validDays: 30, ...input } },
      { token },
    ),
  );
  return created.createCouponTemplate.id;
}

async function tagMembers(token: string, tag: string, members: ApiMember[]) {
  for (const member of members)
    await ok(
      gql(
        journey.server,
        "mutation ($id: ID!, $tags: [String!]!) { addMemberTags(id: $id, tags: $tags) { id } }",
        { id: member.id, tags: [tag] },
        { token },
      ),
    );
}

/** How many coupons of the template each member holds, by member id. */
async function holdings(token: string, templateId: string, members: ApiMember[]): Promise<Map<string, number>> {
  const held = new Map<string, number>();
  for (const member of members) {
    const data = await ok(
      gql(
        journey.server,
        "query ($id: ID!) { member(id: $id) { coupons(first: 100) { nodes { templateId state } } } }",
        { id: member.id },
        { token },
      ),
    );
    const nodes: { templateId: string; state: string }[] = data.member.coupons.nodes;
    held.set(member.id, nodes.filter((coupon) => coupon.templateId === templateId).length);
  }
  return held;
}

/** A saved segment of the members carrying the tag. */
async function segmentOfTag(token: string, name: string, tag: string): Promise<string> {
  const saved = await ok(
    gql(
      journey.server,
      "mutation ($input: SegmentInput!) { saveSegment(input: $input) { id } }",
      { input: { name, filter: { tags: [tag] } } },
      { token },
    ),
  );
  return saved.saveSegment.id;
}

/** The merchant's today and the day six days before (the last 7 local days). */
async function lastWeek(token: string): Promise<{ from: string; to: string }> {
  const timeZone = (await ok(gql(journey.server, "{ merchant { timeZone } }", {}, { token }))).merchant.timeZone;
  const day = (at: number) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(at));
  return { from: day(Date.now() - 6 * 86_400_000), to: day(Date.now()) };
}

interface ShortfallRow {
  templateId: string;
  source: string;
  reason: string;
  members: number;
}

async function shortfalls(token: string, range: { from: string; to: string }): Promise<ShortfallRow[]> {
  const data = await ok(
    gql(
      journey.server,
      "query ($from: String!, $to: String!) { couponShortfalls(from: $from, to: $to) { templateId source reason members } }",
      range,
      { token },
    ),
  );
  return data.couponShortfalls;
}

async function issuedOf(token: string, templateId: string): Promise<number> {
  const data = await ok(
    gql(journey.server, "query ($id: ID!) { couponTemplate(id: $id) { issued } }", { id: templateId }, { token }),
  );
  return data.couponTemplate.issued;
}

/** The coupon template list, and the issue dialog opened from the template's row. */
async function openIssueDialog(page: Page, templateName: string): Promise<{ row: Locator; dialog: Locator }> {
  await page.getByRole("menuitem", { name: "优惠券", exact: true }).click();
  await page.waitForURL(/#\/couponTemplates/);
  const row = page.locator("tbody tr", { hasText: templateName });
  await row.getByTestId("template-issue").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByTestId("issue-mode-audience").click();
  return { row, dialog };
}

/** Pick an option of the dialog's select labelled `label`. */
async function pick(page: Page, dialog: Locator, label: string, option: string) {
  await dialog.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** Confirm, and wait for the summary. */
async function confirmIssue(dialog: Locator, submitLabel: string, confirmText: string) {
  await poll(() => dialog.getByTestId("issue-submit").innerText()).toBe(submitLabel);
  await dialog.getByTestId("issue-submit").click();
  await poll(() => dialog.getByTestId("issue-confirm-text").innerText()).toBe(confirmText);
  await dialog.getByTestId("issue-confirm").click();
  await dialog.getByTestId("audience-summary").waitFor();
}

describe("coupons to a segment or tag, and coupons not given, in the console", () => {
  test("an owner issues a coupon to everyone with a tag, and each of them holds one", async () => {
    const token = await ownerToken();
    const tag = `按人群-${hex()}`;
    const members = [await takeMember(token), await takeMember(token), await takeMember(token)];
    await tagMembers(token, tag, members);
    const name = `人群立减5元-${hex()}`;
    const templateId = await createTemplate(token, { name });
    const tags: { name: string; count: number }[] = (
      await ok(gql(journey.server, "{ memberTags { name count } }", {}, { token }))
    ).memberTags;
    const count = tags.find((candidate) => candidate.name === tag)!.count;
    expect(count).toBe(members.length);

    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    const { row, dialog } = await openIssueDialog(page, name);
    await dialog.getByTestId("issue-audience-kind-tag").click();
    await pick(page, dialog, "标签", `${tag}（${count} 人）`);
    await poll(() => dialog.getByTestId("issue-audience-size").innerText()).toBe(`当前 ${count} 位会员`);
    await screenshot(page, "coupon-audience-1-tag");
    await confirmIssue(
      dialog,
      `发放（${count} 人）`,
      `向标签「${tag}」的 ${count} 位会员各发放一张「${name} · 立减¥5」？券已发完或已达每人上限的会员不会收到。`,
    );

    // Each member with the tag holds one coupon of the template, as the summary says.
    const held = await holdings(token, templateId, members);
    expect([...held.values()]).toEqual(members.map(() => 1));
    const issued = await issuedOf(token, templateId);
    const summary = dialog.getByTestId("audience-summary");
    expect(await summary.getAttribute("data-issued")).toBe(String(issued));
    expect(await summary.innerText()).toBe(`发放 ${issued} 张，已发过 0 位，未发放 0 位`);
    expect(await dialog.getByTestId("audience-members").innerText()).toBe(`标签「${tag}」共 ${count} 位会员`);
    expect(await dialog.getByTestId("audience-not-given").count()).toBe(0);
    await screenshot(page, "coupon-audience-2-tag-done");
    await dialog.getByTestId("issue-close").click();
    await poll(() => row.getByTestId("template-issued").innerText()).toBe(`${issued} / 不限`);
  });

  test("a coupon with little stock issued to a segment leaves members without one, and the summary says why", async () => {
    const token = await ownerToken();
    const tag = `限量人群-${hex()}`;
    const members = [await takeMember(token), await takeMember(token), await takeMember(token)];
    await tagMembers(token, tag, members);
    const segmentName = `限量券人群-${hex()}`;
    await segmentOfTag(token, segmentName, tag);
    const size = (
      await ok(
        gql(
          journey.server,
          "query ($filter: SegmentFilterInput!) { segmentPreview(filter: $filter) { size } }",
          { filter: { tags: [tag] } },
          { token },
        ),
      )
    ).segmentPreview.size;
    expect(size).toBe(members.length);
    const stock = 1;
    const name = `限量立减5元-${hex()}`;
    const templateId = await createTemplate(token, { name, totalStock: stock });

    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    const { dialog } = await openIssueDialog(page, name);
    await pick(page, dialog, "人群", segmentName);
    await poll(() => dialog.getByTestId("issue-audience-size").innerText()).toBe(`当前 ${size} 位会员`);
    await confirmIssue(
      dialog,
      `发放（${size} 人）`,
      `向人群「${segmentName}」的 ${size} 位会员各发放一张「${name} · 立减¥5」？券已发完或已达每人上限的会员不会收到。`,
    );

    // The API: the stock went to some members, none to the others.
    const held = await holdings(token, templateId, members);
    const given = members.filter((member) => held.get(member.id) === 1);
    const without = members.filter((member) => held.get(member.id) === 0);
    expect(given.length + without.length).toBe(members.length);
    expect(given.length).toBe(await issuedOf(token, templateId));
    expect(without.length).toBeGreaterThan(0);

    // The summary: issued, and not given by reason; the members given none by name, with why.
    const summary = dialog.getByTestId("audience-summary");
    expect(await summary.getAttribute("data-not-given")).toBe(String(without.length));
    await poll(() => summary.innerText()).toContain(
      `发放 ${given.length} 张，已发过 0 位，未发放 ${without.length} 位`,
    );
    expect(await dialog.getByTestId("audience-reason").allInnerTexts()).toEqual([`库存不足 ${without.length} 位`]);
    expect(await dialog.getByTestId("audience-reason").getAttribute("data-reason")).toBe("OUT_OF_STOCK");
    const rows = dialog.getByTestId("audience-not-given");
    await poll(async () => (await rows.getByTestId("audience-not-given-name").allInnerTexts()).sort()).toEqual(
      without.map((member) => member.name).sort(),
    );
    const ids = await Promise.all((await rows.all()).map((row) => row.getAttribute("data-member-id")));
    expect(ids.sort()).toEqual(without.map((member) => member.id).sort());
    expect(await rows.getByTestId("audience-not-given-reason").allInnerTexts()).toEqual(without.map(() => "库存不足"));
    await screenshot(page, "coupon-audience-3-out-of-stock");
  });

  test("a paused welcome coupon leaves a new member without one; the dashboard and the template list say so", async () => {
    const token = await ownerToken();
    const name = `注册礼-${hex()}`;
    const templateId = await createTemplate(token, { name, status: "paused" });
    const before: string[] = (
      await ok(gql(journey.server, "{ loyaltyConfig { welcomeCouponTemplateIds } }", {}, { token }))
    ).loyaltyConfig.welcomeCouponTemplateIds;
    const setWelcome = (ids: string[]) =>
      ok(
        gql(
          journey.server,
          "mutation ($ids: [ID!]) { updateCouponSettings(welcomeTemplateIds: $ids) { welcomeCouponTemplateIds } }",
          { ids },
          { token },
        ),
      );
    const store = (await ok(gql(journey.server, "{ stores(first: 1) { nodes { id } } }", {}, { token }))).stores
      .nodes[0];
    await setWelcome([templateId]);
    try {
      const joined = await ok(
        gql(
          journey.server,
          "mutation ($input: RegisterMemberInput!) { registerMember(input: $input) { created welcomeCoupons { code } } }",
          { input: { phone: `139${randomInt(10_000_000, 99_999_999)}`, name: "新会员", homeStoreId: store.id } },
          { token },
        ),
      );
      expect(joined.registerMember).toEqual({ created: true, welcomeCoupons: [] });
    } finally {
      await setWelcome(before);
    }

    // What the API reports for the last 7 days, in the merchant's days.
    const week = await lastWeek(token);
    const today = week.to;
    const rows = await shortfalls(token, week);
    const mine = rows.filter((row) => row.templateId === templateId);
    expect(mine.map(({ source, reason }) => ({ source, reason }))).toEqual([{ source: "welcome", reason: "PAUSED" }]);
    const without = mine[0].members;
    const total = rows.reduce((sum, row) => sum + row.members, 0);

    // The dashboard (the owner's home, the last 30 days) lists it.
    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password, HOME);
    const card = page.getByTestId("dashboard-shortfalls");
    const cardRow = card.locator(`[data-testid="dashboard-shortfall"][data-template-id="${templateId}"]`);
    await poll(() => cardRow.locator("td").allInnerTexts()).toEqual([
      name,
      "注册有礼",
      "已暂停",
      String(without),
      today,
      "去处理",
    ]);
    await screenshot(page, "coupon-audience-4-dashboard");

    // The template list's banner names the occasion, the template and the reason, and leads to the template.
    await page.getByRole("menuitem", { name: "优惠券", exact: true }).click();
    await page.waitForURL(/#\/couponTemplates/);
    const banner = page.getByTestId("shortfall-banner");
    const line = banner.locator(`[data-testid="shortfall-line"][data-template-id="${templateId}"]`);
    await poll(() => line.getByTestId("shortfall-text").innerText()).toBe(
      `注册有礼「${name}」已暂停，${without} 位会员未收到`,
    );
    expect(await banner.getAttribute("data-total")).toBe(String(total));
    expect(await banner.locator(".MuiAlertTitle-root").innerText()).toBe(`近 7 天有 ${total} 张券没能发给会员：`);
    await screenshot(page, "coupon-audience-5-banner");
    await line.getByTestId("shortfall-edit").click();
    await page.waitForURL(new RegExp(`#/couponTemplates/${templateId}$`));
    await poll(() => page.locator('input[name="name"]').inputValue()).toBe(name);
  });

  test("a campaign whose coupon runs out shows the members it reached without one, and the template list names it", async () => {
    const token = await ownerToken();
    const tag = `活动限量-${hex()}`;
    const members = [await takeMember(token), await takeMember(token), await takeMember(token)];
    await tagMembers(token, tag, members);
    const segmentId = await segmentOfTag(token, `活动限量人群-${hex()}`, tag);
    const name = `活动限量券-${hex()}`;
    const templateId = await createTemplate(token, { name, totalStock: 1 });
    const week = await lastWeek(token);
    const saved = await ok(
      gql(
        journey.server,
        "mutation ($input: CampaignInput!) { saveCampaign(input: $input) { id } }",
        {
          input: {
            name: `限量送券-${hex()}`,
            segmentId,
            kind: "once",
            date: week.to,
            couponTemplateId: templateId,
            conversionDays: 7,
            holdoutPercent: 0,
            status: "active",
          },
        },
        { token },
      ),
    );
    const campaignId = saved.saveCampaign.id;
    // Today's campaigns job, in-process: the first member reached takes the only coupon.
    await runJob(depsFor(journey.server.db), "campaigns", journey.demo.merchantId, week.to);
    const results = (
      await ok(
        gql(
          journey.server,
          "query ($id: ID!) { campaignResults(id: $id) { reached couponsIssued couponsNotGiven } }",
          { id: campaignId },
          { token },
        ),
      )
    ).campaignResults;
    expect(results.couponsIssued).toBe(await issuedOf(token, templateId));
    expect(results.couponsNotGiven).toBe(results.reached - results.couponsIssued);
    expect(results.couponsNotGiven).toBeGreaterThan(0);
    // Counted by day and home store: the banner sums the stores.
    const mine = (await shortfalls(token, week)).filter((row) => row.templateId === templateId);
    expect(new Set(mine.map(({ source, reason }) => `${source}/${reason}`))).toEqual(
      new Set(["campaign/OUT_OF_STOCK"]),
    );
    expect(mine.reduce((sum, row) => sum + row.members, 0)).toBe(results.couponsNotGiven);

    // The campaign's results: 未发放 next to the coupons issued, highlighted.
    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await page.goto(`${journey.server.url}/#/campaigns/${campaignId}/show`);
    await poll(() => page.getByTestId("result-couponsNotGiven").innerText()).toBe(String(results.couponsNotGiven));
    expect(await page.getByTestId("result-couponsIssued").innerText()).toBe(String(results.couponsIssued));
    expect(await page.getByTestId("result-couponsNotGiven").getAttribute("data-warn")).toBe("true");
    await screenshot(page, "coupon-audience-6-campaign-results");

    // The template list's banner names the campaign occasion and the reason.
    await page.getByRole("menuitem", { name: "优惠券", exact: true }).click();
    await page.waitForURL(/#\/couponTemplates/);
    const line = page.locator(`[data-testid="shortfall-line"][data-template-id="${templateId}"]`);
    await poll(() => line.getByTestId("shortfall-text").innerText()).toBe(
      `营销活动「${name}」库存不足，${results.couponsNotGiven} 位会员未收到`,
    );
  });
});
