/** Campaigns with a clock moved by hand: a member day (the 8th) reaches its segment once, doubles points, and reports its results. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignResults, saveCampaign } from "../../functions/app/campaigns.js";
import { createTemplate } from "../../functions/app/coupons.js";
import { runJob } from "../../functions/app/jobs/index.js";
import { recordPurchase } from "../../functions/app/loyalty/index.js";
import { registerMember } from "../../functions/app/members.js";
import { saveSegment } from "../../functions/app/segments.js";
import type { Caller } from "../../functions/core/access.js";
import { startOfLocalDay } from "../../functions/core/time.js";
import { listMemberCoupons } from "../../functions/data/coupons.js";
import { codes, createMerchant, gql, ok, unique } from "../support/api.js";
import { depsWithClock } from "../support/clock.js";
import { phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
const at = (date: string, hour: number) =>
  new Date(Date.parse(startOfLocalDay(date, "Asia/Shanghai")) + hour * 3_600_000).toISOString();

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe("a member-day campaign", () => {
  it("reaches its segment once per day, doubles points on the day, and counts reach, redemptions, conversions and revenue", async () => {
    const { deps, clock } = depsWithClock(server.db, "2026-07-01T02:00:00.000Z");
    const shop = await createMerchant(server);
    const owner: Caller = {
      kind: "staff",
      merchantId: shop.merchantId,
      staffId: shop.ownerId,
      username: "owner",
      role: "owner",
      storeIds: [],
    };
    const storeId = shop.stores[0].id;
    const join = async (tags: string[], consent: boolean) =>
      (
        await registerMember(deps, owner, {
          phone: phone(),
          name: unique("会员"),
          homeStoreId: storeId,
          tags,
          marketingSmsConsent: consent,
        })
      ).member;
    const fans = [await join(["奶茶控"], true), await join(["奶茶控"], false)];
    const outsider = await join([], true);
    const segment = await saveSegment(deps, owner, null, { name: "奶茶控", filter: { tags: ["奶茶控"] } });
    const coupon = await createTemplate(deps, owner, {
      name: "会员日立减5元",
      kind: "amount_off",
      amountOff: 500,
      validDays: 7,
    });
    const campaign = await saveCampaign(deps, owner, null, {
      name: "每月8号会员日",
      segmentId: segment.id,
      holdoutPercent: 0,
      kind: "monthly",
      dayOfMonth: 8,
      from: "2026-07-01",
      couponTemplateId: coupon.id,
      smsBody: "{name}，今天会员日，双倍积分！",
      pointsMultiplier: 2,
      conversionDays: 7,
    });

    clock.set(at("2026-07-07", 10));
    expect((await runJob(deps, "campaigns", shop.merchantId, "2026-07-07")).acted).toBe(0);
    clock.set(at("2026-07-08", 10));
    const day = await runJob(deps, "campaigns", shop.merchantId, "2026-07-08");
    expect(day).toMatchObject({ acted: 2, coupons: 2, sms: 1, skipped: { NO_CONSENT: 1 } });
    expect(await runJob(deps, "campaigns", shop.merchantId, "2026-07-08")).toMatchObject({
      acted: 0,
      alreadyDone: 2,
      coupons: 0,
      sms: 0,
    });
    expect((await listMemberCoupons(server.db, shop.merchantId, outsider.id, 10)).items).toEqual([]);

    // Double points on the 8th, for any member; normal on the 9th.
    const buy = async (memberId: string, when: string, couponCodes?: string[]) => {
      clock.set(when);
      return recordPurchase(deps, owner, {
        orderId: unique("o"),
        memberId,
        storeId,
        lines: [{ sku: "tea", name: "奶茶", category: "drinks", qty: 1, unitPrice: 3000 }],
        total: couponCodes ? 2500 : 3000,
        paymentMethod: "cash",
        at: when,
        couponCodes,
      });
    };
    expect((await buy(outsider.id, at("2026-07-08", 15))).order.points).toBe(60);
    expect((await buy(outsider.id, at("2026-07-09", 15))).order.points).toBe(30);
    // One fan comes back within the week with the coupon.
    const code = (await listMemberCoupons(server.db, shop.merchantId, fans[0].id, 10)).items[0].code;
    await buy(fans[0].id, at("2026-07-10", 15), [code]);
    clock.set(at("2026-07-20", 10));
    expect(await campaignResults(deps, owner, campaign.id)).toEqual({
      reached: 2,
      couponsIssued: 2,
      couponsNotGiven: 0,
      couponsRedeemed: 1,
      converted: 1,
      revenue: 2500,
    });
  });

  it("refuses campaigns with nothing to do or no segment; only owners save; other merchants see none", async () => {
    const shop = await createMerchant(server);
    const owner = { token: shop.ownerToken };
    const seg = (
      await ok(gql(server, `mutation { saveSegment(input: { name: "全部", filter: {} }) { id } }`, {}, owner))
    ).saveSegment;
    const SAVE = `mutation($i: CampaignInput!) { saveCampaign(input: $i) { id kind dayOfMonth pointsMultiplier } }`;
    expect(
      codes(await gql(server, SAVE, { i: { name: "空", segmentId: seg.id, kind: "once", date: "2026-08-01" } }, owner)),
    ).toEqual(["BAD_USER_INPUT"]);
    const couponless = await gql(
      server,
      SAVE,
      { i: { name: "无券", segmentId: seg.id, kind: "once", date: "2026-08-01", smsBody: "送您{coupon}" } },
      owner,
    );
    expect(codes(couponless)).toEqual(["BAD_USER_INPUT"]);
    expect(couponless.errors![0].extensions).toMatchObject({ field: "couponTemplateId" });
    expect(
      codes(
        await gql(
          server,
          SAVE,
          { i: { name: "无人群", segmentId: "nope", kind: "once", date: "2026-08-01", smsBody: "hi" } },
          owner,
        ),
      ),
    ).toEqual(["NOT_FOUND"]);
    expect(
      codes(
        await gql(
          server,
          SAVE,
          {
            i: {
              name: "坏日子",
              segmentId: seg.id,
              kind: "monthly",
              dayOfMonth: 31,
              from: "2026-08-01",
              smsBody: "hi",
            },
          },
          owner,
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(
        await gql(
          server,
          SAVE,
          { i: { name: "x", segmentId: seg.id, kind: "once", date: "2026-08-01", smsBody: "hi" } },
          { token: shop.managerToken },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
    const saved = (
      await ok(
        gql(
          server,
          SAVE,
          {
            i: {
              name: "会员日",
              segmentId: seg.id,
              kind: "monthly",
              dayOfMonth: 8,
              from: "2026-08-01",
              pointsMultiplier: 2,
            },
          },
          owner,
        ),
      )
    ).saveCampaign;
    expect(saved).toMatchObject({ kind: "monthly", dayOfMonth: 8, pointsMultiplier: 2 });
    const other = await createMerchant(server);
    expect(
      (
        await ok(
          gql(server, `query($id: ID!) { campaign(id: $id) { id } }`, { id: saved.id }, { token: other.ownerToken }),
        )
      ).campaign,
    ).toBeNull();
    expect(
      codes(
        await gql(
          server,
          `query($id: ID!) { campaignResults(id: $id) { reached } }`,
          { id: saved.id },
          { token: other.ownerToken },
        ),
      ),
    ).toEqual(["NOT_FOUND"]);
  });
});
