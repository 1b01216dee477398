/** Profile changes, consent, tags and guides: atomic, audited, scoped, and refused cleanly. */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, unique, type TestMerchant } from "../support/api.js";
import { enrol, MEMBER_FIELDS, phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let other: TestMerchant;
const owner = () => ({ token: shop.ownerToken });

beforeAll(async () => {
  server = await startTestServer();
  [shop, other] = await Promise.all([createMerchant(server), createMerchant(server)]);
});
afterAll(() => server?.stop());

const UPDATE =
  `mutation($id: ID!, $input: UpdateMemberInput!, $v: Int) { updateMember(id: $id, ` +
  `input: $input, expectedVersion: $v) { ${MEMBER_FIELDS} } }`;
const AUDIT = `query($id: ID!) {
  member(id: $id) { auditLog(first: 50) { nodes { action actorName source changes { field before after } } } }
}`;

async function phoneItem(e164: string) {
  const result = await server.db.client.send(
    new GetCommand({
      TableName: server.tableName,
      Key: { pk: `T#${shop.merchantId}#PHONE#${e164}`, sk: "PHONE" },
      ConsistentRead: true,
    }),
  );
  return result.Item;
}

describe("profile", () => {
  it("a storefront changes name, birthday and phone; the old phone is freed and the change audited", async () => {
    const member = await enrol(server, { apiKey: shop.apiKey }, { homeStoreId: shop.stores[0].id, name: "旧名" });
    const newPhone = phone();
    const updated = await ok(
      gql(
        server,
        UPDATE,
        {
          id: member.id,
          input: { name: "新名", phone: newPhone, birthday: { month: 12, day: 31, year: 1988 } },
          v: member.version,
        },
        { apiKey: shop.apiKey },
      ),
    );
    expect(updated.updateMember).toMatchObject({
      name: "新名",
      phone: `+86${newPhone}`,
      birthday: { month: 12, day: 31, year: 1988 },
      version: member.version + 1,
    });
    expect(await phoneItem(member.phone)).toBeUndefined();
    expect((await phoneItem(`+86${newPhone}`))?.memberId).toBe(member.id);
    const byOld = await ok(
      gql(
        server,
        `query($p: String!) { memberByPhone(phone: $p) { id } }`,
        { p: member.phone },
        { apiKey: shop.apiKey },
      ),
    );
    expect(byOld.memberByPhone).toBeNull();
    const audit = await ok(gql(server, AUDIT, { id: member.id }, owner()));
    const entry = audit.member.auditLog.nodes[0];
    expect(entry).toMatchObject({ action: "updated", actorName: "POS" });
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { field: "name", before: '"旧名"', after: '"新名"' },
        { field: "phone", before: JSON.stringify(member.phone), after: JSON.stringify(`+86${newPhone}`) },
      ]),
    );
  });

  it("taking another member's phone is a CONFLICT and changes nothing", async () => {
    const a = await enrol(server, owner(), { homeStoreId: shop.stores[0].id });
    const b = await enrol(server, owner(), { homeStoreId: shop.stores[0].id, name: "乙" });
    const result = await gql(server, UPDATE, { id: b.id, input: { phone: a.phone, name: "改了" } }, owner());
    expect(codes(result)).toEqual(["CONFLICT"]);
    const after = await ok(
      gql(server, `query($id: ID!) { member(id: $id) { name phone version } }`, { id: b.id }, owner()),
    );
    expect(after.member).toEqual({ name: "乙", phone: b.phone, version: b.version });
    expect((await phoneItem(a.phone))?.memberId).toBe(a.id);
  });

  it("a stale expectedVersion is refused; the first edit stands", async () => {
    const member = await enrol(server, owner(), { homeStoreId: shop.stores[0].id });
    await ok(gql(server, UPDATE, { id: member.id, input: { name: "先改" }, v: member.version }, owner()));
    const late = await gql(server, UPDATE, { id: member.id, input: { name: "后改" }, v: member.version }, owner());
    expect(codes(late)).toEqual(["CONFLICT"]);
    expect(
      (await ok(gql(server, `query($id: ID!) { member(id: $id) { name } }`, { id: member.id }, owner()))).member.name,
    ).toBe("先改");
  });

  it.each([
    ["an impossible birthday", { birthday: { month: 2, day: 30 } }, "birthday.day"],
    ["a malformed phone", { phone: "1234" }, "phone"],
    ["an unknown store", { homeStoreId: "nowhere" }, "homeStoreId"],
    ["an empty name", { name: " " }, "name"],
  ])("%s is BAD_USER_INPUT and nothing changes", async (_, input, field) => {
    const member = await enrol(server, owner(), { homeStoreId: shop.stores[0].id });
    const result = await gql(server, UPDATE, { id: member.id, input }, owner());
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].extensions!.field).toBe(field);
    const after = await ok(
      gql(server, `query($id: ID!) { member(id: $id) { version name phone } }`, { id: member.id }, owner()),
    );
    expect(after.member).toEqual({ version: member.version, name: member.name, phone: member.phone });
  });

  it("a clerk cannot edit another store's member; the member is unchanged", async () => {
    const member = await enrol(server, owner(), { homeStoreId: shop.stores[1].id, name: "别店" });
    const result = await gql(server, UPDATE, { id: member.id, input: { name: "偷改" } }, { token: shop.clerkToken });
    expect(codes(result)).toEqual(["NOT_FOUND"]);
    expect(
      (await ok(gql(server, `query($id: ID!) { member(id: $id) { name } }`, { id: member.id }, owner()))).member.name,
    ).toBe("别店");
  });

  it("another merchant's key and owner cannot change, tag or consent for this member", async () => {
    const member = await enrol(server, owner(), { homeStoreId: shop.stores[0].id, name: "本商户" });
    for (const credentials of [{ apiKey: other.apiKey }, { token: other.ownerToken }]) {
      expect(codes(await gql(server, UPDATE, { id: member.id, input: { name: "x" } }, credentials))).toEqual([
        "NOT_FOUND",
      ]);
      expect(
        codes(
          await gql(
            server,
            `mutation($id: ID!) { addMemberTags(id: $id, tags: ["x"]) { id } }`,
            { id: member.id },
            credentials,
          ),
        ),
      ).toEqual(["NOT_FOUND"]);
      expect(
        codes(
          await gql(
            server,
            `mutation($id: ID!) { setMarketingConsent(id: $id, input: { granted: false }) { id } }`,
            { id: member.id },
            credentials,
          ),
        ),
      ).toEqual(["NOT_FOUND"]);
      const tags = await ok(gql(server, `{ memberTags { name } }`, {}, credentials));
      expect(tags.memberTags).toEqual([]);
    }
    const after = await ok(
      gql(server, `query($id: ID!) { member(id: $id) { name tags version } }`, { id: member.id }, owner()),
    );
    expect(after.member).toEqual({ name: "本商户", tags: [], version: 1 });
  });
});

