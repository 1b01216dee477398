/**
 * Marketing in the console, in a real browser over the local server and
 * DynamoDB Local with the demo merchant: an owner builds a segment and sees
 * its live size, changes the wake-up ladder and quiet hours, creates a
 * campaign for the segment; the campaigns job runs for the campaign's day
 * (in-process, with a fixed clock) and the owner reads the results and the
 * SMS outbox. A manager reads the automations; a clerk sees none of it.
 * Last, the owner writes an SMS template from Chinese variable chips (【会员姓名】…) with a live preview,
 * length and billed parts, and the API holds {name} placeholders; in English the chips read in English.
 * Every step checks the screen against what the API stored.
 */
import { randomInt } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { localSender } from "../../functions/adapters/sms/local.js";
import { runJob } from "../../functions/app/jobs/index.js";
import { recordPurchase } from "../../functions/app/loyalty/index.js";
import { dispatchDue, systemCaller } from "../../functions/app/messaging.js";
import { render, smsParts } from "../../functions/core/messaging/sms.js";
import { addDays, localDate, startOfLocalDay } from "../../functions/core/time.js";
import { listMemberCoupons } from "../../functions/data/coupons.js";
import { depsFor } from "../../scripts/local/deps.js";
import { gql, ok, signIn } from "../support/api.js";
import {
  columnTexts,
  consoleJourney,
  logIn,
  openCreate,
  poll,
  screenshot,
  switchLanguage,
} from "../support/console.js";
import { formatPhone } from "../../admin/src/common/phone.js";

const ZONE = "Asia/Shanghai";
const TAG = "奶茶控";

const journey = consoleJourney({ members: 40, otherMembers: 3, purchases: 10 });
const openConsole = () => journey.openConsole();

const ownerToken = () => signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);

interface Preview {
  size: number;
  itemsRead: number;
  members: { member: { id: string } }[];
}

async function segmentPreview(token: string, filter: Record<string, unknown>): Promise<Preview> {
  return (
    await ok(
      gql(
        journey.server,
        "query ($filter: SegmentFilterInput!) { segmentPreview(filter: $filter) { size itemsRead members { member { id } } } }",
        { filter },
        { token },
      ),
    )
  ).segmentPreview;
}

/** A saved segment of the campaign's own, made through the API. */
async function saveSegment(token: string, name: string, filter: Record<string, unknown>): Promise<string> {
  const saved = await ok(
    gql(
      journey.server,
      "mutation ($input: SegmentInput!) { saveSegment(input: $input) { id } }",
      { input: { name, filter } },
      { token },
    ),
  );
  return saved.saveSegment.id;
}

async function automationSettings(token: string) {
  const fields =
    "jobHour sms { quietStart quietEnd monthlyCap signature } birthday { enabled " +
    "daysBefore body sendCoupon } wakeup { enabled steps { days body couponTemplateId " +
    "} } couponExpiry { enabled daysBefore body } lifecycle { silentDays sleepingDays " +
    "lostDays } tierReviewDayOfMonth";
  return (await ok(gql(journey.server, `query { automationSettings { ${fields} } }`, {}, { token })))
    .automationSettings;
}

async function segmentationSettings(token: string) {
  return (
    await ok(
      gql(
        journey.server,
        "query { segmentationSettings { recencyDays frequency monetary tagRules { tag kind category count days amount } } }",
        {},
        { token },
      ),
    )
  ).segmentationSettings;
}

async function couponTemplateId(token: string, name: string): Promise<string> {
  const nodes: { id: string; name: string }[] = (
    await ok(gql(journey.server, "query { couponTemplates(first: 100) { nodes { id name } } }", {}, { token }))
  ).couponTemplates.nodes;
  const found = nodes.find((template) => template.name === name);
  if (!found) throw new Error(`No coupon template ${name}`);
  return found.id;
}

/** The live size once the preview answers for the filter on screen. */
async function liveSize(page: Page): Promise<string> {
  const preview = page.getByTestId("segment-preview");
  if ((await preview.getAttribute("data-current")) !== "true") return "pending";
  return (await page.getByTestId("segment-size").innerText()).trim();
}

