/**
 * The artifact Lambda runs, for tests: the GraphQL handler bundled with the
 * house construct's esbuild options, and a way to invoke it in a fresh Node
 * process configured as the CDK stack configures Lambda (production), against
 * this run's DynamoDB Local and the test server's token issuer.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { inject } from "vitest";
import { lambdaEsbuild } from "../../infra/lib/constructs/lambda-bundle.js";
import { graphqlEvent } from "../../scripts/local/http-event.js";
import { CONSOLE_AUDIENCE } from "../../scripts/local/server.js";
import type { TestServer } from "./server.js";

const ROOT = resolve(import.meta.dirname, "../..");

export interface HandlerBundle {
  file: string;
  /** Import paths the bundle leaves outside (esbuild's externals). */
  externals: string[];
}

/** What a handler beside the test server needs to use its table and token issuer, as Lambda's environment. */
export function handlerEnv(server: TestServer): Record<string, string> {
  return {
    TABLE_NAME: server.tableName,
    DYNAMODB_ENDPOINT: inject("dynamodbEndpoint"),
    JWT_ISSUER: `${server.url}/auth`,
    JWT_AUDIENCE: CONSOLE_AUDIENCE,
    JWKS_URL: `${server.url.replace("localhost", "127.0.0.1")}/auth/.well-known/jwks.json`,
  };
}

/** Bundle functions/graphql.ts as the construct does, into a fresh folder. */
export async function buildHandlerBundle(): Promise<HandlerBundle> {
  const file = join(mkdtempSync(join(tmpdir(), "regulars-bundle-")), "index.mjs");
  const result = await build({ ...lambdaEsbuild(), entryPoints: [join(ROOT, "functions/graphql.ts")], outfile: file });
  const externals = Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.external).map((entry) => entry.path),
  );
  return { file, externals };
}

/** An API Gateway HTTP API (payload v2) event, as the local server makes it. */
export const apiEvent = graphqlEvent;

/** A JSON POST event. */
export const jsonEvent = (body: unknown, headers: Record<string, string>) => apiEvent(JSON.stringify(body), headers);

export interface BundleAnswer {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

/**
 * Invoke the bundle once per event, in order, in one fresh process (one cold
 * start), with production settings; `env` adds to or overrides them.
 */
export async function invokeBundle(
  bundle: HandlerBundle,
  server: TestServer,
  events: unknown[],
  env: Record<string, string> = {},
): Promise<BundleAnswer[]> {
  const dir = mkdtempSync(join(tmpdir(), "regulars-invoke-"));
  const runner = join(dir, "run.mjs");
  // The events go in a file: one argument may not exceed 128 KiB, and a test sends a body over 1 MB.
  writeFileSync(join(dir, "events.json"), JSON.stringify(events));
  writeFileSync(
    runner,
    `import { readFileSync } from "node:fs";
     const { handler } = await import(${JSON.stringify(bundle.file)});
     const out = [];
     for (const e of JSON.parse(readFileSync(process.argv[2], "utf8"))) {
       out.push(await handler(e, { awsRequestId: "req-1" }));
     }
     console.log(JSON.stringify(out));`,
  );
  // Asynchronous: the server this file runs (and its JWKS) lives in this very process.
  const child = spawn(process.execPath, [runner, join(dir, "events.json")], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      AWS_REGION: "ap-east-1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...handlerEnv(server),
      ...env,
    },
  });
  const result = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => (result.stdout += chunk));
  child.stderr.on("data", (chunk) => (result.stderr += chunk));
  const status = await new Promise((done) => child.once("exit", done));
  if (status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as BundleAnswer[];
}
