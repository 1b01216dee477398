/**
 * The storefront client (client/) against a real local server over DynamoDB Local: every till operation typed
 * and working with a storefront API key; refusals as one RegularsError with code and field; a busy answer sent
 * again with the identical body while a refusal is never repeated; persisted queries sent as a hash first, the
 * text only when the server asks, and the hash alone from then on.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { operations, RegularsClient, RegularsError, type RegularsClientOptions } from "../../client/src/index.js";
import { createMerchant, gql, ok, unique, type TestMerchant } from "../support/api.js";
import { phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let couponTemplateId: string;

interface Sent {
  body: { query?: string; variables: Record<string, any>; extensions?: { persistedQuery: { sha256Hash: string } } };
  text: string;
}

const hashOf = (query: string) => createHash("sha256").update(query).digest("hex");
/** The operation a request body is for, known by its persisted-query hash. */
const operationOf = (sent: Sent) =>
  Object.entries(operations).find(([, text]) => hashOf(text) === sent.body.extensions?.persistedQuery.sha256Hash)?.[0];

/**
 * A client for the shop's key whose requests are recorded (and may be answered by `fake` instead of the
 * server), and whose back-off waits are recorded, not slept.
 */
function recordingClient(
  fake?: (sent: Sent, index: number) => Response | undefined,
  options: Partial<RegularsClientOptions> = {},
) {
  const sent: Sent[] = [];
  const sleeps: number[] = [];
  const client = new RegularsClient({
    url: server.graphqlUrl,
    apiKey: shop.apiKey,
    sleep: async (ms) => void sleeps.push(ms),
    fetch: async (input, init) => {
      const text = String(init?.body);
      const request = { body: JSON.parse(text), text };
      sent.push(request);
      return fake?.(request, sent.length - 1) ?? fetch(input, init);
    },
    ...options,
  });
  return { client, sent, sleeps };
}

const graphqlAnswer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const line = (unitPrice: number) => ({ sku: "milk-tea", name: "招牌奶茶", category: "tea", qty: 1, unitPrice });

async function caught(promise: Promise<unknown>): Promise<RegularsError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RegularsError);
  return error as RegularsError;
}

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
  const created = await ok(
    gql(
      server,
      `mutation($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { id } }`,
      { input: { name: "新人立减10元", kind: "amount_off", amountOff: 1000, minSpend: 3000, validDays: 30 } },
      { token: shop.ownerToken },
    ),
  );
  couponTemplateId = created.createCouponTemplate.id;
});
afterAll(() => server?.stop());

describe("persisted queries", () => {
  it("send the query's hash alone, the text once the server asks for it, and the hash alone from then on", async () => {
    const { client, sent } = recordingClient();
    const stores = await client.stores();
    expect(stores.map((store) => store.name).sort()).toEqual(["一号店", "二号店"]);
    expect(sent.map(({ body }) => Boolean(body.query))).toEqual([false, true]);
    expect(sent[0].body.extensions?.persistedQuery).toEqual({ version: 1, sha256Hash: hashOf(operations.Stores) });
    expect(sent[1].body.query).toBe(operations.Stores);

    await client.stores();
    // Another client (another till) finds the query stored too.
    const other = recordingClient();
    await other.client.stores();
    expect([...sent, ...other.sent].map(({ body }) => Boolean(body.query))).toEqual([false, true, false, false]);
  });

  it("can be turned off: the text goes every time", async () => {
    const { client, sent } = recordingClient(undefined, { persistedQueries: false });
    await client.stores();
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toEqual({ query: operations.Stores, variables: {} });
  });
});

