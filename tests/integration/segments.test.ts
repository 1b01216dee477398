/**
 * Segmentation over the API: RFM and stage on the member, tag rules on purchase, saved segments with their size and
 * cost, roles and tenancy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, unique, type TestMerchant } from "../support/api.js";
import { enrol } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
const owner = () => ({ token: shop.ownerToken });
const pos = () => ({ apiKey: shop.apiKey });
const PURCHASE = `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { created } }`;
const PREVIEW = `query($f: SegmentFilterInput!) {
  segmentPreview(filter: $f) { size itemsRead members { member { id } stage rfm { class } } }
}`;
const buy = (memberId: string, storeId: string, category: string, unitPrice: number) =>
  ok(
    gql(
      server,
      PURCHASE,
      {
        input: {
          orderId: unique("o"),
          memberId,
          storeId,
          lines: [{ sku: unique("sku"), name: "商品", category, qty: 1, unitPrice }],
          total: unitPrice,
          paymentMethod: "cash",
        },
      },
      pos(),
    ),
  );

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
  const rules = await ok(
    gql(
      server,
      `mutation {
        updateSegmentationSettings(input: { tagRules: [{ tag: "亲子家庭", kind: category_count, category:
          "toys", count: 3, days: 90 }, { tag: "高消费", kind: lifetime_spend, amount: 100000 }] }) { tagRules
          { id tag kind } recencyDays }
      }`,
      {},
      owner(),
    ),
  );
  expect(rules.updateSegmentationSettings).toMatchObject({
    recencyDays: [7, 30, 90, 180],
    tagRules: [
      { id: "r1", tag: "亲子家庭" },
      { id: "r2", tag: "高消费" },
    ],
  });
});
afterAll(() => server?.stop());

describe("on the member", () => {
  it("a new member is new with the lowest RFM; purchases make them active and tag rules tag them", async () => {
    const m = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const READ = `query($id: ID!) { member(id: $id) { stage tags rfm { r f m class frequencyClass } } }`;
    expect((await ok(gql(server, READ, { id: m.id }, owner()))).member).toEqual({
      stage: "new",
      tags: [],
      rfm: { r: 1, f: 1, m: 1, class: "一般挽留", frequencyClass: "low" },
    });
    await buy(m.id, shop.stores[0].id, "toys", 3000);
    await buy(m.id, shop.stores[0].id, "toys", 3000);
    expect((await ok(gql(server, READ, { id: m.id }, owner()))).member.tags).toEqual([]);
    await buy(m.id, shop.stores[0].id, "toys", 100_000);
    const after = (await ok(gql(server, READ, { id: m.id }, owner()))).member;
    expect(after.stage).toBe("active");
    expect(after.tags.sort()).toEqual(["亲子家庭", "高消费"].sort());
    expect(after.rfm).toMatchObject({ r: 5, f: 2, m: 3, class: "重要发展" });
  });
});

describe("saved segments", () => {
  it("size and members of a filter, read through its most selective key, and saved for campaigns", async () => {
    const a = await enrol(server, pos(), {
      homeStoreId: shop.stores[0].id,
      tags: ["奶茶控"],
      birthday: { month: 12, day: 24 },
      marketingSmsConsent: true,
    });
    const b = await enrol(server, pos(), {
      homeStoreId: shop.stores[1].id,
      tags: ["奶茶控"],
      birthday: { month: 12, day: 25 },
    });
    await buy(a.id, shop.stores[0].id, "drinks", 2000);
    const byTag = (await ok(gql(server, PREVIEW, { f: { tags: ["奶茶控"] } }, owner()))).segmentPreview;
    expect(byTag.size).toBe(2);
    expect(byTag.itemsRead).toBeLessThanOrEqual(6);
    expect(
      (
        await ok(gql(server, PREVIEW, { f: { tags: ["奶茶控"], stages: ["active"] } }, owner()))
      ).segmentPreview.members.map((x: { member: { id: string } }) => x.member.id),
    ).toEqual([a.id]);
    expect(
      (
        await ok(gql(server, PREVIEW, { f: { birthdayMonth: 12, marketingConsent: true } }, owner()))
      ).segmentPreview.members.map((x: { member: { id: string } }) => x.member.id),
    ).toEqual([a.id]);
    // A manager sees only their store's members.
    expect(
      (await ok(gql(server, PREVIEW, { f: { tags: ["奶茶控"] } }, { token: shop.managerToken }))).segmentPreview.size,
    ).toBe(1);

    const saved = (
      await ok(
        gql(
          server,
          `mutation($i: SegmentInput!) { saveSegment(input: $i) { id name filter { tags stages } } }`,
          { i: { name: "活跃奶茶控", filter: { tags: ["奶茶控"], stages: ["active"] } } },
          owner(),
        ),
      )
    ).saveSegment;
    expect(saved).toMatchObject({ name: "活跃奶茶控", filter: { tags: ["奶茶控"], stages: ["active"] } });
    const renamed = (
      await ok(
        gql(
          server,
          `mutation($id: ID!) { saveSegment(id: $id, input: { name: "奶茶常客" }) { id name filter { tags } } }`,
          { id: saved.id },
          owner(),
        ),
      )
    ).saveSegment;
    expect(renamed).toEqual({ id: saved.id, name: "奶茶常客", filter: { tags: ["奶茶控"] } });
    expect(
      (await ok(gql(server, `{ segments { nodes { id } } }`, {}, owner()))).segments.nodes.map(
        (s: { id: string }) => s.id,
      ),
    ).toContain(saved.id);
    expect(b.id).toBeTruthy();
  });

  it("refuses bad filters and settings, clerks, and other merchants", async () => {
    for (const f of [{ stages: ["zombie"] }, { birthdayMonth: 13 }, { rfmClasses: ["VIP"] }])
      expect(codes(await gql(server, PREVIEW, { f }, owner()))).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(
        await gql(
          server,
          `mutation { updateSegmentationSettings(input: { recencyDays: [90, 30, 7, 1] }) { recencyDays } }`,
          {},
          owner(),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(
        await gql(
          server,
          `mutation {
            updateSegmentationSettings(input: { tagRules: [{ tag: "x", kind: category_count, category:
              "toys", count: 0, days: 9 }] }) { recencyDays }
          }`,
          {},
          owner(),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await gql(server, PREVIEW, { f: {} }, { token: shop.clerkToken }))).toEqual(["FORBIDDEN"]);
    expect(
      codes(
        await gql(
          server,
          `mutation { updateSegmentationSettings(input: { recencyDays: [7, 30, 90, 180] }) { recencyDays } }`,
          {},
          { token: shop.managerToken },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
    const other = await createMerchant(server);
    const mine = (
      await ok(gql(server, `mutation { saveSegment(input: { name: "全部", filter: {} }) { id } }`, {}, owner()))
    ).saveSegment;
    expect(
      (
        await ok(
          gql(server, `query($id: ID!) { segment(id: $id) { id } }`, { id: mine.id }, { token: other.ownerToken }),
        )
      ).segment,
    ).toBeNull();
    expect(
      (await ok(gql(server, PREVIEW, { f: { tags: ["奶茶控"] } }, { token: other.ownerToken }))).segmentPreview.size,
    ).toBe(0);
  });
});
