/** Purchases, refunds and points through GraphQL over DynamoDB Local: atomic, idempotent, never overdrawn. */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, persist, unique, type TestMerchant } from "../support/api.js";
import { enrol } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
const owner = () => ({ token: shop.ownerToken });
const pos = () => ({ apiKey: shop.apiKey });

const ACCOUNT = `available pending debt shortfall growth tierId tierName visits lastVisitAt lifetimeSpend earned spent expired reversed`;
const PURCHASE =
  `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { created ` +
  `order { id points growth status lines { sku points refundedQty refundedPoints } ` +
  `} account { ${ACCOUNT} } } }`;
const REFUND =
  `mutation($input: RefundInput!) { refundOrder(input: $input) { created order { ` +
  `status lines { sku refundedQty refundedPoints } } account { ${ACCOUNT} } } }`;
const REDEEM = `mutation($m: ID!, $p: Int!, $r: String!) {
  redeemPoints(memberId: $m, points: $p, requestId: $r) { created entry { points } account { available } }
}`;

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

function order(
  memberId: string,
  lines: { sku: string; qty: number; unitPrice: number; category?: string }[],
  extra: Record<string, unknown> = {},
) {
  return {
    orderId: unique("o"),
    memberId,
    storeId: shop.stores[0].id,
    paymentMethod: "wechat",
    lines: lines.map((l) => ({ name: l.sku, category: "drink", ...l })),
    total: lines.reduce((s, l) => s + l.qty * l.unitPrice, 0),
    ...extra,
  };
}

async function account(memberId: string) {
  return (
    await ok(gql(server, `query($id: ID!) { member(id: $id) { account { ${ACCOUNT} } } }`, { id: memberId }, owner()))
  ).member.account;
}

async function ledgerSum(memberId: string) {
  const items = await server.db.client.send(
    new QueryCommand({
      TableName: server.tableName,
      KeyConditionExpression: "pk = :p AND begins_with(sk, :l)",
      ExpressionAttributeValues: { ":p": `T#${shop.merchantId}#M#${memberId}`, ":l": "LEDGER#" },
      ConsistentRead: true,
    }),
  );
  return (items.Items ?? []).reduce((sum, item) => sum + (item.points as number), 0);
}

describe("recording a purchase", () => {
  it("earns points and growth per ¥1, counts the visit and spend, and returns the new balances", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const result = await ok(
      gql(
        server,
        PURCHASE,
        {
          input: order(member.id, [
            { sku: "latte", qty: 2, unitPrice: 2850 },
            { sku: "cake", qty: 1, unitPrice: 1999 },
          ]),
        },
        pos(),
      ),
    );
    expect(result.recordPurchase.order).toMatchObject({ points: 57 + 19, growth: 57 + 19, status: "paid" });
    expect(result.recordPurchase.account).toMatchObject({
      available: 76,
      pending: 0,
      growth: 76,
      visits: 1,
      lifetimeSpend: 7699,
      tierId: "regular",
    });
    expect(await ledgerSum(member.id)).toBe(76);
  });

  it("is idempotent by order id: retries, even 10 at once, record it once and return the first result", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const input = order(member.id, [{ sku: "tea", qty: 1, unitPrice: 1500 }]);
    const results = await Promise.all(Array.from({ length: 10 }, () => ok(gql(server, PURCHASE, { input }, pos()))));
    expect(results.filter((r) => r.recordPurchase.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.recordPurchase.account.available))).toEqual(new Set([15]));
    expect(await account(member.id)).toMatchObject({ available: 15, visits: 1, lifetimeSpend: 1500 });
    const changed = await gql(
      server,
      PURCHASE,
      { input: { ...input, lines: [{ sku: "tea", name: "tea", qty: 2, unitPrice: 1500 }], total: 3000 } },
      pos(),
    );
    expect(codes(changed)).toEqual(["CONFLICT"]);
  });

  it.each([
    [
      "lines not adding up to the total",
      (m: string) => ({ ...order(m, [{ sku: "a", qty: 1, unitPrice: 100 }]), total: 150 }),
      "BAD_USER_INPUT",
    ],
    ["a zero quantity", (m: string) => order(m, [{ sku: "a", qty: 0, unitPrice: 100 }]), "BAD_USER_INPUT"],
    [
      "a negative price",
      (m: string) => ({ ...order(m, [{ sku: "a", qty: 1, unitPrice: -100 }]), total: -100 }),
      "BAD_USER_INPUT",
    ],
    [
      "fractional fen",
      (m: string) => ({
        ...order(m, [{ sku: "a", qty: 1, unitPrice: 1 }]),
        lines: [{ sku: "a", name: "a", qty: 1, unitPrice: 10.5 }],
        total: 10.5,
      }),
      "BAD_USER_INPUT",
    ],
    ["an unknown member", () => order("no-such-member", [{ sku: "a", qty: 1, unitPrice: 100 }]), "NOT_FOUND"],
    [
      "an unknown store",
      (m: string) => order(m, [{ sku: "a", qty: 1, unitPrice: 100 }], { storeId: "nowhere" }),
      "BAD_USER_INPUT",
    ],
    [
      "no lines",
      (m: string) => ({ ...order(m, [{ sku: "a", qty: 1, unitPrice: 100 }]), lines: [], total: 100 }),
      "BAD_USER_INPUT",
    ],
  ])("%s is refused and changes nothing", async (_, make, code) => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const result = await gql(server, PURCHASE, { input: make(member.id) }, pos());
    expect(new Set(codes(result))).toEqual(new Set([code]));
    expect(await account(member.id)).toMatchObject({ available: 0, visits: 0, lifetimeSpend: 0 });
  });

  it("another merchant can neither record a purchase for this member nor see its order", async () => {
    const other = await createMerchant(server);
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const input = order(member.id, [{ sku: "a", qty: 1, unitPrice: 1000 }]);
    expect(
      codes(
        await gql(server, PURCHASE, { input: { ...input, storeId: other.stores[0].id } }, { apiKey: other.apiKey }),
      ),
    ).toEqual(["NOT_FOUND"]);
    await ok(gql(server, PURCHASE, { input }, pos()));
    expect(
      (
        await ok(
          gql(server, `query($id: ID!) { order(id: $id) { id } }`, { id: input.orderId }, { apiKey: other.apiKey }),
        )
      ).order,
    ).toBeNull();
    expect(
      codes(
        await gql(
          server,
          REFUND,
          { input: { refundId: unique("r"), orderId: input.orderId, lines: [{ sku: "a", qty: 1 }] } },
          { apiKey: other.apiKey },
        ),
      ),
    ).toEqual(["NOT_FOUND"]);
  });
});

