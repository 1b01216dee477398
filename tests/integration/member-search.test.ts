/** Search: every filter through a key or index, combinable, paginated, scoped. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { registerMember } from "../../functions/app/members.js";
import { cryptoIds } from "../../functions/adapters/ids.js";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let guideId: string;
const SEARCH = `query($f: MemberFilter, $first: Int, $after: String) {
  members(filter: $f, first: $first, after: $after) { nodes { id name joinedAt homeStoreId tags guideId }
    pageInfo { hasNextPage endCursor } }
}`;

/** Members who joined on known days (Shanghai time), in both stores, some tagged, some guided. */
const PEOPLE = [
  { name: "王静", day: "2026-01-05T02:00:00Z", store: 0, tags: ["奶茶控"], guided: true },
  { name: "王强", day: "2026-01-05T17:00:00Z", store: 1, tags: [], guided: false }, // 2026-01-06 01:00 in Shanghai
  { name: "王小明", day: "2026-02-10T04:00:00Z", store: 0, tags: ["奶茶控", "学生"], guided: true },
  { name: "李丽", day: "2026-03-01T04:00:00Z", store: 0, tags: ["学生"], guided: false },
  { name: "李雷", day: "2026-03-15T04:00:00Z", store: 1, tags: ["奶茶控"], guided: false },
  { name: "张伟", day: "2026-04-20T04:00:00Z", store: 0, tags: [], guided: true },
];
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
  guideId = (await ok(gql(server, `{ viewer { staff { id } } }`, {}, { token: shop.clerkToken }))).viewer.staff.id;
  const caller = {
    kind: "staff" as const,
    merchantId: shop.merchantId,
    staffId: shop.ownerId,
    username: "owner",
    role: "owner" as const,
    storeIds: [],
  };
  let n = 0;
  for (const person of PEOPLE) {
    const deps = {
      db: server.db,
      ids: cryptoIds,
      identity: localIdentity(server.db),
      clock: { now: () => person.day },
    };
    const { member } = await registerMember(deps, caller, {
      phone: `1371111${String(n++).padStart(4, "0")}`,
      name: person.name,
      homeStoreId: shop.stores[person.store].id,
      tags: person.tags,
      guideId: person.guided ? guideId : undefined,
    });
    ids[person.name] = member.id;
  }
});
afterAll(() => server?.stop());

const names = (result: { members: { nodes: { name: string }[] } }) => result.members.nodes.map((m) => m.name);
const owner = () => ({ token: shop.ownerToken });

