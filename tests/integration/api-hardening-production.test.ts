/**
 * The handler as Lambda runs it (NODE_ENV=production): no introspection, and
 * an unexpected failure answers INTERNAL_SERVER_ERROR with a request id and
 * nothing of the internals (graphql/errors.ts logs the cause under that id).
 */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keys } from "../../functions/data/keys.js";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;

const nodeEnv = process.env.NODE_ENV;
beforeAll(async () => {
  // The handler reads the environment when it is made (as a Lambda cold start does).
  process.env.NODE_ENV = "production";
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(async () => {
  await server?.stop();
  process.env.NODE_ENV = nodeEnv;
});

describe("in production", () => {
  it("refuses introspection but still answers __typename (the console reads its schema from its build)", async () => {
    for (const query of [`{ __schema { types { name } } }`, `{ __type(name: "Member") { fields { name } } }`]) {
      const result = await gql(server, query, {}, { token: shop.ownerToken });
      expect(codes(result), query).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    }
    expect((await ok(gql(server, `query none { __typename }`, {}, { token: shop.ownerToken }))).__typename).toBe(
      "Query",
    );
  });

  it("masks an unexpected error: INTERNAL_SERVER_ERROR with a request id, no message or stack", async () => {
    // A record the code cannot serve: a store saved without its (non-null) name.
    const storeId = "corrupt01";
    await server.db.client.send(
      new PutCommand({
        TableName: server.tableName,
        Item: {
          ...keys.store(shop.merchantId, storeId),
          entity: "store",
          id: storeId,
          merchantId: shop.merchantId,
          city: "上海",
          status: "active",
          createdAt: new Date().toISOString(),
        },
      }),
    );
    const response = await fetch(server.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${shop.ownerToken}` },
      body: JSON.stringify({ query: `query($id: ID!) { store(id: $id) { id name } }`, variables: { id: storeId } }),
    });
    const text = await response.text();
    const body = JSON.parse(text);
    const error = body.errors[0];
    expect(error.extensions.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error.extensions.requestId).toEqual(expect.any(String));
    expect(error.message).toBe(`Internal error; quote request id ${error.extensions.requestId}`);
    expect(text).not.toMatch(/non-nullable|Store\.name|stacktrace|at .*\.(ts|js):\d+/);
    expect(Object.keys(error.extensions).sort()).toEqual(["code", "requestId"]);
  });
});