/** Choose an option of the nth select (or autocomplete) of that label within a part of the page. */
async function chooseIn(page: Page, scope: Page | Locator, label: string, option: string | RegExp, nth = 0) {
  await scope.getByRole("combobox", { name: label }).nth(nth).click();
  await page.getByRole("option", { name: option }).click();
}

describe("marketing in the console", () => {
  test("an owner builds a segment whose live size is the API's, saves it and renames it", async () => {
    const token = await ownerToken();
    const byTag = await segmentPreview(token, { tags: [TAG] });
    const consenting = await segmentPreview(token, { tags: [TAG], marketingConsent: true });
    expect(byTag.size).toBeGreaterThan(consenting.size);
    expect(consenting.size).toBeGreaterThan(0);
    const name = `${TAG}·已授权${randomInt(100, 999)}`;

    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    for (const item of ["人群", "营销活动", "自动化营销", "短信记录"])
      await page.getByRole("menuitem", { name: item }).waitFor();
    await page.getByRole("menuitem", { name: "人群" }).click();
    await openCreate(page, "segments");

    // No criteria yet: every member, counted only on request (it reads them all).
    await page.getByTestId("segment-count-all").click();
    await poll(() => liveSize(page)).toBe(String((await segmentPreview(token, {})).size));

    // One tag: the size follows, with the first members linked to their pages.
    await page.locator('input[name="name"]').fill(name);
    await chooseIn(page, page, "标签", new RegExp(`^${TAG} \\(\\d+\\)$`));
    await page.keyboard.press("Escape");
    await poll(() => liveSize(page)).toBe(String(byTag.size));

    // And consent: fewer, exactly as the API counts them.
    await page.getByRole("radio", { name: "已授权" }).check();
    await poll(() => liveSize(page)).toBe(String(consenting.size));
    const links = await page
      .getByTestId("segment-member-link")
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
    expect(links.map((href) => href.match(/#\/members\/([^/]+)\/show/)?.[1])).toEqual(
      consenting.members.map((entry) => entry.member.id),
    );
    expect(await page.getByTestId("segment-items-read").innerText()).toContain(String(consenting.itemsRead));
    expect(await page.getByTestId("stage-chip").count()).toBe(consenting.members.length);
    await screenshot(page, "marketing-1-segment-builder");

    // Save: the list shows it, the API holds its filter.
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/#\/segments(\?|$)/);
    await poll(() => columnTexts(page, "人群名称")).toContain(name);
    const saved = (
      await ok(
        gql(
          journey.server,
          "query { segments(first: 100) { nodes { id name filter { tags marketingConsent birthdayMonth } } } }",
          {},
          { token },
        ),
      )
    ).segments.nodes.find((segment: { name: string }) => segment.name === name);
    expect(saved.filter).toEqual({ tags: [TAG], marketingConsent: true, birthdayMonth: null });

    // Rename it; the builder opens with its filter and the same size.
    const renamed = `${name}（改）`;
    await page.locator("tbody tr", { hasText: name }).click();
    await page.waitForURL(new RegExp(`#/segments/${saved.id}$`));
    await poll(() => page.locator('input[name="name"]').inputValue()).toBe(name);
    await poll(() => liveSize(page)).toBe(String(consenting.size));
    await page.locator('input[name="name"]').fill(renamed);
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/#\/segments(\?|$)/);
    await poll(
      async () =>
        (
          await ok(
            gql(
              journey.server,
              "query ($id: ID!) { segment(id: $id) { name filter { tags marketingConsent } } }",
              { id: saved.id },
              { token },
            ),
          )
        ).segment,
    ).toEqual({ name: renamed, filter: { tags: [TAG], marketingConsent: true } });
    await poll(() => columnTexts(page, "人群名称")).toContain(renamed);
    await screenshot(page, "marketing-2-segments");
  });

  test("an owner changes the wake-up ladder and the quiet hours; the API holds both and nothing else moved", async () => {
    const token = await ownerToken();
    const before = await automationSettings(token);
    expect(before.wakeup.steps.map((step: { days: number }) => step.days)).toEqual([30, 60]);
    const gift = await couponTemplateId(token, "免费加料券");
    const body = "{name}，90天没见啦，{merchant}送您{coupon}，券码{couponCode}";

    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await page.getByRole("menuitem", { name: "自动化营销" }).click();
    await page.waitForURL(/#\/automations/);

    // The ladder: drop the 30-day step, add a 90-day step with a coupon.
    const steps = page.getByTestId("wakeup-steps");
    await poll(() => steps.locator('input[name="steps.0.days"]').inputValue()).toBe("30");
    // A step's remove button shows while the pointer is over the step.
    await steps.locator('input[name="steps.0.days"]').hover();
    await steps.locator(".button-remove-steps-0").click();
    await poll(() => steps.locator('input[name="steps.0.days"]').inputValue()).toBe("60");
    await steps.getByTestId("add-wakeup-step").click();
    await poll(() => steps.locator('input[name="steps.1.days"]').inputValue()).toBe("90");
    await chooseIn(page, steps, "同时赠送优惠券", /^免费加料券/, 1);
    await steps.locator('textarea[name="steps.1.body"]').fill(body);
    // The preview is the message as sent: the coupon's name, the days, the opt-out line.
    const preview = steps.getByTestId("sms-preview").nth(1);
    await poll(() => preview.innerText()).toMatch(/90天没见啦.*送您免费加料券，券码\w+ 回复TD退订$/);
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("沉睡唤醒已保存").waitFor();
    await poll(async () => (await automationSettings(token)).wakeup.steps).toEqual([
      before.wakeup.steps[1],
      { days: 90, body, couponTemplateId: gift },
    ]);
    await screenshot(page, "marketing-3-wakeup-ladder");

    // SMS rules: quiet hours 22:00–08:00 and a signature.
    await page.getByTestId("automation-tab-sms").click();
    const rules = page.getByTestId("sms-rules");
    await poll(() => rules.locator('input[name="quietStart"]').inputValue()).toBe(before.sms.quietStart);
    await rules.locator('input[name="quietStart"]').fill("22:00");
    await rules.locator('input[name="quietEnd"]').fill("08:00");
    await rules.locator('input[name="signature"]').fill("【茶香里】");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("短信规则已保存").waitFor();
    await poll(async () => (await automationSettings(token)).sms).toEqual({
      ...before.sms,
      quietStart: "22:00",
      quietEnd: "08:00",
      signature: "【茶香里】",
    });
    await screenshot(page, "marketing-4-sms-rules");

    // The previews sign the message; no step shows a coupon it does not give (the API refuses such a step).
    await page.getByTestId("automation-tab-wakeup").click();
    await poll(() => steps.getByTestId("sms-preview").nth(1).innerText()).toMatch(/^【茶香里】/);
    expect(await steps.getByTestId("sms-no-coupon").count()).toBe(0);
    const after = await automationSettings(token);
    expect({ ...after, wakeup: before.wakeup, sms: before.sms }).toEqual(before);

    // Segmentation rules: a tag for members who have spent ¥500.00 in all; the RFM thresholds stay.
    const rulesBefore = await segmentationSettings(token);
    const next = rulesBefore.tagRules.length;
    await page.getByTestId("automation-tab-segmentation").click();
    const segmentation = page.getByTestId("segmentation-settings");
    await segmentation.getByTestId("add-tag-rule").click();
    await segmentation.locator(`input[name="tagRules.${next}.tag"]`).fill("高消费");
    await chooseIn(page, segmentation, "规则", "按累计消费", next);
    await segmentation.locator(`input[name="tagRules.${next}.amount"]`).fill("500");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("分层规则已保存").waitFor();
    await poll(async () => (await segmentationSettings(token)).tagRules.length).toBe(next + 1);
    const rulesAfter = await segmentationSettings(token);
    expect(rulesAfter.tagRules[next]).toMatchObject({ tag: "高消费", kind: "lifetime_spend", amount: 50_000 });
    expect({ ...rulesAfter, tagRules: rulesBefore.tagRules }).toEqual(rulesBefore);
    await screenshot(page, "marketing-4b-segmentation-rules");
  });

  test(
    "an owner creates a campaign for the segment; after its day's job the results " +
      "page and the SMS outbox show what it did",
    async () => {
      const token = await ownerToken();
      const segmentName = `${TAG}·活动${randomInt(100, 999)}`;
      const segmentId = await saveSegment(token, segmentName, { tags: [TAG], marketingConsent: true });
      // The messages are signed (the SMS rules journey sets the same signature through the console).
      await ok(
        gql(
          journey.server,
          'mutation { updateAutomationSettings(input: { sms: { signature: "【茶香里】" } }) { jobHour } }',
          {},
          { token },
        ),
      );
      const date = addDays(localDate(new Date().toISOString(), ZONE), 1);
      const name = `会员专享${randomInt(100, 999)}`;
      const smsBody = "{name}，会员专享：送您{coupon}，券码{couponCode}";
      const coupon = await couponTemplateId(token, "满100减20");
      const segment = await segmentPreview(token, { tags: [TAG], marketingConsent: true });

      const page = await openConsole();
      await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
      await page.getByRole("menuitem", { name: "营销活动" }).click();
      await openCreate(page, "campaigns");

      const form = page.getByTestId("campaign-form");
      await form.locator('input[name="name"]').fill(name);
      await chooseIn(page, form, "目标人群", segmentName);
      await poll(() => form.getByTestId("campaign-reach").innerText()).toContain(`${segment.size} 位会员`);
      await form.locator('input[name="date"]').fill(date);
      await chooseIn(page, form, "赠送优惠券", /^满100减20/);
      await form.locator('textarea[name="smsBody"]').fill(smsBody);
      await poll(() => form.getByTestId("sms-preview").innerText()).toMatch(/^【茶香里】.*满100减20.*回复TD退订$/);
      // The holdout (10 % by default) is turned off, so every member of the segment is reached; the form says so.
      await poll(() => form.locator('input[name="holdoutPercent"]').inputValue()).toBe("10");
      await form.locator('input[name="holdoutPercent"]').fill("0");
      await poll(() => form.getByTestId("holdout-hint").innerText()).toContain("对照组已关闭");
      // Before saving, the form shows what the SMS would cost: the API's estimate for the same draft.
      const estimate = (
        await ok(
          gql(
            journey.server,
            "query ($i: CampaignEstimateInput!) { campaignEstimate(input: $i) { smsMembers smsParts } }",
            { i: { segmentId, smsBody, couponTemplateId: coupon } },
            { token },
          ),
        )
      ).campaignEstimate;
      expect(estimate.smsMembers).toBeGreaterThan(0);
      await poll(() => form.getByTestId("campaign-sms-cost").innerText()).toContain(
        `向 ${estimate.smsMembers} 位会员发送短信，共 ${estimate.smsParts} 条计费短信`,
      );
      await screenshot(page, "marketing-5-campaign-form");
      await page.getByRole("button", { name: "保存" }).click();
      await page.waitForURL(/#\/campaigns\/[^/]+\/show/);
      const campaignId = page.url().match(/#\/campaigns\/([^/]+)\/show/)![1];
      await poll(() => page.getByTestId("result-reached").innerText()).toBe("0");
      expect(await page.getByTestId("results-none").count()).toBe(1);
      // The SMS as the owner wrote it: each variable in words, not as its placeholder.
      await poll(() => page.getByTestId("campaign-sms-body").innerText()).toBe(
        "【会员姓名】，会员专享：送您【券名】，券码【券码】",
      );
      const stored = (
        await ok(
          gql(
            journey.server,
            "query ($id: ID!) { campaign(id: $id) { name segmentId kind date couponTemplateId " +
              "smsBody pointsMultiplier conversionDays holdoutPercent status } }",
            { id: campaignId },
            { token },
          ),
        )
      ).campaign;
      expect(stored).toEqual({
        name,
        segmentId,
        kind: "once",
        date,
        couponTemplateId: coupon,
        smsBody,
        pointsMultiplier: null,
        conversionDays: 7,
        holdoutPercent: 0,
        status: "active",
      });

      // The campaign's day: the job reaches the segment at 10:00 (outside the quiet hours) and the dispatcher sends.
      let now = new Date(Date.parse(startOfLocalDay(date, ZONE)) + 10 * 3_600_000).toISOString();
      const deps = depsFor(journey.server.db, { now: () => now });
      const run = await runJob(deps, "campaigns", journey.demo.merchantId, date);
      expect(run).toMatchObject({ acted: segment.size, sms: segment.size, coupons: segment.size });
      expect((await dispatchDue(deps, localSender(), journey.demo.merchantId)).sent).toBe(segment.size);

      // One member comes back that afternoon with the coupon: ¥120.00 less ¥20.00.
      const buyer = segment.members[0].member.id;
      const code = (await listMemberCoupons(journey.server.db, journey.demo.merchantId, buyer, 50)).items.find(
        (item) => item.source === "campaign" && item.templateId === coupon,
      )!.code;
      const home = (
        await ok(gql(journey.server, "query ($id: ID!) { member(id: $id) { homeStoreId } }", { id: buyer }, { token }))
      ).member.homeStoreId;
      now = new Date(Date.parse(now) + 5 * 3_600_000).toISOString();
      await recordPurchase(deps, systemCaller(journey.demo.merchantId, "e2e-pos"), {
        orderId: `e2e-campaign-${randomInt(1e6)}`,
        memberId: buyer,
        storeId: home,
        lines: [{ sku: "beans", name: "咖啡豆 250g", category: "retail", qty: 1, unitPrice: 12_000 }],
        total: 10_000,
        paymentMethod: "cash",
        at: now,
        couponCodes: [code],
      });
      const results = (
        await ok(
          gql(
            journey.server,
            "query ($id: ID!) { campaignResults(id: $id) { reached couponsIssued couponsNotGiven couponsRedeemed " +
              "converted revenue } }",
            { id: campaignId },
            { token },
          ),
        )
      ).campaignResults;
      expect(results).toEqual({
        reached: segment.size,
        couponsIssued: segment.size,
        couponsNotGiven: 0,
        couponsRedeemed: 1,
        converted: 1,
        revenue: 10_000,
      });

      // The results page shows the same numbers, revenue in yuan.
      await page.getByTestId("results-refresh").click();
      await poll(() => page.getByTestId("result-reached").innerText()).toBe(String(results.reached));
      expect(await page.getByTestId("result-couponsIssued").innerText()).toBe(String(results.couponsIssued));
      expect(await page.getByTestId("result-couponsNotGiven").innerText()).toBe("0");
      expect(await page.getByTestId("result-couponsNotGiven").getAttribute("data-warn")).toBe("false");
      expect(await page.getByTestId("result-couponsRedeemed").innerText()).toBe("1");
      expect(await page.getByTestId("result-converted").innerText()).toBe("1");
      expect(await page.getByTestId("result-revenue").innerText()).toBe("¥100.00");
      expect(await page.getByTestId("results-chart").count()).toBe(1);
      await screenshot(page, "marketing-6-campaign-results");

      // The outbox: one sent message per member reached, at 10:00 local, signed, with the opt-out line.
      const outbox = (
        await ok(
          gql(
            journey.server,
            "query { smsMessages(first: 100) { nodes { phone purpose status text } } }",
            {},
            { token },
          ),
        )
      ).smsMessages.nodes.filter((message: { purpose: string }) => message.purpose === `campaign:${campaignId}`);
      expect(outbox).toHaveLength(segment.size);
      await page.getByRole("menuitem", { name: "短信记录" }).click();
      await page.waitForURL(/#\/sms-messages/);
      const rows = page
        .getByTestId("sms-row")
        .filter({ has: page.getByTestId("sms-campaign-link").filter({ hasText: name }) });
      await poll(() => rows.count()).toBe(segment.size);
      for (const row of await rows.all()) {
        expect(await row.getByTestId("sms-status").innerText()).toBe("已发送");
        expect(await row.getByTestId("sms-text").innerText()).toMatch(/^【茶香里】.*会员专享.*回复TD退订$/);
        expect(await row.locator("td").first().innerText()).toContain("10:00");
      }
      const phones = await rows.getByTestId("sms-phone").allInnerTexts();
      expect(phones.sort()).toEqual(outbox.map((message: { phone: string }) => formatPhone(message.phone)).sort());
      await screenshot(page, "marketing-7-sms-outbox");

      // From the outbox to the campaign.
      await rows.first().getByTestId("sms-campaign-link").click();
      await page.waitForURL(new RegExp(`#/campaigns/${campaignId}/show`));
      await poll(() => page.getByTestId("result-revenue").innerText()).toBe("¥100.00");
    },
  );

  test("a member's page shows their lifecycle stage and RFM class", async () => {
    const token = await ownerToken();
    const member = (
      await ok(
        gql(journey.server, "query { members(first: 1) { nodes { id stage rfm { r f m class } } } }", {}, { token }),
      )
    ).members.nodes[0];
    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await page.goto(`${journey.server.url}/#/members/${member.id}/show`);
    const stageNames: Record<string, string> = {
      new: "新客",
      active: "活跃",
      silent: "沉默",
      sleeping: "沉睡",
      lost: "流失",
    };
    await poll(() => page.getByTestId("member-stage").innerText()).toBe(stageNames[member.stage]);
    expect(await page.getByTestId("member-rfm").innerText()).toContain(`${member.rfm.class}`);
    expect(await page.getByTestId("member-rfm").innerText()).toContain(
      `R${member.rfm.r} F${member.rfm.f} M${member.rfm.m}`,
    );
    // Write in the profile, next to the other facts.
    const profile = page.locator(".MuiCard-root", { hasText: "会员档案" });
    expect(await profile.getByText("生命周期", { exact: true }).count()).toBe(1);
    expect(await profile.getByText("RFM 分层", { exact: true }).count()).toBe(1);
    await screenshot(page, "marketing-member-facts");
  });

  test("a manager reads the automations without a save button; a clerk sees none of the marketing menus", async () => {
    const page = await openConsole();
    await logIn(page, journey.demo.manager.username, journey.demo.manager.password);
    await page.getByRole("menuitem", { name: "自动化营销" }).click();
    await page.waitForURL(/#\/automations/);
    await page.getByTestId("automations-read-only").waitFor();
    await page.getByTestId("wakeup-steps").waitFor();
    expect(await page.getByRole("button", { name: "保存" }).count()).toBe(0);
    // Every tab opens, read-only.
    const tabs = {
      birthday: "birthday-automation",
      couponExpiry: "coupon-expiry-automation",
      sms: "sms-rules",
      schedule: "schedule-automation",
      segmentation: "segmentation-settings",
    };
    for (const [tab, section] of Object.entries(tabs)) {
      await page.getByTestId(`automation-tab-${tab}`).click();
      await page.getByTestId(section).waitFor();
      expect(await page.getByRole("button", { name: "保存" }).count()).toBe(0);
      if (tab === "schedule") await screenshot(page, "marketing-8-manager-schedule");
    }
    await page.context().close();

    const clerkPage = await openConsole();
    await logIn(clerkPage, journey.demo.clerk.username, journey.demo.clerk.password);
    await clerkPage.getByRole("menuitem", { name: "会员", exact: true }).waitFor();
    for (const item of ["人群", "营销活动", "自动化营销", "短信记录"])
      expect(await clerkPage.getByRole("menuitem", { name: item }).count()).toBe(0);
    await screenshot(clerkPage, "marketing-9-clerk-menu");
  });
});

// Last: it saves a new birthday message, which the journeys above read as the demo set it.
/** The Chinese words the owner reads, and the API's placeholders they stand for. */
const ZH: Record<string, string> = {
  "【会员姓名】": "{name}",
  "【商户名称】": "{merchant}",
  "【券名】": "{coupon}",
  "【券码】": "{couponCode}",
  "【日期】": "{date}",
  "【会员等级】": "{tier}",
};

async function settings(token: string): Promise<{ birthday: { body: string }; sms: { signature: string } }> {
  const query = "query { automationSettings { birthday { body } sms { signature } } }";
  return (await ok(gql(journey.server, query, {}, { token }))).automationSettings;
}

async function merchantName(token: string): Promise<string> {
  return (await ok(gql(journey.server, "query { merchant { name } }", {}, { token }))).merchant.name;
}

/** The birthday message's text box, on the automations page's birthday tab. */
async function birthdayBody(page: Page) {
  await page.getByRole("menuitem", { name: "自动化营销" }).click();
  await page.waitForURL(/#\/automations/);
  await page.getByTestId("automation-tab-birthday").click();
  return page.getByTestId("birthday-automation");
}

describe("SMS template variables as Chinese chips", () => {
  test("an owner builds a message from chips and typed words; the API stores {name} placeholders", async () => {
    const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
    const before = await settings(token);
    // Prepare: the demo's birthday message uses placeholders.
    expect(before.birthday.body).toContain("{name}");

    const page = await journey.openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    const form = await birthdayBody(page);
    const text = form.locator('textarea[name="body"]');
    // What the API holds shows as Chinese words, no {placeholder} in sight.
    const shown = await text.inputValue();
    expect(shown).not.toMatch(/[{}]/);
    expect(Object.entries(ZH).reduce((body, [word, placeholder]) => body.replaceAll(word, placeholder), shown)).toBe(
      before.birthday.body,
    );
    expect(await form.getByTestId("variable-name").innerText()).toBe("【会员姓名】");

    // A chip goes in at the cursor: the start of the text, then the end.
    await text.fill("，生日快乐！");
    await text.press("Control+Home");
    await form.getByTestId("variable-name").click();
    await poll(() => text.inputValue()).toBe("【会员姓名】，生日快乐！");
    await text.press("Control+End");
    await form.getByTestId("variable-merchant").click();
    await poll(() => text.inputValue()).toBe("【会员姓名】，生日快乐！【商户名称】");
    // A word typed by hand is a variable too; a bracketed word that is not one is pointed out.
    await text.press("Control+End");
    await text.pressSequentially("送您【券名】，【会员名】");
    await poll(() => text.inputValue()).toBe("【会员姓名】，生日快乐！【商户名称】送您【券名】，【会员名】");
    await poll(() => form.getByTestId("sms-stray-token").innerText()).toBe("【会员名】 不是变量，会按原样发出");
    for (let i = 0; i < "，【会员名】".length; i++) await text.press("Backspace");
    await poll(() => form.getByTestId("sms-stray-token").count()).toBe(0);
    // An unknown {placeholder} is still refused on saving, with the API's own check; nothing is saved.
    await text.press("Control+End");
    await text.pressSequentially("{nmae}");
    await page.getByRole("button", { name: "保存" }).click();
    await poll(() => form.getByText("不认识的变量 {nmae}").count()).toBe(1);
    expect((await settings(token)).birthday.body).toBe(before.birthday.body);
    for (let i = 0; i < "{nmae}".length; i++) await text.press("Backspace");
    await poll(() => form.getByText("不认识的变量 {nmae}").count()).toBe(0);

    // The preview is the message as the API renders it: signature, sample name and coupon, 回复TD退订.
    const body = "{name}，生日快乐！{merchant}送您{coupon}";
    const expected = render(
      body,
      { name: "王小明", merchant: await merchantName(token), coupon: "满100减20" },
      "marketing",
      before.sms.signature,
    );
    const preview = form.getByTestId("sms-preview");
    await poll(() => preview.innerText()).toBe(expected);
    // Its length and parts are the API's count of that text (signature and opt-out line included).
    const parts = form.getByTestId("sms-parts");
    expect(await parts.getAttribute("data-length")).toBe(String([...expected].length));
    expect(await parts.getAttribute("data-parts")).toBe(String(smsParts(expected)));
    expect(await parts.innerText()).toContain(
      `${[...expected].length} 字（含签名和退订语），按 ${smsParts(expected)} 条计费`,
    );
    await screenshot(page, "sms-template-1-chips");

    // Act: save. Assess: the API holds placeholders; the page reads them back as words.
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("生日关怀已保存").waitFor();
    await poll(async () => (await settings(token)).birthday.body).toBe(body);
    await page.reload();
    const again = await birthdayBody(page);
    await poll(() => again.locator('textarea[name="body"]').inputValue()).toBe(
      "【会员姓名】，生日快乐！【商户名称】送您【券名】",
    );

    // In English the same template reads with English words, and the chips say them.
    await switchLanguage(page, "中文", "English");
    await poll(() => again.locator('textarea[name="body"]').inputValue()).toBe(
      "[Member name]，生日快乐！[Merchant name]送您[Coupon]",
    );
    expect(await again.getByTestId("variable-name").innerText()).toBe("[Member name]");
  });
});
