/** The automations, the SMS outbox and the domain events through the API: roles, bad input, tenancy. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { enrol } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
const owner = () => ({ token: shop.ownerToken });
const SETTINGS = `{
  automationSettings { jobHour tierReviewDayOfMonth sms { quietStart quietEnd monthlyCap signature } wakeup {
    enabled steps { days body couponTemplateId } } birthday { enabled daysBefore sendCoupon } lifecycle {
    silentDays sleepingDays lostDays } }
}`;
const UPDATE = `mutation($input: AutomationSettingsInput!) {
  updateAutomationSettings(input: $input) { jobHour tierReviewDayOfMonth sms { quietStart monthlyCap signature
    } wakeup { steps { days body } } }
}`;

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

describe("automation settings", () => {
  it("has sensible defaults and takes an owner's changes", async () => {
    const defaults = (await ok(gql(server, SETTINGS, {}, owner()))).automationSettings;
    expect(defaults).toMatchObject({
      jobHour: 9,
      tierReviewDayOfMonth: 1,
      sms: { quietStart: "21:00", quietEnd: "09:00", monthlyCap: 4 },
      lifecycle: { silentDays: 30, sleepingDays: 90, lostDays: 180 },
    });
    expect(defaults.wakeup.steps.map((s: { days: number }) => s.days)).toEqual([30, 60]);
    const changed = (
      await ok(
        gql(
          server,
          UPDATE,
          {
            input: {
              jobHour: 8,
              tierReviewDayOfMonth: 15,
              sms: { monthlyCap: 2, signature: "【茶香里】" },
              wakeup: { steps: [{ days: 45, body: "{name}，想您了" }] },
            },
          },
          owner(),
        ),
      )
    ).updateAutomationSettings;
    expect(changed).toEqual({
      jobHour: 8,
      tierReviewDayOfMonth: 15,
      sms: { quietStart: "21:00", monthlyCap: 2, signature: "【茶香里】" },
      wakeup: { steps: [{ days: 45, body: "{name}，想您了" }] },
    });
    expect((await ok(gql(server, SETTINGS, {}, { token: shop.managerToken }))).automationSettings.jobHour).toBe(8);
  });

  it("refuses bad settings with the field named, and changes nothing", async () => {
    const cases = [
      { input: { jobHour: 24 }, field: "jobHour" },
      { input: { sms: { quietStart: "9pm" } }, field: "quietStart" },
      { input: { wakeup: { steps: [{ days: 30, body: "{nmae} 好久不见" }] } }, field: "wakeup.steps.0.body" },
      {
        input: {
          wakeup: {
            steps: [
              { days: 30, body: "a" },
              { days: 30, body: "b" },
            ],
          },
        },
        field: "wakeup.steps",
      },
      {
        input: { wakeup: { steps: [{ days: 30, body: "a", couponTemplateId: "nope" }] } },
        field: "wakeup.steps.0.couponTemplateId",
      },
      { input: { lifecycle: { silentDays: 100 } }, field: "lifecycle" },
      // A message that shows a coupon must give one.
      { input: { wakeup: { steps: [{ days: 30, body: "送您{coupon}" }] } }, field: "wakeup.steps.0.couponTemplateId" },
      {
        input: {
          wakeup: {
            steps: [
              { days: 20, body: "hi" },
              { days: 40, body: "券码{couponCode}" },
            ],
          },
        },
        field: "wakeup.steps.1.couponTemplateId",
      },
      // 短信签名: 2–12 characters in 【】.
      { input: { sms: { signature: "茶香里" } }, field: "signature" },
      { input: { sms: { pricePerPart: 1001 } }, field: "pricePerPart" },
      { input: { sms: { signature: "【茶】" } }, field: "signature" },
      { input: { sms: { signature: "【茶香里茶香里茶香里茶香里茶】" } }, field: "signature" },
      { input: { sms: { signature: "【茶香 里】" } }, field: "signature" },
      { input: { sms: { signature: "【【茶香里】" } }, field: "signature" },
      { input: { tierReviewDayOfMonth: 31 }, field: "tierReview.dayOfMonth" },
    ];
    const before = (await ok(gql(server, SETTINGS, {}, owner()))).automationSettings;
    for (const { input, field } of cases) {
      const result = await gql(server, UPDATE, { input }, owner());
      expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors![0].extensions).toMatchObject({ field });
    }
    expect((await ok(gql(server, SETTINGS, {}, owner()))).automationSettings).toEqual(before);
  });

  it("signs messages with the merchant's short name in 【】 until the owner sets a signature", async () => {
    const teaHouse = await createMerchant(server, `茶香里 Tea House ${Date.now()}`);
    const settings = async () =>
      (await ok(gql(server, SETTINGS, {}, { token: teaHouse.ownerToken }))).automationSettings;
    expect((await settings()).sms.signature).toBe("【茶香里】");
    const set = (signature: string) =>
      ok(gql(server, UPDATE, { input: { sms: { signature } } }, { token: teaHouse.ownerToken }));
    expect((await set(" 【茶香里静安店】 ")).updateAutomationSettings.sms.signature).toBe("【茶香里静安店】");
    expect((await settings()).sms.signature).toBe("【茶香里静安店】");
    // Cleared: the short name again, never an unsigned message.
    expect((await set("")).updateAutomationSettings.sms.signature).toBe("【茶香里】");
  });

  it("only owners change them; clerks and API keys cannot read them", async () => {
    expect(codes(await gql(server, UPDATE, { input: { jobHour: 7 } }, { token: shop.managerToken }))).toEqual([
      "FORBIDDEN",
    ]);
    expect(codes(await gql(server, SETTINGS, {}, { token: shop.clerkToken }))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(server, SETTINGS, {}, { apiKey: shop.apiKey }))).toEqual(["FORBIDDEN"]);
  });
});

describe("outbox and events", () => {
  it("each merchant sees only its own messages and events", async () => {
    const other = await createMerchant(server);
    const member = await enrol(server, { apiKey: shop.apiKey }, { homeStoreId: shop.stores[0].id });
    const today = new Date().toISOString().slice(0, 10);
    const EVENTS = `query($d: String!) { domainEvents(date: $d, first: 100) { nodes { type detail } } }`;
    const mine = (await ok(gql(server, EVENTS, { d: today }, owner()))).domainEvents.nodes;
    expect(mine).toContainEqual(
      expect.objectContaining({ type: "MemberJoined", detail: expect.stringContaining(member.id) }),
    );
    const theirs = (await ok(gql(server, EVENTS, { d: today }, { token: other.ownerToken }))).domainEvents.nodes;
    expect(theirs.some((e: { detail: string }) => e.detail.includes(member.id))).toBe(false);
    expect(codes(await gql(server, EVENTS, { d: "yesterday" }, owner()))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await gql(server, EVENTS, { d: today }, { token: shop.managerToken }))).toEqual(["FORBIDDEN"]);
    expect(
      (await ok(gql(server, `{ smsMessages { nodes { id } } }`, {}, { token: other.ownerToken }))).smsMessages.nodes,
    ).toEqual([]);
    expect(codes(await gql(server, `{ smsMessages { nodes { id } } }`, {}, { token: shop.clerkToken }))).toEqual([
      "FORBIDDEN",
    ]);
  });
});