describe("consent", () => {
  it("records each decision with time, channel and source, in the audit too", async () => {
    const member = await enrol(server, owner(), {
      homeStoreId: shop.stores[0].id,
      marketingSmsConsent: true,
      channel: "qr",
    });
    expect(member.marketingSms).toMatchObject({ granted: true, channel: "qr" });
    const withdrawn = await ok(
      gql(
        server,
        `mutation($id: ID!) {
          setMarketingConsent(id: $id, input: { granted: false, channel: pos, source: "门店纸质表" }) { marketingSms { granted at channel } }
        }`,
        { id: member.id },
        owner(),
      ),
    );
    expect(withdrawn.setMarketingConsent.marketingSms).toMatchObject({ granted: false, channel: "pos" });
    expect(Date.parse(withdrawn.setMarketingConsent.marketingSms.at)).toBeGreaterThanOrEqual(
      Date.parse(member.marketingSms.at),
    );
    const audit = await ok(gql(server, AUDIT, { id: member.id }, owner()));
    expect(audit.member.auditLog.nodes[0]).toMatchObject({ action: "consent", source: "门店纸质表" });
    expect(audit.member.auditLog.nodes.at(-1)).toMatchObject({ action: "enrolled", source: "qr" });
  });
});

describe("tags", () => {
  it("are added and removed, counted, and list members by tag", async () => {
    const tag = unique("标签").slice(0, 12);
    const a = await enrol(server, owner(), { homeStoreId: shop.stores[0].id });
    const b = await enrol(server, owner(), { homeStoreId: shop.stores[1].id, tags: [tag] });
    await ok(
      gql(
        server,
        `mutation($id: ID!, $t: [String!]!) { addMemberTags(id: $id, tags: $t) { tags } }`,
        { id: a.id, t: [tag, "其他"] },
        owner(),
      ),
    );
    const listed = await ok(
      gql(
        server,
        `query($t: String) { members(filter: { tag: $t }) { nodes { id } } memberTags { name count } }`,
        { t: tag },
        owner(),
      ),
    );
    expect(listed.members.nodes.map((m: { id: string }) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(listed.memberTags).toContainEqual({ name: tag, count: 2 });
    await ok(
      gql(
        server,
        `mutation($id: ID!, $t: [String!]!) { removeMemberTags(id: $id, tags: $t) { tags } }`,
        { id: b.id, t: [tag] },
        owner(),
      ),
    );
    const after = await ok(
      gql(
        server,
        `query($t: String) { members(filter: { tag: $t }) { nodes { id } } memberTags { name count } }`,
        { t: tag },
        owner(),
      ),
    );
    expect(after.members.nodes).toEqual([{ id: a.id }]);
    expect(after.memberTags).toContainEqual({ name: tag, count: 1 });
  });

  it("10 tills tagging one member at once keep every tag and the counts reconcile", async () => {
    const member = await enrol(server, { apiKey: shop.apiKey }, { homeStoreId: shop.stores[0].id });
    const tags = Array.from({ length: 10 }, (_, i) => `并发${i}`);
    const results = await Promise.all(
      tags.map((tag) =>
        gql(
          server,
          `mutation($id: ID!, $t: [String!]!) { addMemberTags(id: $id, tags: $t) { tags } }`,
          { id: member.id, t: [tag] },
          { apiKey: shop.apiKey },
        ),
      ),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const after = await ok(
      gql(
        server,
        `query($id: ID!) { member(id: $id) { tags version } memberTags { name count } }`,
        { id: member.id },
        owner(),
      ),
    );
    expect(after.member.tags.sort()).toEqual([...tags].sort());
    expect(after.member.version).toBe(11);
    for (const tag of tags) expect(after.memberTags).toContainEqual({ name: tag, count: 1 });
  });

  it("refuses a tag with '#', an over-long tag and too many tags", async () => {
    const member = await enrol(server, owner(), { homeStoreId: shop.stores[0].id });
    for (const tags of [["a#b"], ["长".repeat(21)], Array.from({ length: 31 }, (_, i) => `t${i}`)]) {
      expect(
        codes(
          await gql(
            server,
            `mutation($id: ID!, $t: [String!]!) { addMemberTags(id: $id, tags: $t) { tags } }`,
            { id: member.id, t: tags },
            owner(),
          ),
        ),
      ).toEqual(["BAD_USER_INPUT"]);
    }
    expect(
      (await ok(gql(server, `query($id: ID!) { member(id: $id) { tags } }`, { id: member.id }, owner()))).member.tags,
    ).toEqual([]);
  });
});

describe("guides", () => {
  it("an owner assigns a clerk of the member's store; the guide sees their members", async () => {
    const clerk = await ok(gql(server, `{ viewer { staff { id } } }`, {}, { token: shop.clerkToken }));
    const guideId = clerk.viewer.staff.id;
    const a = await enrol(server, owner(), { homeStoreId: shop.stores[0].id });
    await ok(
      gql(
        server,
        `mutation($ids: [ID!]!, $g: ID) { assignGuide(memberIds: $ids, guideId: $g) { guideId } }`,
        { ids: [a.id], g: guideId },
        owner(),
      ),
    );
    const mine = await ok(
      gql(
        server,
        `query($g: ID) { members(filter: { guideId: $g }) { nodes { id guide { name } } } }`,
        { g: guideId },
        { token: shop.clerkToken },
      ),
    );
    expect(mine.members.nodes).toContainEqual({ id: a.id, guide: { name: "clerk" } });
    await ok(
      gql(
        server,
        `mutation($ids: [ID!]!) { assignGuide(memberIds: $ids, guideId: null) { guideId } }`,
        { ids: [a.id] },
        owner(),
      ),
    );
    const none = await ok(
      gql(
        server,
        `query($g: ID) { members(filter: { guideId: $g }) { nodes { id } } }`,
        { g: guideId },
        { token: shop.clerkToken },
      ),
    );
    expect(none.members.nodes.map((m: { id: string }) => m.id)).not.toContain(a.id);
  });

  it("a guide must work at the member's store; clerks may not assign; nothing changes", async () => {
    const clerk = await ok(gql(server, `{ viewer { staff { id } } }`, {}, { token: shop.clerkToken }));
    const member = await enrol(server, owner(), { homeStoreId: shop.stores[1].id });
    const wrongStore = await gql(
      server,
      `mutation($ids: [ID!]!, $g: ID) { assignGuide(memberIds: $ids, guideId: $g) { id } }`,
      { ids: [member.id], g: clerk.viewer.staff.id },
      owner(),
    );
    expect(codes(wrongStore)).toEqual(["BAD_USER_INPUT"]);
    const byClerk = await gql(
      server,
      `mutation($ids: [ID!]!, $g: ID) { assignGuide(memberIds: $ids, guideId: $g) { id } }`,
      { ids: [member.id], g: clerk.viewer.staff.id },
      { token: shop.clerkToken },
    );
    expect(codes(byClerk)).toEqual(["FORBIDDEN"]);
    expect(
      (await ok(gql(server, `query($id: ID!) { member(id: $id) { guideId } }`, { id: member.id }, owner()))).member
        .guideId,
    ).toBeNull();
  });
});

describe("clerks see masked phones", () => {
  it("in look-ups, lists and the audit log", async () => {
    const member = await enrol(server, owner(), { homeStoreId: shop.stores[0].id });
    await ok(gql(server, UPDATE, { id: member.id, input: { phone: phone() } }, owner()));
    const seen = await ok(
      gql(
        server,
        `query($id: ID!) {
          member(id: $id) { phone phoneMasked auditLog { nodes { changes { field before after } } } }
            members(first: 100) { nodes { phone } }
        }`,
        { id: member.id },
        { token: shop.clerkToken },
      ),
    );
    expect(seen.member.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(seen.member.phone).toBe(seen.member.phoneMasked);
    expect(seen.members.nodes.every((m: { phone: string }) => /^\d{3}\*{4}\d{4}$/.test(m.phone))).toBe(true);
    const phoneChange = seen.member.auditLog.nodes[0].changes.find((c: { field: string }) => c.field === "phone");
    expect(phoneChange.before).toMatch(/\*{4}/);
    expect(phoneChange.after).toMatch(/\*{4}/);
    const current = await ok(gql(server, `query($id: ID!) { member(id: $id) { phone } }`, { id: member.id }, owner()));
    const byPhone = await ok(
      gql(
        server,
        `query($p: String!) { memberByPhone(phone: $p) { phone } }`,
        { p: current.member.phone },
        { token: shop.clerkToken },
      ),
    );
    expect(byPhone.memberByPhone.phone).toBe(seen.member.phoneMasked);
    const manager = await ok(
      gql(server, `query($id: ID!) { member(id: $id) { phone } }`, { id: member.id }, { token: shop.managerToken }),
    );
    expect(manager.member.phone).toMatch(/^\+86\d{11}$/);
  });

  it("clerks cannot export a member's data", async () => {
    const member = await enrol(server, owner(), { homeStoreId: shop.stores[0].id });
    expect(
      codes(
        await gql(
          server,
          `query($id: ID!) { memberDataExport(id: $id) }`,
          { id: member.id },
          { token: shop.clerkToken },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
  });
});
