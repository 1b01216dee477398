/**
 * Store scope, generated from the schema: every query is called as a manager
 * and as a clerk of the chain's second store, with the arguments the other
 * tests use (naming the first store's objects) and again with the first
 * store's id swapped for their own, selecting every field it can reach three
 * levels deep. No answer may carry a member of the first store: not their id,
 * phone or name. Refusals are fine; what they say was in the request.
 */
import { getNamedType, isInterfaceType, isObjectType, isUnionType, type GraphQLNamedType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { cryptoIds } from "../../functions/adapters/ids.js";
import type { Deps } from "../../functions/app/deps.js";
import { runJob } from "../../functions/app/jobs/index.js";
import { createMerchant, gql, ok, signIn, unique, type Credentials } from "../support/api.js";
import { phone } from "../support/members.js";
import { createFixtures, operations, requestFor, type Fixtures, type Operation } from "../support/operations.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { BIRTHDAY_HOLDOUT_OFF } from "../support/holdouts.js";

const PASSWORD = "Passw0rd-scope";

let server: TestServer;
let f: Fixtures;
let clerkToken: string;
/** What identifies the first store's members: ids, national phone numbers, names, their tag and a note. */
let secrets: string[] = [];
/** The second store's members: one who joined on a first-store member's invitation, and the friend they invited. */
let secondStore: { member: string; referee: string };

/** A selection of every field of a type that needs no argument, `depth` object levels down. */
function selection(type: GraphQLNamedType, depth: number): string {
  if (isUnionType(type) || isInterfaceType(type)) return "{ __typename }";
  if (!isObjectType(type)) return "";
  const fields = Object.values(type.getFields()).filter((field) =>
    field.args.every((arg) => arg.type.toString().slice(-1) !== "!"),
  );
  const parts = fields.flatMap((field) => {
    const inner = getNamedType(field.type);
    if (!isObjectType(inner) && !isUnionType(inner) && !isInterfaceType(inner)) return [field.name];
    return depth > 0 ? [`${field.name} ${selection(inner, depth - 1)}`] : [];
  });
  return `{ __typename ${parts.join(" ")} }`;
}

function documentAt(op: Operation, variables: Record<string, unknown>, depth: number): string {
  const args = op.field.args.filter((arg) => variables[arg.name] !== undefined);
  const defs = args.map((arg) => `$${arg.name}: ${arg.type}`).join(", ");
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  return (
    `query ${op.name}${defs ? `(${defs})` : ""} { ${op.name}${call ? `(${call})` : ""} ` +
    `${selection(getNamedType(op.field.type), depth)} }`
  );
}

/** The answer's data, asked as deep as the API's cost limits allow (3 levels, else fewer). */
async function ask(op: Operation, variables: Record<string, unknown>, credentials: Credentials) {
  for (let depth = 3; ; depth--) {
    const result = await gql(server, documentAt(op, variables, depth), variables, credentials);
    const tooBig = result.errors?.some((error) => error.extensions?.code === "GRAPHQL_VALIDATION_FAILED");
    if (!tooBig || depth === 0) return result;
  }
}

beforeAll(async () => {
  server = await startTestServer();
  f = await createFixtures(server);
  const owner = { token: f.a.ownerToken };
  const [store1, store2] = f.a.stores.map((store) => store.id);
  const clerk = unique("clerk2");
  await ok(
    gql(
      server,
      `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
      { input: { username: clerk, name: "二号店店员", password: PASSWORD, role: "clerk", storeIds: [store2] } },
      owner,
    ),
  );
  clerkToken = await signIn(server, clerk, PASSWORD);

  // The first store's member is tagged, noted, invited a friend, and got a birthday SMS.
  await ok(
    gql(
      server,
      `mutation($id: ID!) { addMemberTags(id: $id, tags: ["一号店常客"]) { id } }`,
      { id: f.member.id },
      owner,
    ),
  );
  await ok(
    gql(
      server,
      `mutation($m: ID!, $r: ID!) { logContact(input: { memberId: $m, channel: CALL, note: "一号店回访", requestId: $r }) { created } }`,
      { m: f.member.id, r: unique("c") },
      owner,
    ),
  );
  await ok(
    gql(
      server,
      `mutation { updateReferralRules(input: { enabled: true, referrerPoints: 100, refereePoints: 50 }) { referral { enabled } } }`,
      {},
      owner,
    ),
  );
  const referee = `13${String(Date.now()).slice(-9)}`;
  await ok(
    gql(
      server,
      `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { member { id } } }`,
      {
        input: {
          phone: referee,
          name: "一号店新朋友",
          homeStoreId: store1,
          inviteCode: f.member.memberCode,
          marketingSmsConsent: true,
          birthday: { month: 3, day: 14 },
        },
      },
      owner,
    ),
  );
  // Members of the second store, so that scoped answers are not simply empty: one invited from the
  // first store (a referral between stores), one invited by them, tagged, with birthday SMS.
  const join = async (name: string, phoneNumber: string, inviteCode: string) =>
    (
      await ok(
        gql(
          server,
          `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { member { id memberCode } } }`,
          {
            input: {
              phone: phoneNumber,
              name,
              homeStoreId: store2,
              inviteCode,
              tags: ["二号店常客"],
              marketingSmsConsent: true,
              birthday: { month: 3, day: 14 },
            },
          },
          owner,
        ),
      )
    ).registerMember.member;
  const second = await join("二号店会员", `15${String(Date.now()).slice(-9)}`, f.member.memberCode);
  secondStore = {
    member: second.id,
    referee: (await join("二号店新朋友", `18${String(Date.now()).slice(-9)}`, second.memberCode)).id,
  };
  const deps: Deps = {
    db: server.db,
    clock: { now: () => new Date().toISOString() },
    ids: cryptoIds,
    identity: localIdentity(server.db),
  };
  await ok(gql(server, BIRTHDAY_HOLDOUT_OFF, {}, { token: f.a.ownerToken }));
  expect((await runJob(deps, "birthday", f.a.merchantId, "2027-03-14")).sms).toBe(3);

  const firstStore = (
    await ok(
      gql(
        server,
        `query($s: ID!) { members(first: 100, filter: { storeId: $s }) { nodes { id phone name } } }`,
        { s: store1 },
        owner,
      ),
    )
  ).members.nodes as { id: string; phone: string; name: string }[];
  expect(firstStore.length).toBeGreaterThanOrEqual(2);
  // Their tag (counted only where they are) and the note about them too.
  secrets = [
    ...firstStore.flatMap((member) => [member.id, member.phone.replace(/^\+86/, ""), member.name]),
    "一号店常客",
    "一号店回访",
  ];
});
afterAll(() => server?.stop());

describe("a manager or clerk of one store", () => {
  it("finds no member of another store in any query's answer", async () => {
    const store1 = f.a.stores[0].id;
    const store2 = f.a.stores[1].id;
    const callers: [string, Credentials][] = [
      ["manager", { token: f.storeBManagerToken }],
      ["clerk", { token: clerkToken }],
    ];
    const leaks: string[] = [];
    let answered = 0;
    for (const op of operations().filter((candidate) => candidate.kind === "query")) {
      const { variables } = await requestFor(f, server, op);
      const own = JSON.parse(JSON.stringify(variables).replaceAll(store1, store2)) as Record<string, unknown>;
      for (const [name, credentials] of callers) {
        for (const vars of [variables, own]) {
          const result = await ask(op, vars, credentials);
          if (result.data?.[op.name] != null) answered++;
          const text = JSON.stringify(result.data ?? {});
          const found = secrets.filter((secret) => text.includes(secret));
          if (found.length)
            leaks.push(
              `${op.name} as ${name}${vars === own ? " (own store)" : ""}: ${found.join(", ")} in ${text.slice(0, 300)}`,
            );
        }
      }
    }
    console.log(
      `store scope: ${operations().filter((op) => op.kind === "query").length} queries, ${answered} answered with data`,
    );
    expect(leaks).toEqual([]);
    expect(answered).toBeGreaterThan(20);
  });

  it("sees their own store's members in the same lists: SMS, referrals between their members, tag counts", async () => {
    const manager = { token: f.storeBManagerToken };
    const seen = await ok(
      gql(
        server,
        `{
          smsMessages(first: 100) { nodes { memberId } } referrals(first: 100) { nodes { memberId referrerId } } memberTags { name count }
        }`,
        {},
        manager,
      ),
    );
    expect(seen.smsMessages.nodes.map((message: { memberId: string }) => message.memberId).sort()).toEqual(
      [secondStore.member, secondStore.referee].sort(),
    );
    // The referral from the first store is between two stores: the owner's to see, not this manager's.
    expect(seen.referrals.nodes).toEqual([{ memberId: secondStore.referee, referrerId: secondStore.member }]);
    expect(seen.memberTags).toEqual([{ name: "二号店常客", count: 2 }]);
    const all = await ok(
      gql(
        server,
        `{ referrals(first: 100) { nodes { memberId } } memberTags { name count } }`,
        {},
        { token: f.a.ownerToken },
      ),
    );
    expect(all.referrals.nodes).toHaveLength(3);
    expect(all.memberTags).toEqual(
      expect.arrayContaining([
        { name: "二号店常客", count: 2 },
        { name: "一号店常客", count: 1 },
      ]),
    );
  });

  it("pages through a scoped listing without losing or repeating an item", async () => {
    const manager = { token: f.storeBManagerToken };
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: { nodes: { memberId: string }[]; pageInfo: { endCursor: string | null } } = (
        await ok(
          gql(
            server,
            `query($after: String) { smsMessages(first: 1, after: $after) { nodes { memberId } pageInfo { endCursor } } }`,
            { after },
            manager,
          ),
        )
      ).smsMessages;
      ids.push(...page.nodes.map((node) => node.memberId));
      after = page.pageInfo.endCursor;
    } while (after);
    expect(ids.sort()).toEqual([secondStore.member, secondStore.referee].sort());
  });

  it("a member moving to another store takes their tag count along", async () => {
    // A merchant of its own: the move changes tag counts that the other tests here read.
    const shop = await createMerchant(server);
    const owner = { token: shop.ownerToken };
    const [store1, store2] = shop.stores.map((store) => store.id);
    const manager2 = unique("manager2");
    await ok(
      gql(
        server,
        `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
        { input: { username: manager2, name: "二号店店长", password: PASSWORD, role: "manager", storeIds: [store2] } },
        owner,
      ),
    );
    const join = async (homeStoreId: string, tag: string) =>
      (
        await ok(
          gql(
            server,
            `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { member { id } } }`,
            { input: { phone: phone(), name: "会员", homeStoreId, tags: [tag] } },
            owner,
          ),
        )
      ).registerMember.member.id as string;
    await join(store1, "一号店常客");
    await join(store2, "二号店常客");
    const mover = await join(store2, "二号店常客");

    await ok(
      gql(
        server,
        `mutation($id: ID!, $s: ID!) { updateMember(id: $id, input: { homeStoreId: $s }) { id } }`,
        { id: mover, s: store1 },
        owner,
      ),
    );
    const tags = async (token: string) =>
      (await ok(gql(server, `{ memberTags { name count } }`, {}, { token }))).memberTags;
    expect(await tags(await signIn(server, manager2, PASSWORD))).toEqual([{ name: "二号店常客", count: 1 }]);
    expect(await tags(shop.managerToken)).toEqual(
      expect.arrayContaining([
        { name: "二号店常客", count: 1 },
        { name: "一号店常客", count: 1 },
      ]),
    );
  });
});