describe("the till's operations", () => {
  it("enrol, look up by phone and by card code, top up and check in", async () => {
    const { client } = recordingClient();
    const mobile = phone();
    const joined = await client.registerMember({ phone: mobile, name: "王静", homeStoreId: shop.stores[0].id });
    expectTypeOf(joined.member.account.available).toEqualTypeOf<number>();
    expect(joined).toMatchObject({ created: true, member: { name: "王静", account: { available: 0, visits: 0 } } });
    expect((await client.registerMember({ phone: mobile, name: "王静" })).created).toBe(false);

    const byPhone = await client.memberByPhone(mobile);
    expectTypeOf(byPhone).toEqualTypeOf<typeof joined.member | null>();
    expect(byPhone?.id).toBe(joined.member.id);
    expect((await client.memberByCode(joined.member.memberCode))?.id).toBe(joined.member.id);
    expect(await client.memberByPhone(phone())).toBeNull();

    const paymentId = unique("wx");
    const topUp = { memberId: joined.member.id, paymentId, amount: 20_000, storeId: shop.stores[0].id };
    expect(await client.topUpStoredValue(topUp)).toMatchObject({
      created: true,
      balance: { principal: 20_000, bonus: 0, total: 20_000 },
    });
    expect((await client.topUpStoredValue(topUp)).created).toBe(false);

    const checkIn = await client.checkIn(joined.member.id);
    expect(checkIn).toMatchObject({ created: true, streak: 1 });
    expect(checkIn.account.available).toBe(checkIn.points);
    expect((await client.checkIn(joined.member.id)).created).toBe(false);
  });

  it("quote, hold and release coupons, record a purchase paid partly from stored value, refund it", async () => {
    const { client } = recordingClient();
    const store = shop.stores[0].id;
    const { member } = await client.registerMember({ phone: phone(), name: "李雷", homeStoreId: store });
    await client.topUpStoredValue({ memberId: member.id, paymentId: unique("wx"), amount: 3_000, storeId: store });
    const claimed = await ok(
      gql(
        server,
        `mutation($t: ID!, $m: ID!, $r: String!) { claimCoupon(templateId: $t, memberId: $m, requestId: $r) {
          coupon { code } } }`,
        { t: couponTemplateId, m: member.id, r: unique("claim") },
        { apiKey: shop.apiKey },
      ),
    );
    const code: string = claimed.claimCoupon.coupon.code;
    const wallet = await client.memberByPhone(member.phone);
    expect(wallet?.coupons.nodes.map((coupon) => [coupon.code, coupon.state])).toEqual([[code, "issued"]]);

    const basket = { memberId: member.id, storeId: store, lines: [line(4_500)], couponCodes: [code] };
    const quote = await client.quoteCheckout(basket);
    expect(quote).toMatchObject({ subtotal: 4_500, discount: 1_000, total: 3_500, rejected: [] });
    expectTypeOf(quote.steps[0].kind).toEqualTypeOf<"amount_off" | "percent_off" | "threshold" | "gift">();

    const holdId = unique("hold");
    const hold = await client.reserveCoupons({ input: basket, holdId, minutes: 5 });
    expect(hold).toMatchObject({ holdId, quote: { total: 3_500 } });
    const released = await client.releaseCoupons({ memberId: member.id, holdId, couponCodes: [code] });
    expect(released.map((coupon) => coupon.state)).toEqual(["issued"]);

    const purchase = {
      orderId: unique("order"),
      memberId: member.id,
      storeId: store,
      lines: [line(4_500)],
      couponCodes: [code],
      total: quote.total,
      storedValueAmount: 3_000,
      paymentMethod: "wechat",
    };
    const recorded = await client.recordPurchase(purchase);
    expect(recorded).toMatchObject({
      created: true,
      order: { id: purchase.orderId, subtotal: 4_500, discount: 1_000, total: 3_500, storedValueAmount: 3_000 },
      account: { visits: 1, storedValuePrincipal: 0 },
    });
    expect(recorded.order.coupons.map((coupon) => coupon.code)).toEqual([code]);
    const again = await client.recordPurchase(purchase);
    expect(again).toMatchObject({ created: false, order: recorded.order });
    expect((await client.memberByPhone(member.phone))?.account).toMatchObject({ visits: 1, storedValuePrincipal: 0 });

    const refunded = await client.refundOrder({
      refundId: unique("refund"),
      orderId: purchase.orderId,
      lines: [{ sku: "milk-tea", qty: 1 }],
    });
    expect(refunded).toMatchObject({ created: true, order: { status: "refunded" } });
    expect(refunded.order.refunds).toEqual([
      expect.objectContaining({ amount: 3_500, storedValuePrincipal: 3_000, toPaymentMethod: 500 }),
    ]);
    expect(refunded.account.storedValuePrincipal).toBe(3_000);
  });
});

