/**
 * The merchant's product list (商品): owners and managers keep it, every till
 * of the chain reads it, another merchant never sees it, and bad input or a
 * duplicate SKU changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, unique, type TestMerchant } from "../support/api.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let other: TestMerchant;

const FIELDS = "id sku name category price status createdAt updatedAt";
const LIST = `query ($first: Int, $after: String) {
  products(first: $first, after: $after) { nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } }
}`;
const ONE = `query ($id: ID!) { product(id: $id) { ${FIELDS} } }`;
const CREATE = `mutation ($input: ProductInput!) { createProduct(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: ProductInput!) { updateProduct(id: $id, input: $input) { ${FIELDS} } }`;

beforeAll(async () => {
  server = await startTestServer();
  [shop, other] = await Promise.all([createMerchant(server), createMerchant(server)]);
});
afterAll(() => server?.stop());

async function addProduct(owner: TestMerchant, input: Record<string, unknown>) {
  return (await ok(gql(server, CREATE, { input }, { token: owner.ownerToken }))).createProduct;
}

describe("the product list", () => {
  it("is kept by owners and managers and read by every till of the chain", async () => {
    // Prepare
    const sku = unique("TOY");
    const created = await addProduct(shop, { sku, name: "积木城堡", category: "toys", price: 19900 });

    // Act
    const byManager = await ok(
      gql(server, UPDATE, { id: sku, input: { price: 17900, status: "paused" } }, { token: shop.managerToken }),
    );
    const [asClerk, asKey] = await Promise.all([
      ok(gql(server, ONE, { id: sku }, { token: shop.clerkToken })),
      ok(gql(server, ONE, { id: sku }, { apiKey: shop.apiKey })),
    ]);

    // Assess
    expect(created).toMatchObject({ id: sku, sku, name: "积木城堡", category: "toys", price: 19900, status: "active" });
    expect(byManager.updateProduct).toMatchObject({ sku, name: "积木城堡", price: 17900, status: "paused" });
    expect(asClerk.product).toEqual(byManager.updateProduct);
    expect(asKey.product).toEqual(byManager.updateProduct);
  });

  it("lists products by SKU, page by page", async () => {
    // Prepare
    const merchant = await createMerchant(server);
    const skus = ["A-1", "B-2", "C-3"];
    for (const sku of skus.reverse()) await addProduct(merchant, { sku, name: `商品${sku}`, price: 100 });

    // Act
    const first = await ok(gql(server, LIST, { first: 2 }, { token: merchant.clerkToken }));
    const rest = await ok(
      gql(server, LIST, { first: 2, after: first.products.pageInfo.endCursor }, { token: merchant.clerkToken }),
    );

    // Assess
    expect(first.products.nodes.map((p: { sku: string }) => p.sku)).toEqual(["A-1", "B-2"]);
    expect(first.products.pageInfo.hasNextPage).toBe(true);
    expect(rest.products.nodes.map((p: { sku: string }) => p.sku)).toEqual(["C-3"]);
    expect(rest.products.pageInfo.hasNextPage).toBe(false);
  });

  it("refuses a SKU already on the list and keeps the first product", async () => {
    // Prepare
    const sku = unique("CUP");
    await addProduct(shop, { sku, name: "保温杯", price: 5900 });

    // Act
    const again = await gql(server, CREATE, { input: { sku, name: "另一个", price: 1 } }, { token: shop.ownerToken });
    const read = await ok(gql(server, ONE, { id: sku }, { token: shop.ownerToken }));

    // Assess
    expect(codes(again)).toEqual(["CONFLICT"]);
    expect(again.errors?.[0].extensions?.field).toBe("sku");
    expect(read.product).toMatchObject({ name: "保温杯", price: 5900 });
  });
});

describe("who may change it", () => {
  it("refuses clerks and storefront keys, and changes nothing", async () => {
    // Prepare
    const sku = unique("PEN");
    await addProduct(shop, { sku, name: "钢笔", price: 3000 });

    // Act
    const clerkCreate = await gql(
      server,
      CREATE,
      { input: { sku: unique("X"), name: "x", price: 1 } },
      { token: shop.clerkToken },
    );
    const clerkUpdate = await gql(server, UPDATE, { id: sku, input: { price: 1 } }, { token: shop.clerkToken });
    const keyUpdate = await gql(server, UPDATE, { id: sku, input: { price: 1 } }, { apiKey: shop.apiKey });
    const read = await ok(gql(server, ONE, { id: sku }, { token: shop.ownerToken }));

    // Assess
    expect(codes(clerkCreate)).toEqual(["FORBIDDEN"]);
    expect(codes(clerkUpdate)).toEqual(["FORBIDDEN"]);
    expect(codes(keyUpdate)).toEqual(["FORBIDDEN"]);
    expect(read.product.price).toBe(3000);
  });

  it("keeps one merchant's products from another: not found, not listed, not changed", async () => {
    // Prepare
    const sku = unique("SECRET");
    await addProduct(shop, { sku, name: "独家", price: 100 });

    // Act
    const read = await ok(gql(server, ONE, { id: sku }, { token: other.ownerToken }));
    const listed = await ok(gql(server, LIST, { first: 100 }, { token: other.ownerToken }));
    const changed = await gql(server, UPDATE, { id: sku, input: { price: 1 } }, { token: other.ownerToken });
    const mine = await ok(gql(server, ONE, { id: sku }, { token: shop.ownerToken }));

    // Assess
    expect(read.product).toBeNull();
    expect(listed.products.nodes.map((p: { sku: string }) => p.sku)).not.toContain(sku);
    expect(codes(changed)).toEqual(["NOT_FOUND"]);
    expect(mine.product.price).toBe(100);
  });
});

describe("bad input", () => {
  it.each([
    ["a SKU with a space", { sku: "A 1", name: "x", price: 1 }, "sku"],
    ["no name", { sku: "OK-1", price: 1 }, "name"],
    ["a name over 40 characters", { sku: "OK-2", name: "长".repeat(41), price: 1 }, "name"],
    ["a negative price", { sku: "OK-3", name: "x", price: -1 }, "price"],
    ["no price", { sku: "OK-4", name: "x" }, "price"],
    ["a status not on the list", { sku: "OK-5", name: "x", price: 1, status: "gone" }, "status"],
  ])("refuses %s with BAD_USER_INPUT on the field, and writes nothing", async (_, input, field) => {
    // Act
    const result = await gql(server, CREATE, { input }, { token: shop.ownerToken });
    const listed = await ok(gql(server, LIST, { first: 100 }, { token: shop.ownerToken }));

    // Assess
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(listed.products.nodes.map((p: { sku: string }) => p.sku)).not.toContain((input as { sku: string }).sku);
  });
});
