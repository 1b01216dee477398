/**
 * One idempotency contract for every mutation that takes a caller's key, as
 * Stripe's: the key reused with the same parameters returns the first answer;
 * reused with any other parameter it is refused with CONFLICT, naming the key
 * (extensions.field) and the parameter that differs (extensions.differs), and
 * changes nothing. The schema is read to find every such mutation, so a new
 * one cannot be left out of this file.
 */
import { isInputObjectType, isNonNullType, type GraphQLField } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../graphql/schema.js";
import { createMerchant, gql, ok, unique, type TestMerchant } from "../support/api.js";
import { enrol } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

/** Arguments and input fields that are a caller's idempotency key. */
const KEY_NAMES = ["requestId", "orderId", "refundId", "paymentId", "holdId"];

/**
 * Mutations with such a field that are not requests to be made once, and why.
 * refundOrder's orderId names the order refunded; its key is refundId (below).
 */
const NOT_KEYED: Record<string, string> = {};

/** Mutations whose key names what an earlier request made, with a test of their own below. */
const KEYED_ELSEWHERE = ["refundTopUp", "releaseCoupons"];

type Vars = Record<string, unknown>;
interface Keyed {
  key: string;
  document: string;
  /** The first request's variables (fresh key each call). */
  base: () => Vars;
  /** The same key with one parameter changed, by parameter name. */
  variants: Record<string, (vars: Vars) => Vars>;
  /** What identifies the first answer (the replay must give it again). */
  answer: (data: any) => unknown;
}

let server: TestServer;
let shop: TestMerchant;
const owner = () => ({ token: shop.ownerToken });
let memberA: string;
let memberB: string;
let templateA: string;
let templateB: string;
let rewardA: string;
let rewardB: string;
/** Coupons of member A (two) and B (one), for holds. */
const heldCoupons: string[] = [];
const orders: { id: string; lines: Vars[] }[] = [];

const LINES = [{ sku: "tea", name: "奶茶", category: "drinks", qty: 2, unitPrice: 1500 }];
const input = (vars: Vars, change: Vars) => ({ ...vars, input: { ...(vars.input as Vars), ...change } });

/** A recorded purchase of member A, for refunds: its own order each time. */
async function purchase(): Promise<{ id: string; lines: Vars[] }> {
  const orderId = unique("idem-order");
  const lines = [...LINES, { sku: "cake", name: "蛋糕", category: "food", qty: 1, unitPrice: 2000 }];
  const purchaseInput = {
    orderId,
    memberId: memberA,
    storeId: shop.stores[0].id,
    lines,
    total: 5000,
    paymentMethod: "cash",
  };
  await ok(
    gql(
      server,
      `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { created } }`,
      { input: purchaseInput },
      owner(),
    ),
  );
  return { id: orderId, lines };
}

