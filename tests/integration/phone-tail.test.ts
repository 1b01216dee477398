/**
 * Search by the last 4 digits of a phone (手机尾号): served by the member's
 * tail item (one Query and one BatchGetItem), kept in step when the phone or
 * the home store changes and when the member is erased, inside the caller's
 * stores and merchant, and refused for anything but 4 digits.
 */
import { DeleteCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cryptoIds } from "../../functions/adapters/ids.js";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { searchMembers } from "../../functions/app/members.js";
import type { Db } from "../../functions/data/db.js";
import { backfillPhoneTails } from "../../functions/data/members.js";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let other: TestMerchant;
const ids: Record<string, string> = {};

const SEARCH = `query($f: MemberFilter) { members(filter: $f) { nodes { id name homeStoreId } } }`;
const REGISTER = `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { member { id } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { id } }`;

const names = (result: { members: { nodes: { name: string }[] } }) => result.members.nodes.map((m) => m.name);
const search = async (f: Record<string, unknown>, token: string) =>
  names(await ok(gql(server, SEARCH, { f }, { token })));

beforeAll(async () => {
  server = await startTestServer();
  [shop, other] = await Promise.all([createMerchant(server), createMerchant(server)]);
  // Three members whose phones end in 6688, in both stores, enrolled one after the other; one elsewhere.
  const people = [
    ["赵一", "13900016688", 0],
    ["钱二", "13900026688", 1],
    ["孙三", "13900036688", 0],
    ["李四", "13900041234", 0],
  ] as const;
  for (const [name, phone, store] of people) {
    const input = { name, phone, homeStoreId: shop.stores[store].id };
    const result = await ok(gql(server, REGISTER, { input }, { token: shop.ownerToken }));
    ids[name] = result.registerMember.member.id;
  }
  await ok(
    gql(
      server,
      REGISTER,
      { input: { name: "外人", phone: "13900056688", homeStoreId: other.stores[0].id } },
      { token: other.ownerToken },
    ),
  );
});
afterAll(() => server?.stop());

describe("search by phone tail (手机尾号)", () => {
  it("finds every member of the merchant whose phone ends so, newest first, inside the caller's stores", async () => {
    expect(await search({ phoneTail: "6688" }, shop.ownerToken)).toEqual(["孙三", "钱二", "赵一"]);
    expect(await search({ phoneTail: " 6688 " }, shop.clerkToken)).toEqual(["孙三", "赵一"]);
    expect(await search({ phoneTail: "6688" }, shop.managerToken)).toEqual(["孙三", "赵一"]);
    expect(await search({ phoneTail: "6688", storeId: shop.stores[1].id }, shop.ownerToken)).toEqual(["钱二"]);
    expect(await search({ phoneTail: "0000" }, shop.ownerToken)).toEqual([]);
  });

  it("another merchant's members are not found, and theirs are not ours", async () => {
    expect(await search({ phoneTail: "6688" }, other.ownerToken)).toEqual(["外人"]);
    expect(await search({ phoneTail: "1234" }, other.ownerToken)).toEqual([]);
  });

  it("follows a phone change, a move to another store and an erasure", async () => {
    // Act
    await ok(gql(server, UPDATE, { id: ids["李四"], input: { phone: "13900046688" } }, { token: shop.ownerToken }));
    const moved = { id: ids["赵一"], input: { homeStoreId: shop.stores[1].id } };
    await ok(gql(server, UPDATE, moved, { token: shop.ownerToken }));
    await ok(
      gql(
        server,
        `mutation($id: ID!) { eraseMember(id: $id, reason: "本人申请") { id } }`,
        { id: ids["孙三"] },
        {
          token: shop.ownerToken,
        },
      ),
    );

    // Assert
    expect(await search({ phoneTail: "1234" }, shop.ownerToken)).toEqual([]);
    expect(await search({ phoneTail: "6688" }, shop.ownerToken)).toEqual(["李四", "钱二", "赵一"]);
    expect(await search({ phoneTail: "6688" }, shop.managerToken)).toEqual(["李四"]);
  });

  it("refuses anything but 4 digits, and a tail with a tag or a name, naming the field", async () => {
    for (const phoneTail of ["668", "66888", "66a8", "６６８８"]) {
      const result = await gql(server, SEARCH, { f: { phoneTail } }, { token: shop.ownerToken });
      expect(codes(result), phoneTail).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors?.[0]?.extensions?.field).toBe("phoneTail");
    }
    for (const f of [
      { phoneTail: "6688", tag: "学生" },
      { phoneTail: "6688", name: "赵" },
    ]) {
      const result = await gql(server, SEARCH, { f }, { token: shop.ownerToken });
      expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors?.[0]?.extensions?.field).toBe("phoneTail");
    }
  });

  it("costs one Query and one BatchGetItem", async () => {
    const sent: string[] = [];
    const counting: Db = {
      ...server.db,
      client: Object.assign(Object.create(server.db.client), {
        send: (command: { constructor: { name: string } }, ...rest: unknown[]) => (
          sent.push(command.constructor.name),
          (server.db.client.send as (...a: unknown[]) => unknown)(command, ...rest)
        ),
      }),
    };
    const deps = { db: counting, ids: cryptoIds, identity: localIdentity(server.db), clock: { now: () => "" } };
    const caller = { kind: "apiKey" as const, merchantId: shop.merchantId, keyId: "k" };
    const page = await searchMembers(deps, caller, { phoneTail: "6688" });
    expect(page.items.map((member) => member.name)).toEqual(["李四", "钱二", "赵一"]);
    expect(sent).toEqual(["QueryCommand", "BatchGetCommand"]);
  });

  it("a backfill indexes members enrolled before tail items existed, once, and only this merchant's", async () => {
    const shopBefore = await createMerchant(server);
    for (const [name, phone] of [
      ["周五", "13900077777"],
      ["吴六", "13900087777"],
    ] as const) {
      const input = { name, phone, homeStoreId: shopBefore.stores[0].id };
      await ok(gql(server, REGISTER, { input }, { token: shopBefore.ownerToken }));
    }
    // As a table written before tail items: remove them.
    const tails = await server.db.client.send(
      new QueryCommand({
        TableName: server.tableName,
        KeyConditionExpression: "pk = :p",
        ExpressionAttributeValues: { ":p": `T#${shopBefore.merchantId}#PHONETAIL#7777` },
      }),
    );
    expect(tails.Items).toHaveLength(2);
    for (const item of tails.Items ?? [])
      await server.db.client.send(
        new DeleteCommand({ TableName: server.tableName, Key: { pk: item.pk, sk: item.sk } }),
      );
    expect(await search({ phoneTail: "7777" }, shopBefore.ownerToken)).toEqual([]);

    expect(await backfillPhoneTails(server.db, shopBefore.merchantId)).toEqual({ written: 2, skipped: 0 });
    expect((await search({ phoneTail: "7777" }, shopBefore.ownerToken)).sort()).toEqual(["吴六", "周五"].sort());
    // Again: the same items, nothing doubled; the other merchants' searches unchanged.
    await backfillPhoneTails(server.db, shopBefore.merchantId);
    expect(await search({ phoneTail: "7777" }, shopBefore.ownerToken)).toHaveLength(2);
    expect(await search({ phoneTail: "7777" }, shop.ownerToken)).toEqual([]);
  });
});
