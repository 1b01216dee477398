/**
 * The dashboard and the liability report over DynamoDB Local, with a clock we
 * move by hand: a two-store merchant lives through three weeks of joins,
 * purchases with coupons and stored value, refunds, check-ins, redemptions,
 * adjustments, top-ups, revocations, lapsing coupons and a home-store move,
 * with the daily roll-up run each morning. The figures reconcile to the fen
 * with the ledgers (member accounts, stored-value lots, coupons), rolled-up
 * and live alike; 40 concurrent tills leave exact counters; access, tenancy
 * and bad input are checked through GraphQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimCoupon, createTemplate, revokeCoupon } from "../../functions/app/coupons.js";
import { runJob } from "../../functions/app/jobs/index.js";
import {
  adjustPoints,
  checkInMember,
  recordPurchase,
  redeemPoints,
  refundOrder,
} from "../../functions/app/loyalty/index.js";
import { registerMember, updateMember } from "../../functions/app/members.js";
import { dashboard, liabilityReport, recordAnonymousOrder, rollUpStats } from "../../functions/app/stats.js";
import { topUp } from "../../functions/app/storedValue.js";
import type { Caller } from "../../functions/core/access.js";
import type { Coupon } from "../../functions/core/coupons/templates.js";
import { pointsOutstanding, UNASSIGNED } from "../../functions/core/stats.js";
import { addDays, startOfLocalDay } from "../../functions/core/time.js";
import { listMemberCoupons } from "../../functions/data/coupons.js";
import { getAccount } from "../../functions/data/loyalty.js";
import { collectPages } from "../../functions/data/query.js";
import { codes, createMerchant, gql, ok, unique, type TestMerchant } from "../support/api.js";
import { depsWithClock } from "../support/clock.js";
import { phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const TZ = "Asia/Shanghai";
const at = (date: string, hour: number) =>
  new Date(Date.parse(startOfLocalDay(date, TZ)) + hour * 3_600_000).toISOString();
const ownerOf = (shop: TestMerchant): Caller => ({
  kind: "staff",
  merchantId: shop.merchantId,
  staffId: shop.ownerId,
  username: "owner",
  role: "owner",
  storeIds: [],
});
const lines = (total: number) => [{ sku: "tea", name: "茶", category: "drinks", qty: 1, unitPrice: total }];

/**
 * What the ledgers say each store owes: points by the account's home store, stored value by top-up store, open coupons
 * by coupon store.
 */
async function ledgers(merchantId: string, memberIds: string[], when: string) {
  const owed = new Map<
    string,
    { points: number; principal: number; bonus: number; coupons: number; couponValue: number }
  >();
  const row = (storeId: string) =>
    owed.get(storeId) ??
    owed.set(storeId, { points: 0, principal: 0, bonus: 0, coupons: 0, couponValue: 0 }).get(storeId)!;
  for (const memberId of memberIds) {
    const account = await getAccount(server.db, merchantId, memberId, true);
    if (account) row(account.homeStoreId ?? UNASSIGNED).points += pointsOutstanding(account);
    for (const lot of account?.storedValue?.lots ?? []) {
      if (lot.status !== "open") continue;
      row(lot.storeId).principal += lot.principalLeft;
      row(lot.storeId).bonus += lot.bonusLeft;
    }
    const coupons = (await collectPages((cursor) =>
      listMemberCoupons(server.db, merchantId, memberId, 100, cursor),
    )) as Coupon[];
    for (const coupon of coupons) {
      if ((coupon.status === "issued" || coupon.status === "reserved") && coupon.validUntil > when) {
        row(coupon.storeId ?? UNASSIGNED).coupons += 1;
        row(coupon.storeId ?? UNASSIGNED).couponValue += coupon.terms.amountOff ?? 0;
      }
    }
  }
  return owed;
}

function reportByStore(report: Awaited<ReturnType<typeof liabilityReport>>) {
  return new Map(
    report.stores.map((row) => [
      row.storeId,
      {
        points: row.points,
        principal: row.storedValuePrincipal,
        bonus: row.storedValueBonus,
        coupons: row.couponsOpen,
        couponValue: row.couponsOpenValue,
      },
    ]),
  );
}

const nonZero = (map: Map<string, Record<string, number>>) =>
  new Map([...map].filter(([, row]) => Object.values(row).some((value) => value !== 0)));

