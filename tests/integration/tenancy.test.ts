/** One merchant never sees or changes another's data; a manager stays inside their stores. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { startTestServer, type TestServer } from "../support/server.js";

const REGISTER = `mutation($input: RegisterMemberInput!) {
  registerMember(input: $input) { created member { id phone memberCode homeStoreId } }
}`;

let server: TestServer;
let a: TestMerchant;
let b: TestMerchant;
let bMember: { id: string; phone: string; memberCode: string };
let bStoreMember: { id: string };

beforeAll(async () => {
  server = await startTestServer();
  [a, b] = await Promise.all([createMerchant(server, "商户A"), createMerchant(server, "商户B")]);
  bMember = (
    await ok(
      gql(
        server,
        REGISTER,
        { input: { phone: "13811112222", name: "乙会员", homeStoreId: b.stores[0].id } },
        { apiKey: b.apiKey },
      ),
    )
  ).registerMember.member;
  bStoreMember = (
    await ok(
      gql(
        server,
        REGISTER,
        { input: { phone: "13811113333", name: "二号店会员", homeStoreId: a.stores[1].id } },
        { apiKey: a.apiKey },
      ),
    )
  ).registerMember.member;
});
afterAll(() => server?.stop());

/** A's credentials, resolved when the test runs (after beforeAll). */
const asA = [
  ["A's API key", () => ({ apiKey: a.apiKey })],
  ["A's owner", () => ({ token: a.ownerToken })],
] as const;

describe("merchant A cannot read merchant B", () => {
  it.each(asA)("%s gets null for B's member by id, phone and code", async (_, as) => {
    const credentials = as();
    const result = await ok(
      gql(
        server,
        `query($id: ID!, $p: String!, $c: String!) {
          member(id: $id) { id } memberByPhone(phone: $p) { id } memberByCode(code: $c) { id }
        }`,
        { id: bMember.id, p: bMember.phone, c: bMember.memberCode },
        credentials,
      ),
    );
    expect(result).toEqual({ member: null, memberByPhone: null, memberByCode: null });
  });

  it.each(asA)("%s cannot see B's stores or list B's members", async (_, as) => {
    const credentials = as();
    const store = await ok(
      gql(server, `query($id: ID!) { store(id: $id) { id } }`, { id: b.stores[0].id }, credentials),
    );
    expect(store.store).toBeNull();
    const members = await ok(
      gql(
        server,
        `query($s: ID) { members(storeId: $s, first: 100) { nodes { id } } }`,
        { s: b.stores[0].id },
        credentials,
      ),
    );
    expect(members.members.nodes).toEqual([]);
    const all = await ok(
      gql(server, `{ members(first: 100) { nodes { id } } stores { nodes { id } } }`, {}, credentials),
    );
    expect(all.members.nodes.map((m: { id: string }) => m.id)).not.toContain(bMember.id);
    expect(all.stores.nodes.map((s: { id: string }) => s.id).sort()).toEqual(a.stores.map((s) => s.id).sort());
  });

  it("A's key registering B's member's phone creates A's own member, leaving B's untouched", async () => {
    const result = await ok(
      gql(
        server,
        REGISTER,
        { input: { phone: bMember.phone, name: "甲会员", homeStoreId: a.stores[0].id } },
        { apiKey: a.apiKey },
      ),
    );
    expect(result.registerMember.created).toBe(true);
    expect(result.registerMember.member.id).not.toBe(bMember.id);
    const stillB = await ok(
      gql(server, `query($id: ID!) { member(id: $id) { name } }`, { id: bMember.id }, { apiKey: b.apiKey }),
    );
    expect(stillB.member.name).toBe("乙会员");
  });
});