const KEYED: Record<string, Keyed> = {
  recordPurchase: {
    key: "orderId",
    document: `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { order { id memberId total } created } }`,
    base: () => ({
      input: {
        orderId: unique("idem"),
        memberId: memberA,
        storeId: shop.stores[0].id,
        lines: LINES,
        total: 3000,
        paymentMethod: "cash",
      },
    }),
    variants: {
      memberId: (v) => input(v, { memberId: memberB }),
      storeId: (v) => input(v, { storeId: shop.stores[1].id }),
      paymentMethod: (v) => input(v, { paymentMethod: "wechat" }),
      lines: (v) => input(v, { lines: [{ ...LINES[0], unitPrice: 1000 }], total: 2000 }),
      at: (v) => input(v, { at: new Date(Date.now() - 3_600_000).toISOString() }),
    },
    answer: (data) => data.recordPurchase.order,
  },
  refundOrder: {
    key: "refundId",
    document: `mutation($input: RefundInput!) { refundOrder(input: $input) { order { id status } account { available } created } }`,
    base: () => ({
      input: { refundId: unique("idem-refund"), orderId: orders[0].id, lines: [{ sku: "tea", qty: 1 }] },
    }),
    variants: {
      lines: (v) => input(v, { lines: [{ sku: "cake", qty: 1 }] }),
      orderId: (v) => input(v, { orderId: orders[1].id }),
    },
    answer: (data) => data.refundOrder.order.id,
  },
  redeemPoints: {
    key: "requestId",
    document: `mutation($m: ID!, $p: Int!, $requestId: String!, $r: String) {
      redeemPoints(memberId: $m, points: $p, requestId: $requestId, reason: $r) { entry { id points } created }
    }`,
    base: () => ({ m: memberA, p: 5, requestId: unique("idem"), r: "兑换" }),
    variants: {
      memberId: (v) => ({ ...v, m: memberB }),
      points: (v) => ({ ...v, p: 6 }),
      reason: (v) => ({ ...v, r: "别的" }),
    },
    answer: (data) => data.redeemPoints.entry,
  },
  adjustPoints: {
    key: "requestId",
    document: `mutation($m: ID!, $p: Int!, $requestId: String!, $r: String!) {
      adjustPoints(memberId: $m, points: $p, requestId: $requestId, reason: $r) { entry { id points } created }
    }`,
    base: () => ({ m: memberA, p: 7, requestId: unique("idem"), r: "补录" }),
    variants: {
      memberId: (v) => ({ ...v, m: memberB }),
      points: (v) => ({ ...v, p: -7 }),
      reason: (v) => ({ ...v, r: "别的" }),
    },
    answer: (data) => data.adjustPoints.entry,
  },
  redeemReward: {
    key: "requestId",
    document: `mutation($m: ID!, $w: ID!, $requestId: String!) {
      redeemReward(memberId: $m, rewardId: $w, requestId: $requestId) { redemption { id } created }
    }`,
    base: () => ({ m: memberA, w: rewardA, requestId: unique("idem") }),
    variants: { memberId: (v) => ({ ...v, m: memberB }), rewardId: (v) => ({ ...v, w: rewardB }) },
    answer: (data) => data.redeemReward.redemption.id,
  },
  recordAnonymousOrder: {
    key: "orderId",
    document: `mutation($orderId: ID!, $s: ID!, $t: Int!) {
      recordAnonymousOrder(orderId: $orderId, storeId: $s, total: $t) { orderId at created }
    }`,
    base: () => ({ orderId: unique("idem-anon"), s: shop.stores[0].id, t: 1200 }),
    variants: { storeId: (v) => ({ ...v, s: shop.stores[1].id }), total: (v) => ({ ...v, t: 1300 }) },
    answer: (data) => data.recordAnonymousOrder.at,
  },
  logContact: {
    key: "requestId",
    document: `mutation($input: LogContactInput!) { logContact(input: $input) { contact { id } created } }`,
    base: () => ({ input: { memberId: memberA, channel: "CALL", note: "回访", requestId: unique("idem") } }),
    variants: {
      memberId: (v) => input(v, { memberId: memberB }),
      channel: (v) => input(v, { channel: "WECHAT" }),
      note: (v) => input(v, { note: "另一条" }),
    },
    answer: (data) => data.logContact.contact.id,
  },
  topUpStoredValue: {
    key: "paymentId",
    document: `mutation($m: ID!, $paymentId: String!, $a: Int!, $s: ID) {
      topUpStoredValue(memberId: $m, paymentId: $paymentId, amount: $a, storeId: $s) { topUp { paymentId principal } created }
    }`,
    base: () => ({ m: memberA, paymentId: unique("idem-pay"), a: 10_000, s: shop.stores[0].id }),
    variants: {
      memberId: (v) => ({ ...v, m: memberB }),
      amount: (v) => ({ ...v, a: 20_000 }),
      storeId: (v) => ({ ...v, s: shop.stores[1].id }),
    },
    answer: (data) => data.topUpStoredValue.topUp,
  },
  claimCoupon: {
    key: "requestId",
    document: `mutation($t: ID!, $m: ID!, $requestId: String!) {
      claimCoupon(templateId: $t, memberId: $m, requestId: $requestId) { coupon { code } created }
    }`,
    base: () => ({ t: templateA, m: memberA, requestId: unique("idem") }),
    variants: { templateId: (v) => ({ ...v, t: templateB }), memberId: (v) => ({ ...v, m: memberB }) },
    answer: (data) => data.claimCoupon.coupon.code,
  },
  reserveCoupons: {
    key: "holdId",
    document: `mutation($input: BasketInput!, $holdId: String!) {
      reserveCoupons(input: $input, holdId: $holdId, minutes: 5) { holdId quote { total discount } }
    }`,
    base: () => ({
      input: { memberId: memberA, storeId: shop.stores[0].id, lines: LINES, couponCodes: [heldCoupons[0]] },
      holdId: unique("idem-hold"),
    }),
    variants: {
      memberId: (v) => input(v, { memberId: memberB }),
      storeId: (v) => input(v, { storeId: shop.stores[1].id }),
      couponCodes: (v) => input(v, { couponCodes: [heldCoupons[1]] }),
    },
    answer: (data) => data.reserveCoupons,
  },
  issueCoupons: {
    key: "requestId",
    document: `mutation($t: ID!, $ms: [ID!]!, $requestId: String!, $n: String) {
      issueCoupons(templateId: $t, memberIds: $ms, requestId: $requestId, note: $n) { memberId coupon { code } created }
    }`,
    base: () => ({ t: templateA, ms: [memberA], requestId: unique("idem"), n: "回馈" }),
    variants: {
      templateId: (v) => ({ ...v, t: templateB }),
      memberIds: (v) => ({ ...v, ms: [memberA, memberB] }),
      note: (v) => ({ ...v, n: "别的" }),
    },
    answer: (data) => data.issueCoupons.map((result: { coupon: { code: string } }) => result.coupon.code),
  },
  issueCouponsToAudience: {
    key: "requestId",
    document: `mutation($t: ID!, $a: CouponAudienceInput!, $requestId: String!, $n: String) {
      issueCouponsToAudience(templateId: $t, audience: $a, requestId: $requestId, note: $n) {
        members issued alreadyIssued notGiven { reason members }
      }
    }`,
    base: () => ({ t: templateA, a: { tag: "常客" }, requestId: unique("idem"), n: "回馈" }),
    variants: {
      templateId: (v) => ({ ...v, t: templateB }),
      audience: (v) => ({ ...v, a: { tag: "新客" } }),
      note: (v) => ({ ...v, n: "别的" }),
    },
    // A replay issues nothing more: what this request gave (now or the first time) and to whom is the same answer.
    answer: ({ issueCouponsToAudience: r }) => [r.members, r.issued + r.alreadyIssued, r.notGiven],
  },
};

