/**
 * Coupons to an audience (按人群发券) and rewards not given (未发放): issuing to a
 * saved segment or a tag inside the caller's stores, idempotent and exact under
 * concurrency, with every member given none reported; and the coupons the jobs
 * and the welcome pack could not give, counted once per member for the operator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignResults, saveCampaign } from "../../functions/app/campaigns.js";
import { MAX_AUDIENCE } from "../../functions/app/couponAudience.js";
import { importMembers, MAX_ROWS_PER_CALL } from "../../functions/app/memberImport.js";
import { runJob } from "../../functions/app/jobs/index.js";
import type { Caller } from "../../functions/core/access.js";
import { addDays, localDate, startOfLocalDay } from "../../functions/core/time.js";
import { codes, createMerchant, gql, ok, unique, type Credentials, type TestMerchant } from "../support/api.js";
import { depsWithClock } from "../support/clock.js";
import { enrol } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let other: TestMerchant;
const owner = () => ({ token: shop.ownerToken });

const ISSUE = `mutation($t: ID!, $a: CouponAudienceInput!, $r: String!, $n: String) {
  issueCouponsToAudience(templateId: $t, audience: $a, requestId: $r, note: $n) {
    members issued alreadyIssued notGiven { reason members } notGivenMembers { memberId errorCode }
  }
}`;
const SHORTFALLS = `query($from: String!, $to: String!) {
  couponShortfalls(from: $from, to: $to) { date storeId templateId templateName source reason members }
}`;

async function template(input: Record<string, unknown>, credentials: Credentials = owner()) {
  const created = await ok(
    gql(
      server,
      `mutation($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { id } }`,
      { input: { name: unique("券"), kind: "amount_off", amountOff: 500, validDays: 30, ...input } },
      credentials,
    ),
  );
  return created.createCouponTemplate.id as string;
}

async function issued(templateId: string) {
  const found = await ok(
    gql(server, `query($id: ID!) { couponTemplate(id: $id) { issued } }`, { id: templateId }, owner()),
  );
  return found.couponTemplate.issued as number;
}

/** Members with a tag: `inFirst` in the first store, `inSecond` in the second. */
async function tagged(tag: string, inFirst: number, inSecond: number) {
  const join = (store: number) => enrol(server, owner(), { tags: [tag], homeStoreId: shop.stores[store].id });
  return Promise.all([...Array(inFirst).fill(0), ...Array(inSecond).fill(1)].map(join));
}

beforeAll(async () => {
  server = await startTestServer();
  [shop, other] = await Promise.all([createMerchant(server), createMerchant(server)]);
});
afterAll(() => server?.stop());