describe("merchant A cannot write into merchant B", () => {
  it("registering a member into B's store is refused and writes nothing", async () => {
    const result = await gql(
      server,
      REGISTER,
      { input: { phone: "13899990000", name: "越界", homeStoreId: b.stores[0].id } },
      { token: a.ownerToken },
    );
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
    const found = await ok(gql(server, `{ memberByPhone(phone: "13899990000") { id } }`, {}, { apiKey: b.apiKey }));
    expect(found.memberByPhone).toBeNull();
  });

  it("updating B's store is NOT_FOUND and B's store is unchanged", async () => {
    const result = await gql(
      server,
      `mutation($id: ID!) { updateStore(id: $id, input: { name: "被改了" }) { id } }`,
      { id: b.stores[0].id },
      { token: a.ownerToken },
    );
    expect(codes(result)).toEqual(["NOT_FOUND"]);
    const store = await ok(
      gql(server, `query($id: ID!) { store(id: $id) { name } }`, { id: b.stores[0].id }, { token: b.ownerToken }),
    );
    expect(store.store.name).toBe("一号店");
  });

  it("A's owner cannot put staff into B's store", async () => {
    const result = await gql(
      server,
      `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
      {
        input: {
          username: "cross-tenant-x",
          name: "x",
          password: "Passw0rd-x",
          role: "clerk",
          storeIds: [b.stores[0].id],
        },
      },
      { token: a.ownerToken },
    );
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
  });

  it("A's owner cannot revoke B's API key", async () => {
    const keys = await ok(gql(server, `{ apiKeys { id } }`, {}, { token: b.ownerToken }));
    const result = await gql(
      server,
      `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id: keys.apiKeys[0].id },
      { token: a.ownerToken },
    );
    expect(codes(result)).toEqual(["NOT_FOUND"]);
    const after = await ok(gql(server, `{ apiKeys { revokedAt } }`, {}, { token: b.ownerToken }));
    expect(after.apiKeys[0].revokedAt).toBeNull();
  });

  it("a key with B's merchant id but A's secret is refused", async () => {
    const forged = a.apiKey.replace(`rk_${a.merchantId}_`, `rk_${b.merchantId}_`);
    const result = await gql(server, `{ members(first: 1) { nodes { id } } }`, {}, { apiKey: forged });
    expect(result.status).toBe(401);
    expect(codes(result)).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("a manager stays inside their own stores", () => {
  it("sees members of their store and not those of the other store", async () => {
    const other = await ok(
      gql(server, `query($id: ID!) { member(id: $id) { id } }`, { id: bStoreMember.id }, { token: a.managerToken }),
    );
    expect(other.member).toBeNull();
    const listing = await gql(
      server,
      `query($s: ID) { members(storeId: $s, first: 10) { nodes { id } } }`,
      { s: a.stores[1].id },
      { token: a.managerToken },
    );
    expect(codes(listing)).toEqual(["NOT_FOUND"]);
    const stores = await ok(gql(server, `{ stores { nodes { id } } }`, {}, { token: a.managerToken }));
    expect(stores.stores.nodes).toEqual([{ id: a.managerStoreId }]);
  });

  it("cannot enrol a member into the other store or edit it", async () => {
    const enrol = await gql(
      server,
      REGISTER,
      { input: { phone: "13822223333", name: "越店", homeStoreId: a.stores[1].id } },
      { token: a.managerToken },
    );
    expect(codes(enrol)).toEqual(["FORBIDDEN"]);
    const edit = await gql(
      server,
      `mutation($id: ID!) { updateStore(id: $id, input: { name: "改名" }) { id } }`,
      { id: a.stores[1].id },
      { token: a.managerToken },
    );
    expect(codes(edit)).toEqual(["NOT_FOUND"]);
    const check = await ok(gql(server, `{ memberByPhone(phone: "13822223333") { id } }`, {}, { apiKey: a.apiKey }));
    expect(check.memberByPhone).toBeNull();
  });

  it("enrols into their own store by default and may edit it", async () => {
    const enrol = await ok(
      gql(server, REGISTER, { input: { phone: "13822224444", name: "本店" } }, { token: a.managerToken }),
    );
    expect(enrol.registerMember.member.homeStoreId).toBe(a.managerStoreId);
    const edit = await ok(
      gql(
        server,
        `mutation($id: ID!) { updateStore(id: $id, input: { address: "南京西路1号" }) { address name } }`,
        { id: a.managerStoreId },
        { token: a.managerToken },
      ),
    );
    expect(edit.updateStore).toEqual({ address: "南京西路1号", name: "一号店" });
  });

  it("is told a phone belongs to another store's member instead of being shown it", async () => {
    const result = await gql(
      server,
      REGISTER,
      { input: { phone: "13811113333", name: "重复" } },
      { token: a.managerToken },
    );
    expect(codes(result)).toEqual(["CONFLICT"]);
  });

  it("cannot create managers or owners, nor open stores", async () => {
    const staff = await gql(
      server,
      `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
      { input: { username: "mgr-escalate", name: "x", password: "Passw0rd-x", role: "owner" } },
      { token: a.managerToken },
    );
    expect(codes(staff)).toEqual(["FORBIDDEN"]);
    const store = await gql(
      server,
      `mutation { createStore(input: { name: "新店", city: "北京" }) { id } }`,
      {},
      { token: a.managerToken },
    );
    expect(codes(store)).toEqual(["FORBIDDEN"]);
  });
});
