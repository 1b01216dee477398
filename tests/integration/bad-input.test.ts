/** Bad input gets a stable error code and a clear message, and writes nothing. */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, type Credentials, type TestMerchant } from "../support/api.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

/** Every item in this test file's own table (test-only verification; the product never scans). */
async function snapshot(): Promise<string[]> {
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await server.db.client.send(
      new ScanCommand({ TableName: server.tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []).map((item) => JSON.stringify(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort();
}

const REGISTER = `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { created } }`;
const good = () => ({ phone: "13912340000", name: "好人", homeStoreId: shop.stores[0].id });
const long = (n: number) => "长".repeat(n);

type Case = [string, string, () => Record<string, unknown>, string, string?];

const cases: Case[] = [
  ["an invalid phone", REGISTER, () => ({ input: { ...good(), phone: "12345" } }), "BAD_USER_INPUT", "phone"],
  [
    "a landline-looking Chinese number",
    REGISTER,
    () => ({ input: { ...good(), phone: "+86 21 5555 1234" } }),
    "BAD_USER_INPUT",
    "phone",
  ],
  ["an empty name", REGISTER, () => ({ input: { ...good(), name: "   " } }), "BAD_USER_INPUT", "name"],
  ["an oversized name", REGISTER, () => ({ input: { ...good(), name: long(41) } }), "BAD_USER_INPUT", "name"],
  [
    "an oversized phone string",
    REGISTER,
    () => ({ input: { ...good(), phone: "1".repeat(10_000) } }),
    "BAD_USER_INPUT",
    "phone",
  ],
  [
    "an unknown store",
    REGISTER,
    () => ({ input: { ...good(), homeStoreId: "nope" } }),
    "BAD_USER_INPUT",
    "homeStoreId",
  ],
  ["an unknown guide", REGISTER, () => ({ input: { ...good(), guideId: "nobody" } }), "BAD_USER_INPUT", "guideId"],
  [
    "30 February",
    REGISTER,
    () => ({ input: { ...good(), birthday: { month: 2, day: 30 } } }),
    "BAD_USER_INPUT",
    "birthday.day",
  ],
  [
    "29 February of a common year",
    REGISTER,
    () => ({ input: { ...good(), birthday: { month: 2, day: 29, year: 2023 } } }),
    "BAD_USER_INPUT",
    "birthday.day",
  ],
  [
    "month 13",
    REGISTER,
    () => ({ input: { ...good(), birthday: { month: 13, day: 1 } } }),
    "BAD_USER_INPUT",
    "birthday.month",
  ],
  [
    "a birth year in the future",
    REGISTER,
    () => ({ input: { ...good(), birthday: { month: 1, day: 1, year: 2999 } } }),
    "BAD_USER_INPUT",
    "birthday.year",
  ],
  ["a wrong type (number for name)", REGISTER, () => ({ input: { ...good(), name: 42 } }), "BAD_USER_INPUT"],
  ["an unknown enum value", REGISTER, () => ({ input: { ...good(), channel: "fax" } }), "BAD_USER_INPUT"],
  [
    "a missing required field",
    REGISTER,
    () => ({ input: { name: "无电话", homeStoreId: shop.stores[0].id } }),
    "BAD_USER_INPUT",
  ],
  [
    "an unknown field in the query",
    `mutation { registerMember(input: { phone: "13912340000", name: "x", shoeSize: 42 }) { created } }`,
    () => ({}),
    "GRAPHQL_VALIDATION_FAILED",
  ],
  ["a syntax error", `mutation { registerMember(`, () => ({}), "GRAPHQL_PARSE_FAILED"],
  ["a page size of 0", `{ members(first: 0) { nodes { id } } }`, () => ({}), "BAD_USER_INPUT", "first"],
  ["a page size of 1000", `{ members(first: 1000) { nodes { id } } }`, () => ({}), "BAD_USER_INPUT", "first"],
  [
    "a forged cursor",
    `{ members(first: 5, after: "bm90LWEtY3Vyc29y") { nodes { id } } }`,
    () => ({}),
    "BAD_USER_INPUT",
    "after",
  ],
  ["a malformed member code", `{ memberByCode(code: "!!") { id } }`, () => ({}), "BAD_USER_INPUT", "code"],
  [
    "a store without a city",
    `mutation { createStore(input: { name: "无城" }) { id } }`,
    () => ({}),
    "BAD_USER_INPUT",
    "city",
  ],
  [
    "a store with a bad phone",
    `mutation { createStore(input: { name: "店", city: "上海", phone: "abc" }) { id } }`,
    () => ({}),
    "BAD_USER_INPUT",
    "phone",
  ],
  [
    "a store status that does not exist",
    `mutation($id: ID!, $input: StoreInput!) { updateStore(id: $id, input: $input) { id } }`,
    () => ({ id: shop.stores[0].id, input: { status: "burning" } }),
    "BAD_USER_INPUT",
    "status",
  ],
  [
    "a store status that does not exist, written in the query",
    `mutation($id: ID!) { updateStore(id: $id, input: { status: burning }) { id } }`,
    () => ({ id: shop.stores[0].id }),
    "GRAPHQL_VALIDATION_FAILED",
  ],
  [
    "an unknown time zone",
    `mutation { updateMerchant(input: { timeZone: "Mars/Olympus" }) { id } }`,
    () => ({}),
    "BAD_USER_INPUT",
    "timeZone",
  ],
  [
    "a weak staff password",
    `mutation($s: ID!) { createStaff(input: { username: "weak-pass", name: "x", password: "short", role: clerk, storeIds: [$s] }) { id } }`,
    () => ({ s: shop.stores[0].id }),
    "BAD_USER_INPUT",
    "password",
  ],
  [
    "a staff username with spaces",
    `mutation($s: ID!) {
      createStaff(input: { username: "bad name", name: "x", password: "Passw0rd-1", role: clerk, storeIds: [$s] }) { id }
    }`,
    () => ({ s: shop.stores[0].id }),
    "BAD_USER_INPUT",
    "username",
  ],
  [
    "a clerk without stores",
    `mutation { createStaff(input: { username: "no-stores", name: "x", password: "Passw0rd-1", role: clerk }) { id } }`,
    () => ({}),
    "BAD_USER_INPUT",
    "storeIds",
  ],
  [
    "an API key for an unknown store",
    `mutation { createApiKey(input: { name: "x", storeId: "nope" }) { secret } }`,
    () => ({}),
    "BAD_USER_INPUT",
    "storeId",
  ],
  [
    "an API key without a name",
    `mutation { createApiKey(input: { name: "" }) { secret } }`,
    () => ({}),
    "BAD_USER_INPUT",
    "name",
  ],
];

describe("bad input changes nothing", () => {
  it.each(cases)("%s → %s", async (_, query, variables, code, field) => {
    const before = await snapshot();
    const result = await gql(server, query, variables(), { token: shop.ownerToken } as Credentials);
    expect(codes(result)).toEqual([code]);
    expect(result.errors![0].message.length).toBeGreaterThan(5);
    expect(result.errors![0].message).not.toMatch(/Exception|at .*\.ts/);
    if (field) expect(result.errors![0].extensions?.field).toBe(field);
    expect(await snapshot()).toEqual(before);
  });

  it("a request body over 1 MB is refused with 413", async () => {
    const response = await fetch(server.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ version }`, padding: "x".repeat(1_100_000) }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("the good input next to these cases does work (the cases fail for their reason only)", async () => {
    const result = await gql(server, REGISTER, { input: good() }, { token: shop.ownerToken });
    expect(result.errors).toBeUndefined();
    expect(result.data.registerMember.created).toBe(true);
  });
});
