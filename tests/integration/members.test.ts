import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, unique, type TestMerchant } from "../support/api.js";
import { phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

const MEMBER =
  `id phone name gender birthday { month day year } homeStoreId homeStore { name } ` +
  `channel memberCode marketingSms { granted channel } joinedAt`;
const REGISTER = `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { created member { ${MEMBER} } } }`;

let server: TestServer;
let shop: TestMerchant;

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

describe("enrolment", () => {
  it("a storefront enrols a member by phone and gets a normalised profile with a card code", async () => {
    const result = await ok(
      gql(
        server,
        REGISTER,
        {
          input: {
            phone: "138 0013 8000",
            name: " 王静 ",
            gender: "female",
            birthday: { month: 2, day: 29 },
            homeStoreId: shop.stores[0].id,
            marketingSmsConsent: true,
          },
        },
        { apiKey: shop.apiKey },
      ),
    );
    expect(result.registerMember.created).toBe(true);
    const member = result.registerMember.member;
    expect(member).toMatchObject({
      phone: "+8613800138000",
      name: "王静",
      gender: "female",
      birthday: { month: 2, day: 29, year: null },
      homeStoreId: shop.stores[0].id,
      homeStore: { name: "一号店" },
      channel: "pos",
      marketingSms: { granted: true, channel: "pos" },
    });
    expect(member.memberCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
  });

  it("registering the same phone again returns the same member, written differently too", async () => {
    const input = { phone: "+86 139-1234-5678", name: "李强", homeStoreId: shop.stores[0].id };
    const first = await ok(gql(server, REGISTER, { input }, { apiKey: shop.apiKey }));
    const again = await ok(
      gql(
        server,
        REGISTER,
        { input: { ...input, phone: "13912345678", name: "别的名字" } },
        { token: shop.ownerToken },
      ),
    );
    expect(again.registerMember.created).toBe(false);
    expect(again.registerMember.member.id).toBe(first.registerMember.member.id);
    expect(again.registerMember.member.name).toBe("李强");
  });

  it("20 racing registrations of one phone make exactly one member", async () => {
    const input = { phone: "13700000001", name: "赵敏", homeStoreId: shop.stores[1].id };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => ok(gql(server, REGISTER, { input }, { apiKey: shop.apiKey }))),
    );
    const ids = new Set(results.map((r) => r.registerMember.member.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.registerMember.created)).toHaveLength(1);
    const listed = await ok(
      gql(
        server,
        `query($s: ID) { members(storeId: $s, first: 100) { nodes { id phone } } }`,
        { s: shop.stores[1].id },
        { token: shop.ownerToken },
      ),
    );
    expect(listed.members.nodes.filter((m: { phone: string }) => m.phone === "+8613700000001")).toHaveLength(1);
  });
});

describe("look-ups", () => {
  it("finds a member by id, by phone and by card code", async () => {
    const { registerMember } = await ok(
      gql(
        server,
        REGISTER,
        { input: { phone: "13600000002", name: "孙悦", homeStoreId: shop.stores[0].id } },
        { apiKey: shop.apiKey },
      ),
    );
    const member = registerMember.member;
    const found = await ok(
      gql(
        server,
        `query($id: ID!, $phone: String!, $code: String!) {
          member(id: $id) { id } memberByPhone(phone: $phone) { id } memberByCode(code: $code) { id }
        }`,
        { id: member.id, phone: "+86 136 0000 0002", code: member.memberCode.toLowerCase() },
        { apiKey: shop.apiKey },
      ),
    );
    expect(found).toEqual({
      member: { id: member.id },
      memberByPhone: { id: member.id },
      memberByCode: { id: member.id },
    });
  });

  it("an unknown phone or code is null, not an error", async () => {
    const found = await ok(
      gql(
        server,
        `{ memberByPhone(phone: "13611112222") { id } memberByCode(code: "ZZZZZZZZZZ") { id } }`,
        {},
        { apiKey: shop.apiKey },
      ),
    );
    expect(found).toEqual({ memberByPhone: null, memberByCode: null });
  });
});

describe("listing", () => {
  /** A new store of the merchant with `count` members: its listing holds this test's members only. */
  async function storeWithMembers(count: number): Promise<string> {
    const store = await ok(
      gql(
        server,
        `mutation($input: StoreInput!) { createStore(input: $input) { id } }`,
        { input: { name: unique("门店"), city: "苏州" } },
        { token: shop.ownerToken },
      ),
    );
    for (let i = 0; i < count; i++)
      await ok(
        gql(
          server,
          REGISTER,
          { input: { phone: phone(), name: `会员${i}`, homeStoreId: store.createStore.id } },
          { apiKey: shop.apiKey },
        ),
      );
    return store.createStore.id;
  }

  it("pages through a store's members newest first with cursors, each member once", async () => {
    const storeId = await storeWithMembers(8);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = await ok(
        gql(
          server,
          `query($s: ID, $a: String) {
            members(storeId: $s, first: 3, after: $a) { nodes { id joinedAt } pageInfo { hasNextPage endCursor } }
          }`,
          { s: storeId, a: after },
          { token: shop.ownerToken },
        ),
      );
      seen.push(...page.members.nodes.map((n: { id: string }) => n.id));
      after = page.members.pageInfo.hasNextPage ? page.members.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 10);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(8);
  });

  it("rejects a cursor from another listing", async () => {
    const storeId = await storeWithMembers(2);
    const page = await ok(
      gql(
        server,
        `query($s: ID) { members(storeId: $s, first: 1) { pageInfo { endCursor } } }`,
        { s: storeId },
        { token: shop.ownerToken },
      ),
    );
    const result = await gql(
      server,
      `query($s: ID, $a: String) { members(storeId: $s, first: 1, after: $a) { nodes { id } } }`,
      { s: shop.stores[0].id, a: page.members.pageInfo.endCursor },
      { token: shop.ownerToken },
    );
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
  });
});
