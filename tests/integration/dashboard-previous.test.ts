/**
 * The dashboard's previous period (环比) through GraphQL over DynamoDB Local:
 * two weeks of joins and purchases at two stores (and, on the same days, at
 * another merchant) written with a clock moved by hand up to today. The
 * previous period equals the dashboard asked directly for those earlier days,
 * live and rolled up; a manager's covers their store only, another merchant's
 * figures never appear, days before any figures are zeros, and the field costs
 * nothing unless asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordPurchase } from "../../functions/app/loyalty/index.js";
import { registerMember } from "../../functions/app/members.js";
import { rollUpStats } from "../../functions/app/stats.js";
import type { Caller } from "../../functions/core/access.js";
import { addDays, localDate, startOfLocalDay } from "../../functions/core/time.js";
import { withSend } from "../../functions/data/db.js";
import { createMerchant, gql, ok, unique, type Credentials, type TestMerchant } from "../support/api.js";
import { depsWithClock } from "../support/clock.js";
import { phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

const TZ = "Asia/Shanghai";
/** Requests the server sent to DynamoDB, by command name. */
const sent = new Map<string, number>();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    wrapDb: (db) =>
      withSend(db, (command, send) => {
        sent.set(command.constructor.name, (sent.get(command.constructor.name) ?? 0) + 1);
        return send();
      }),
  });
});
afterAll(() => server?.stop());

const DAY_FIELDS =
  "date members joined stages { stage members } orders revenue refunded anonymousOrders anonymousRevenue " +
  "pointsIssued pointsRedeemed pointsExpired pointsReversed pointsOutstanding storedValuePrincipal " +
  "storedValueBonus couponsIssued couponsRedeemed couponsOpen couponsOpenValue buyers repeatBuyers";
const PERIOD_FIELDS = `totals { ${DAY_FIELDS} } memberOrderValue anonymousOrderValue repurchaseRate`;
const WITH_PREVIOUS = `query($from: String!, $to: String!, $s: ID) {
  dashboard(from: $from, to: $to, storeId: $s) { from to ${PERIOD_FIELDS} previous { from to ${PERIOD_FIELDS} } }
}`;
const DIRECT = `query($from: String!, $to: String!, $s: ID) {
  dashboard(from: $from, to: $to, storeId: $s) { from to ${PERIOD_FIELDS} }
}`;

interface Period {
  from: string;
  to: string;
  totals: { date: string; members: number; joined: number; orders: number; revenue: number; buyers: number };
  memberOrderValue: number | null;
  anonymousOrderValue: number | null;
  repurchaseRate: number | null;
}

const ownerOf = (shop: TestMerchant): Caller => ({
  kind: "staff",
  merchantId: shop.merchantId,
  staffId: shop.ownerId,
  username: "owner",
  role: "owner",
  storeIds: [],
});
const lines = (total: number) => [{ sku: "tea", name: "茶", category: "drinks", qty: 1, unitPrice: total }];
const at = (date: string, hour: number) =>
  new Date(Date.parse(startOfLocalDay(date, TZ)) + hour * 3_600_000).toISOString();

const today = localDate(new Date().toISOString(), TZ);
/** The period the tests show (the last 7 days) and the one before it. */
const shown = { from: addDays(today, -6), to: today };
const before = { from: addDays(today, -13), to: addDays(today, -7) };

/** Revenue recorded per store per day, as the test wrote it. */
const revenue = new Map<string, number>();
let shop: TestMerchant;
let other: TestMerchant;

/**
 * Each day from two weeks ago to today: one join at each store and purchases by the newest members (amounts that
 * differ by day and store); the other merchant the same days with its own amounts.
 */
async function twoWeeks(merchant: TestMerchant, amount: (n: number, store: number) => number, record: boolean) {
  const { deps, clock } = depsWithClock(server.db, at(before.from, 10));
  const owner = ownerOf(merchant);
  const members: { id: string; store: number }[] = [];
  for (let n = 0; n < 14; n++) {
    const day = addDays(before.from, n);
    // Today's writes happen now, never in the future of the server's clock.
    clock.set(day === today ? new Date().toISOString() : at(day, 10));
    for (const [store, storeId] of merchant.stores.map((s) => s.id).entries()) {
      const input = { phone: phone(), name: unique("会员"), homeStoreId: storeId };
      members.push({ id: (await registerMember(deps, owner, input)).member.id, store });
    }
    // The members of the last two days buy.
    for (const member of members.slice(-4)) {
      const total = amount(n, member.store);
      const storeId = merchant.stores[member.store].id;
      await recordPurchase(deps, owner, {
        orderId: unique("o"),
        memberId: member.id,
        storeId,
        lines: lines(total),
        total,
        paymentMethod: "cash",
        at: clock.now(),
      });
      if (record) revenue.set(`${day}|${storeId}`, (revenue.get(`${day}|${storeId}`) ?? 0) + total);
    }
  }
}

/** What the test recorded for days from..to, at the given stores. */
const recorded = (from: string, to: string, storeIds: string[]) =>
  [...revenue].reduce((sum, [key, fen]) => {
    const [day, storeId] = key.split("|");
    return day >= from && day <= to && storeIds.includes(storeId) ? sum + fen : sum;
  }, 0);

const withPrevious = async (who: Credentials, range: { from: string; to: string }, s?: string) =>
  (await ok(gql(server, WITH_PREVIOUS, { ...range, s }, who))).dashboard as Period & { previous: Period };
const direct = async (who: Credentials, range: { from: string; to: string }, s?: string) =>
  (await ok(gql(server, DIRECT, { ...range, s }, who))).dashboard as Period;

