/**
 * Holdout groups end to end on DynamoDB Local: who a campaign and a wake-up step hold out (by the hash, the same
 * on every run), that held-out members get nothing but the record, that purchases count in the right windows,
 * and that the results, read through the API, reconcile with what happened; bad input, roles and tenancy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCampaign } from "../../functions/app/campaigns.js";
import { createTemplate } from "../../functions/app/coupons.js";
import { runJob, updateAutomation } from "../../functions/app/jobs/index.js";
import { recordPurchase } from "../../functions/app/loyalty/index.js";
import { listEvents, listMessages } from "../../functions/app/messaging.js";
import { registerMember } from "../../functions/app/members.js";
import { saveSegment } from "../../functions/app/segments.js";
import type { Caller } from "../../functions/core/access.js";
import { newExposure } from "../../functions/core/holdout.js";
import { groupOf } from "../../functions/core/holdoutGroups.js";
import { addDays, startOfLocalDay } from "../../functions/core/time.js";
import { listMemberCoupons } from "../../functions/data/coupons.js";
import { exposureAppend, getExposures, MAX_EXPOSURES } from "../../functions/data/holdout.js";
import { collectPages } from "../../functions/data/query.js";
import { commit } from "../../functions/data/transaction.js";
import { codes, createMerchant, gql, ok, unique, type TestMerchant } from "../support/api.js";
import { depsWithClock } from "../support/clock.js";
import { phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const ZONE = "Asia/Shanghai";
const at = (date: string, hour: number) =>
  new Date(Date.parse(startOfLocalDay(date, ZONE)) + hour * 3_600_000).toISOString();
const RESULTS = `query($id: ID!, $days: Int) { campaignHoldoutResults(id: $id, attributionDays: $days) {
  program holdoutPercent attributionDays treated heldOut treatedConverted heldOutConverted treatedConversionRate
  treatedRevenuePerMember heldOutRevenuePerMember incrementalConversions { value low high } smsParts smsCost
  couponsIssued couponsRedeemed couponDiscounts cost netRevenue { value } verdict } }`;

function ownerOf(shop: TestMerchant): Caller {
  const base = { kind: "staff", merchantId: shop.merchantId, staffId: shop.ownerId, username: "owner" } as const;
  return { ...base, role: "owner", storeIds: [] };
}

async function members(deps: Parameters<typeof registerMember>[0], owner: Caller, storeId: string, count: number) {
  const joined = [];
  for (let i = 0; i < count; i++) {
    const input = {
      phone: phone(),
      name: unique("会员"),
      homeStoreId: storeId,
      tags: ["老客"],
      marketingSmsConsent: true,
    };
    joined.push((await registerMember(deps, owner, input)).member);
  }
  return joined;
}

describe("a campaign with a holdout group", () => {
  const DAY = "2026-07-08";
  let shop: TestMerchant;
  let campaignId: string;
  let treated: string[];
  let heldOut: string[];

  it("holds out the hashed members (the same on a rerun and in parallel), giving them nothing but the record", async () => {
    const { deps, clock } = depsWithClock(server.db, at("2026-07-01", 10));
    shop = await createMerchant(server);
    const owner = ownerOf(shop);
    const joined = await members(deps, owner, shop.stores[0].id, 40);
    const segment = await saveSegment(deps, owner, null, { name: "老客", filter: { tags: ["老客"] } });
    const coupon = await createTemplate(deps, owner, {
      name: "回馈5元",
      kind: "amount_off",
      amountOff: 500,
      validDays: 30,
    });
    const input = { name: "回馈日", segmentId: segment.id, kind: "once", date: DAY, couponTemplateId: coupon.id };
    const campaign = await saveCampaign(deps, owner, null, {
      ...input,
      smsBody: "{name}，回馈日快乐",
      holdoutPercent: 50,
    });
    campaignId = campaign.id;
    expect(campaign.holdoutPercent).toBe(50);
    const program = `campaign:${campaign.id}`;
    heldOut = joined.filter((m) => groupOf(shop.merchantId, program, m.id, 50) === "h").map((m) => m.id);
    treated = joined.map((m) => m.id).filter((id) => !heldOut.includes(id));
    expect(heldOut.length).toBeGreaterThan(5);
    expect(treated.length).toBeGreaterThan(5);

    clock.set(at(DAY, 10));
    // Two overlapping runs: every member is acted on exactly once between them.
    const runs = await Promise.all([1, 2].map(() => runJob(deps, "campaigns", shop.merchantId, DAY)));
    expect(runs[0].acted + runs[1].acted).toBe(40);
    expect(runs[0].alreadyDone + runs[1].alreadyDone).toBe(40);
    expect((runs[0].skipped.HELD_OUT ?? 0) + (runs[1].skipped.HELD_OUT ?? 0)).toBe(heldOut.length);
    expect(runs[0].coupons + runs[1].coupons).toBe(treated.length);
    expect(await runJob(deps, "campaigns", shop.merchantId, DAY)).toMatchObject({ acted: 0, alreadyDone: 40 });

    for (const id of heldOut) expect((await listMemberCoupons(server.db, shop.merchantId, id, 5)).items).toEqual([]);
    for (const id of treated)
      expect((await listMemberCoupons(server.db, shop.merchantId, id, 5)).items).toHaveLength(1);
    const sms = await collectPages((cursor) => listMessages(deps, owner, 100, cursor));
    expect(new Set(sms.map((m) => m.memberId))).toEqual(new Set(treated));
    const events = await collectPages((cursor) => listEvents(deps, owner, "2026-07-08", 100, cursor));
    const held = events.filter((e) => e.type === "MarketingHeldOut");
    const sent = events.filter((e) => e.type === "MarketingSent");
    expect(held.map((e) => e.detail.memberId).sort()).toEqual([...heldOut].sort());
    expect(sent.map((e) => e.detail.memberId).sort()).toEqual([...treated].sort());
    expect(held[0].detail).toMatchObject({ program, date: DAY, holdoutPercent: 50 });
    expect(sent[0].detail).toMatchObject({ program, date: DAY, smsParts: 1 });
  });

  it("counts purchases in the windows they fall in, once per member, and the coupon's discount as cost", async () => {
    const { deps, clock } = depsWithClock(server.db, at(DAY, 12));
    const owner = ownerOf(shop);
    const buy = async (memberId: string, date: string, total: number, couponCodes?: string[]) => {
      clock.set(at(date, 15));
      const line = { sku: "tea", name: "奶茶", category: "drinks", qty: 1, unitPrice: total + (couponCodes ? 500 : 0) };
      const storeId = shop.stores[0].id;
      const when = at(date, 15);
      const order = { orderId: unique("o"), memberId, storeId, lines: [line], total, paymentMethod: "cash", at: when };
      return recordPurchase(deps, owner, { ...order, couponCodes });
    };
    const [t1, t2, t3] = treated;
    const code = (await listMemberCoupons(server.db, shop.merchantId, t1, 5)).items[0].code;
    await buy(t1, addDays(DAY, 2), 2500, [code]); // 7, 14, 30; its coupon redeemed
    await buy(t1, addDays(DAY, 3), 1000); // more revenue, no second conversion
    await buy(t2, addDays(DAY, 10), 4000); // 14 and 30
    await buy(t3, addDays(DAY, 40), 9000); // after every window: nothing
    await buy(heldOut[0], addDays(DAY, 20), 3000); // 30 only
    // Eight purchases at once by one held-out member: one conversion, every fen counted.
    const h = heldOut[1];
    await Promise.all(Array.from({ length: 8 }, (_, i) => buy(h, addDays(DAY, 5), 100 * (i + 1))));

    const read = async (days: number) =>
      (await ok(gql(server, RESULTS, { id: campaignId, days }, { token: shop.ownerToken }))).campaignHoldoutResults;
    const [nt, nh] = [treated.length, heldOut.length];
    expect(await read(7)).toMatchObject({
      program: `campaign:${campaignId}`,
      holdoutPercent: 50,
      treated: nt,
      heldOut: nh,
      treatedConverted: 1,
      heldOutConverted: 1,
      treatedRevenuePerMember: 3500 / nt,
      heldOutRevenuePerMember: 3600 / nh,
      smsParts: nt,
      smsCost: nt * 5,
      couponsIssued: nt,
      couponsRedeemed: 1,
      couponDiscounts: 500,
      cost: nt * 5 + 500,
      verdict: "TOO_FEW",
    });
    expect(await read(14)).toMatchObject({ treatedConverted: 2, heldOutConverted: 1 });
    const month = await read(30);
    expect(month).toMatchObject({ treatedConverted: 2, heldOutConverted: 2, heldOutRevenuePerMember: 6600 / nh });
    const estimate = month.incrementalConversions;
    expect(estimate.value).toBeCloseTo(nt * (2 / nt - 2 / nh), 9);
    expect(estimate.low).toBeLessThan(estimate.value);
    expect(estimate.high).toBeGreaterThan(estimate.value);
    // The member's own record reconciles with the purchases.
    const exposures = await getExposures(server.db, shop.merchantId, h);
    expect(exposures.list).toEqual([expect.objectContaining({ g: "h", c: 0b111, r: [3600, 3600, 3600] })]);
  });

  it("refuses a bad window or share, and only the merchant's owner and managers read the results", async () => {
    const owner = { token: shop.ownerToken };
    expect(codes(await gql(server, RESULTS, { id: campaignId, days: 8 }, owner))).toEqual(["BAD_USER_INPUT"]);
    const save = `mutation($id: ID, $i: CampaignInput!) { saveCampaign(id: $id, input: $i) { holdoutPercent } }`;
    for (const holdoutPercent of [51, -1])
      expect(codes(await gql(server, save, { id: campaignId, i: { holdoutPercent } }, owner))).toEqual([
        "BAD_USER_INPUT",
      ]);
    const kept = `query($id: ID!) { campaign(id: $id) { holdoutPercent } }`;
    expect((await ok(gql(server, kept, { id: campaignId }, owner))).campaign.holdoutPercent).toBe(50);

    const ownerView = (await ok(gql(server, RESULTS, { id: campaignId }, owner))).campaignHoldoutResults;
    // A manager of one store reads the chain's counts: figures, never a member.
    const managerView = await ok(gql(server, RESULTS, { id: campaignId }, { token: shop.managerToken }));
    expect(managerView.campaignHoldoutResults).toEqual(ownerView);
    expect(JSON.stringify(managerView)).not.toMatch(new RegExp(treated[0]));
    expect(codes(await gql(server, RESULTS, { id: campaignId }, { token: shop.clerkToken }))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(server, RESULTS, { id: campaignId }, { apiKey: shop.apiKey }))).toEqual(["FORBIDDEN"]);
    const other = await createMerchant(server);
    expect(codes(await gql(server, RESULTS, { id: campaignId }, { token: other.ownerToken }))).toEqual(["NOT_FOUND"]);
  });
});

describe("the wake-up ladder with a holdout group", () => {
  it("sends the treated, records the held out, and reports each step and the ladder", async () => {
    const DAY = "2026-09-10";
    const { deps, clock } = depsWithClock(server.db, at(addDays(DAY, -30), 11));
    const shop = await createMerchant(server);
    const owner = ownerOf(shop);
    const joined = await members(deps, owner, shop.stores[0].id, 30);
    for (const member of joined) {
      const line = { sku: "tea", name: "奶茶", category: "drinks", qty: 1, unitPrice: 2000 };
      const order = { orderId: unique("o"), memberId: member.id, storeId: shop.stores[0].id, lines: [line] };
      await recordPurchase(deps, owner, { ...order, total: 2000, paymentMethod: "cash", at: clock.now() });
    }
    const steps = [{ days: 30, body: "{name}，好久不见", holdoutPercent: 40 }];
    await updateAutomation(deps, owner, { wakeup: { enabled: true, steps } });
    const held = joined.filter((m) => groupOf(shop.merchantId, "wakeup:30", m.id, 40) === "h");

    clock.set(at(DAY, 10));
    const run = await runJob(deps, "wakeup", shop.merchantId, DAY);
    expect(run).toMatchObject({ acted: 30, sms: 30 - held.length, skipped: { HELD_OUT: held.length } });
    const back = joined.find((m) => !held.includes(m))!;
    clock.set(at(addDays(DAY, 1), 15));
    const line = { sku: "tea", name: "奶茶", category: "drinks", qty: 2, unitPrice: 2000 };
    const order = { orderId: unique("o"), memberId: back.id, storeId: shop.stores[0].id, lines: [line] };
    await recordPurchase(deps, owner, { ...order, total: 4000, paymentMethod: "cash", at: clock.now() });

    const query = `query($d: Int) { automationResults(attributionDays: $d) { program holdoutPercent treated heldOut
      treatedConverted } wakeupImpact(attributionDays: $d) { program treated heldOut treatedConverted verdict } }`;
    const results = await ok(gql(server, query, { d: 7 }, { token: shop.ownerToken }));
    expect(results.automationResults).toEqual([
      {
        program: "wakeup:30",
        holdoutPercent: 40,
        treated: 30 - held.length,
        heldOut: held.length,
        treatedConverted: 1,
      },
      { program: "birthday", holdoutPercent: 5, treated: 0, heldOut: 0, treatedConverted: 0 },
      { program: "coupon-expiry", holdoutPercent: 10, treated: 0, heldOut: 0, treatedConverted: 0 },
    ]);
    expect(results.wakeupImpact).toEqual({
      program: "wakeup",
      treated: 30 - held.length,
      heldOut: held.length,
      treatedConverted: 1,
      verdict: "TOO_FEW",
    });

    const set = `mutation($i: AutomationSettingsInput!) { updateAutomationSettings(input: $i) { jobHour } }`;
    const refused = await gql(server, set, { i: { birthday: { holdoutPercent: 60 } } }, { token: shop.ownerToken });
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors?.[0].message).toMatch(/holdoutPercent must be a whole percent from 0 to 50/);
    const after = await ok(gql(server, query, { d: 30 }, { token: shop.ownerToken }));
    expect(after.automationResults[1].holdoutPercent).toBe(5);
    expect(codes(await gql(server, query, { d: 0 }, { token: shop.ownerToken }))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("a member's exposures", () => {
  it("are pruned of those past every window when the list is full, and the action still goes through", async () => {
    const DAY = "2026-11-20";
    const { deps, clock } = depsWithClock(server.db, at(DAY, 9));
    const shop = await createMerchant(server);
    const owner = ownerOf(shop);
    const [member] = await members(deps, owner, shop.stores[0].id, 1);
    // A full list: MAX_EXPOSURES from campaigns long past, one still inside its windows.
    const old = Array.from({ length: MAX_EXPOSURES - 1 }, (_, i) =>
      newExposure(`campaign:old${i}`, "t", at("2026-09-01", 9)),
    );
    const recent = newExposure("campaign:recent", "h", at(addDays(DAY, -3), 9));
    for (const exposure of [...old, recent])
      expect(await commit(server.db, [exposureAppend(server.db, shop.merchantId, member.id, exposure)])).toEqual({
        written: true,
      });
    const full = await commit(server.db, [exposureAppend(server.db, shop.merchantId, member.id, recent)]);
    expect(full).toMatchObject({ written: false, failed: ["exposures"] });

    const segment = await saveSegment(deps, owner, null, { name: "全部", filter: {} });
    const input = { name: "满了也能发", segmentId: segment.id, kind: "once", date: DAY, smsBody: "{name}，你好" };
    const campaign = await saveCampaign(deps, owner, null, { ...input, holdoutPercent: 0 });
    clock.set(at(DAY, 10));
    expect(await runJob(deps, "campaigns", shop.merchantId, DAY)).toMatchObject({ acted: 1, sms: 1 });
    const after = await getExposures(server.db, shop.merchantId, member.id);
    expect(after.list.map((e) => e.p)).toEqual(["campaign:recent", `campaign:${campaign.id}`]);
  });
});
