/**
 * Stored value (储值) over the API and DynamoDB Local: plans, idempotent
 * top-ups, paying at checkout (with a coupon, in one transaction), store
 * restrictions, refunds of orders and of top-ups, the per-store liability,
 * and 50 concurrent payments that never overdraw and conserve every fen.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, persist, unique, type TestMerchant } from "../support/api.js";
import { enrol } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
const owner = () => ({ token: shop.ownerToken });
const pos = () => ({ apiKey: shop.apiKey });

const TOPUP = `mutation($m: ID!, $p: String!, $a: Int!, $plan: ID, $s: ID) {
  topUpStoredValue(memberId: $m, paymentId: $p, amount: $a, planId: $plan, storeId: $s) { created topUp {
    principal bonus scope storeId } balance { principal bonus total } }
}`;
const PURCHASE = `mutation($input: RecordPurchaseInput!) {
  recordPurchase(input: $input) { created order { id total storedValueAmount } account { storedValuePrincipal storedValueBonus } }
}`;
const BALANCE = `query($id: ID!) {
  member(id: $id) { storedValue { principal bonus total } storedValueLedger(first: 100) { nodes { type
    principal bonus principalAfter bonusAfter ref } } }
}`;
const LIABILITY = `query { storedValueLiability { principal bonus stores { store { id } principal bonus } } }`;

const member = () => enrol(server, pos(), { homeStoreId: shop.stores[0].id });
const plan = async (input: Record<string, unknown>) =>
  (
    await ok(
      gql(
        server,
        `mutation($input: TopUpPlanInput!) { createTopUpPlan(input: $input) { id pay bonus scope } }`,
        { input: { name: unique("充值"), ...input } },
        owner(),
      ),
    )
  ).createTopUpPlan;
const topUp = (memberId: string, amount: number, extra: Record<string, unknown> = {}) =>
  gql(server, TOPUP, { m: memberId, p: unique("pay"), a: amount, s: shop.stores[0].id, ...extra }, pos());
const buy = (memberId: string, total: number, storedValueAmount: number, extra: Record<string, unknown> = {}) =>
  gql(
    server,
    PURCHASE,
    {
      input: {
        orderId: unique("o"),
        memberId,
        storeId: shop.stores[0].id,
        lines: [{ sku: "a", name: "商品", qty: 1, unitPrice: total }],
        total,
        paymentMethod: "stored_value",
        storedValueAmount,
        ...extra,
      },
    },
    pos(),
  );
const balance = async (memberId: string) => (await ok(gql(server, BALANCE, { id: memberId }, owner()))).member;
const liability = async () => (await ok(gql(server, LIABILITY, {}, owner()))).storedValueLiability;

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

describe("top-ups", () => {
  it("a plan adds its bonus; the payment id makes a top-up idempotent; the liability follows", async () => {
    const before = await liability();
    const m = await member();
    const p = await plan({ pay: 30000, bonus: 6000 });
    const first = (
      await ok(gql(server, TOPUP, { m: m.id, p: "wx-1", a: 30000, plan: p.id, s: shop.stores[0].id }, pos()))
    ).topUpStoredValue;
    expect(first).toMatchObject({
      created: true,
      topUp: { principal: 30000, bonus: 6000, scope: "any" },
      balance: { principal: 30000, bonus: 6000, total: 36000 },
    });
    const again = (
      await ok(gql(server, TOPUP, { m: m.id, p: "wx-1", a: 30000, plan: p.id, s: shop.stores[0].id }, pos()))
    ).topUpStoredValue;
    expect(again).toMatchObject({ created: false, balance: { total: 36000 } });
    // The same payment id for a different amount is refused.
    expect(codes(await gql(server, TOPUP, { m: m.id, p: "wx-1", a: 100, s: shop.stores[0].id }, pos()))).toEqual([
      "CONFLICT",
    ]);
    // An amount equal to a plan's gets the plan without naming it.
    expect((await ok(topUp(m.id, 30000))).topUpStoredValue.topUp.bonus).toBe(6000);
    const after = await liability();
    expect(after.principal - before.principal).toBe(60000);
    expect(after.bonus - before.bonus).toBe(12000);
  });

  it("refuses bad amounts, a plan's wrong amount, and plan-less top-ups when plans are required", async () => {
    const m = await member();
    const p = await plan({ pay: 10000, bonus: 1000 });
    expect(codes(await topUp(m.id, 0))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await topUp(m.id, -100))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await topUp(m.id, 5000, { plan: p.id }))).toEqual(["BAD_USER_INPUT"]);
    await ok(
      gql(
        server,
        `mutation { updateStoredValueRules(input: { requirePlan: true }) { storedValue { requirePlan } } }`,
        {},
        owner(),
      ),
    );
    const refused = await topUp(m.id, 12345);
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors![0].message).toMatch(/plan/);
    await ok(
      gql(
        server,
        `mutation { updateStoredValueRules(input: { requirePlan: false }) { storedValue { requirePlan } } }`,
        {},
        owner(),
      ),
    );
    expect((await balance(m.id)).storedValue.total).toBe(0);
  });
});

describe("paying from stored value", () => {
  it("pays proportionally from principal and bonus, never more than the balance, and a refund gives back exactly its share", async () => {
    const m = await member();
    const p = await plan({ pay: 20000, bonus: 5000 });
    await ok(topUp(m.id, 20000, { plan: p.id }));
    // 10000 from a 20000 + 5000 lot: 8000 principal, 2000 bonus.
    const paid = (await ok(buy(m.id, 10000, 10000))).recordPurchase;
    expect(paid.account).toEqual({ storedValuePrincipal: 12000, storedValueBonus: 3000 });
    const over = await buy(m.id, 20000, 20000);
    expect(codes(over)).toEqual(["INSUFFICIENT_BALANCE"]);
    expect(codes(await buy(m.id, 1000, 2000))).toEqual(["BAD_USER_INPUT"]);
    // Refund the order: principal and bonus go back where they came from.
    await ok(
      gql(
        server,
        `mutation($input: RefundInput!) { refundOrder(input: $input) { order { status } } }`,
        { input: { refundId: unique("r"), orderId: paid.order.id, lines: [{ sku: "a", qty: 1 }] } },
        pos(),
      ),
    );
    const after = await balance(m.id);
    expect(after.storedValue).toEqual({ principal: 20000, bonus: 5000, total: 25000 });
    expect(
      after.storedValueLedger.nodes.map((e: { type: string; principal: number; bonus: number }) => [
        e.type,
        e.principal,
        e.bonus,
      ]),
    ).toEqual([
      ["refund", 8000, 2000],
      ["pay", -8000, -2000],
      ["topup", 20000, 5000],
    ]);
  });

  it(
    "each refund says what goes back to stored value (principal, bonus) and what the " +
      "till returns by the payment method; the order lists them",
    async () => {
      const m = await member();
      const p = await plan({ pay: 20000, bonus: 5000 });
      await ok(topUp(m.id, 20000, { plan: p.id }));
      // 10000 for two lines, 5000 of it from stored value (4000 principal, 1000 bonus), the rest by card.
      const orderId = unique("o");
      const lines = [
        { sku: "a", name: "甲", qty: 1, unitPrice: 6000 },
        { sku: "b", name: "乙", qty: 2, unitPrice: 2000 },
      ];
      await ok(
        gql(
          server,
          PURCHASE,
          {
            input: {
              orderId,
              memberId: m.id,
              storeId: shop.stores[0].id,
              lines,
              total: 10000,
              paymentMethod: "card",
              storedValueAmount: 5000,
            },
          },
          pos(),
        ),
      );
      const REFUND = `mutation($input: RefundInput!) {
      refundOrder(input: $input) { order { id refunds { id amount lines { sku qty } storedValuePrincipal
        storedValueBonus toPaymentMethod } } }
    }`;
      const first = (
        await ok(gql(server, REFUND, { input: { refundId: "r-1", orderId, lines: [{ sku: "a", qty: 1 }] } }, pos()))
      ).refundOrder.order;
      // 6000 of 10000 refunded: 60 % of the stored-value part (3000 = 2400 + 600) goes back to it, 3000 by card.
      expect(first.refunds).toEqual([
        {
          id: "r-1",
          amount: 6000,
          lines: [{ sku: "a", qty: 1 }],
          storedValuePrincipal: 2400,
          storedValueBonus: 600,
          toPaymentMethod: 3000,
        },
      ]);
      await ok(gql(server, REFUND, { input: { refundId: "r-2", orderId, lines: [{ sku: "b", qty: 2 }] } }, pos()));
      const ORDERS = `query($m: ID!) {
      member(id: $m) { orders(first: 5) { nodes { id refunds { id amount storedValuePrincipal storedValueBonus toPaymentMethod } } } }
    }`;
      const listed = (await ok(gql(server, ORDERS, { m: m.id }, owner()))).member.orders.nodes.find(
        (order: { id: string }) => order.id === orderId,
      );
      expect(listed.refunds).toEqual([
        { id: "r-1", amount: 6000, storedValuePrincipal: 2400, storedValueBonus: 600, toPaymentMethod: 3000 },
        { id: "r-2", amount: 4000, storedValuePrincipal: 1600, storedValueBonus: 400, toPaymentMethod: 2000 },
      ]);
      expect((await balance(m.id)).storedValue).toEqual({ principal: 20000, bonus: 5000, total: 25000 });
    },
  );

  it("仅限本店: a store-only balance cannot be spent in another store", async () => {
    const m = await member();
    const p = await plan({ pay: 5000, bonus: 0, scope: "store" });
    await ok(topUp(m.id, 5000, { plan: p.id }));
    const elsewhere = await buy(m.id, 3000, 3000, { storeId: shop.stores[1].id });
    expect(codes(elsewhere)).toEqual(["INSUFFICIENT_BALANCE"]);
    expect((await ok(buy(m.id, 3000, 3000))).recordPurchase.account.storedValuePrincipal).toBe(2000);
  });

  it("a purchase with a coupon and stored value is one transaction", async () => {
    const m = await member();
    await ok(topUp(m.id, 5000));
    const t = (
      await ok(
        gql(
          server,
          `mutation {
            createCouponTemplate(input: { name: "满50减10", kind: threshold, threshold: 5000, amountOff: 1000, validDays: 7 }) { id }
          }`,
          {},
          owner(),
        ),
      )
    ).createCouponTemplate;
    const code = (
      await ok(
        gql(
          server,
          `mutation($t: ID!, $m: ID!) { claimCoupon(templateId: $t, memberId: $m, requestId: "sv-${Date.now()}") { coupon { code } } }`,
          { t: t.id, m: m.id },
          pos(),
        ),
      )
    ).claimCoupon.coupon.code;
    // 6000 − 1000 = 5000, all from stored value.
    const paid = (await ok(buy(m.id, 6000, 5000, { total: 5000, couponCodes: [code] }))).recordPurchase;
    expect(paid.order).toMatchObject({ total: 5000, storedValueAmount: 5000 });
    expect(paid.account.storedValuePrincipal).toBe(0);
    // Paying more than is left fails whole: the coupon stays unused.
    const t2 = (
      await ok(
        gql(
          server,
          `mutation { createCouponTemplate(input: { name: "五元", kind: amount_off, amountOff: 500, validDays: 7 }) { id } }`,
          {},
          owner(),
        ),
      )
    ).createCouponTemplate;
    const code2 = (
      await ok(
        gql(
          server,
          `mutation($t: ID!, $m: ID!) { claimCoupon(templateId: $t, memberId: $m, requestId: "sv2-${Date.now()}") { coupon { code } } }`,
          { t: t2.id, m: m.id },
          pos(),
        ),
      )
    ).claimCoupon.coupon.code;
    expect(codes(await buy(m.id, 1500, 1000, { total: 1000, couponCodes: [code2] }))).toEqual(["INSUFFICIENT_BALANCE"]);
    expect(
      (await ok(gql(server, `query($c: String!) { coupon(code: $c) { state } }`, { c: code2 }, owner()))).coupon.state,
    ).toBe("issued");
  });

  it("50 concurrent payments against a balance: never negative, principal and bonus conserved to the fen", async () => {
    const m = await member();
    const p = await plan({ pay: 30000, bonus: 6000 });
    await ok(topUp(m.id, 30000, { plan: p.id }));
    const before = await liability();
    // 50 tills each charge ¥9.99: 36000 / 999 = 36 can be paid.
    const results = await Promise.all(Array.from({ length: 50 }, () => persist(() => buy(m.id, 999, 999))));
    const paid = results.filter((r) => !r.errors);
    expect(paid).toHaveLength(36);
    expect(results.filter((r) => r.errors).map((r) => codes(r)[0])).toEqual(Array(14).fill("INSUFFICIENT_BALANCE"));
    const after = await balance(m.id);
    expect(after.storedValue.total).toBe(36000 - 36 * 999);
    expect(after.storedValue.principal).toBeGreaterThanOrEqual(0);
    expect(after.storedValue.bonus).toBeGreaterThanOrEqual(0);
    const ledger = after.storedValueLedger.nodes as {
      type: string;
      principal: number;
      bonus: number;
      principalAfter: number;
      bonusAfter: number;
    }[];
    expect(ledger.filter((e) => e.type === "pay")).toHaveLength(36);
    expect(ledger.reduce((sum, e) => sum + e.principal, 0)).toBe(after.storedValue.principal);
    expect(ledger.reduce((sum, e) => sum + e.bonus, 0)).toBe(after.storedValue.bonus);
    const now = await liability();
    expect(before.principal - now.principal).toBe(30000 - after.storedValue.principal);
    expect(before.bonus - now.bonus).toBe(6000 - after.storedValue.bonus);
  });
});

describe("refunding a top-up", () => {
  it("returns the unused principal and takes back the unused bonus, once", async () => {
    const m = await member();
    const p = await plan({ pay: 10000, bonus: 2000 });
    await ok(gql(server, TOPUP, { m: m.id, p: "refund-me", a: 10000, plan: p.id, s: shop.stores[0].id }, pos()));
    await ok(buy(m.id, 6000, 6000)); // 5000 principal, 1000 bonus
    const REFUND = `mutation($m: ID!) {
      refundTopUp(memberId: $m, paymentId: "refund-me", reason: "顾客退卡") { created refund { principalReturned
        principalKept bonusForfeited } balance { total } }
    }`;
    expect(codes(await gql(server, REFUND, { m: m.id }, { token: shop.clerkToken }))).toEqual(["FORBIDDEN"]);
    const done = (await ok(gql(server, REFUND, { m: m.id }, owner()))).refundTopUp;
    expect(done).toEqual({
      created: true,
      refund: { principalReturned: 5000, principalKept: 0, bonusForfeited: 1000 },
      balance: { total: 0 },
    });
    expect((await ok(gql(server, REFUND, { m: m.id }, owner()))).refundTopUp.created).toBe(false);
  });

  it("under deduct_spent_bonus the bonus already spent comes off the principal returned", async () => {
    await ok(
      gql(
        server,
        `mutation { updateStoredValueRules(input: { refundRule: deduct_spent_bonus }) { storedValue { refundRule } } }`,
        {},
        owner(),
      ),
    );
    const m = await member();
    const p = await plan({ pay: 10000, bonus: 2000 });
    await ok(gql(server, TOPUP, { m: m.id, p: `strict-${m.id}`, a: 10000, plan: p.id, s: shop.stores[0].id }, pos()));
    await ok(buy(m.id, 6000, 6000));
    const done = (
      await ok(
        gql(
          server,
          `mutation($m: ID!, $p: String!) {
            refundTopUp(memberId: $m, paymentId: $p, reason: "退卡") { refund { principalReturned principalKept bonusForfeited } }
          }`,
          { m: m.id, p: `strict-${m.id}` },
          owner(),
        ),
      )
    ).refundTopUp;
    expect(done.refund).toEqual({ principalReturned: 4000, principalKept: 1000, bonusForfeited: 1000 });
    await ok(
      gql(
        server,
        `mutation { updateStoredValueRules(input: { refundRule: forfeit_bonus }) { storedValue { refundRule } } }`,
        {},
        owner(),
      ),
    );
  });
});

describe("other merchants", () => {
  it("cannot top up, pay from, see or count this merchant's stored value", async () => {
    const other = await createMerchant(server);
    const m = await member();
    await ok(topUp(m.id, 1000));
    expect(
      codes(
        await gql(server, TOPUP, { m: m.id, p: unique("x"), a: 100, s: other.stores[0].id }, { apiKey: other.apiKey }),
      ),
    ).toEqual(["NOT_FOUND"]);
    expect(
      codes(
        await gql(
          server,
          PURCHASE,
          {
            input: {
              orderId: unique("o"),
              memberId: m.id,
              storeId: other.stores[0].id,
              lines: [{ sku: "a", name: "x", qty: 1, unitPrice: 100 }],
              total: 100,
              paymentMethod: "sv",
              storedValueAmount: 100,
            },
          },
          { apiKey: other.apiKey },
        ),
      ),
    ).toEqual(["NOT_FOUND"]);
    expect(
      (await ok(gql(server, `query($id: ID!) { member(id: $id) { id } }`, { id: m.id }, { token: other.ownerToken })))
        .member,
    ).toBeNull();
    expect((await ok(gql(server, LIABILITY, {}, { token: other.ownerToken }))).storedValueLiability).toMatchObject({
      principal: 0,
      bonus: 0,
    });
    expect((await balance(m.id)).storedValue.total).toBe(1000);
  });
});
