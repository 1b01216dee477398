/**
 * Recommendations through GraphQL over DynamoDB Local: co-purchase counts kept on purchase, a member's own history and
 * what similar members bought.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { cryptoIds } from "../../functions/adapters/ids.js";
import { systemClock } from "../../functions/adapters/clock.js";
import { recordPurchase } from "../../functions/app/loyalty/index.js";
import { memberRecommendations } from "../../functions/app/recommendations.js";
import type { Db } from "../../functions/data/db.js";
import { codes, createMerchant, gql, ok, unique, type Credentials, type TestMerchant } from "../support/api.js";
import { enrol } from "../support/members.js";
import { metered } from "../support/metered.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
const pos = () => ({ apiKey: shop.apiKey });

const PURCHASE = `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { created order { id } } }`;
const RECOMMENDATIONS = `query($id: ID!, $limit: Int) {
  member(id: $id) { id recommendations(limit: $limit) { sku name category score reason fromSkus count lastBoughtAt } }
}`;

const MENU: Record<string, { name: string; category: string; unitPrice: number }> = {
  latte: { name: "拿铁", category: "coffee", unitPrice: 2800 },
  croissant: { name: "可颂", category: "bakery", unitPrice: 1500 },
  cake: { name: "芝士蛋糕", category: "bakery", unitPrice: 3200 },
  matcha: { name: "抹茶", category: "tea", unitPrice: 2600 },
};

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

function order(memberId: string, skus: string[], orderId = unique("o")) {
  const lines = skus.map((sku) => ({ sku, ...MENU[sku], qty: 1 }));
  return {
    orderId,
    memberId,
    storeId: shop.stores[0].id,
    paymentMethod: "wechat",
    lines,
    total: lines.reduce((sum, line) => sum + line.unitPrice, 0),
  };
}

async function buy(memberId: string, skus: string[], orderId?: string) {
  return (await ok(gql(server, PURCHASE, { input: order(memberId, skus, orderId) }, pos()))).recordPurchase;
}

/** The stored co-purchase counters of one product, as { otherSku: count }. */
async function counts(merchantId: string, sku: string): Promise<Record<string, number>> {
  const result = await server.db.client.send(
    new QueryCommand({
      TableName: server.tableName,
      KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": `T#${merchantId}#COPURCHASE#${sku}` },
      ConsistentRead: true,
    }),
  );
  return Object.fromEntries((result.Items ?? []).map((item) => [item.sk as string, item.count as number]));
}

async function recommendations(memberId: string, credentials: Credentials = pos(), limit?: number) {
  return (await ok(gql(server, RECOMMENDATIONS, { id: memberId, limit }, credentials))).member.recommendations as {
    sku: string;
    name: string | null;
    category: string | null;
    score: number;
    reason: string;
    fromSkus: string[];
    count: number;
    lastBoughtAt: string | null;
  }[];
}