describe("issuing a coupon to a tag or a saved segment", () => {
  it("issues to every member until stock runs out, reports the rest by reason, and a repeat issues nothing twice", async () => {
    await tagged("学生", 3, 1);
    const t = await template({ totalStock: 3 });
    const requestId = unique("aud");
    const first = await ok(gql(server, ISSUE, { t, a: { tag: "学生" }, r: requestId }, owner()));
    expect(first.issueCouponsToAudience).toMatchObject({
      members: 4,
      issued: 3,
      alreadyIssued: 0,
      notGiven: [{ reason: "OUT_OF_STOCK", members: 1 }],
    });
    expect(first.issueCouponsToAudience.notGivenMembers).toEqual([
      { memberId: expect.any(String), errorCode: "OUT_OF_STOCK" },
    ]);
    const again = await ok(gql(server, ISSUE, { t, a: { tag: "学生" }, r: requestId }, owner()));
    expect(again.issueCouponsToAudience).toMatchObject({ members: 4, issued: 0, alreadyIssued: 3 });
    expect(await issued(t)).toBe(3);
    // The same key for another audience is a conflict, never the old answer.
    const reused = await gql(server, ISSUE, { t, a: { tag: "老客" }, r: requestId }, owner());
    expect(codes(reused)).toEqual(["CONFLICT"]);
  });

  it("keeps a manager inside their stores, and another merchant cannot use the segment", async () => {
    const members = await tagged("周末", 2, 2);
    const segment = await ok(
      gql(
        server,
        `mutation($input: SegmentInput!) { saveSegment(input: $input) { id } }`,
        { input: { name: unique("周末"), filter: { tags: ["周末"] } } },
        owner(),
      ),
    );
    const t = await template({});
    const audience = { segmentId: segment.saveSegment.id };
    const result = await ok(gql(server, ISSUE, { t, a: audience, r: unique("aud") }, { token: shop.managerToken }));
    expect(result.issueCouponsToAudience).toMatchObject({ members: 2, issued: 2, notGiven: [] });
    const wallets = await Promise.all(
      members.map(async (member) => {
        const found = await ok(
          gql(
            server,
            `query($id: ID!) { member(id: $id) { coupons { nodes { templateId } } } }`,
            { id: member.id },
            owner(),
          ),
        );
        return found.member.coupons.nodes.length;
      }),
    );
    expect(wallets).toEqual([1, 1, 0, 0]);
    const foreign = await gql(server, ISSUE, { t, a: audience, r: unique("aud") }, { token: other.ownerToken });
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    const clerk = await gql(server, ISSUE, { t, a: audience, r: unique("aud") }, { token: shop.clerkToken });
    expect(codes(clerk)).toEqual(["FORBIDDEN"]);
  });

  it("refuses a bad audience with the field named, and issues nothing", async () => {
    await tagged("试用", 1, 0);
    const t = await template({});
    const cases: [Record<string, unknown>, string, string][] = [
      [{ tag: "试用", segmentId: "x" }, "BAD_USER_INPUT", "audience"],
      [{}, "BAD_USER_INPUT", "audience"],
      [{ segmentId: "no-such-segment" }, "NOT_FOUND", ""],
      [{ tag: "x".repeat(41) }, "BAD_USER_INPUT", "audience.tag"],
    ];
    for (const [audience, code, field] of cases) {
      const refused = await gql(server, ISSUE, { t, a: audience, r: unique("aud") }, owner());
      expect(codes(refused), JSON.stringify(audience)).toEqual([code]);
      if (field) expect(String(refused.errors?.[0].extensions?.field)).toContain(field);
    }
    const paused = await template({});
    await ok(
      gql(
        server,
        `mutation($id: ID!) { updateCouponTemplate(id: $id, input: { status: paused }) { id } }`,
        { id: paused },
        owner(),
      ),
    );
    const refused = await gql(server, ISSUE, { t: paused, a: { tag: "试用" }, r: unique("aud") }, owner());
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(await issued(t)).toBe(0);
    expect(await issued(paused)).toBe(0);
  });

  it("refuses an audience over 500 members before issuing any, pointing to campaigns", async () => {
    const { deps } = depsWithClock(server.db, new Date().toISOString());
    const merchant = await createMerchant(server);
    const ownerCaller: Caller = {
      kind: "staff",
      merchantId: merchant.merchantId,
      staffId: merchant.ownerId,
      username: "owner",
      role: "owner",
      storeIds: [],
    };
    const rows = Array.from({ length: MAX_AUDIENCE + 1 }, (_, i) => [
      `137${String(i).padStart(8, "0")}`,
      `会员${i}`,
      "大群",
    ]);
    for (let offset = 0; offset < rows.length; offset += MAX_ROWS_PER_CALL) {
      const report = await importMembers(deps, ownerCaller, {
        header: ["手机号", "姓名", "标签"],
        rows: rows.slice(offset, offset + MAX_ROWS_PER_CALL),
        firstRow: offset + 2,
        defaultStoreId: merchant.stores[0].id,
      });
      expect(report.errors).toEqual([]);
    }
    const credentials = { token: merchant.ownerToken };
    const t = await template({}, credentials);
    const refused = await gql(server, ISSUE, { t, a: { tag: "大群" }, r: unique("aud") }, credentials);
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors?.[0].extensions?.field).toBe("audience.tag");
    expect(refused.errors?.[0].message).toContain("campaign");
    const found = await ok(
      gql(server, `query($id: ID!) { couponTemplate(id: $id) { issued } }`, { id: t }, credentials),
    );
    expect(found.couponTemplate.issued).toBe(0);
  });

  it("under concurrent calls gives out exactly the stock, and the counts reconcile", async () => {
    await tagged("抢券", 5, 0);
    const t = await template({ totalStock: 7 });
    const calls = await Promise.all(
      [1, 2, 3].map(() => ok(gql(server, ISSUE, { t, a: { tag: "抢券" }, r: unique("aud") }, owner()))),
    );
    const results = calls.map((call) => call.issueCouponsToAudience);
    const given = results.reduce((sum, r) => sum + r.issued, 0);
    const notGiven = results.reduce(
      (sum, r) => sum + r.notGiven.reduce((s: number, n: { members: number }) => s + n.members, 0),
      0,
    );
    expect(given).toBe(7);
    expect(notGiven).toBe(15 - 7);
    expect(await issued(t)).toBe(7);
  });
});