describe("refusals", () => {
  it("are one RegularsError with the code and the field, and are not sent again", async () => {
    const { client, sent, sleeps } = recordingClient();
    const error = await caught(client.registerMember({ phone: "123", name: "坏号码", homeStoreId: shop.stores[0].id }));
    expect(error).toMatchObject({
      name: "RegularsError",
      code: "BAD_USER_INPUT",
      field: "phone",
      retryable: false,
      status: 200,
      details: { code: "BAD_USER_INPUT", field: "phone" },
    });
    expect(error.message).toMatch(/phone/);
    // The hash, then the text the server asked for; no retry.
    expect(sent.filter((request) => operationOf(request) === "RegisterMember")).toHaveLength(sent.length);
    expect(sent.length).toBeLessThanOrEqual(2);
    expect(sleeps).toEqual([]);
  });

  it("name the field of a variable of the wrong shape (HTTP 400)", async () => {
    const { client } = recordingClient();
    const topUp = { memberId: "m1", paymentId: unique("wx"), amount: "lots" as unknown as number };
    const error = await caught(client.topUpStoredValue(topUp));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", field: "amount", status: 400, retryable: false });
  });

  it("say what differs when an order id is used again for another purchase (CONFLICT, not retryable)", async () => {
    const { client, sent, sleeps } = recordingClient();
    const { member } = await client.registerMember({ phone: phone(), name: "韩梅梅", homeStoreId: shop.stores[0].id });
    const purchase = {
      orderId: unique("order"),
      memberId: member.id,
      storeId: shop.stores[0].id,
      lines: [line(1_800)],
      total: 1_800,
      paymentMethod: "cash",
    };
    await client.recordPurchase(purchase);
    const before = sent.length;
    const error = await caught(client.recordPurchase({ ...purchase, lines: [line(2_000)], total: 2_000 }));
    expect(error).toMatchObject({ code: "CONFLICT", field: "orderId", retryable: false });
    expect(sent.length - before).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("INSUFFICIENT_BALANCE when stored value does not cover the payment", async () => {
    const { client } = recordingClient();
    const { member } = await client.registerMember({ phone: phone(), name: "穷学生", homeStoreId: shop.stores[0].id });
    const error = await caught(
      client.recordPurchase({
        orderId: unique("order"),
        memberId: member.id,
        storeId: shop.stores[0].id,
        lines: [line(1_800)],
        total: 1_800,
        storedValueAmount: 1_800,
        paymentMethod: "stored_value",
      }),
    );
    expect(error).toMatchObject({ code: "INSUFFICIENT_BALANCE", field: "storedValueAmount", retryable: false });
  });

  it("of a wrong API key are UNAUTHENTICATED (HTTP 401), sent once", async () => {
    const { client, sent, sleeps } = recordingClient(undefined, { apiKey: "rk_not_a_key" });
    const error = await caught(client.memberByPhone("13800138000"));
    expect(error).toMatchObject({ code: "UNAUTHENTICATED", status: 401, retryable: false });
    expect(sent).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe("retries", () => {
  it("a busy account (CONFLICT, retryable) is asked again with the identical body; the sale is recorded", async () => {
    let busy = true;
    const { client, sent, sleeps } = recordingClient((request) => {
      if (!busy || operationOf(request) !== "RecordPurchase") return undefined;
      busy = false;
      return graphqlAnswer({
        errors: [
          {
            message: "The account is busy with other changes; try again",
            extensions: { code: "CONFLICT", retryable: true },
          },
        ],
        data: null,
      });
    });
    const { member } = await client.registerMember({ phone: phone(), name: "忙碌", homeStoreId: shop.stores[0].id });
    const orderId = unique("order");
    const first = sent.length;
    const result = await client.recordPurchase({
      orderId,
      memberId: member.id,
      storeId: shop.stores[0].id,
      lines: [line(2_200)],
      total: 2_200,
      paymentMethod: "alipay",
    });
    expect(result).toMatchObject({ created: true, order: { id: orderId }, account: { visits: 1 } });
    const purchases = sent.slice(first);
    expect(purchases.length).toBeGreaterThanOrEqual(2);
    expect(purchases[1].text).toBe(purchases[0].text);
    expect(purchases.every((request) => request.body.variables.input.orderId === orderId)).toBe(true);
    expect(sleeps).toHaveLength(1);
  });

  it("502, 503, 504, 429 and no answer are retried with back-off up to maxRetries, then surface", async () => {
    for (const [status, code] of [
      [502, "HTTP_ERROR"],
      [503, "HTTP_ERROR"],
      [504, "HTTP_ERROR"],
      [429, "RATE_LIMITED"],
    ] as const) {
      const { client, sent, sleeps } = recordingClient(() => new Response("Bad gateway", { status }), {
        maxRetries: 2,
        random: () => 0.5,
      });
      const error = await caught(client.stores());
      expect(error).toMatchObject({ code, status, retryable: true });
      expect(sent).toHaveLength(3);
      expect(new Set(sent.map((request) => request.text)).size).toBe(1);
      expect(sleeps).toEqual([75, 150]);
    }
    const { client, sent } = recordingClient(
      () => {
        throw new TypeError("fetch failed");
      },
      { maxRetries: 1 },
    );
    expect(await caught(client.stores())).toMatchObject({ code: "NETWORK_ERROR", status: 0, retryable: true });
    expect(sent).toHaveLength(2);
  });

  it("a rate limit waits at least what it asks (retryAfter), then succeeds", async () => {
    let limited = true;
    const { client, sleeps } = recordingClient(() => {
      if (!limited) return undefined;
      limited = false;
      return graphqlAnswer(
        { errors: [{ message: "slow down", extensions: { code: "RATE_LIMITED", retryAfter: 1 } }] },
        429,
      );
    });
    expect((await client.stores()).length).toBe(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(1_000);
  });

  it("never repeats anything else: FORBIDDEN, an internal error, a 500", async () => {
    for (const answer of [
      () => graphqlAnswer({ errors: [{ message: "no", extensions: { code: "FORBIDDEN" } }], data: null }),
      () =>
        graphqlAnswer({
          errors: [
            {
              message: "Internal error; quote request id r-1",
              extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "r-1" },
            },
          ],
          data: null,
        }),
      () => new Response("oops", { status: 500 }),
    ]) {
      const { client, sent, sleeps } = recordingClient(answer);
      const error = await caught(client.stores());
      expect(error.retryable).toBe(false);
      expect(sent).toHaveLength(1);
      expect(sleeps).toEqual([]);
      if (error.code === "INTERNAL_SERVER_ERROR") expect(error.requestId).toBe("r-1");
    }
  });
});
