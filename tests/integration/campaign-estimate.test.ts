/**
 * A campaign's cost before it is saved: the members its segment reaches, how
 * many may get its SMS, the billed parts of each message as rendered for that
 * member, and the price per part from the SMS rules; in the caller's stores
 * and merchant; a draft that shows a coupon without one is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parts } from "./campaign-estimate.parts.js";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { enrol } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let segmentId: string;
let emptySegmentId: string;
const ESTIMATE = `query($i: CampaignEstimateInput!) {
  campaignEstimate(input: $i) { reach heldOut smsMembers smsParts smsCost pricePerPart itemsRead }
}`;
const SAVE_SEGMENT = `mutation($i: SegmentInput!) { saveSegment(input: $i) { id } }`;
const owner = () => ({ token: shop.ownerToken });

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server, `茶香里 ${Date.now()}`);
  const [s0, s1] = shop.stores.map((store) => store.id);
  // Four members tagged 会员日: three consented (one at the second store, one with a long name), one did not.
  const people = [
    { name: "王静", homeStoreId: s0, marketingSmsConsent: true },
    { name: "李", homeStoreId: s0, marketingSmsConsent: true },
    { name: "欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜", homeStoreId: s1, marketingSmsConsent: true },
    { name: "张伟", homeStoreId: s0 },
  ];
  for (const person of people) await enrol(server, owner(), { ...person, tags: ["会员日"] });
  const save = async (name: string, tags: string[]) =>
    (await ok(gql(server, SAVE_SEGMENT, { i: { name, filter: { tags } } }, owner()))).saveSegment.id;
  segmentId = await save("会员日", ["会员日"]);
  emptySegmentId = await save("无人", ["无人"]);
});
afterAll(() => server?.stop());

describe("a campaign's estimate", () => {
  it("counts reach, the members who may get the SMS, each message's parts and the cost", async () => {
    // A message near the 70-character limit: the long name takes it to two parts.
    const smsBody = "{name}，会员日全场九折，凭短信到店再送一杯饮品，活动仅限本周六日，欢迎光临，期待您来！";
    const estimate = (await ok(gql(server, ESTIMATE, { i: { segmentId, smsBody } }, owner()))).campaignEstimate;
    const expected = ["王静", "李", "欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜"].map((name) => parts(smsBody, name));
    expect(expected).toEqual([1, 1, 2]);
    expect(estimate).toMatchObject({ reach: 4, smsMembers: 3, smsParts: 4, pricePerPart: 5, smsCost: 20 });
    expect(estimate.itemsRead).toBeGreaterThan(0);
  });

  it("prices the parts at the merchant's price, and a campaign without SMS costs nothing", async () => {
    await ok(
      gql(
        server,
        `mutation { updateAutomationSettings(input: { sms: { pricePerPart: 4 } }) { jobHour } }`,
        {},
        owner(),
      ),
    );
    const priced = (await ok(gql(server, ESTIMATE, { i: { segmentId, smsBody: "{name}，见" } }, owner())))
      .campaignEstimate;
    expect(priced).toMatchObject({ smsMembers: 3, smsParts: 3, pricePerPart: 4, smsCost: 12 });
    const silent = (await ok(gql(server, ESTIMATE, { i: { segmentId } }, owner()))).campaignEstimate;
    expect(silent).toMatchObject({ reach: 4, smsMembers: 0, smsParts: 0, smsCost: 0 });
  });

  it("counts the SMS of the treated part when the campaign holds some members out, and refuses a bad share", async () => {
    const smsBody = "{name}，见";
    const base = (await ok(gql(server, ESTIMATE, { i: { segmentId, smsBody } }, owner()))).campaignEstimate;
    expect(base).toMatchObject({ reach: 4, heldOut: 0, smsMembers: 3, smsParts: 3 });
    const half = (await ok(gql(server, ESTIMATE, { i: { segmentId, smsBody, holdoutPercent: 50 } }, owner())))
      .campaignEstimate;
    // 4 × 50 % held out; the 3 SMS members × 50 % = 1.5, rounded to 2.
    expect(half).toMatchObject({ reach: 4, heldOut: 2, smsMembers: 2, smsParts: 2, smsCost: 2 * half.pricePerPart });
    for (const holdoutPercent of [51, -1])
      expect(codes(await gql(server, ESTIMATE, { i: { segmentId, smsBody, holdoutPercent } }, owner()))).toEqual([
        "BAD_USER_INPUT",
      ]);
  });

  it("says when the audience is empty", async () => {
    const estimate = (await ok(gql(server, ESTIMATE, { i: { segmentId: emptySegmentId, smsBody: "hi" } }, owner())))
      .campaignEstimate;
    expect(estimate).toMatchObject({ reach: 0, smsMembers: 0, smsCost: 0 });
  });

  it("counts only a manager's stores; clerks, API keys and other merchants get nothing", async () => {
    const manager = (await ok(gql(server, ESTIMATE, { i: { segmentId, smsBody: "hi" } }, { token: shop.managerToken })))
      .campaignEstimate;
    expect(manager).toMatchObject({ reach: 3, smsMembers: 2 });
    expect(codes(await gql(server, ESTIMATE, { i: { segmentId } }, { token: shop.clerkToken }))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(server, ESTIMATE, { i: { segmentId } }, { apiKey: shop.apiKey }))).toEqual(["FORBIDDEN"]);
    const other = await createMerchant(server);
    expect(codes(await gql(server, ESTIMATE, { i: { segmentId } }, { token: other.ownerToken }))).toEqual([
      "NOT_FOUND",
    ]);
  });

  it("refuses a message that shows a coupon without one, an unknown coupon and a bad template", async () => {
    const cases = [
      [{ segmentId, smsBody: "送您{coupon}" }, "couponTemplateId"],
      [{ segmentId, smsBody: "hi", couponTemplateId: "nope" }, "couponTemplateId"],
      [{ segmentId, smsBody: "{nmae}" }, "smsBody"],
    ] as const;
    for (const [i, field] of cases) {
      const result = await gql(server, ESTIMATE, { i }, owner());
      expect(codes(result), JSON.stringify(i)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
    }
  });
});