describe("redeeming", () => {
  it(
    "100 concurrent redemptions against 50 points: exactly 50 succeed, the rest are " +
      "INSUFFICIENT_BALANCE, the ledger reconciles",
    async () => {
      const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
      await ok(gql(server, PURCHASE, { input: order(member.id, [{ sku: "x", qty: 1, unitPrice: 5_000 }]) }, pos()));
      // Like a till: an answer marked retryable ("busy") is sent again with the same request id.
      const attempt = (i: number) =>
        persist(() => gql(server, REDEEM, { m: member.id, p: 1, r: `redeem-${member.id}-${i}` }, pos()));
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(i)));
      expect(results.filter((r) => !r.errors)).toHaveLength(50);
      expect(results.filter((r) => r.errors).map((r) => codes(r)[0])).toEqual(Array(50).fill("INSUFFICIENT_BALANCE"));
      expect(await account(member.id)).toMatchObject({ available: 0, earned: 50, spent: 50 });
      expect(await ledgerSum(member.id)).toBe(0);
    },
  );

  it("a request id makes a redemption idempotent; reusing it for another amount is a CONFLICT", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    await ok(gql(server, PURCHASE, { input: order(member.id, [{ sku: "x", qty: 1, unitPrice: 5000 }]) }, pos()));
    const first = await ok(gql(server, REDEEM, { m: member.id, p: 20, r: "req-1" }, pos()));
    const again = await ok(gql(server, REDEEM, { m: member.id, p: 20, r: "req-1" }, pos()));
    expect([first.redeemPoints.created, again.redeemPoints.created]).toEqual([true, false]);
    expect(again.redeemPoints.account.available).toBe(30);
    expect(codes(await gql(server, REDEEM, { m: member.id, p: 25, r: "req-1" }, pos()))).toEqual(["CONFLICT"]);
    expect(codes(await gql(server, REDEEM, { m: member.id, p: 31, r: "req-2" }, pos()))).toEqual([
      "INSUFFICIENT_BALANCE",
    ]);
    expect(codes(await gql(server, REDEEM, { m: member.id, p: 0, r: "req-3" }, pos()))).toEqual(["BAD_USER_INPUT"]);
    expect((await account(member.id)).available).toBe(30);
  });

  it("staff adjustments need a reason and an owner or manager", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const ADJUST = `mutation($m: ID!, $p: Int!, $why: String!, $r: String!) {
      adjustPoints(memberId: $m, points: $p, reason: $why, requestId: $r) { entry { points reason actor } account { available } }
    }`;
    expect(codes(await gql(server, ADJUST, { m: member.id, p: 50, why: " ", r: "adj-0" }, owner()))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(
      codes(await gql(server, ADJUST, { m: member.id, p: 50, why: "补录", r: "adj-1" }, { token: shop.clerkToken })),
    ).toEqual(["FORBIDDEN"]);
    const added = await ok(gql(server, ADJUST, { m: member.id, p: 50, why: "补录积分", r: "adj-2" }, owner()));
    expect(added.adjustPoints).toMatchObject({
      entry: { points: 50, reason: "补录积分", actor: `staff:${shop.ownerId}` },
      account: { available: 50 },
    });
    const removed = await ok(
      gql(server, ADJUST, { m: member.id, p: -20, why: "误操作", r: "adj-3" }, { token: shop.managerToken }),
    );
    expect(removed.adjustPoints.account.available).toBe(30);
  });
});

