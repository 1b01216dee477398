/**
 * API hardening: operation-shape limits (graphql-armor), CSRF prevention and
 * the per-API-key request-rate limit, through the real handler.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { buildQueryFactory } from "../../admin/src/dataProvider/buildQuery.js";
import { CursorBook } from "../../admin/src/dataProvider/cursors.js";
import { introspectedSchema } from "../../admin/src/dataProvider/introspection.js";
import { LIMITS } from "../../graphql/armor.js";
import { keys } from "../../functions/data/keys.js";
import { RATE_WINDOW_TTL_ATTRIBUTE, setApiKeyRateLimit } from "../../functions/data/rateLimit.js";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { startTestServer, type TestServer } from "../support/server.js";

const RATE_LIMIT = 5;
let server: TestServer;
let shop: TestMerchant;

beforeAll(async () => {
  // The handler reads its limit once, when it is made (as a Lambda cold start does).
  process.env.API_KEY_RATE_LIMIT = String(RATE_LIMIT);
  server = await startTestServer();
  delete process.env.API_KEY_RATE_LIMIT;
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

const owner = () => ({ token: shop.ownerToken });

describe("operation limits", () => {
  it("refuses a query nested deeper than the limit before running it", async () => {
    let selection = "id";
    for (let level = 0; level < 4; level++) selection = `referrals(first: 1) { nodes { member { ${selection} } } }`;
    const result = await gql(server, `{ members(first: 1) { nodes { ${selection} } } }`, {}, owner());
    expect(codes(result)).toContain("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors!.map((e) => e.message).join(" ")).toMatch(/depth limit of 8 exceeded/);
    expect(result.data).toBeUndefined();
  });

  it("refuses more aliases than the limit", async () => {
    const fields = Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `v${i}: version`).join(" ");
    const result = await gql(server, `{ ${fields} }`, {}, owner());
    expect(codes(result)).toContain("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors!.map((e) => e.message).join(" ")).toMatch(/Aliases limit of 100 exceeded/);
  });

  it("refuses an operation whose cost is over the limit", async () => {
    const result = await gql(
      server,
      `{ members(first: 100) { nodes { id referrals(first: 100) { nodes { member { id name phone } } } } } }`,
      {},
      owner(),
    );
    expect(codes(result)).toContain("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors!.map((e) => e.message).join(" ")).toMatch(/Cost limit of 50000 exceeded/);
  });

  it("refuses a document with more tokens than the limit", async () => {
    const result = await gql(server, `{ ${"__typename ".repeat(LIMITS.maxTokens)} }`, {}, owner());
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.errors!.map((e) => e.message).join(" ")).toMatch(/Token limit of 20000 exceeded/);
    expect(codes(result)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("does not suggest field names to a prober", async () => {
    const result = await gql(server, `{ membrs(first: 1) { nodes { id } } }`, {}, owner());
    expect(codes(result)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(result.errors![0].message).not.toMatch(/Did you mean/);
  });

  it("lets the console's largest operation through: a getMany of 100 members", async () => {
    const build = buildQueryFactory(new CursorBook())(introspectedSchema);
    const ids = Array.from({ length: 100 }, (_, i) => `missing-${i}`);
    const { query, variables } = build("GET_MANY", "members", { ids });
    const result = await gql(server, query, variables, owner());
    expect(result.errors ?? []).toEqual([]);
    const list = build("GET_LIST", "members", { pagination: { page: 1, perPage: 100 }, filter: {} });
    expect((await gql(server, list.query, list.variables, owner())).errors ?? []).toEqual([]);
  });
});

describe("CSRF prevention", () => {
  it("refuses a simple-request POST (text/plain, form) that a browser would send cross-site without a preflight", async () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const response = await fetch(server.graphqlUrl, {
        method: "POST",
        headers: { "content-type": contentType, authorization: `Bearer ${shop.ownerToken}` },
        body: JSON.stringify({ query: `mutation { createStore(input: { name: "CSRF店", city: "上海" }) { id } }` }),
      });
      expect(response.status, contentType).toBe(400);
      expect(await response.text()).toMatch(/CSRF|content-type/i);
    }
    const stores = await ok(gql(server, `{ stores(first: 50) { nodes { name } } }`, {}, owner()));
    expect(stores.stores.nodes.map((s: { name: string }) => s.name)).not.toContain("CSRF店");
  });

  it("refuses a GET without a preflight header, and a mutation by GET even with one", async () => {
    const url = (query: string) => `${server.graphqlUrl}?query=${encodeURIComponent(query)}`;
    const auth = { authorization: `Bearer ${shop.ownerToken}` };
    const plain = await fetch(url(`{ version }`), { headers: auth });
    expect(plain.status).toBe(400);
    const mutation = await fetch(url(`mutation { createStore(input: { name: "GET店", city: "上海" }) { id } }`), {
      headers: { ...auth, "apollo-require-preflight": "true" },
    });
    expect(mutation.status).toBe(405);
    const query = await fetch(url(`{ version }`), { headers: { ...auth, "apollo-require-preflight": "true" } });
    expect(query.status).toBe(200);
    const stores = await ok(gql(server, `{ stores(first: 50) { nodes { name } } }`, {}, owner()));
    expect(stores.stores.nodes.map((s: { name: string }) => s.name)).not.toContain("GET店");
  });
});

describe("request-rate limit per API key", () => {
  const burst = (apiKey: string, n: number) =>
    Promise.all(
      Array.from({ length: n }, () =>
        fetch(server.graphqlUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": apiKey },
          body: JSON.stringify({ query: "{ version }" }),
        }),
      ),
    );

  it("refuses requests beyond the key's limit in a second with RATE_LIMITED, HTTP 429 and Retry-After", async () => {
    await new Promise((done) => setTimeout(done, 1000 - (Date.now() % 1000) + 20));
    const responses = await burst(shop.apiKey, 3 * RATE_LIMIT);
    const refused = responses.filter((r) => r.status === 429);
    // The burst can straddle two windows: at most two windows' worth are admitted.
    expect(responses.length - refused.length).toBeLessThanOrEqual(2 * RATE_LIMIT);
    expect(refused.length).toBeGreaterThanOrEqual(RATE_LIMIT);
    expect(refused[0].headers.get("retry-after")).toBe("1");
    const body = await refused[0].json();
    expect(body.errors[0].extensions).toMatchObject({ code: "RATE_LIMITED", retryAfter: 1, limit: RATE_LIMIT });
    expect(body.data).toBeUndefined();
  });

  it("admits the key again in the next window, and does not count staff sign-ins", async () => {
    await new Promise((done) => setTimeout(done, 1100));
    expect((await ok(gql(server, `{ version }`, {}, { apiKey: shop.apiKey }))).version).toBeTruthy();
    const staff = await Promise.all(
      Array.from({ length: 3 * RATE_LIMIT }, () => gql(server, `{ version }`, {}, owner())),
    );
    expect(staff.every((r) => r.status === 200 && !r.errors)).toBe(true);
  });

  it("keeps one counter item per key and second, with a TTL", async () => {
    const keyId = (await ok(gql(server, `{ apiKeys { id } }`, {}, owner()))).apiKeys[0].id;
    const window = Math.floor(Date.now() / 1000);
    await gql(server, `{ version }`, {}, { apiKey: shop.apiKey });
    const items = await Promise.all(
      [window, window + 1].map((w) =>
        server.db.client.send(
          new GetCommand({ TableName: server.tableName, Key: keys.rateWindow(shop.merchantId, keyId, w) }),
        ),
      ),
    );
    const item = items.map((r) => r.Item).find(Boolean)!;
    expect(item.requests).toBeGreaterThanOrEqual(1);
    expect(item[RATE_WINDOW_TTL_ATTRIBUTE]).toBeGreaterThan(window);
  });

  it("honours a limit the owner sets on the key itself (setApiKeyRateLimit), and clears it with null", async () => {
    const SET = `mutation($id: ID!, $n: Int) { setApiKeyRateLimit(id: $id, rateLimitPerSecond: $n) { id rateLimitPerSecond } }`;
    const keyId = (await ok(gql(server, `{ apiKeys { id } }`, {}, owner()))).apiKeys[0].id;
    expect((await ok(gql(server, SET, { id: keyId, n: 100 }, owner()))).setApiKeyRateLimit).toEqual({
      id: keyId,
      rateLimitPerSecond: 100,
    });
    await new Promise((done) => setTimeout(done, 1100));
    const responses = await burst(shop.apiKey, 3 * RATE_LIMIT);
    expect(responses.map((r) => r.status)).toEqual(Array(3 * RATE_LIMIT).fill(200));
    // Bad limits, other roles and other merchants change nothing.
    for (const n of [0, -5, 10_001])
      expect(codes(await gql(server, SET, { id: keyId, n }, owner()))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await gql(server, SET, { id: keyId, n: 1 }, { token: shop.managerToken }))).toEqual(["FORBIDDEN"]);
    const other = await createMerchant(server);
    expect(codes(await gql(server, SET, { id: keyId, n: 1 }, { token: other.ownerToken }))).toEqual(["NOT_FOUND"]);
    expect(
      (await ok(gql(server, `{ apiKeys { id rateLimitPerSecond } }`, {}, owner()))).apiKeys.find(
        (k: { id: string }) => k.id === keyId,
      ).rateLimitPerSecond,
    ).toBe(100);
    expect(
      (await ok(gql(server, SET, { id: keyId, n: null }, owner()))).setApiKeyRateLimit.rateLimitPerSecond,
    ).toBeNull();
    expect(await setApiKeyRateLimit(server.db, shop.merchantId, "0000000000000000", 5)).toBe(false);
  });
});
