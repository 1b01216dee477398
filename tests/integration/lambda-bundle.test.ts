/**
 * The artifact Lambda runs: the handler bundled by esbuild as the CDK construct
 * bundles it (ESM, minified, SDK inside, require banner), loaded in a fresh Node
 * process and invoked with API Gateway v2 events against DynamoDB Local.
 */
import { statSync } from "node:fs";
import { builtinModules } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMerchant, type TestMerchant } from "../support/api.js";
import { buildHandlerBundle, invokeBundle, jsonEvent, type HandlerBundle } from "../support/lambdaBundle.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { expectRecordedAnswers } from "./handler-differential.parts.js";

let server: TestServer;
let shop: TestMerchant;
let bundle: HandlerBundle;

beforeAll(async () => {
  [server, bundle] = await Promise.all([startTestServer(), buildHandlerBundle()]);
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

const invoke = (events: unknown[]) => invokeBundle(bundle, server, events);
const event = jsonEvent;

describe("the bundled Lambda handler", () => {
  it("is one self-contained file: only Node built-ins and Apollo's never-loaded hosted-service plugins stay outside it", () => {
    expect(statSync(bundle.file).isFile()).toBe(true);
    const outside = bundle.externals.filter((path) => !path.startsWith("node:") && !builtinModules.includes(path));
    expect([...new Set(outside)].sort()).toEqual([
      "./plugin/inlineTrace/index.js",
      "./plugin/schemaReporting/index.js",
      "./plugin/usageReporting/index.js",
    ]);
  });

  it("is at most 800 kB with the AWS SDK inside (issue 17; docs/performance.md has the parts)", () => {
    expect(statSync(bundle.file).size).toBeLessThanOrEqual(800_000);
  });

  it("serves an API key and a staff token over DynamoDB, with introspection off in production", async () => {
    const ownerToken = shop.ownerToken;
    const [registered, listed, introspection, anonymous] = await invoke([
      event(
        {
          query: `mutation($s: ID) {
            registerMember(input: { phone: "13800001111", name: "打包", homeStoreId: $s }) { created member { phone } }
          }`,
          variables: { s: shop.stores[0].id },
        },
        { "x-api-key": shop.apiKey },
      ),
      event({ query: `{ members(first: 5) { nodes { name } } }` }, { authorization: `Bearer ${ownerToken}` }),
      event({ query: `{ __schema { types { name } } }` }, {}),
      event({ query: `{ merchant { id } }` }, {}),
    ]);
    expect(registered.statusCode).toBe(200);
    expect(JSON.parse(registered.body).data.registerMember).toEqual({
      created: true,
      member: { phone: "+8613800001111" },
    });
    expect(listed.body).toContain("打包");
    expect(JSON.parse(listed.body).data.members.nodes).toContainEqual({ name: "打包" });
    expect(JSON.parse(introspection.body).errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(JSON.parse(anonymous.body).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });
});

describe("the cut-down handler answers as the handler before it (handler-differential.parts.ts)", () => {
  it("gives the recorded answer to every request, errors and limits included", async () => {
    // A merchant of its own: the answers list its members.
    await expectRecordedAnswers(bundle, server, await createMerchant(server));
  });
});