/** refundTopUp needs a top-up of its own to refund: its key is the top-up's paymentId. */
async function topUpToRefund(): Promise<string> {
  const paymentId = unique("idem-refund-pay");
  await ok(
    gql(
      server,
      `mutation($m: ID!, $p: String!, $s: ID!) { topUpStoredValue(memberId: $m, paymentId: $p, amount: 5000, storeId: $s) { created } }`,
      { m: memberA, p: paymentId, s: shop.stores[0].id },
      owner(),
    ),
  );
  return paymentId;
}

/** Everything a refused call must leave as it was: both members' accounts, stock, orders and liabilities. */
async function state(): Promise<string> {
  const data = await ok(
    gql(
      server,
      `query($a: ID!, $b: ID!) {
        a: member(id: $a) { version account { available pending growth storedValuePrincipal storedValueBonus }
          coupons(first: 50) { nodes { code state } } }
        b: member(id: $b) { version account { available pending growth storedValuePrincipal storedValueBonus }
          coupons(first: 50) { nodes { code state } } }
        rewards(first: 20) { nodes { id stock } }
        liabilityReport { points storedValuePrincipal storedValueBonus couponsOpen }
      }`,
      { a: memberA, b: memberB },
      owner(),
    ),
  );
  return JSON.stringify(data);
}

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
  memberA = (await enrol(server, owner(), { homeStoreId: shop.stores[0].id, name: "甲", tags: ["常客"] })).id;
  memberB = (await enrol(server, owner(), { homeStoreId: shop.stores[0].id, name: "乙", tags: ["常客"] })).id;
  const template = async (name: string) =>
    (
      await ok(
        gql(
          server,
          `mutation($n: String!) { createCouponTemplate(input: { name: $n, kind: amount_off, amountOff: 500, validDays: 7 }) { id } }`,
          { n: name },
          owner(),
        ),
      )
    ).createCouponTemplate.id;
  templateA = await template("五元甲");
  templateB = await template("五元乙");
  const reward = async (name: string) =>
    (
      await ok(
        gql(
          server,
          `mutation($n: String!) { createReward(input: { name: $n, pointsCost: 10, stock: 100 }) { id } }`,
          { n: name },
          owner(),
        ),
      )
    ).createReward.id;
  rewardA = await reward("帆布袋");
  rewardB = await reward("杯子");
  orders.push(await purchase(), await purchase(), await purchase());
  const claim = async (member: string) =>
    (
      await ok(
        gql(
          server,
          `mutation($t: ID!, $m: ID!, $r: String!) { claimCoupon(templateId: $t, memberId: $m, requestId: $r) { coupon { code } } }`,
          { t: templateA, m: member, r: unique("hold-claim") },
          owner(),
        ),
      )
    ).claimCoupon.coupon.code;
  heldCoupons.push(await claim(memberA), await claim(memberA), await claim(memberA), await claim(memberB));
});
afterAll(() => server?.stop());