/** The previous period of `range` equals the dashboard of those days asked directly, for the same caller and store. */
async function expectPreviousIsDirect(who: Credentials, range: { from: string; to: string }, s?: string) {
  const board = await withPrevious(who, range, s);
  const { from, to, ...figures } = board.previous;
  const asked = await direct(who, { from, to }, s);
  expect(asked).toEqual({ from, to, ...figures });
  return board;
}

beforeAll(async () => {
  shop = await createMerchant(server);
  other = await createMerchant(server);
  await twoWeeks(shop, (n, store) => 1000 + n * 10 + store * 5, true);
  await twoWeeks(other, () => 777, false);
});

describe("the dashboard's previous period (环比)", () => {
  it("is the same number of days just before, equal to the dashboard asked for them, live and rolled up", async () => {
    const owner = { token: shop.ownerToken };
    const storeIds = shop.stores.map((store) => store.id);
    const live = await expectPreviousIsDirect(owner, shown);
    expect([live.previous.from, live.previous.to]).toEqual([before.from, before.to]);
    expect(live.previous.totals.date).toBe(before.to);
    // Real figures, the recorded ones, and not the shown period's.
    expect(live.previous.totals.revenue).toBe(recorded(before.from, before.to, storeIds));
    expect(live.totals.revenue).toBe(recorded(shown.from, shown.to, storeIds));
    expect(live.previous.totals.revenue).not.toBe(live.totals.revenue);
    expect(live.previous.totals.members).toBe(14);
    expect(live.previous.totals.joined).toBe(14);
    expect(live.previous.memberOrderValue).toBe(Math.round(live.previous.totals.revenue / live.previous.totals.orders));

    // After the morning roll-up the previous period comes from the roll-ups: the same figures.
    const { deps } = depsWithClock(server.db, new Date().toISOString());
    expect((await rollUpStats(deps, shop.merchantId, today)).days).toBe(13);
    expect((await expectPreviousIsDirect(owner, shown)).previous).toEqual(live.previous);
    // One store, asked for by the owner.
    const second = await expectPreviousIsDirect(owner, shown, storeIds[1]);
    expect(second.previous.totals.revenue).toBe(recorded(before.from, before.to, [storeIds[1]]));
  });

  it("as long as the days shown: a range ending after today counts the days up to today", async () => {
    const board = await expectPreviousIsDirect(
      { token: shop.ownerToken },
      { from: addDays(today, -2), to: addDays(today, 3) },
    );
    expect([board.previous.from, board.previous.to]).toEqual([addDays(today, -5), addDays(today, -3)]);
    const single = await expectPreviousIsDirect({ token: shop.ownerToken }, { from: today, to: today });
    expect([single.previous.from, single.previous.to]).toEqual([addDays(today, -1), addDays(today, -1)]);
  });

  it("a manager's previous period covers only their store (cross-store)", async () => {
    const manager = { token: shop.managerToken };
    const mine = await expectPreviousIsDirect(manager, shown);
    expect(mine.previous.totals.revenue).toBe(recorded(before.from, before.to, [shop.managerStoreId]));
    const chain = await withPrevious({ token: shop.ownerToken }, shown);
    expect(mine.previous.totals.revenue).toBeLessThan(chain.previous.totals.revenue);
    expect(mine.previous.totals.members).toBe(7);
  });

  it("another merchant's figures never appear (cross-tenant)", async () => {
    const theirs = await expectPreviousIsDirect({ token: other.ownerToken }, shown);
    expect(theirs.previous.totals).toMatchObject({ members: 14, joined: 14 });
    expect(theirs.previous.totals.revenue).toBe(theirs.previous.totals.orders * 777);
    expect(theirs.previous.memberOrderValue).toBe(777);
    const ours = await withPrevious({ token: shop.ownerToken }, shown);
    expect(ours.previous.totals.revenue).toBe(
      recorded(
        before.from,
        before.to,
        shop.stores.map((s) => s.id),
      ),
    );
  });

  it("days before the merchant's first figures are zeros, not an error", async () => {
    const board = await expectPreviousIsDirect({ token: shop.ownerToken }, before);
    expect([board.previous.from, board.previous.to]).toEqual([addDays(today, -20), addDays(today, -14)]);
    expect(board.previous.totals).toMatchObject({ members: 0, joined: 0, orders: 0, revenue: 0, buyers: 0 });
    expect(board.previous).toMatchObject({ memberOrderValue: null, anonymousOrderValue: null, repurchaseRate: null });
    // A merchant with no figures at all.
    const fresh = await createMerchant(server);
    const empty = await withPrevious({ token: fresh.ownerToken }, shown);
    expect(empty.previous.totals).toMatchObject({ members: 0, orders: 0, revenue: 0 });
  });

  it("costs nothing unless asked for; asked for, rolled-up days cost one GetItem and one Query", async () => {
    const owner = { token: shop.ownerToken };
    const count = async (query: string) => {
      sent.clear();
      await ok(gql(server, query, shown, owner));
      return Object.fromEntries(sent);
    };
    await count(DIRECT); // warm: what a process caches (keys, time zones) is read once
    const without = await count(DIRECT);
    const withIt = await count(WITH_PREVIOUS);
    const extra = Object.fromEntries(
      Object.entries(withIt)
        .map(([name, n]) => [name, n - (without[name] ?? 0)])
        .filter(([, n]) => n !== 0),
    );
    expect(extra).toEqual({ GetCommand: 1, QueryCommand: 1 });
  });
});
