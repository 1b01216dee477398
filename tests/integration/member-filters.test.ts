/**
 * The member list filtered as a Youzan merchant filters it: by tier (等级),
 * birthday month, lifetime spend and stored-value balance, alone or with a
 * store or a tag; paged with cursors, inside the caller's stores and merchant,
 * and bad filters refused with the field named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, type Credentials, type TestMerchant } from "../support/api.js";
import { enrol } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let other: TestMerchant;
const LIST = `query($f: MemberFilter, $first: Int, $after: String) {
  members(filter: $f, first: $first, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } }
}`;
const owner = () => ({ token: shop.ownerToken });

/** name, store index, birthday month, spend (fen), top-up (fen), tags */
const PEOPLE = [
  ["甲", 0, 1, 0, 0, []],
  ["乙", 0, 1, 150_000, 0, ["学生"]],
  ["丙", 1, 3, 600_000, 20_000, []],
  ["丁", 0, 3, 20_000, 50_000, ["学生"]],
  ["戊", 1, 12, 150_000, 0, []],
] as const;

beforeAll(async () => {
  server = await startTestServer();
  [shop, other] = await Promise.all([createMerchant(server), createMerchant(server)]);
  for (const [index, [name, store, month, spend, topUp, tags]] of PEOPLE.entries()) {
    const storeId = shop.stores[store].id;
    const input = { name, homeStoreId: storeId, birthday: { month, day: 5 }, tags: [...tags] };
    const { id } = await enrol(server, owner(), input);
    if (spend) {
      const lines = [{ sku: "CAKE", name: "蛋糕", category: "bakery", unitPrice: spend, qty: 1 }];
      const purchase = { memberId: id, orderId: `o-${index}`, storeId, total: spend, lines, paymentMethod: "cash" };
      await ok(
        gql(
          server,
          `mutation($i: RecordPurchaseInput!) { recordPurchase(input: $i) { created } }`,
          { i: purchase },
          owner(),
        ),
      );
    }
    if (topUp)
      await ok(
        gql(
          server,
          `mutation($m: ID!, $a: Int!, $p: String!, $s: ID) {
            topUpStoredValue(memberId: $m, amount: $a, paymentId: $p, storeId: $s) { created } }`,
          { m: id, a: topUp, p: `pay-${index}`, s: storeId },
          owner(),
        ),
      );
  }
  await enrol(
    server,
    { token: other.ownerToken },
    { name: "外人", homeStoreId: other.stores[0].id, birthday: { month: 1, day: 5 } },
  );
});
afterAll(() => server?.stop());

async function names(f: Record<string, unknown>, credentials: Credentials = owner()) {
  return (await ok(gql(server, LIST, { f }, credentials))).members.nodes.map((m: { name: string }) => m.name).sort();
}

describe("member list filters", () => {
  it("by tier, the first tier including members who have no account yet", async () => {
    expect(await names({ tierId: "regular" })).toEqual(["丁", "甲"]);
    expect(await names({ tierId: "silver" })).toEqual(["乙", "戊"]);
    expect(await names({ tierId: "gold" })).toEqual(["丙"]);
    expect(await names({ tierId: "black" })).toEqual([]);
  });

  it("by birthday month, spend range and balance range, alone and with a store or a tag", async () => {
    expect(await names({ birthdayMonth: 3 })).toEqual(["丁", "丙"]);
    expect(await names({ spendMin: 100_000 })).toEqual(["丙", "乙", "戊"]);
    expect(await names({ spendMin: 100_000, spendMax: 150_000 })).toEqual(["乙", "戊"]);
    expect(await names({ balanceMin: 1 })).toEqual(["丁", "丙"]);
    expect(await names({ balanceMin: 30_000, balanceMax: 50_000 })).toEqual(["丁"]);
    expect(await names({ spendMax: 0 })).toEqual(["甲"]);
    expect(await names({ spendMin: 100_000, storeId: shop.stores[0].id })).toEqual(["乙"]);
    expect(await names({ birthdayMonth: 1, tag: "学生" })).toEqual(["乙"]);
  });

  it("pages with cursors, each member once", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { nodes: { name: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } = (
        await ok(gql(server, LIST, { f: { spendMax: 100_000_000 }, first: 2, after }, owner()))
      ).members;
      expect(page.nodes.length).toBeLessThanOrEqual(2);
      seen.push(...page.nodes.map((node) => node.name));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.sort()).toEqual(["丁", "丙", "乙", "戊", "甲"]);
  });

  it("fills a page when the matching members lie behind many that do not, each once across pages", async () => {
    const deep = await createMerchant(server);
    const credentials = { token: deep.ownerToken };
    const storeId = deep.stores[0].id;
    for (const [index, name] of ["子", "丑", "寅"].entries()) {
      const { id } = await enrol(server, credentials, { name, homeStoreId: storeId });
      const lines = [{ sku: "TEA", name: "茶", category: "drinks", unitPrice: 1_000, qty: 1 }];
      const purchase = { memberId: id, orderId: `d-${index}`, storeId, total: 1_000, lines, paymentMethod: "cash" };
      await ok(
        gql(
          server,
          `mutation($i: RecordPurchaseInput!) { recordPurchase(input: $i) { created } }`,
          { i: purchase },
          credentials,
        ),
      );
    }
    // 30 newer members who never bought come first in the list's (newest first) order.
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => enrol(server, credentials, { name: `无${i}`, homeStoreId: storeId })),
    );
    const pages: string[][] = [];
    let after: string | null = null;
    do {
      const page: { nodes: { name: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } = (
        await ok(gql(server, LIST, { f: { spendMin: 1 }, first: 2, after }, credentials))
      ).members;
      pages.push(page.nodes.map((node) => node.name));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(pages[0]).toHaveLength(2);
    expect(pages.flat().sort()).toEqual(["丑", "子", "寅"].sort());
  });

  it("keeps managers and clerks inside their stores, and another merchant sees none of these members", async () => {
    expect(await names({ spendMin: 1 }, { token: shop.managerToken })).toEqual(["丁", "乙"]);
    expect(await names({ tierId: "silver" }, { token: shop.clerkToken })).toEqual(["乙"]);
    const foreign = await gql(
      server,
      LIST,
      { f: { spendMin: 1, storeId: shop.stores[1].id } },
      { token: shop.managerToken },
    );
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
    expect(await names({ birthdayMonth: 1 }, { token: other.ownerToken })).toEqual(["外人"]);
    expect(await names({ spendMin: 1 }, { token: other.ownerToken })).toEqual([]);
  });

  it("refuses bad filters and cursors with the field named", async () => {
    const cases = [
      // Out of any amount's range: refused at the schema's edge, which names the input path.
      [{ spendMin: -1 }, "filter.spendMin"],
      [{ spendMin: 500, spendMax: 100 }, "spendMax"],
      [{ balanceMax: 100_000_001 }, "filter.balanceMax"],
      // Not an Int: refused while the variables are read, which names the variable's path.
      [{ balanceMin: 1.5 }, "f.balanceMin"],
      [{ birthdayMonth: 13 }, "birthdayMonth"],
      [{ tierId: "gold", name: "甲" }, "tierId"],
      [{ spendMin: 1, phoneTail: "1234" }, "spendMin"],
    ] as const;
    for (const [f, field] of cases) {
      const result = await gql(server, LIST, { f }, owner());
      expect(codes(result), JSON.stringify(f)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
    }
    const badCursor = await gql(server, LIST, { f: { spendMin: 1 }, after: "bm90IGEgY3Vyc29y" }, owner());
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});