describe("co-purchase counts", () => {
  it("count every pair of products bought in one order, once per new order, and not again for a retried order id", async () => {
    // Prepare
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => enrol(server, pos(), { homeStoreId: shop.stores[0].id })));
    const retried = unique("o");
    // Act
    await buy(a.id, ["latte", "croissant"]);
    expect((await buy(b.id, ["latte", "croissant", "cake"], retried)).created).toBe(true);
    await buy(c.id, ["latte", "cake"]);
    await buy(c.id, ["matcha"]);
    const again = await Promise.all([1, 2, 3].map(() => buy(b.id, ["latte", "croissant", "cake"], retried)));
    // Assess
    expect(again.map((r) => r.created)).toEqual([false, false, false]);
    expect(await counts(shop.merchantId, "latte")).toEqual({ croissant: 2, cake: 2 });
    expect(await counts(shop.merchantId, "croissant")).toEqual({ latte: 2, cake: 1 });
    expect(await counts(shop.merchantId, "cake")).toEqual({ latte: 2, croissant: 1 });
    expect(await counts(shop.merchantId, "matcha")).toEqual({});
  });

  it("a purchase is recorded even when the counts cannot be written", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const failing: Db = {
      ...server.db,
      client: Object.assign(Object.create(server.db.client), {
        send: (command: { constructor: { name: string } }, ...rest: unknown[]) =>
          command.constructor.name === "UpdateCommand"
            ? Promise.reject(new Error("throttled"))
            : (server.db.client.send as (...a: unknown[]) => Promise<unknown>)(command, ...rest),
      }),
    };
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const result = await recordPurchase(
        { db: failing, ids: cryptoIds, clock: systemClock, identity: localIdentity(server.db) },
        { kind: "apiKey", merchantId: shop.merchantId, keyId: "k" },
        order(member.id, ["matcha", "croissant"]),
      );
      expect(result.created).toBe(true);
    } finally {
      console.error = log;
    }
    expect(JSON.stringify(errors)).toContain("co-purchase counts failed");
    expect(
      (
        await ok(
          gql(server, `query($id: ID!) { member(id: $id) { orders { nodes { id } } } }`, { id: member.id }, pos()),
        )
      ).member.orders.nodes,
    ).toHaveLength(1);
  });
});

describe("amount lines (a sale recorded without products)", () => {
  it("earn like any line but are never a product: no history, no co-purchase counts; the order says its kind", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const sku = unique("AMOUNT");
    const amount = { kind: "amount", sku, name: "消费金额", qty: 1, unitPrice: 5000 };
    const input = order(member.id, ["matcha", "cake"]);
    const mixed = { ...input, lines: [...input.lines, amount], total: input.total + 5000 };
    const result = await ok(
      gql(
        server,
        `mutation($input: RecordPurchaseInput!) {
          recordPurchase(input: $input) { order { lines { kind sku } } account { lifetimeSpend } }
        }`,
        { input: mixed },
        pos(),
      ),
    );
    expect(result.recordPurchase.order.lines).toEqual([
      { kind: "item", sku: "matcha" },
      { kind: "item", sku: "cake" },
      { kind: "amount", sku },
    ]);
    expect(result.recordPurchase.account.lifetimeSpend).toBe(mixed.total);
    expect(await counts(shop.merchantId, sku)).toEqual({});
    expect(Object.keys(await counts(shop.merchantId, "matcha"))).not.toContain(sku);
    expect((await recommendations(member.id)).map((r) => r.sku)).not.toContain(sku);
  });

  it("refuse two amount lines or an amount line of qty 2, naming the field, and record nothing", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const line = { kind: "amount", sku: "A1", name: "消费金额", qty: 1, unitPrice: 1000 };
    const base = { orderId: unique("o"), memberId: member.id, storeId: shop.stores[0].id, paymentMethod: "cash" };
    const twice = { ...base, lines: [line, { ...line, sku: "A2" }], total: 2000 };
    const qty = { ...base, lines: [{ ...line, qty: 2 }], total: 2000 };
    for (const [input, field] of [
      [twice, "lines"],
      [qty, "lines.0.qty"],
    ] as const) {
      const refused = await gql(server, PURCHASE, { input }, pos());
      expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
      expect(refused.errors?.[0].extensions?.field).toBe(field);
    }
    const orders = await ok(
      gql(server, `query($id: ID!) { member(id: $id) { orders { nodes { id } } } }`, { id: member.id }, pos()),
    );
    expect(orders.member.orders.nodes).toEqual([]);
  });
});