describe("three weeks of a two-store merchant", () => {
  it("reconcile to the fen with the ledgers, rolled up and live, per store and in total", async () => {
    const { deps, clock } = depsWithClock(server.db, at("2026-05-01", 9));
    const shop = await createMerchant(server);
    const owner = ownerOf(shop);
    const [s1, s2] = shop.stores.map((store) => store.id);
    const fiver = await createTemplate(deps, owner, {
      name: "立减5元",
      kind: "amount_off",
      amountOff: 500,
      validDays: 3,
    });
    const tenOff = await createTemplate(deps, owner, {
      name: "满50减10",
      kind: "threshold",
      threshold: 5000,
      amountOff: 1000,
      validDays: 30,
    });
    const memberIds: string[] = [];
    const orders: { id: string; memberId: string }[] = [];
    let expectedRevenue = 0;
    let expectedRefunded = 0;
    let joined = 0;

    for (let n = 0; n < 21; n++) {
      const day = addDays("2026-05-01", n);
      clock.set(at(day, 7));
      await rollUpStats(deps, shop.merchantId, day);
      clock.set(at(day, 10));
      // Two joins a day, alternating stores.
      for (const storeId of [s1, s2]) {
        const { member } = await registerMember(deps, owner, {
          phone: phone(),
          name: unique("会员"),
          homeStoreId: storeId,
          marketingSmsConsent: true,
        });
        memberIds.push(member.id);
        joined++;
        await claimCoupon(deps, owner, { templateId: fiver.id, memberId: member.id, requestId: unique("c") });
      }
      // Purchases by earlier members, some with a 满减 coupon, some paid partly from stored value.
      for (const memberId of memberIds.slice(-6, -2)) {
        const orderId = unique("o");
        const total = 6000 + n * 100;
        const claimed =
          n % 3 === 0
            ? (await claimCoupon(deps, owner, { templateId: tenOff.id, memberId, requestId: unique("c") })).coupon.code
            : undefined;
        const paid = (
          await recordPurchase(deps, owner, {
            orderId,
            memberId,
            storeId: n % 2 ? s1 : s2,
            lines: lines(total),
            total: claimed ? total - 1000 : total,
            paymentMethod: "wechat",
            couponCodes: claimed ? [claimed] : undefined,
            at: clock.now(),
          })
        ).order;
        expectedRevenue += paid.total;
        orders.push({ id: orderId, memberId });
      }
      if (n % 4 === 1)
        await topUp(deps, owner, {
          memberId: memberIds[memberIds.length - 3],
          paymentId: unique("pay"),
          amount: 20000,
          storeId: n % 8 === 1 ? s1 : s2,
        });
      if (n % 5 === 2) {
        const refunded = orders[orders.length - 3];
        const result = await refundOrder(deps, owner, {
          refundId: unique("r"),
          orderId: refunded.id,
          lines: [{ sku: "tea", qty: 1 }],
        });
        expectedRefunded += result.order.refunds.at(-1)!.amount;
      }
      if (n % 3 === 1) await checkInMember(deps, owner, memberIds[memberIds.length - 4]);
      if (n % 6 === 5)
        await redeemPoints(deps, owner, {
          memberId: orders[orders.length - 1].memberId,
          points: 10,
          requestId: unique("rp"),
        });
      if (n === 7)
        await adjustPoints(deps, owner, {
          memberId: memberIds[0],
          points: 77,
          reason: "补录",
          requestId: unique("adj"),
        });
      if (n === 9) {
        const wallet = (await collectPages((cursor) =>
          listMemberCoupons(server.db, shop.merchantId, memberIds[memberIds.length - 1], 100, cursor),
        )) as Coupon[];
        const open = wallet.find((coupon) => coupon.status === "issued" && coupon.validUntil > clock.now())!;
        await revokeCoupon(deps, owner, { code: open.code, reason: "发错了" });
      }
      // A member moves home store: their points and tier go with them.
      if (n === 12) await updateMember(deps, owner, memberIds[2], { homeStoreId: s2 });
    }
    await recordAnonymousOrder(deps, owner, { orderId: unique("anon"), storeId: s1, total: 3300 });

    // Live (today not rolled up) and after the roll-up the next morning: the same figures, equal to the ledgers.
    const live = await liabilityReport(deps, owner);
    expect(nonZero(reportByStore(live))).toEqual(nonZero(await ledgers(shop.merchantId, memberIds, clock.now())));
    const range = await dashboard(deps, owner, { from: "2026-05-01", to: "2026-05-21" });
    expect(range.totals).toMatchObject({
      members: joined,
      joined,
      revenue: expectedRevenue,
      refunded: expectedRefunded,
      orders: orders.length,
      anonymousOrders: 1,
      anonymousRevenue: 3300,
    });
    expect(range.totals.pointsOutstanding).toBe(live.points);
    expect(range.totals.storedValuePrincipal).toBe(live.storedValuePrincipal);
    expect(range.totals.couponsOpen).toBe(live.couponsOpen);
    expect(range.days).toHaveLength(21);
    expect(range.days.map((d) => d.joined)).toEqual(Array(21).fill(2));
    // Three-day coupons lapse: each morning's roll-up takes away the ones from three days before.
    expect(range.days[10].couponsOpen).toBeLessThan(range.days[10].couponsIssued * 4);
    expect(range.coupons.find((c) => c.templateId === fiver.id)).toMatchObject({ issued: 42, name: "立减5元" });
    expect(range.tiers.reduce((sum, tier) => sum + tier.members, 0)).toBe(joined);
    expect(range.totals.stages.reduce((sum, stage) => sum + stage.members, 0)).toBe(joined);

    clock.set(at("2026-05-22", 7));
    expect((await rollUpStats(deps, shop.merchantId, "2026-05-22")).days).toBe(1);
    const rolled = await liabilityReport(deps, owner);
    expect(nonZero(reportByStore(rolled))).toEqual(nonZero(await ledgers(shop.merchantId, memberIds, clock.now())));
    const after = await dashboard(deps, owner, { from: "2026-05-01", to: "2026-05-21" });
    expect(after.days.slice(0, 20)).toEqual(range.days.slice(0, 20));
    expect(after.totals.revenue).toBe(expectedRevenue);
    // A roll-up run again changes nothing.
    expect((await rollUpStats(deps, shop.merchantId, "2026-05-22")).days).toBe(0);
    expect(await dashboard(deps, owner, { from: "2026-05-01", to: "2026-05-21" })).toEqual(after);

    // Per store: the two stores add up to the chain.
    const [one, two] = await Promise.all(
      [s1, s2].map((storeId) => dashboard(deps, owner, { from: "2026-05-01", to: "2026-05-21", storeId })),
    );
    expect(one.totals.revenue + two.totals.revenue).toBe(after.totals.revenue);
    expect(one.totals.members + two.totals.members).toBe(after.totals.members);
    expect(one.totals.pointsOutstanding + two.totals.pointsOutstanding).toBe(after.totals.pointsOutstanding);
    // The CSV says the same, in yuan with two decimals.
    expect(rolled.csv.trim().split(/\r?\n/).at(-1)).toContain(
      `total,${rolled.points},${(rolled.storedValuePrincipal / 100).toFixed(2)}`,
    );
  });

  it("the daily job rolls up: runJob stats reports the days it rolled", async () => {
    const { deps, clock } = depsWithClock(server.db, at("2026-06-01", 9));
    const shop = await createMerchant(server);
    const owner = ownerOf(shop);
    await registerMember(deps, owner, { phone: phone(), name: "甲", homeStoreId: shop.stores[0].id });
    clock.set(at("2026-06-03", 7));
    const first = await runJob(deps, "stats", shop.merchantId, "2026-06-03");
    expect(first.acted).toBe(2);
    expect((await runJob(deps, "stats", shop.merchantId, "2026-06-03")).acted).toBe(0);
    const board = await dashboard(deps, owner, { from: "2026-06-01", to: "2026-06-03" });
    expect(board.days.map((d) => d.members)).toEqual([1, 1, 1]);
  });
});

