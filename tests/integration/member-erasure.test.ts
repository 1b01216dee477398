/** PIPL: data export and irreversible erasure that leaves no personal data anywhere, while counts still add up. */
import { QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { enrol, phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
const owner = () => ({ token: shop.ownerToken });

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

/** Every item of this test's own table (verification only). */
async function everything(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await server.db.client.send(
      new ScanCommand({ TableName: server.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function tagItems(tag: string) {
  const result = await server.db.client.send(
    new QueryCommand({
      TableName: server.tableName,
      KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": `T#${shop.merchantId}#TAG#${tag}` },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

describe("member data export", () => {
  it("gives the profile and the audit history as JSON", async () => {
    const member = await enrol(server, owner(), { homeStoreId: shop.stores[0].id, name: "导出者", tags: ["导出"] });
    await ok(
      gql(
        server,
        `mutation($id: ID!) { setMarketingConsent(id: $id, input: { granted: true }) { id } }`,
        { id: member.id },
        owner(),
      ),
    );
    const exported = await ok(gql(server, `query($id: ID!) { memberDataExport(id: $id) }`, { id: member.id }, owner()));
    const data = JSON.parse(exported.memberDataExport);
    expect(data.member).toMatchObject({ id: member.id, name: "导出者", phone: member.phone, tags: ["导出"] });
    expect(data.audit.map((entry: { action: string }) => entry.action).sort()).toEqual(["consent", "enrolled"]);
  });
});

describe("erasure", () => {
  it("removes every trace of personal data, frees phone and code, keeps the anonymised record, and counts reconcile", async () => {
    const tag = "将注销";
    const keep = await enrol(server, owner(), { homeStoreId: shop.stores[0].id, name: "留下的人", tags: [tag] });
    const member = await enrol(server, owner(), {
      homeStoreId: shop.stores[0].id,
      name: "要注销的人",
      tags: [tag],
      birthday: { month: 7, day: 7, year: 1977 },
      marketingSmsConsent: true,
    });
    const renamedPhone = phone();
    await ok(
      gql(
        server,
        `mutation($id: ID!, $p: String!) { updateMember(id: $id, input: { name: "改名后的人", phone: $p }) { id } }`,
        { id: member.id, p: renamedPhone },
        owner(),
      ),
    );
    const purchase = {
      orderId: `erase-${member.id}`,
      memberId: member.id,
      storeId: shop.stores[0].id,
      paymentMethod: "cash",
      total: 5000,
      lines: [{ sku: "tea", name: "tea", category: "tea", qty: 1, unitPrice: 5000 }],
    };
    await ok(
      gql(
        server,
        `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { created } }`,
        { input: purchase },
        owner(),
      ),
    );
    await ok(
      gql(
        server,
        `mutation($m: ID!) { redeemPoints(memberId: $m, points: 20, requestId: "erase-redeem") { created } }`,
        { m: member.id },
        owner(),
      ),
    );
    // A guide's note about the member is personal data too: exported, then erased.
    await ok(
      gql(
        server,
        `mutation($m: ID!) {
          logContact(input: { memberId: $m, channel: CALL, note: "备注：她住在幸福小区", requestId: "erase-note" }) { created }
        }`,
        { m: member.id },
        owner(),
      ),
    );
    const exported = JSON.parse(
      (await ok(gql(server, `query($id: ID!) { memberDataExport(id: $id) }`, { id: member.id }, owner())))
        .memberDataExport,
    );
    expect(exported.contacts.map((note: { note: string }) => note.note)).toEqual(["备注：她住在幸福小区"]);
    const before = await ok(
      gql(
        server,
        `query($id: ID!) { member(id: $id) { phone memberCode account { available earned spent } } members(first: 100) { nodes { id } } }`,
        { id: member.id },
        owner(),
      ),
    );
    expect(before.member.account).toEqual({ available: 30, earned: 50, spent: 20 });

    const erased = await ok(
      gql(
        server,
        `mutation($id: ID!) { eraseMember(id: $id, reason: "会员本人申请 PIPL") { id name phone tags } }`,
        { id: member.id },
        owner(),
      ),
    );
    expect(erased.eraseMember).toEqual({ id: member.id, name: "已注销", phone: "", tags: [] });

    const secrets = [
      member.phone,
      `+86${renamedPhone}`,
      renamedPhone,
      "要注销的人",
      "改名后的人",
      member.memberCode,
      "1977-07-07",
      "19770707",
      "幸福小区",
    ];
    // The birth year on its own, but not inside a random id or username (manager-1977642b).
    const birthYear = /(?<![\w-])1977(?![\w-])/;
    const items = await everything();
    const leaking = items.filter(
      (item) => secrets.some((secret) => JSON.stringify(item).includes(secret)) || birthYear.test(JSON.stringify(item)),
    );
    expect(leaking).toEqual([]);

    const partition = items.filter((item) => item.pk === `T#${shop.merchantId}#M#${member.id}`);
    expect(partition.find((item) => item.sk === "PROFILE")).toMatchObject({ status: "erased", name: "已注销" });
    // The money stays and still adds up: the account, the ledger and the order are kept, anonymous.
    const account = partition.find((item) => item.sk === "ACCOUNT") as {
      wallet: { earned: number; spent: number; lots: { remaining: number }[] };
    };
    expect(account.wallet.earned).toBe(50);
    expect(account.wallet.earned - account.wallet.spent).toBe(
      account.wallet.lots.reduce((sum, lot) => sum + lot.remaining, 0),
    );
    const ledger = partition.filter((item) => String(item.sk).startsWith("LEDGER#"));
    expect(ledger.reduce((sum, item) => sum + (item.points as number), 0)).toBe(30);
    expect(items.find((item) => item.pk === `T#${shop.merchantId}#ORDER#${purchase.orderId}`)).toMatchObject({
      memberId: member.id,
      total: 5000,
    });
    const refused = await gql(
      server,
      `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { created } }`,
      { input: { ...purchase, orderId: `erase-after-${member.id}` } },
      owner(),
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(
      partition
        .filter((item) => String(item.sk).startsWith("AUDIT#"))
        .map((item) => item.action)
        .sort(),
    ).toEqual(["contacted", "enrolled", "erased", "updated"]);
    expect(
      items
        .filter((item) => item.entity === "event" && (item.detail as { memberId?: string }).memberId === member.id)
        .map((item) => item.type)
        .sort(),
    ).toEqual([
      "LifecycleChanged",
      "MemberErased",
      "MemberJoined",
      "PointsChanged",
      "PointsEarned",
      "PurchaseRecorded",
    ]);

    const after = await ok(
      gql(
        server,
        `query($id: ID!, $p: String!, $c: String!) {
          member(id: $id) { id } memberByPhone(phone: $p) { id } memberByCode(code: $c) { id } members(first:
            100) { nodes { id } } memberTags { name count }
        }`,
        { id: member.id, p: before.member.phone, c: before.member.memberCode },
        owner(),
      ),
    );
    expect(after.member).toBeNull();
    expect(after.memberByPhone).toBeNull();
    expect(after.memberByCode).toBeNull();
    expect(after.members.nodes.length).toBe(before.members.nodes.length - 1);
    const tagged = await tagItems(tag);
    expect(tagged.map((item) => item.memberId)).toEqual([keep.id]);
    expect(after.memberTags).toContainEqual({ name: tag, count: tagged.length });

    const again = await ok(
      gql(
        server,
        `mutation($p: String!) { registerMember(input: { phone: $p, name: "新的人", ` +
          `homeStoreId: "${shop.stores[0].id}" }) { created member { id } } }`,
        { p: before.member.phone },
        owner(),
      ),
    );
    expect(again.registerMember.created).toBe(true);
    expect(again.registerMember.member.id).not.toBe(member.id);
  });

  it("is irreversible and refused a second time, for clerks, and across merchants", async () => {
    const member = await enrol(server, owner(), { homeStoreId: shop.stores[0].id });
    const other = await createMerchant(server);
    expect(
      codes(
        await gql(
          server,
          `mutation($id: ID!) { eraseMember(id: $id, reason: "x") { id } }`,
          { id: member.id },
          { token: other.ownerToken },
        ),
      ),
    ).toEqual(["NOT_FOUND"]);
    expect(
      codes(
        await gql(
          server,
          `mutation($id: ID!) { eraseMember(id: $id, reason: "x") { id } }`,
          { id: member.id },
          { token: shop.clerkToken },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(
      codes(
        await gql(
          server,
          `mutation($id: ID!) { eraseMember(id: $id, reason: "x") { id } }`,
          { id: member.id },
          { apiKey: shop.apiKey },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(
      codes(
        await gql(
          server,
          `mutation($id: ID!) { eraseMember(id: $id, reason: " ") { id } }`,
          { id: member.id },
          owner(),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      (await ok(gql(server, `query($id: ID!) { member(id: $id) { id } }`, { id: member.id }, owner()))).member,
    ).toEqual({ id: member.id });
    await ok(
      gql(server, `mutation($id: ID!) { eraseMember(id: $id, reason: "注销") { id } }`, { id: member.id }, owner()),
    );
    expect(
      codes(
        await gql(
          server,
          `mutation($id: ID!) { eraseMember(id: $id, reason: "注销") { id } }`,
          { id: member.id },
          owner(),
        ),
      ),
    ).toEqual(["CONFLICT"]);
    expect(
      codes(
        await gql(
          server,
          `mutation($id: ID!) { updateMember(id: $id, input: { name: "复活" }) { id } }`,
          { id: member.id },
          owner(),
        ),
      ),
    ).toEqual(["NOT_FOUND"]);
  });
});
