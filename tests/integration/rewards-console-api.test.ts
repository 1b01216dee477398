/**
 * What the console's points-mall screens need from the API: one reward by id
 * (the edit page), visible only to its own merchant, and an update that can
 * lift a per-member limit or make stock unlimited again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let other: TestMerchant;

const FIELDS = "id name description kind couponTemplateId pointsCost stock perMemberLimit status createdAt updatedAt";
const REWARD = `query ($id: ID!) { reward(id: $id) { ${FIELDS} } }`;
const CREATE = `mutation ($input: RewardInput!) { createReward(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: RewardInput!) { updateReward(id: $id, input: $input) { ${FIELDS} } }`;

beforeAll(async () => {
  server = await startTestServer();
  [shop, other] = await Promise.all([createMerchant(server), createMerchant(server)]);
});
afterAll(() => server?.stop());

async function createReward(input: Record<string, unknown>) {
  return (await ok(gql(server, CREATE, { input }, { token: shop.ownerToken }))).createReward;
}

describe("one reward by id", () => {
  it("returns the reward as created to its merchant's staff and storefront keys", async () => {
    // Prepare
    const created = await createReward({
      name: "保温杯",
      description: "门店领取",
      pointsCost: 800,
      stock: 5,
      perMemberLimit: 1,
    });

    // Act
    const [asOwner, asClerk, asKey] = await Promise.all([
      ok(gql(server, REWARD, { id: created.id }, { token: shop.ownerToken })),
      ok(gql(server, REWARD, { id: created.id }, { token: shop.clerkToken })),
      ok(gql(server, REWARD, { id: created.id }, { apiKey: shop.apiKey })),
    ]);

    // Assess
    expect(asOwner.reward).toEqual(created);
    expect(asOwner.reward).toMatchObject({
      kind: "gift",
      stock: 5,
      perMemberLimit: 1,
      status: "active",
      couponTemplateId: null,
    });
    expect(asClerk.reward).toEqual(created);
    expect(asKey.reward).toEqual(created);
  });

  it("is null for an id the merchant does not have, and refuses an over-long id", async () => {
    const missing = await gql(server, REWARD, { id: "nosuchreward" }, { token: shop.ownerToken });
    expect(missing.errors).toBeUndefined();
    expect(missing.data.reward).toBeNull();

    const tooLong = await gql(server, REWARD, { id: "x".repeat(65) }, { token: shop.ownerToken });
    expect(codes(tooLong)).toEqual(["BAD_USER_INPUT"]);
  });

  it("needs credentials", async () => {
    const created = await createReward({ name: "帆布袋", pointsCost: 100 });
    expect(codes(await gql(server, REWARD, { id: created.id }))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("tenancy", () => {
  it("another merchant's owner and key read null, cannot change the reward, and it stays as it was", async () => {
    // Prepare
    const created = await createReward({ name: "限量徽章", pointsCost: 300, stock: 5 });

    // Act
    const byOwner = await gql(server, REWARD, { id: created.id }, { token: other.ownerToken });
    const byKey = await gql(server, REWARD, { id: created.id }, { apiKey: other.apiKey });
    const update = await gql(
      server,
      UPDATE,
      { id: created.id, input: { stock: 0, status: "paused" } },
      { token: other.ownerToken },
    );
    const list = await ok(gql(server, `{ rewards(first: 100) { nodes { id } } }`, {}, { token: other.ownerToken }));

    // Assess
    expect(byOwner.errors).toBeUndefined();
    expect(byOwner.data.reward).toBeNull();
    expect(byKey.errors).toBeUndefined();
    expect(byKey.data.reward).toBeNull();
    expect(codes(update)).toEqual(["NOT_FOUND"]);
    expect(list.rewards.nodes.map((node: { id: string }) => node.id)).not.toContain(created.id);
    const after = await ok(gql(server, REWARD, { id: created.id }, { token: shop.ownerToken }));
    expect(after.reward).toEqual(created);
  });
});

describe("changes the edit page sends", () => {
  it("null lifts the per-member limit, unlimited clears the stock, an empty description removes it", async () => {
    const created = await createReward({
      name: "任意饮品",
      description: "中杯",
      pointsCost: 500,
      stock: 20,
      perMemberLimit: 2,
    });

    const updated = (
      await ok(
        gql(
          server,
          UPDATE,
          { id: created.id, input: { perMemberLimit: null, unlimited: true, description: "" } },
          { token: shop.ownerToken },
        ),
      )
    ).updateReward;

    expect(updated).toMatchObject({ perMemberLimit: null, stock: null, pointsCost: 500, name: "任意饮品" });
    expect(updated.description ?? null).toBeNull();
    const stored = await ok(gql(server, REWARD, { id: created.id }, { token: shop.ownerToken }));
    expect(stored.reward).toMatchObject({ perMemberLimit: null, stock: null, description: null });
  });

  it("managers and clerks read rewards but may not change them", async () => {
    const created = await createReward({ name: "小样", pointsCost: 50, stock: 3 });
    for (const token of [shop.managerToken, shop.clerkToken]) {
      expect(codes(await gql(server, UPDATE, { id: created.id, input: { stock: 99 } }, { token }))).toEqual([
        "FORBIDDEN",
      ]);
    }
    expect((await ok(gql(server, REWARD, { id: created.id }, { token: shop.managerToken }))).reward.stock).toBe(3);
  });
});