describe("a member's recommendations", () => {
  it("offer what the member buys again first, then what members who bought the same also bought", async () => {
    // Prepare: others buy latte with croissant (twice) and cake (once); this member drinks latte, once had matcha.
    const others = await Promise.all([1, 2, 3].map(() => enrol(server, pos(), { homeStoreId: shop.stores[0].id })));
    await buy(others[0].id, ["latte", "croissant"]);
    await buy(others[1].id, ["latte", "croissant"]);
    await buy(others[2].id, ["latte", "cake"]);
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    await buy(member.id, ["latte"]);
    await buy(member.id, ["latte"]);
    // Act
    const list = await recommendations(member.id, pos(), 10);
    // Assess
    expect(list[0]).toMatchObject({
      sku: "latte",
      name: "拿铁",
      category: "coffee",
      score: 1,
      reason: "history",
      fromSkus: ["latte"],
      count: 2,
    });
    expect(list[0].lastBoughtAt).toBeTruthy();
    const similar = list.filter((r) => r.reason === "similar");
    expect(similar.map((r) => r.sku).slice(0, 2)).toEqual(["croissant", "cake"]);
    expect(similar[0]).toMatchObject({
      name: "可颂",
      category: "bakery",
      fromSkus: ["latte"],
      score: 1,
      lastBoughtAt: null,
    });
    expect(similar[0].count).toBeGreaterThan(similar[1].count);
    expect(list.filter((r) => r.sku === "latte")).toHaveLength(1);
  });

  it("keep to the limit (5 by default) and answer the same way every time", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    await buy(member.id, ["latte", "croissant", "cake", "matcha"]);
    const first = await recommendations(member.id);
    expect(first.length).toBeLessThanOrEqual(5);
    expect(await recommendations(member.id, pos(), 2)).toEqual(first.slice(0, 2));
    expect(await recommendations(member.id)).toEqual(first);
  });

  it("are empty for a member with no purchases", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    expect(await recommendations(member.id)).toEqual([]);
  });

  it.each([0, 21, -3])("limit %s is refused as BAD_USER_INPUT", async (limit) => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const result = await gql(server, RECOMMENDATIONS, { id: member.id, limit }, pos());
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions!.field).toBe("limit");
  });

  it("are read by staff in scope and storefront keys; another merchant's key and staff of another store find no such member", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const elsewhere = await enrol(server, pos(), { homeStoreId: shop.stores[1].id });
    await buy(member.id, ["latte", "cake"]);
    const other = await createMerchant(server);
    expect((await recommendations(member.id, { token: shop.clerkToken })).map((r) => r.sku)).toContain("latte");
    expect((await recommendations(member.id, { token: shop.ownerToken })).map((r) => r.sku)).toContain("latte");
    expect((await ok(gql(server, RECOMMENDATIONS, { id: member.id }, { apiKey: other.apiKey }))).member).toBeNull();
    expect(
      (await ok(gql(server, RECOMMENDATIONS, { id: elsewhere.id }, { token: shop.managerToken }))).member,
    ).toBeNull();
    await expect(
      memberRecommendations(
        { db: server.db, ids: cryptoIds, clock: systemClock, identity: localIdentity(server.db) },
        { kind: "apiKey", merchantId: other.merchantId, keyId: "k" },
        member.id,
      ),
    ).rejects.toMatchObject({ kind: "NOT_FOUND" });
  });

  it("cost a bounded number of keyed requests: the member, one Query of orders, one Query per top product (≤ 5)", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    await buy(member.id, ["latte", "croissant", "cake", "matcha"]);
    await buy(member.id, ["latte", "croissant"]);
    const extra = ["espresso", "mocha"];
    for (const sku of extra) MENU[sku] = { name: sku, category: "coffee", unitPrice: 3000 };
    await buy(member.id, extra);
    const { db, log } = metered(server.db);
    const list = await memberRecommendations(
      { db, ids: cryptoIds, clock: systemClock, identity: localIdentity(server.db) },
      { kind: "apiKey", merchantId: shop.merchantId, keyId: "k" },
      member.id,
      20,
    );
    expect(list.length).toBeGreaterThan(0);
    expect(log.map((entry) => entry.request)).toEqual(["GetCommand", "QueryCommand", ...Array(5).fill("QueryCommand")]);
  });
});
