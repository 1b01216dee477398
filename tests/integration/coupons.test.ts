/**
 * Coupons end to end over the API and DynamoDB Local: templates, issuing,
 * the wallet, quote → hold → redeem inside the purchase, refunds that give a
 * coupon back, the welcome pack, the points mall, and the races that must
 * never double-use a coupon or over-issue a template.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codes,
  createMerchant,
  gql,
  ok,
  persist,
  unique,
  type Credentials,
  type TestMerchant,
} from "../support/api.js";
import { enrol, phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
const owner = () => ({ token: shop.ownerToken });
const pos = () => ({ apiKey: shop.apiKey });

const TEMPLATE = `mutation($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { id name kind issued totalStock status } }`;
const CLAIM = `mutation($t: ID!, $m: ID!, $r: String!) {
  claimCoupon(templateId: $t, memberId: $m, requestId: $r) { created coupon { code state } }
}`;
const QUOTE = `query($input: BasketInput!) {
  quoteCheckout(input: $input) { subtotal discount total steps { code discount totalAfter lines { sku discount
    } } rejected { code reason message } }
}`;
const PURCHASE = `mutation($input: RecordPurchaseInput!) {
  recordPurchase(input: $input) { created order { id total subtotal discount points coupons { code discount }
    couponsRestored lines { sku discount } } account { available visits } }
}`;
const REFUND = `mutation($input: RefundInput!) { refundOrder(input: $input) { order { status couponsRestored } } }`;
const COUPON = `query($c: String!) { coupon(code: $c) { code state redeemedOrderId redeemedDiscount reservedUntil } }`;
const WALLET = `query($id: ID!) { member(id: $id) { coupons(first: 50) { nodes { code name state source } } } }`;

const LINES = [
  { sku: "coffee", name: "咖啡豆", category: "coffee", qty: 2, unitPrice: 6000 },
  { sku: "cup", name: "杯子", category: "ware", qty: 1, unitPrice: 3000 },
];
// subtotal 15000

async function template(input: Record<string, unknown>, creds: Credentials = owner()) {
  return (await ok(gql(server, TEMPLATE, { input: { name: unique("券"), validDays: 30, ...input } }, creds)))
    .createCouponTemplate;
}
async function claim(templateId: string, memberId: string, creds: Credentials = pos()) {
  return (await ok(gql(server, CLAIM, { t: templateId, m: memberId, r: unique("claim") }, creds))).claimCoupon.coupon
    .code as string;
}
const member = () => enrol(server, pos(), { homeStoreId: shop.stores[0].id });
const purchase = (memberId: string, extra: Record<string, unknown>, creds: Credentials = pos()) =>
  gql(
    server,
    PURCHASE,
    {
      input: {
        orderId: unique("o"),
        memberId,
        storeId: shop.stores[0].id,
        lines: LINES,
        total: 15000,
        paymentMethod: "wechat",
        ...extra,
      },
    },
    creds,
  );

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

describe("checkout with a coupon", () => {
  it("quote, then the purchase uses the coupon: discount on the lines, points on what was paid, the coupon redeemed once", async () => {
    const m = await member();
    const t = await template({ kind: "threshold", threshold: 10000, amountOff: 2000 });
    const code = await claim(t.id, m.id);
    const quoted = (
      await ok(
        gql(
          server,
          QUOTE,
          { input: { memberId: m.id, storeId: shop.stores[0].id, lines: LINES, couponCodes: [code.toLowerCase()] } },
          pos(),
        ),
      )
    ).quoteCheckout;
    expect(quoted).toMatchObject({ subtotal: 15000, discount: 2000, total: 13000, rejected: [] });
    expect(quoted.steps[0].lines).toEqual([
      { sku: "coffee", discount: 1600 },
      { sku: "cup", discount: 400 },
    ]);

    const paid = (await ok(purchase(m.id, { couponCodes: [code], total: 13000 }))).recordPurchase;
    expect(paid.order).toMatchObject({
      total: 13000,
      subtotal: 15000,
      discount: 2000,
      points: 130,
      coupons: [{ code, discount: 2000 }],
    });
    expect(paid.order.lines.map((l: { discount: number }) => l.discount)).toEqual([1600, 400]);
    expect((await ok(gql(server, COUPON, { c: code }, owner()))).coupon).toMatchObject({
      state: "redeemed",
      redeemedOrderId: paid.order.id,
      redeemedDiscount: 2000,
    });
    const wallet = (await ok(gql(server, WALLET, { id: m.id }, owner()))).member.coupons.nodes;
    expect(wallet).toEqual([expect.objectContaining({ code, state: "redeemed", source: "claim" })]);

    // Using it again is refused with the reason, and nothing is recorded.
    const again = await purchase(m.id, { couponCodes: [code], total: 13000 });
    expect(codes(again)).toEqual(["COUPON_REJECTED"]);
    expect(again.errors![0].extensions).toMatchObject({ reason: "ALREADY_REDEEMED", couponCode: code });
  });

  it("a total that ignores the coupon is refused and changes nothing", async () => {
    const m = await member();
    const t = await template({ kind: "amount_off", amountOff: 500 });
    const code = await claim(t.id, m.id);
    const wrong = await purchase(m.id, { couponCodes: [code], total: 15000 });
    expect(codes(wrong)).toEqual(["BAD_USER_INPUT"]);
    expect(wrong.errors![0].message).toMatch(/total is 14500/);
    expect((await ok(gql(server, COUPON, { c: code }, owner()))).coupon.state).toBe("issued");
    expect(
      (await ok(gql(server, `query($id: ID!) { member(id: $id) { account { visits } } }`, { id: m.id }, owner())))
        .member.account.visits,
    ).toBe(0);
  });

  it("50 tills race to use one coupon: exactly one purchase goes through, the rest are told it was used", async () => {
    const m = await member();
    const t = await template({ kind: "amount_off", amountOff: 1000 });
    const code = await claim(t.id, m.id);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => persist(() => purchase(m.id, { couponCodes: [code], total: 14000 }))),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    const losers = results.filter((r) => r.errors);
    expect(losers.map((r) => codes(r)[0])).toEqual(Array(49).fill("COUPON_REJECTED"));
    expect(new Set(losers.map((r) => (r.errors![0].extensions as { reason: string }).reason))).toEqual(
      new Set(["ALREADY_REDEEMED"]),
    );
    const after = (
      await ok(
        gql(
          server,
          `query($id: ID!) { member(id: $id) { account { visits lifetimeSpend } orders { nodes { id } } } }`,
          { id: m.id },
          owner(),
        ),
      )
    ).member;
    expect(after.account).toMatchObject({ visits: 1, lifetimeSpend: 14000 });
    expect(after.orders.nodes).toHaveLength(1);
    expect((await ok(gql(server, COUPON, { c: code }, owner()))).coupon.redeemedOrderId).toBe(
      winners[0].data.recordPurchase.order.id,
    );
  });

  it("a hold keeps other tills off the coupon until it is released; the holding till can use it", async () => {
    const m = await member();
    const t = await template({ kind: "percent_off", percentOff: 10 });
    const code = await claim(t.id, m.id);
    const basket = { memberId: m.id, storeId: shop.stores[0].id, lines: LINES, couponCodes: [code] };
    const held = (
      await ok(
        gql(
          server,
          `mutation($input: BasketInput!) { reserveCoupons(input: $input, holdId: "till-1", minutes: 5) { holdId until quote { total } } }`,
          { input: basket },
          pos(),
        ),
      )
    ).reserveCoupons;
    expect(held).toMatchObject({ holdId: "till-1", quote: { total: 13500 } });
    expect((await ok(gql(server, COUPON, { c: code }, owner()))).coupon).toMatchObject({
      state: "reserved",
      reservedUntil: held.until,
    });
    // Another till sees it held, and cannot use it.
    expect(
      (await ok(gql(server, QUOTE, { input: basket }, pos()))).quoteCheckout.rejected.map(
        (r: { reason: string }) => r.reason,
      ),
    ).toEqual(["RESERVED"]);
    expect(
      (await purchase(m.id, { couponCodes: [code], total: 13500, holdId: "till-2" })).errors![0].extensions,
    ).toMatchObject({ code: "COUPON_REJECTED", reason: "RESERVED" });
    // Released, anyone can; held again by till-1, till-1 uses it.
    const released = (
      await ok(
        gql(
          server,
          `mutation($m: ID!, $c: [String!]!) { releaseCoupons(memberId: $m, holdId: "till-1", couponCodes: $c) { code state } }`,
          { m: m.id, c: [code] },
          pos(),
        ),
      )
    ).releaseCoupons;
    expect(released).toEqual([{ code, state: "issued" }]);
    await ok(
      gql(
        server,
        `mutation($input: BasketInput!) { reserveCoupons(input: $input, holdId: "till-1") { holdId } }`,
        { input: basket },
        pos(),
      ),
    );
    const used = (await ok(purchase(m.id, { couponCodes: [code], total: 13500, holdId: "till-1" }))).recordPurchase;
    expect(used.order.discount).toBe(1500);
  });

  it("refunding the whole order gives the coupon back; a partial refund does not", async () => {
    const m = await member();
    const t = await template({ kind: "amount_off", amountOff: 1000 });
    const code = await claim(t.id, m.id);
    const order = (await ok(purchase(m.id, { couponCodes: [code], total: 14000 }))).recordPurchase.order;
    const partial = (
      await ok(
        gql(
          server,
          REFUND,
          { input: { refundId: unique("r"), orderId: order.id, lines: [{ sku: "cup", qty: 1 }] } },
          pos(),
        ),
      )
    ).refundOrder.order;
    expect(partial).toMatchObject({ status: "partially_refunded", couponsRestored: false });
    expect((await ok(gql(server, COUPON, { c: code }, owner()))).coupon.state).toBe("redeemed");
    const full = (
      await ok(
        gql(
          server,
          REFUND,
          { input: { refundId: unique("r"), orderId: order.id, lines: [{ sku: "coffee", qty: 2 }] } },
          pos(),
        ),
      )
    ).refundOrder.order;
    expect(full).toMatchObject({ status: "refunded", couponsRestored: true });
    expect((await ok(gql(server, COUPON, { c: code }, owner()))).coupon).toMatchObject({
      state: "issued",
      redeemedOrderId: null,
    });
    // And it can be used again.
    expect((await ok(purchase(m.id, { couponCodes: [code], total: 14000 }))).recordPurchase.order.discount).toBe(1000);
  });
});

describe("issuing", () => {
  it("300 concurrent claims on a stock of 100: exactly 100 coupons exist afterwards", async () => {
    const t = await template({ kind: "amount_off", amountOff: 300, totalStock: 100 });
    const members = await Promise.all(Array.from({ length: 30 }, () => member()));
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        persist(() => gql(server, CLAIM, { t: t.id, m: members[i % 30].id, r: `race-${t.id}-${i}` }, pos())),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(100);
    expect(results.filter((r) => r.errors).map((r) => (r.errors![0].extensions as { reason?: string }).reason)).toEqual(
      Array(200).fill("OUT_OF_STOCK"),
    );
    const issued = (
      await ok(gql(server, `query($id: ID!) { couponTemplate(id: $id) { issued totalStock } }`, { id: t.id }, owner()))
    ).couponTemplate;
    expect(issued).toEqual({ issued: 100, totalStock: 100 });
    let held = 0;
    for (const m of members) held += (await ok(gql(server, WALLET, { id: m.id }, owner()))).member.coupons.nodes.length;
    expect(held).toBe(100);
  });

  it("a per-member limit holds, a request id makes a claim idempotent, and a paused template issues nothing", async () => {
    const m = await member();
    const t = await template({ kind: "amount_off", amountOff: 300, perMemberLimit: 1 });
    const first = await ok(gql(server, CLAIM, { t: t.id, m: m.id, r: "same-request" }, pos()));
    const repeat = await ok(gql(server, CLAIM, { t: t.id, m: m.id, r: "same-request" }, pos()));
    expect(repeat.claimCoupon).toEqual({ created: false, coupon: first.claimCoupon.coupon });
    const second = await gql(server, CLAIM, { t: t.id, m: m.id, r: unique("c") }, pos());
    expect(second.errors![0].extensions).toMatchObject({ code: "CONFLICT", reason: "LIMIT_REACHED" });
    await ok(
      gql(
        server,
        `mutation($id: ID!) { updateCouponTemplate(id: $id, input: { status: paused }) { status } }`,
        { id: t.id },
        owner(),
      ),
    );
    const paused = await gql(server, CLAIM, { t: t.id, m: (await member()).id, r: unique("c") }, pos());
    expect(codes(paused)).toEqual(["BAD_USER_INPUT"]);
    expect(paused.errors![0].message).toMatch(/paused/);
  });

  it("staff issue by hand to a list; each member gets one, repeats change nothing, unknown members are reported", async () => {
    const t = await template({ kind: "gift", giftSku: "cup" });
    const list = [await member(), await member()];
    const ISSUE = `mutation($t: ID!, $ids: [ID!]!, $r: String!) {
      issueCoupons(templateId: $t, memberIds: $ids, requestId: $r) { memberId created errorCode coupon { code source } }
    }`;
    const ids = [...list.map((m) => m.id), "no-such-member"];
    const issued = (await ok(gql(server, ISSUE, { t: t.id, ids, r: "batch-1" }, { token: shop.managerToken })))
      .issueCoupons;
    expect(issued.map((r: { created: boolean; errorCode: string | null }) => [r.created, r.errorCode])).toEqual([
      [true, null],
      [true, null],
      [false, "NOT_FOUND"],
    ]);
    const again = (await ok(gql(server, ISSUE, { t: t.id, ids, r: "batch-1" }, owner()))).issueCoupons;
    expect(again.map((r: { created: boolean }) => r.created)).toEqual([false, false, false]);
    expect(again[0].coupon.code).toBe(issued[0].coupon.code);
    expect(codes(await gql(server, ISSUE, { t: t.id, ids, r: "batch-2" }, { token: shop.clerkToken }))).toEqual([
      "FORBIDDEN",
    ]);
    expect(codes(await gql(server, ISSUE, { t: t.id, ids, r: "batch-3" }, pos()))).toEqual(["FORBIDDEN"]);
  });

  it("the welcome pack comes with enrolment, once", async () => {
    // A merchant of its own: the welcome pack comes with every enrolment at the merchant, other tests' members too.
    const own = await createMerchant(server);
    const ownOwner = { token: own.ownerToken };
    const ownPos = { apiKey: own.apiKey };
    const a = await template({ kind: "amount_off", amountOff: 500 }, ownOwner);
    const b = await template({ kind: "percent_off", percentOff: 20, maxDiscount: 3000 }, ownOwner);
    await ok(
      gql(
        server,
        `mutation($ids: [ID!]) { updateCouponSettings(welcomeTemplateIds: $ids) { welcomeCouponTemplateIds } }`,
        { ids: [a.id, b.id] },
        ownOwner,
      ),
    );
    const ENROL = `mutation($input: RegisterMemberInput!) {
      registerMember(input: $input) { created member { id } welcomeCoupons { name source state } }
    }`;
    const input = { phone: phone(), name: "新会员", homeStoreId: own.stores[0].id };
    const joined = (await ok(gql(server, ENROL, { input }, ownPos))).registerMember;
    expect(joined.welcomeCoupons.map((c: { name: string; source: string }) => [c.name, c.source])).toEqual([
      [a.name, "welcome"],
      [b.name, "welcome"],
    ]);
    const again = (await ok(gql(server, ENROL, { input }, ownPos))).registerMember;
    expect(again.created).toBe(false);
    expect((await ok(gql(server, WALLET, { id: joined.member.id }, ownOwner))).member.coupons.nodes).toHaveLength(2);
  });

  it("a coupon from the points mall costs points and stock in one go", async () => {
    const m = await member();
    await ok(
      gql(
        server,
        `mutation($m: ID!) { adjustPoints(memberId: $m, points: 500, reason: "测试", requestId: "mall-${m.id}") { entry { id } } }`,
        { m: m.id },
        owner(),
      ),
    );
    const t = await template({ kind: "amount_off", amountOff: 1000, totalStock: 1 });
    const reward = (
      await ok(
        gql(
          server,
          `mutation($t: ID!) {
            createReward(input: { name: "十元券", kind: coupon, couponTemplateId: $t, pointsCost: 200, stock: 5
              }) { id kind couponTemplateId }
          }`,
          { t: t.id },
          owner(),
        ),
      )
    ).createReward;
    expect(reward).toMatchObject({ kind: "coupon", couponTemplateId: t.id });
    const REDEEM = `mutation($m: ID!, $r: ID!, $q: String!) {
      redeemReward(memberId: $m, rewardId: $r, requestId: $q) { redemption { couponCode } account { available } }
    }`;
    const got = (await ok(gql(server, REDEEM, { m: m.id, r: reward.id, q: unique("mall") }, pos()))).redeemReward;
    expect(got.account.available).toBe(300);
    expect((await ok(gql(server, COUPON, { c: got.redemption.couponCode }, owner()))).coupon.state).toBe("issued");
    // The template had one coupon: the next redemption is refused and costs nothing.
    const none = await gql(server, REDEEM, { m: m.id, r: reward.id, q: unique("mall") }, pos());
    expect(none.errors![0].extensions).toMatchObject({ code: "CONFLICT", reason: "OUT_OF_STOCK" });
    expect(
      (await ok(gql(server, `query($id: ID!) { member(id: $id) { account { available } } }`, { id: m.id }, owner())))
        .member.account.available,
    ).toBe(300);
  });
});

describe("bad input and other merchants", () => {
  it("refuses malformed templates and non-owners", async () => {
    const bad = await gql(
      server,
      TEMPLATE,
      { input: { name: "x", kind: "threshold", threshold: 1000, amountOff: 2000, validDays: 7 } },
      owner(),
    );
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(
        await gql(
          server,
          TEMPLATE,
          { input: { name: "x", kind: "amount_off", amountOff: 100, validDays: 7 } },
          { token: shop.managerToken },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(
      codes(
        await gql(server, TEMPLATE, { input: { name: "x", kind: "amount_off", amountOff: -5, validDays: 7 } }, owner()),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
  });

  it("a revoked coupon is refused at the till with its reason", async () => {
    const m = await member();
    const code = await claim((await template({ kind: "amount_off", amountOff: 100 })).id, m.id);
    expect(
      codes(
        await gql(
          server,
          `mutation($c: String!) { revokeCoupon(code: $c, reason: "") { state } }`,
          { c: code },
          owner(),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      (
        await ok(
          gql(
            server,
            `mutation($c: String!) { revokeCoupon(code: $c, reason: "发错了") { state } }`,
            { c: code },
            owner(),
          ),
        )
      ).revokeCoupon.state,
    ).toBe("revoked");
    expect(
      (
        await ok(
          gql(
            server,
            QUOTE,
            { input: { memberId: m.id, storeId: shop.stores[0].id, lines: LINES, couponCodes: [code] } },
            pos(),
          ),
        )
      ).quoteCheckout.rejected.map((r: { reason: string }) => r.reason),
    ).toEqual(["REVOKED"]);
  });

  it("another merchant can neither see, quote, use nor issue this merchant's coupons", async () => {
    const other = await createMerchant(server);
    const otherPos = { apiKey: other.apiKey };
    const m = await member();
    const t = await template({ kind: "amount_off", amountOff: 100 });
    const code = await claim(t.id, m.id);
    expect((await ok(gql(server, COUPON, { c: code }, { token: other.ownerToken }))).coupon).toBeNull();
    expect(
      (
        await ok(
          gql(server, `query($id: ID!) { couponTemplate(id: $id) { id } }`, { id: t.id }, { token: other.ownerToken }),
        )
      ).couponTemplate,
    ).toBeNull();
    expect(
      (await ok(gql(server, `{ couponTemplates { nodes { id } } }`, {}, { token: other.ownerToken }))).couponTemplates
        .nodes,
    ).toEqual([]);
    expect(codes(await gql(server, CLAIM, { t: t.id, m: m.id, r: unique("x") }, otherPos))).toEqual(["NOT_FOUND"]);
    expect(
      codes(
        await gql(
          server,
          QUOTE,
          { input: { memberId: m.id, storeId: shop.stores[0].id, lines: LINES, couponCodes: [code] } },
          otherPos,
        ),
      ),
    ).toEqual(["NOT_FOUND"]);
    // Their own member offering our code: no such coupon for them.
    const theirs = await enrol(server, otherPos, { homeStoreId: other.stores[0].id });
    const quoted = (
      await ok(
        gql(
          server,
          QUOTE,
          { input: { memberId: theirs.id, storeId: other.stores[0].id, lines: LINES, couponCodes: [code] } },
          otherPos,
        ),
      )
    ).quoteCheckout;
    expect(quoted.rejected.map((r: { reason: string }) => r.reason)).toEqual(["NOT_FOUND"]);
    expect((await ok(gql(server, COUPON, { c: code }, owner()))).coupon.state).toBe("issued");
  });
});