describe("refunds take back exactly what the refunded lines earned", () => {
  const setPolicy = (input: Record<string, unknown>) =>
    ok(
      gql(
        server,
        `mutation($input: PointsRulesInput!) { updatePointsRules(input: $input) { rules { pendingDays clawbackPolicy } } }`,
        { input },
        owner(),
      ),
    );

  it.each([
    {
      name: "partial: one of two units of one line",
      refund: [{ sku: "latte", qty: 1 }],
      expect: { available: 57 - 28 + 20, reversed: 28, status: "partially_refunded" },
    },
    {
      name: "partial: a whole line",
      refund: [{ sku: "cake", qty: 1 }],
      expect: { available: 57, reversed: 20, status: "partially_refunded" },
    },
    {
      name: "full: every line",
      refund: [
        { sku: "latte", qty: 2 },
        { sku: "cake", qty: 1 },
      ],
      expect: { available: 0, reversed: 77, status: "refunded" },
    },
  ])("$name", async ({ refund, expect: wanted }) => {
    await setPolicy({ pendingDays: 0, clawbackPolicy: "debt" });
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const input = order(member.id, [
      { sku: "latte", qty: 2, unitPrice: 2850 },
      { sku: "cake", qty: 1, unitPrice: 2000 },
    ]);
    await ok(gql(server, PURCHASE, { input }, pos()));
    const result = await ok(
      gql(server, REFUND, { input: { refundId: unique("r"), orderId: input.orderId, lines: refund } }, pos()),
    );
    expect(result.refundOrder.order.status).toBe(wanted.status);
    expect(result.refundOrder.account).toMatchObject({
      available: wanted.available,
      reversed: wanted.reversed,
      debt: 0,
    });
    expect(await ledgerSum(member.id)).toBe(wanted.available);
  });

  it("after the points were spent: debt under the debt policy, repaid by the next purchase", async () => {
    await setPolicy({ pendingDays: 0, clawbackPolicy: "debt" });
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const input = order(member.id, [{ sku: "x", qty: 1, unitPrice: 10_000 }]);
    await ok(gql(server, PURCHASE, { input }, pos()));
    await ok(gql(server, REDEEM, { m: member.id, p: 80, r: unique("spend") }, pos()));
    const refunded = await ok(
      gql(
        server,
        REFUND,
        { input: { refundId: unique("r"), orderId: input.orderId, lines: [{ sku: "x", qty: 1 }] } },
        pos(),
      ),
    );
    expect(refunded.refundOrder.account).toMatchObject({ available: 0, debt: 80 });
    const next = await ok(
      gql(server, PURCHASE, { input: order(member.id, [{ sku: "y", qty: 1, unitPrice: 5_000 }]) }, pos()),
    );
    expect(next.recordPurchase.account).toMatchObject({ available: 0, debt: 30 });
  });

  it("after the points were spent: zero and a recorded shortfall under the cap policy", async () => {
    await setPolicy({ pendingDays: 0, clawbackPolicy: "cap" });
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const input = order(member.id, [{ sku: "x", qty: 1, unitPrice: 10_000 }]);
    await ok(gql(server, PURCHASE, { input }, pos()));
    await ok(gql(server, REDEEM, { m: member.id, p: 80, r: unique("spend") }, pos()));
    const refunded = await ok(
      gql(
        server,
        REFUND,
        { input: { refundId: unique("r"), orderId: input.orderId, lines: [{ sku: "x", qty: 1 }] } },
        pos(),
      ),
    );
    expect(refunded.refundOrder.account).toMatchObject({ available: 0, debt: 0, shortfall: 80 });
    await setPolicy({ clawbackPolicy: "debt" });
  });

  it("inside the pending window: the pending points are simply cancelled", async () => {
    await setPolicy({ pendingDays: 7, clawbackPolicy: "debt" });
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const input = order(member.id, [{ sku: "x", qty: 1, unitPrice: 10_000 }]);
    const bought = await ok(gql(server, PURCHASE, { input }, pos()));
    expect(bought.recordPurchase.account).toMatchObject({ available: 0, pending: 100 });
    expect(codes(await gql(server, REDEEM, { m: member.id, p: 1, r: unique("early") }, pos()))).toEqual([
      "INSUFFICIENT_BALANCE",
    ]);
    const refunded = await ok(
      gql(
        server,
        REFUND,
        { input: { refundId: unique("r"), orderId: input.orderId, lines: [{ sku: "x", qty: 1 }] } },
        pos(),
      ),
    );
    expect(refunded.refundOrder.account).toMatchObject({ available: 0, pending: 0, debt: 0, reversed: 100 });
    await setPolicy({ pendingDays: 0 });
  });

  it("a refund id is idempotent; more than was bought is refused and changes nothing", async () => {
    await setPolicy({ pendingDays: 0, clawbackPolicy: "debt" });
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const input = order(member.id, [{ sku: "x", qty: 2, unitPrice: 1_000 }]);
    await ok(gql(server, PURCHASE, { input }, pos()));
    const refund = { refundId: unique("r"), orderId: input.orderId, lines: [{ sku: "x", qty: 1 }] };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => ok(gql(server, REFUND, { input: refund }, pos()))),
    );
    expect(results.filter((r) => r.refundOrder.created)).toHaveLength(1);
    expect((await account(member.id)).available).toBe(10);
    expect(
      codes(
        await gql(
          server,
          REFUND,
          { input: { refundId: unique("r"), orderId: input.orderId, lines: [{ sku: "x", qty: 2 }] } },
          pos(),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(
        await gql(
          server,
          REFUND,
          { input: { refundId: unique("r"), orderId: input.orderId, lines: [{ sku: "nope", qty: 1 }] } },
          pos(),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect((await account(member.id)).available).toBe(10);
  });
});

describe("tiers", () => {
  it("go up at once when growth crosses a threshold, and a refund does not bring them down", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const input = order(member.id, [{ sku: "big", qty: 1, unitPrice: 120_000 }]);
    const bought = await ok(gql(server, PURCHASE, { input }, pos()));
    expect(bought.recordPurchase.account).toMatchObject({ tierId: "silver", tierName: "银卡", growth: 1200 });
    const refunded = await ok(
      gql(
        server,
        REFUND,
        { input: { refundId: unique("r"), orderId: input.orderId, lines: [{ sku: "big", qty: 1 }] } },
        pos(),
      ),
    );
    expect(refunded.refundOrder.account).toMatchObject({ tierId: "silver", growth: 0 });
  });

  it("a bigger tier multiplier earns more points once reached", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    await ok(gql(server, PURCHASE, { input: order(member.id, [{ sku: "big", qty: 1, unitPrice: 500_000 }]) }, pos()));
    const next = await ok(
      gql(server, PURCHASE, { input: order(member.id, [{ sku: "small", qty: 1, unitPrice: 10_000 }]) }, pos()),
    );
    expect(next.recordPurchase.order.points).toBe(150);
    expect(next.recordPurchase.account.tierId).toBe("gold");
  });

  it("the ladder and rules are validated and only owners change them", async () => {
    expect(
      codes(
        await gql(
          server,
          `mutation {
            updateTierLadder(input: { reviewWindowDays: 365, tiers: [{ id: "a", name: "A", threshold: 10,
              discountPercent: 0, pointsMultiplier: 1 }] }) { ladder { reviewWindowDays } }
          }`,
          {},
          owner(),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(
        await gql(
          server,
          `mutation { updatePointsRules(input: { pendingDays: -1 }) { rules { pendingDays } } }`,
          {},
          owner(),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(
        await gql(
          server,
          `mutation { updatePointsRules(input: { pendingDays: 1 }) { rules { pendingDays } } }`,
          {},
          { token: shop.managerToken },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
  });
});

describe("tier review", () => {
  it("drops a tier only at review, when the rolling window's growth no longer reaches it, and a manual tier is a floor", async () => {
    const { reviewMemberTier } = await import("../../functions/app/loyalty/index.js");
    const { cryptoIds } = await import("../../functions/adapters/ids.js");
    const { localIdentity } = await import("../../functions/adapters/identity/local.js");
    const deps = {
      db: server.db,
      ids: cryptoIds,
      identity: localIdentity(server.db),
      clock: { now: () => new Date().toISOString() },
    };
    const caller = { kind: "apiKey" as const, merchantId: shop.merchantId, keyId: "review-job" };
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
    await ok(
      gql(
        server,
        PURCHASE,
        { input: order(member.id, [{ sku: "old", qty: 1, unitPrice: 120_000 }], { at: longAgo }) },
        pos(),
      ),
    );
    expect((await account(member.id)).tierId).toBe("silver");

    await ok(
      gql(
        server,
        `mutation($m: ID!) { setManualTier(memberId: $m, tierId: "silver") { tierId } }`,
        { m: member.id },
        owner(),
      ),
    );
    expect(await reviewMemberTier(deps, caller, member.id, new Date().toISOString())).toMatchObject({
      tierId: "silver",
      changed: false,
      windowGrowth: 0,
    });

    await ok(
      gql(
        server,
        `mutation($m: ID!) { setManualTier(memberId: $m, tierId: null) { tierId } }`,
        { m: member.id },
        owner(),
      ),
    );
    expect((await account(member.id)).tierId).toBe("silver");
    expect(await reviewMemberTier(deps, caller, member.id, new Date().toISOString())).toMatchObject({
      tierId: "regular",
      changed: true,
    });
    const history = await ok(
      gql(
        server,
        `query($id: ID!) { member(id: $id) { tierHistory { nodes { from to reason } } } }`,
        { id: member.id },
        owner(),
      ),
    );
    expect(history.member.tierHistory.nodes).toEqual([
      { from: "silver", to: "regular", reason: "review" },
      { from: "regular", to: "silver", reason: "growth" },
    ]);
    // A small purchase after the review does not bring the lifetime growth back into play…
    await ok(gql(server, PURCHASE, { input: order(member.id, [{ sku: "small", qty: 1, unitPrice: 1_000 }]) }, pos()));
    expect((await account(member.id)).tierId).toBe("regular");
    // …but growth earned since the window began does lift the member again at once.
    await ok(gql(server, PURCHASE, { input: order(member.id, [{ sku: "big", qty: 1, unitPrice: 100_000 }]) }, pos()));
    expect((await account(member.id)).tierId).toBe("silver");
    expect(
      codes(
        await gql(
          server,
          `mutation($m: ID!) { setManualTier(memberId: $m, tierId: "diamond") { tierId } }`,
          { m: member.id },
          owner(),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(
        await gql(
          server,
          `mutation($m: ID!) { setManualTier(memberId: $m, tierId: "gold") { tierId } }`,
          { m: member.id },
          { token: shop.managerToken },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
  });
});

describe("points expiry (the daily job's step)", () => {
  it("removes only what is left of expired lots, once, however often it runs", async () => {
    const { expireMemberPoints } = await import("../../functions/app/loyalty/index.js");
    const { cryptoIds } = await import("../../functions/adapters/ids.js");
    const { localIdentity } = await import("../../functions/adapters/identity/local.js");
    const deps = {
      db: server.db,
      ids: cryptoIds,
      identity: localIdentity(server.db),
      clock: { now: () => new Date().toISOString() },
    };
    const caller = { kind: "apiKey" as const, merchantId: shop.merchantId, keyId: "expiry-job" };
    await ok(
      gql(
        server,
        `mutation { updatePointsRules(input: { pendingDays: 0, lifetimeMonths: 12 }) { rules { lifetimeMonths } } }`,
        {},
        owner(),
      ),
    );
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const longAgo = new Date(Date.now() - 400 * 86_400_000).toISOString();
    await ok(
      gql(
        server,
        PURCHASE,
        { input: order(member.id, [{ sku: "old", qty: 1, unitPrice: 10_000 }], { at: longAgo }) },
        pos(),
      ),
    );
    await ok(gql(server, PURCHASE, { input: order(member.id, [{ sku: "new", qty: 1, unitPrice: 5_000 }]) }, pos()));
    expect(await account(member.id)).toMatchObject({ available: 50, earned: 150 });

    const runs = await Promise.all(
      [1, 2, 3].map(() => expireMemberPoints(deps, caller, member.id, new Date().toISOString())),
    );
    expect(runs.map((r) => r.expired).sort()).toEqual([0, 0, 100]);
    expect(await account(member.id)).toMatchObject({ available: 50, expired: 100, earned: 150 });
    expect(await ledgerSum(member.id)).toBe(50);
    expect((await expireMemberPoints(deps, caller, member.id, new Date().toISOString())).expired).toBe(0);
  });
});