describe("member search", () => {
  it("lists the chain newest first", async () => {
    expect(names(await ok(gql(server, SEARCH, {}, owner())))).toEqual([
      "张伟",
      "李雷",
      "李丽",
      "王小明",
      "王强",
      "王静",
    ]);
  });

  it("finds by name prefix, in name order", async () => {
    expect(names(await ok(gql(server, SEARCH, { f: { name: "王" } }, owner())))).toEqual(["王小明", "王强", "王静"]);
    expect(names(await ok(gql(server, SEARCH, { f: { name: "王小" } }, owner())))).toEqual(["王小明"]);
  });

  it("filters by store, guide and tag, alone and together", async () => {
    expect(names(await ok(gql(server, SEARCH, { f: { storeId: shop.stores[1].id } }, owner())))).toEqual([
      "李雷",
      "王强",
    ]);
    expect(names(await ok(gql(server, SEARCH, { f: { guideId } }, owner())))).toEqual(["张伟", "王小明", "王静"]);
    expect(names(await ok(gql(server, SEARCH, { f: { tag: "奶茶控" } }, owner())))).toEqual(["李雷", "王小明", "王静"]);
    expect(names(await ok(gql(server, SEARCH, { f: { tag: "奶茶控", storeId: shop.stores[0].id } }, owner())))).toEqual(
      ["王小明", "王静"],
    );
    expect(names(await ok(gql(server, SEARCH, { f: { tag: "学生", guideId } }, owner())))).toEqual(["王小明"]);
    expect(names(await ok(gql(server, SEARCH, { f: { name: "李", storeId: shop.stores[1].id } }, owner())))).toEqual([
      "李雷",
    ]);
  });

  it("filters by join date in the merchant's time zone", async () => {
    expect(
      names(await ok(gql(server, SEARCH, { f: { joinedFrom: "2026-01-06", joinedTo: "2026-03-01" } }, owner()))),
    ).toEqual(["李丽", "王小明", "王强"]);
    expect(names(await ok(gql(server, SEARCH, { f: { joinedTo: "2026-01-05" } }, owner())))).toEqual(["王静"]);
    expect(names(await ok(gql(server, SEARCH, { f: { tag: "奶茶控", joinedFrom: "2026-02-01" } }, owner())))).toEqual([
      "李雷",
      "王小明",
    ]);
    expect(names(await ok(gql(server, SEARCH, { f: { name: "王", joinedFrom: "2026-01-06" } }, owner())))).toEqual([
      "王小明",
      "王强",
    ]);
  });

  it("pages a filtered listing with cursors, each member once", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: any = await ok(
        gql(server, SEARCH, { f: { storeId: shop.stores[0].id }, first: 1, after }, owner()),
      );
      seen.push(...names(result));
      if (!result.members.pageInfo.hasNextPage) break;
      after = result.members.pageInfo.endCursor;
    }
    expect(seen).toEqual(["张伟", "李丽", "王小明", "王静"]);
  });

  it("finds by exact phone and by code", async () => {
    const member = await ok(
      gql(server, `query($id: ID!) { member(id: $id) { phone memberCode cardPayload } }`, { id: ids["李丽"] }, owner()),
    );
    expect(names(await ok(gql(server, SEARCH, { f: { phone: member.member.phone } }, owner())))).toEqual(["李丽"]);
    expect(names(await ok(gql(server, SEARCH, { f: { code: member.member.memberCode } }, owner())))).toEqual(["李丽"]);
    expect(names(await ok(gql(server, SEARCH, { f: { code: member.member.cardPayload } }, owner())))).toEqual(["李丽"]);
  });

  it("keeps a manager inside their store whatever the filter", async () => {
    const manager = { token: shop.managerToken };
    expect(names(await ok(gql(server, SEARCH, { f: { tag: "奶茶控" } }, manager)))).toEqual(["王小明", "王静"]);
    expect(names(await ok(gql(server, SEARCH, { f: { name: "李" } }, manager)))).toEqual(["李丽"]);
    expect(codes(await gql(server, SEARCH, { f: { storeId: shop.stores[1].id } }, manager))).toEqual(["NOT_FOUND"]);
  });

  it("refuses bad dates and an inverted range", async () => {
    expect(codes(await gql(server, SEARCH, { f: { joinedFrom: "2026-13-01" } }, owner()))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await gql(server, SEARCH, { f: { joinedFrom: "yesterday" } }, owner()))).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(await gql(server, SEARCH, { f: { joinedFrom: "2026-03-01", joinedTo: "2026-01-01" } }, owner())),
    ).toEqual(["BAD_USER_INPUT"]);
  });

  it("another merchant finds none of these members by any filter", async () => {
    const other = await createMerchant(server);
    for (const f of [{}, { name: "王" }, { tag: "奶茶控" }, { guideId }, { storeId: shop.stores[0].id }]) {
      const result = await gql(server, SEARCH, { f }, { token: other.ownerToken });
      expect(result.data?.members?.nodes ?? []).toEqual([]);
    }
  });
});

describe("till look-ups cost", () => {
  it("by phone and by member code: exactly 2 DynamoDB reads each", async () => {
    const { findMemberByCode, findMemberByPhone } = await import("../../functions/app/members.js");
    const sent: string[] = [];
    const client = server.db.client;
    const counting = {
      ...server.db,
      client: Object.assign(Object.create(client), {
        send: (command: { constructor: { name: string } }, ...rest: unknown[]) => (
          sent.push(command.constructor.name),
          (client.send as (...a: unknown[]) => unknown)(command, ...rest)
        ),
      }),
    };
    const deps = {
      db: counting,
      ids: cryptoIds,
      identity: localIdentity(server.db),
      clock: { now: () => new Date().toISOString() },
    };
    const caller = { kind: "apiKey" as const, merchantId: shop.merchantId, keyId: "k" };
    const member = await ok(
      gql(
        server,
        `query($id: ID!) { member(id: $id) { phone memberCode } }`,
        { id: ids["张伟"] },
        { token: shop.ownerToken },
      ),
    );
    expect((await findMemberByPhone(deps, caller, member.member.phone))?.name).toBe("张伟");
    expect(sent).toEqual(["GetCommand", "GetCommand"]);
    sent.length = 0;
    expect((await findMemberByCode(deps, caller, member.member.memberCode))?.name).toBe("张伟");
    expect(sent).toEqual(["GetCommand", "GetCommand"]);
  });
});