describe("concurrent tills", () => {
  it("40 purchases at once: every counter exact", async () => {
    const { deps, clock } = depsWithClock(server.db, at("2026-07-01", 10));
    const shop = await createMerchant(server);
    const owner = ownerOf(shop);
    const members = await Promise.all(
      Array.from(
        { length: 8 },
        async () =>
          (await registerMember(deps, owner, { phone: phone(), name: unique("会员"), homeStoreId: shop.stores[0].id }))
            .member,
      ),
    );
    const totals = Array.from({ length: 40 }, (_, i) => 1000 + i * 7);
    await Promise.all(
      totals.map((total, i) =>
        recordPurchase(deps, owner, {
          orderId: `c-${i}`,
          memberId: members[i % 8].id,
          storeId: shop.stores[i % 2].id,
          lines: lines(total),
          total,
          paymentMethod: "cash",
          at: clock.now(),
        }),
      ),
    );
    // Retries of the same orders add nothing.
    await Promise.all(
      totals.slice(0, 10).map((total, i) =>
        recordPurchase(deps, owner, {
          orderId: `c-${i}`,
          memberId: members[i % 8].id,
          storeId: shop.stores[i % 2].id,
          lines: lines(total),
          total,
          paymentMethod: "cash",
          at: clock.now(),
        }),
      ),
    );
    const board = await dashboard(deps, owner, { from: "2026-07-01", to: "2026-07-01" });
    expect(board.totals).toMatchObject({
      orders: 40,
      revenue: totals.reduce((a, b) => a + b, 0),
      buyers: 8,
      repeatBuyers: 8,
      members: 8,
    });
    const accounts = await Promise.all(members.map((m) => getAccount(server.db, shop.merchantId, m.id, true)));
    expect(board.totals.pointsOutstanding).toBe(
      accounts.reduce((sum, account) => sum + pointsOutstanding(account!), 0),
    );
    expect(board.totals.pointsIssued).toBe(accounts.reduce((sum, account) => sum + account!.wallet.earned, 0));
    expect(board.repurchaseRate).toBe(1);
  });
});

