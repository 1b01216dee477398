/**
 * What the console's top-up plan screens need from the API: one plan by id
 * (the edit page), visible only to its own merchant, and an edit that keeps
 * what it does not name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let other: TestMerchant;

const FIELDS = "id name pay bonus scope status";
const PLAN = `query ($id: ID!) { topUpPlan(id: $id) { ${FIELDS} } }`;
const CREATE = `mutation ($input: TopUpPlanInput!) { createTopUpPlan(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: TopUpPlanInput!) { updateTopUpPlan(id: $id, input: $input) { ${FIELDS} } }`;

beforeAll(async () => {
  server = await startTestServer();
  [shop, other] = await Promise.all([createMerchant(server), createMerchant(server)]);
});
afterAll(() => server?.stop());

async function createPlan(input: Record<string, unknown>) {
  return (await ok(gql(server, CREATE, { input }, { token: shop.ownerToken }))).createTopUpPlan;
}

describe("one top-up plan by id", () => {
  it("returns the plan as created to its merchant's staff and storefront keys", async () => {
    // Prepare
    const created = await createPlan({ name: "充300送60", pay: 30_000, bonus: 6_000, scope: "city" });

    // Act
    const [asOwner, asManager, asClerk, asKey] = await Promise.all([
      ok(gql(server, PLAN, { id: created.id }, { token: shop.ownerToken })),
      ok(gql(server, PLAN, { id: created.id }, { token: shop.managerToken })),
      ok(gql(server, PLAN, { id: created.id }, { token: shop.clerkToken })),
      ok(gql(server, PLAN, { id: created.id }, { apiKey: shop.apiKey })),
    ]);

    // Assess
    expect(asOwner.topUpPlan).toEqual({
      id: created.id,
      name: "充300送60",
      pay: 30_000,
      bonus: 6_000,
      scope: "city",
      status: "active",
    });
    expect(asManager.topUpPlan).toEqual(created);
    expect(asClerk.topUpPlan).toEqual(created);
    expect(asKey.topUpPlan).toEqual(created);
  });

  it("shows an edit, and the edit keeps the fields it leaves out", async () => {
    // Prepare
    const created = await createPlan({ name: "充100送10", pay: 10_000, bonus: 1_000 });

    // Act
    await ok(
      gql(server, UPDATE, { id: created.id, input: { bonus: 1_500, status: "paused" } }, { token: shop.ownerToken }),
    );
    const read = await ok(gql(server, PLAN, { id: created.id }, { token: shop.ownerToken }));

    // Assess
    expect(read.topUpPlan).toEqual({ ...created, bonus: 1_500, status: "paused" });
  });

  it("is null for an id the merchant does not have, and refuses an over-long id", async () => {
    const missing = await gql(server, PLAN, { id: "nosuchplan" }, { token: shop.ownerToken });
    expect(missing.errors).toBeUndefined();
    expect(missing.data.topUpPlan).toBeNull();

    const tooLong = await gql(server, PLAN, { id: "x".repeat(65) }, { token: shop.ownerToken });
    expect(codes(tooLong)).toEqual(["BAD_USER_INPUT"]);
  });

  it("needs credentials", async () => {
    const created = await createPlan({ name: "充50", pay: 5_000, bonus: 0 });
    expect(codes(await gql(server, PLAN, { id: created.id }))).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("tenancy", () => {
  it("another merchant's owner and key read null, cannot change the plan, and it stays as it was", async () => {
    // Prepare
    const created = await createPlan({ name: "充1000送300", pay: 100_000, bonus: 30_000, scope: "store" });

    // Act
    const byOwner = await gql(server, PLAN, { id: created.id }, { token: other.ownerToken });
    const byKey = await gql(server, PLAN, { id: created.id }, { apiKey: other.apiKey });
    const update = await gql(server, UPDATE, { id: created.id, input: { bonus: 90_000 } }, { token: other.ownerToken });
    const list = await ok(gql(server, `{ topUpPlans(first: 100) { nodes { id } } }`, {}, { token: other.ownerToken }));

    // Assess
    expect(byOwner.errors).toBeUndefined();
    expect(byOwner.data.topUpPlan).toBeNull();
    expect(byKey.errors).toBeUndefined();
    expect(byKey.data.topUpPlan).toBeNull();
    expect(codes(update)).toEqual(["NOT_FOUND"]);
    expect(list.topUpPlans.nodes.map((node: { id: string }) => node.id)).not.toContain(created.id);
    const mine = await ok(gql(server, PLAN, { id: created.id }, { token: shop.ownerToken }));
    expect(mine.topUpPlan).toEqual(created);
  });
});
