/**
 * The artifact Lambda runs: the handler bundled by esbuild as the CDK construct
 * bundles it (ESM, minified, SDK inside, require banner), loaded in a fresh Node
 * process and invoked with API Gateway v2 events against DynamoDB Local.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { ESM_REQUIRE_BANNER, UNUSED_APOLLO_PLUGINS } from "../../infra/lib/constructs/lambda-function.js";
import { CONSOLE_AUDIENCE } from "../../scripts/local/server.js";
import { createMerchant, type TestMerchant } from "../support/api.js";
import { startTestServer, type TestServer } from "../support/server.js";

const ROOT = resolve(import.meta.dirname, "../..");
let server: TestServer;
let shop: TestMerchant;
let bundle: string;
let externals: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
  const dir = mkdtempSync(join(tmpdir(), "regulars-bundle-"));
  bundle = join(dir, "index.mjs");
  const result = await build({
    metafile: true,
    entryPoints: [join(ROOT, "functions/graphql.ts")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    mainFields: ["module", "main"],
    minify: true,
    charset: "utf8",
    banner: { js: ESM_REQUIRE_BANNER },
    external: UNUSED_APOLLO_PLUGINS,
    logLevel: "silent",
  });
  externals = Object.values(result.metafile!.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.external).map((entry) => entry.path),
  );
});
afterAll(() => server?.stop());

function event(body: unknown, headers: Record<string, string>) {
  return {
    version: "2.0",
    routeKey: "POST /graphql",
    rawPath: "/graphql",
    rawQueryString: "",
    headers: { "content-type": "application/json", ...headers },
    requestContext: {
      http: { method: "POST", path: "/graphql", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "test" },
      requestId: "r1",
      routeKey: "POST /graphql",
      stage: "$default",
      accountId: "1",
      apiId: "a",
      domainName: "x",
      domainPrefix: "x",
      time: "",
      timeEpoch: 0,
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/** Invoke the bundle in a fresh process, configured as the CDK stack configures Lambda (but local issuer and endpoint). */
async function invoke(events: unknown[]) {
  const runner = join(mkdtempSync(join(tmpdir(), "regulars-invoke-")), "run.mjs");
  writeFileSync(
    runner,
    `const { handler } = await import(${JSON.stringify(bundle)});
     const out = [];
     for (const e of JSON.parse(process.argv[2])) out.push(await handler(e, { awsRequestId: "req-1" }));
     console.log(JSON.stringify(out));`,
  );
  // Asynchronous: the server this file runs (and its JWKS) lives in this very process.
  const child = spawn(process.execPath, [runner, JSON.stringify(events)], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      AWS_REGION: "ap-east-1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      TABLE_NAME: server.tableName,
      DYNAMODB_ENDPOINT: inject("dynamodbEndpoint"),
      JWT_ISSUER: `${server.url}/auth`,
      JWT_AUDIENCE: CONSOLE_AUDIENCE,
      JWKS_URL: `${server.url.replace("localhost", "127.0.0.1")}/auth/.well-known/jwks.json`,
    },
  });
  const result = { stdout: "", stderr: "", status: 0 as number | null };
  child.stdout.on("data", (chunk) => (result.stdout += chunk));
  child.stderr.on("data", (chunk) => (result.stderr += chunk));
  result.status = await new Promise((done) => child.once("exit", done));
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as { statusCode: number; body: string }[];
}

describe("the bundled Lambda handler", () => {
  it("is one self-contained file: only Node built-ins and Apollo's never-loaded hosted-service plugins stay outside it", () => {
    expect(statSync(bundle).isFile()).toBe(true);
    const outside = externals.filter((path) => !path.startsWith("node:") && !builtinModules.includes(path));
    expect([...new Set(outside)].sort()).toEqual([
      "./plugin/inlineTrace/index.js",
      "./plugin/schemaReporting/index.js",
      "./plugin/usageReporting/index.js",
    ]);
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