describe("through GraphQL", () => {
  const DASHBOARD = `query($from: String!, $to: String!, $s: ID) {
    dashboard(from: $from, to: $to, storeId: $s) { from to storeId days { date members joined orders revenue }
      totals { members orders revenue anonymousOrders stages { stage members } } tiers { tierId members }
      memberOrderValue anonymousOrderValue campaigns { reached } }
  }`;
  const LIABILITY = `query($s: ID) {
    liabilityReport(storeId: $s) { points storedValuePrincipal couponsOpen stores { storeId storeName points } csv }
  }`;
  const ANON = `mutation($o: ID!, $s: ID!, $t: Int!) {
    recordAnonymousOrder(orderId: $o, storeId: $s, total: $t) { orderId total created }
  }`;
  const today = () => new Date().toISOString().slice(0, 10);
  let shop: TestMerchant;
  let other: TestMerchant;

  beforeAll(async () => {
    shop = await createMerchant(server);
    other = await createMerchant(server);
    for (const storeId of shop.stores.map((store) => store.id)) {
      const member = (
        await ok(
          gql(
            server,
            `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { member { id } } }`,
            { input: { phone: phone(), name: "会员", homeStoreId: storeId } },
            { apiKey: shop.apiKey },
          ),
        )
      ).registerMember.member;
      await ok(
        gql(
          server,
          `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { created } }`,
          {
            input: {
              orderId: unique("o"),
              memberId: member.id,
              storeId,
              lines: lines(4000),
              total: 4000,
              paymentMethod: "cash",
            },
          },
          { apiKey: shop.apiKey },
        ),
      );
    }
  });

  it("owners see the chain and each store; managers only their store; clerks and API keys not at all", async () => {
    const from = addDays(today(), -1);
    const chain = (await ok(gql(server, DASHBOARD, { from, to: addDays(today(), 1) }, { token: shop.ownerToken })))
      .dashboard;
    expect(chain.totals).toMatchObject({ members: 2, orders: 2, revenue: 8000 });
    expect(chain.memberOrderValue).toBe(4000);
    const mine = (await ok(gql(server, DASHBOARD, { from, to: addDays(today(), 1) }, { token: shop.managerToken })))
      .dashboard;
    expect(mine.totals).toMatchObject({ members: 1, orders: 1, revenue: 4000 });
    expect(mine.storeId).toBeNull();
    expect(
      codes(
        await gql(
          server,
          DASHBOARD,
          { from, to: addDays(today(), 1), s: shop.stores[1].id },
          { token: shop.managerToken },
        ),
      ),
    ).toEqual(["NOT_FOUND"]);
    expect(codes(await gql(server, DASHBOARD, { from, to: addDays(today(), 1) }, { token: shop.clerkToken }))).toEqual([
      "FORBIDDEN",
    ]);
    expect(codes(await gql(server, DASHBOARD, { from, to: addDays(today(), 1) }, { apiKey: shop.apiKey }))).toEqual([
      "FORBIDDEN",
    ]);
    expect(codes(await gql(server, DASHBOARD, { from, to: addDays(today(), 1) }))).toEqual(["UNAUTHENTICATED"]);
    const report = (await ok(gql(server, LIABILITY, {}, { token: shop.managerToken }))).liabilityReport;
    expect(report.stores.map((row: { storeId: string }) => row.storeId)).toEqual([shop.managerStoreId]);
    expect(codes(await gql(server, LIABILITY, {}, { token: shop.clerkToken }))).toEqual(["FORBIDDEN"]);
  });

  it("another merchant sees none of it: its own figures are empty and this merchant's store is not found", async () => {
    const theirs = (await ok(gql(server, DASHBOARD, { from: today(), to: today() }, { token: other.ownerToken })))
      .dashboard;
    expect(theirs.totals).toMatchObject({ members: 0, orders: 0, revenue: 0 });
    expect(
      codes(
        await gql(server, DASHBOARD, { from: today(), to: today(), s: shop.stores[0].id }, { token: other.ownerToken }),
      ),
    ).toEqual(["NOT_FOUND"]);
    expect(codes(await gql(server, LIABILITY, { s: shop.stores[0].id }, { token: other.ownerToken }))).toEqual([
      "NOT_FOUND",
    ]);
    expect(
      codes(await gql(server, ANON, { o: unique("a"), s: shop.stores[0].id, t: 100 }, { apiKey: other.apiKey })),
    ).toEqual(["NOT_FOUND"]);
    expect((await ok(gql(server, LIABILITY, {}, { token: other.ownerToken }))).liabilityReport.points).toBe(0);
  });

  it("bad ranges are refused with BAD_USER_INPUT and a clear message", async () => {
    const refused = async (from: string, to: string, pattern: RegExp) => {
      const result = await gql(server, DASHBOARD, { from, to }, { token: shop.ownerToken });
      expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors![0].message).toMatch(pattern);
    };
    await refused("2026-13-01", "2026-12-01", /from must be a real date/);
    await refused("yesterday", today(), /from must be a real date/);
    await refused(today(), addDays(today(), -3), /from must not be after to/);
    await refused("2024-01-01", today(), /at most 366 days/);
    await refused(addDays(today(), 5), addDays(today(), 6), /after today/);
  });

  it("anonymous orders: counted once by order id, a changed repeat refused, bad totals refused, nothing written", async () => {
    // A merchant of its own: the orders it counts are this test's alone.
    const merchant = await createMerchant(server);
    const orderId = unique("anon");
    expect(
      (await ok(gql(server, ANON, { o: orderId, s: merchant.stores[0].id, t: 2500 }, { apiKey: merchant.apiKey })))
        .recordAnonymousOrder,
    ).toEqual({ orderId, total: 2500, created: true });
    expect(
      (await ok(gql(server, ANON, { o: orderId, s: merchant.stores[0].id, t: 2500 }, { apiKey: merchant.apiKey })))
        .recordAnonymousOrder.created,
    ).toBe(false);
    expect(
      codes(await gql(server, ANON, { o: orderId, s: merchant.stores[0].id, t: 9900 }, { apiKey: merchant.apiKey })),
    ).toEqual(["CONFLICT"]);
    expect(
      codes(
        await gql(server, ANON, { o: unique("anon"), s: merchant.stores[0].id, t: -1 }, { apiKey: merchant.apiKey }),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(await gql(server, ANON, { o: unique("anon"), s: "no-such-store", t: 100 }, { apiKey: merchant.apiKey })),
    ).toEqual(["NOT_FOUND"]);
    expect(
      codes(
        await gql(
          server,
          ANON,
          { o: unique("anon"), s: merchant.stores[1].id, t: 100 },
          { token: merchant.managerToken },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
    const board = (
      await ok(
        gql(server, DASHBOARD, { from: addDays(today(), -1), to: addDays(today(), 1) }, { token: merchant.ownerToken }),
      )
    ).dashboard;
    expect(board.totals.anonymousOrders).toBe(1);
    expect(board.anonymousOrderValue).toBe(2500);
  });
});