describe("the idempotency contract", () => {
  it("covers every mutation of the schema that takes a caller's key", () => {
    const mutations = Object.values(schema.getMutationType()!.getFields());
    const fieldNames = (field: GraphQLField<unknown, unknown>) =>
      field.args.flatMap((arg) => {
        const type = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
        return isInputObjectType(type) ? Object.keys(type.getFields()) : [arg.name];
      });
    const keyed = mutations
      .filter((field) => fieldNames(field).some((name) => KEY_NAMES.includes(name)))
      .map((field) => field.name);
    expect(keyed.length).toBeGreaterThan(10);
    expect(keyed.filter((name) => !(name in KEYED) && !(name in NOT_KEYED) && !KEYED_ELSEWHERE.includes(name))).toEqual(
      [],
    );
  });

  for (const [name, op] of Object.entries(KEYED)) {
    it(
      `${name}: the same ${op.key} with the same parameters answers as the first time; ` +
        `with any other, CONFLICT naming what differs, and nothing changes`,
      async () => {
        const vars = op.base();
        const first = await ok(gql(server, op.document, vars, owner()));
        const again = await ok(gql(server, op.document, vars, owner()));
        expect(op.answer(again)).toEqual(op.answer(first));
        expect(JSON.stringify(again)).not.toContain('"created":true');
        for (const [differs, change] of Object.entries(op.variants)) {
          const before = await state();
          const refused = await gql(server, op.document, change(vars), owner());
          expect(
            refused.errors?.map((error) => error.extensions),
            `${name} with another ${differs}`,
          ).toEqual([expect.objectContaining({ code: "CONFLICT", field: op.key, differs })]);
          expect(await state(), `${name} with another ${differs} changed nothing`).toBe(before);
        }
      },
    );
  }

  it("refundTopUp: the same paymentId and reason answers as the first time; another reason or member is a CONFLICT", async () => {
    const paymentId = await topUpToRefund();
    const document = `mutation($m: ID!, $p: String!, $r: String!) {
      refundTopUp(memberId: $m, paymentId: $p, reason: $r) { refund { paymentId principalReturned at } created }
    }`;
    const first = await ok(gql(server, document, { m: memberA, p: paymentId, r: "顾客退卡" }, owner()));
    const again = await ok(gql(server, document, { m: memberA, p: paymentId, r: "顾客退卡" }, owner()));
    expect([first.refundTopUp.created, again.refundTopUp.created]).toEqual([true, false]);
    expect(again.refundTopUp.refund).toEqual(first.refundTopUp.refund);
    for (const [differs, vars] of [
      ["reason", { m: memberA, p: paymentId, r: "别的" }],
      ["memberId", { m: memberB, p: paymentId, r: "顾客退卡" }],
    ] as const) {
      const before = await state();
      const refused = await gql(server, document, vars, owner());
      expect(refused.errors?.map((error) => error.extensions)).toEqual([
        expect.objectContaining({ code: "CONFLICT", field: "paymentId", differs }),
      ]);
      expect(await state()).toBe(before);
    }
  });

  it(
    "a hold: the basket may change under the same holdId; releasing names the hold's " +
      "member or is a CONFLICT, and repeats harmlessly",
    async () => {
      const holdId = unique("idem-hold");
      const reserve = `mutation($input: BasketInput!, $holdId: String!) {
      reserveCoupons(input: $input, holdId: $holdId) { holdId quote { total } }
    }`;
      const basket = { memberId: memberA, storeId: shop.stores[0].id, lines: LINES, couponCodes: [heldCoupons[2]] };
      await ok(gql(server, reserve, { input: basket, holdId }, owner()));
      const grown = [...LINES, { sku: "cake", name: "蛋糕", category: "food", qty: 1, unitPrice: 2000 }];
      expect(
        (await ok(gql(server, reserve, { input: { ...basket, lines: grown }, holdId }, owner()))).reserveCoupons.quote
          .total,
      ).toBe(4500);
      const release = `mutation($m: ID!, $holdId: String!, $c: [String!]!) {
      releaseCoupons(memberId: $m, holdId: $holdId, couponCodes: $c) { code state }
    }`;
      const before = await state();
      const refused = await gql(server, release, { m: memberB, holdId, c: [heldCoupons[3]] }, owner());
      expect(refused.errors?.map((error) => error.extensions)).toEqual([
        expect.objectContaining({ code: "CONFLICT", field: "holdId", differs: "memberId" }),
      ]);
      expect(await state()).toBe(before);
      const released = await ok(gql(server, release, { m: memberA, holdId, c: [heldCoupons[2]] }, owner()));
      expect(released.releaseCoupons).toEqual([{ code: expect.any(String), state: "issued" }]);
      expect(
        (await ok(gql(server, release, { m: memberA, holdId, c: [heldCoupons[2]] }, owner()))).releaseCoupons,
      ).toEqual(released.releaseCoupons);
    },
  );

  it("a key refused for a bad request is not taken: the corrected request with the same key goes through", async () => {
    const requestId = unique("idem");
    const document = `mutation($t: ID!, $ms: [ID!]!, $requestId: String!) {
      issueCoupons(templateId: $t, memberIds: $ms, requestId: $requestId) { created }
    }`;
    const missing = await gql(server, document, { t: "no-such-template", ms: [memberA], requestId }, owner());
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const issued = await ok(gql(server, document, { t: templateA, ms: [memberA], requestId }, owner()));
    expect(issued.issueCoupons).toEqual([{ created: true }]);
  });

  it("another merchant's identical key is its own: keys are per merchant", async () => {
    const other = await createMerchant(server);
    const member = (await enrol(server, { token: other.ownerToken }, { homeStoreId: other.stores[0].id })).id;
    const vars = KEYED.recordPurchase.base() as { input: Vars };
    await ok(gql(server, KEYED.recordPurchase.document, vars, owner()));
    const theirs = await ok(
      gql(
        server,
        KEYED.recordPurchase.document,
        { input: { ...vars.input, memberId: member, storeId: other.stores[0].id } },
        { token: other.ownerToken },
      ),
    );
    expect(theirs.recordPurchase).toMatchObject({ created: true, order: { memberId: member } });
  });
});