describe("rewards not given", () => {
  it("a campaign's sold-out coupon is counted once per member, in its results and for the operator", async () => {
    const { deps, clock } = depsWithClock(server.db, "2026-07-01T02:00:00.000Z");
    const merchant = await createMerchant(server);
    const credentials = { token: merchant.ownerToken };
    const ownerCaller: Caller = {
      kind: "staff",
      merchantId: merchant.merchantId,
      staffId: merchant.ownerId,
      username: "owner",
      role: "owner",
      storeIds: [],
    };
    await Promise.all(
      [0, 0, 1].map((store) => enrol(server, credentials, { tags: ["常客"], homeStoreId: merchant.stores[store].id })),
    );
    const t = await template({ name: "回馈券", totalStock: 1 }, credentials);
    const segment = await ok(
      gql(
        server,
        `mutation($input: SegmentInput!) { saveSegment(input: $input) { id } }`,
        {
          input: { name: "常客", filter: { tags: ["常客"] } },
        },
        credentials,
      ),
    );
    const campaign = await saveCampaign(deps, ownerCaller, null, {
      name: "回馈",
      segmentId: segment.saveSegment.id,
      holdoutPercent: 0,
      kind: "once",
      date: "2026-07-08",
      couponTemplateId: t,
    });
    clock.set(new Date(Date.parse(startOfLocalDay("2026-07-08", "Asia/Shanghai")) + 10 * 3_600_000).toISOString());
    const day = await runJob(deps, "campaigns", merchant.merchantId, "2026-07-08");
    expect(day).toMatchObject({ acted: 3, coupons: 1, skipped: { COUPON_UNAVAILABLE: 2 } });
    expect(await runJob(deps, "campaigns", merchant.merchantId, "2026-07-08")).toMatchObject({ alreadyDone: 3 });
    expect(await campaignResults(deps, ownerCaller, campaign.id)).toMatchObject({
      couponsIssued: 1,
      couponsNotGiven: 2,
    });

    const range = { from: "2026-07-01", to: "2026-07-31" };
    const rows = (await ok(gql(server, SHORTFALLS, range, credentials))).couponShortfalls;
    const total = rows.reduce((sum: number, row: { members: number }) => sum + row.members, 0);
    expect(total).toBe(2);
    expect(rows[0]).toMatchObject({
      date: "2026-07-08",
      templateId: t,
      templateName: "回馈券",
      source: "campaign",
      reason: "OUT_OF_STOCK",
    });
    // The manager of the first store sees that store's members only; another merchant sees nothing.
    const managerRows = (await ok(gql(server, SHORTFALLS, range, { token: merchant.managerToken }))).couponShortfalls;
    expect(managerRows.every((row: { storeId: string }) => row.storeId === merchant.stores[0].id)).toBe(true);
    expect(managerRows.reduce((sum: number, row: { members: number }) => sum + row.members, 0)).toBeLessThanOrEqual(2);
    expect((await ok(gql(server, SHORTFALLS, range, { token: other.ownerToken }))).couponShortfalls).toEqual([]);
    const clerk = await gql(server, SHORTFALLS, range, { token: merchant.clerkToken });
    expect(codes(clerk)).toEqual(["FORBIDDEN"]);
  });

  it("a paused welcome coupon is counted for each new member, not for a retried enrolment", async () => {
    const merchant = await createMerchant(server);
    const credentials = { token: merchant.ownerToken };
    const t = await template({ name: "注册礼" }, credentials);
    await ok(
      gql(
        server,
        `mutation($ids: [ID!]) { updateCouponSettings(welcomeTemplateIds: $ids) { welcomeCouponTemplateIds } }`,
        { ids: [t] },
        credentials,
      ),
    );
    await ok(
      gql(
        server,
        `mutation($id: ID!) { updateCouponTemplate(id: $id, input: { status: paused }) { id } }`,
        { id: t },
        credentials,
      ),
    );
    const member = await enrol(server, credentials, { homeStoreId: merchant.stores[0].id });
    await enrol(server, credentials, { phone: member.phone, homeStoreId: merchant.stores[0].id });
    const today = localDate(new Date().toISOString(), "Asia/Shanghai");
    const range = { from: addDays(today, -1), to: addDays(today, 1) };
    const rows = (await ok(gql(server, SHORTFALLS, range, credentials))).couponShortfalls;
    expect(rows.map((row: Record<string, unknown>) => [row.source, row.reason, row.members])).toEqual([
      ["welcome", "PAUSED", 1],
    ]);
  });

  it("refuses a range backwards or longer than 92 days, naming the field", async () => {
    const backwards = await gql(server, SHORTFALLS, { from: "2026-03-02", to: "2026-03-01" }, owner());
    expect(codes(backwards)).toEqual(["BAD_USER_INPUT"]);
    expect(backwards.errors?.[0].extensions?.field).toBe("from");
    const long = await gql(server, SHORTFALLS, { from: "2026-01-01", to: "2026-04-03" }, owner());
    expect(codes(long)).toEqual(["BAD_USER_INPUT"]);
    expect(long.errors?.[0].extensions?.field).toBe("to");
    const notADate = await gql(server, SHORTFALLS, { from: "2026-02-30", to: "2026-03-01" }, owner());
    expect(codes(notADate)).toEqual(["BAD_USER_INPUT"]);
  });
});
