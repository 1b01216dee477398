/**
 * The GraphQL handler's bundle size and cold start, beside a bare Apollo
 * "hello" handler behind the same Lambda adapter (functions/lambdaAdapter.ts), built the same way: esbuild with the
 * options of infra/lib/constructs/lambda-function.ts (ESM, node22, minified,
 * `mainFields: module, main`, UTF-8, the createRequire banner, AWS SDK bundled).
 * A cold start is a fresh `node` process that imports the bundle and invokes
 * the handler once with an API Gateway v2 event; import and first request are
 * timed inside that process, `runs` times each (alternating), medians reported.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { lambdaEsbuild } from "../../infra/lib/constructs/lambda-bundle.js";
import { ROOT } from "../local/dynamodb.js";
import { graphqlEvent } from "../local/http-event.js";

const APOLLO = `
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled } from "@apollo/server/plugin/disabled";
import { executableSchema } from "./graphql/executableSchema.ts";
import { lambdaHandler } from "./functions/lambdaAdapter.ts";
// Apollo's hosted-service plugins off, as in ours: the house build leaves them out of every bundle.
const plugins = [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginUsageReportingDisabled(),
  ApolloServerPluginSchemaReportingDisabled()];
`;

/** A bare Apollo server behind the same adapter, answering { hello } without I/O. */
const HELLO = `${APOLLO}
const server = new ApolloServer({ schema: executableSchema("type Query { hello: String }",
  [{ Query: { hello: () => "world" } }]), plugins });
export const handler = lambdaHandler(server, async () => ({}));
`;

/**
 * A bare Apollo server that makes the DynamoDB requests ours makes for a cold look-up by phone, through the same
 * SDK and document client: GetItem API key (by its SHA-256), GetItem phone pointer, GetItem member.
 */
const SAME_REQUESTS = `${APOLLO}
import { createHash } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { createDb } from "./functions/data/db.ts";
import { keys } from "./functions/data/keys.ts";
const db = createDb({ tableName: process.env.TABLE_NAME, endpoint: process.env.DYNAMODB_ENDPOINT });
const get = async (Key) => (await db.client.send(new GetCommand({ TableName: db.tableName, Key }))).Item;
const memberByPhone = async (_, { phone }, { merchantId }) => {
  const pointer = await get(keys.memberPhone(merchantId, phone));
  return pointer && get(keys.member(merchantId, pointer.memberId));
};
const server = new ApolloServer({ schema: executableSchema(
  "type Member { id: ID! name: String! memberCode: String! } type Query { memberByPhone(phone: String!): Member }",
  [{ Query: { memberByPhone } }]), plugins });
export const handler = lambdaHandler(server, async ({ event }) => {
  const presented = event.headers["x-api-key"];
  const merchantId = /^rk_([0-9a-z]+)_/.exec(presented)[1];
  const key = await get(keys.apiKey(merchantId, createHash("sha256").update(presented).digest("hex")));
  if (!key || key.revokedAt) throw new Error("unknown key");
  return { merchantId };
});
`;

export interface BundleSize {
  bytes: number;
  gzipBytes: number;
  /** The biggest contributors to the minified output, by package. */
  largest: { name: string; bytes: number }[];
}

export interface ColdStart {
  runs: number;
  /** Medians, ms: module import (load + top-level: schema, Apollo start), first request, their sum. */
  importMs: number;
  firstRequestMs: number;
  totalMs: number;
  /** The first request's answer status, as a check. */
  statusCode: number;
}

export interface ColdStartBench {
  handler: { bundle: BundleSize; coldStart: ColdStart; request: string };
  /** Bare Apollo making the same DynamoDB requests through the same SDK: the target's baseline. */
  sameRequests: { bundle: BundleSize; coldStart: ColdStart; request: string };
  hello: { bundle: BundleSize; coldStart: ColdStart; request: string };
  /** handler ÷ sameRequests, on `totalMs` (the target), and on `importMs`. */
  ratio: number;
  importRatio: number;
  /** handler ÷ hello, on `totalMs`. */
  helloRatio: number;
}

function largest(metafile: Metafile, out: string): BundleSize["largest"] {
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith(out))![1];
  const byPackage = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const name = match ? match[1] : `(ours) ${file.split("/")[0]}`;
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...byPackage.entries()]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 10);
}

async function bundle(
  dir: string,
  name: string,
  entry: { file: string } | { contents: string },
): Promise<{ file: string; size: BundleSize }> {
  const file = join(dir, `${name}.mjs`);
  const result = await build({
    ...lambdaEsbuild(),
    ...("file" in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: ROOT, loader: "js", sourcefile: `${name}.js` } }),
    outfile: file,
  });
  const code = readFileSync(file);
  return {
    file,
    size: {
      bytes: statSync(file).size,
      gzipBytes: gzipSync(code).length,
      largest: largest(result.metafile!, `${name}.mjs`),
    },
  };
}

const RUNNER = `
const started = performance.now();
const { handler } = await import(process.argv[2]);
const imported = performance.now();
const result = await handler(JSON.parse(process.argv[3]), { awsRequestId: "cold-start",
  callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => 10000 });
const answered = performance.now();
process.stdout.write(JSON.stringify({ importMs: imported - started, firstRequestMs: answered - imported,
  statusCode: result.statusCode, body: String(result.body).slice(0, 300) }) + "\\n");
process.exit(0);
`;

async function once(runner: string, file: string, event: unknown, env: Record<string, string>) {
  const child = spawn(process.execPath, [runner, file, JSON.stringify(event)], {
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const status = await new Promise((done) => child.once("exit", done));
  if (status !== 0) throw new Error(`cold start run failed: ${stderr}`);
  const run = JSON.parse(stdout.trim().split("\n").pop()!) as {
    importMs: number;
    firstRequestMs: number;
    statusCode: number;
    body: string;
  };
  if (run.statusCode !== 200 || run.body.includes('"errors"'))
    throw new Error(`cold start request failed: ${run.statusCode} ${run.body}`);
  return run;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

type Run = Awaited<ReturnType<typeof once>>;

function summary(runs: Run[]): ColdStart {
  return {
    runs: runs.length,
    importMs: median(runs.map((r) => r.importMs)),
    firstRequestMs: median(runs.map((r) => r.firstRequestMs)),
    totalMs: median(runs.map((r) => r.importMs + r.firstRequestMs)),
    statusCode: runs[0].statusCode,
  };
}

/**
 * `env` configures the handler as the CDK stack does (but the local issuer and endpoint);
 * `request` is the handler's first request (a real till look-up), `apiKey` its credential.
 */
export async function benchColdStart(options: {
  env: Record<string, string>;
  request: { query: string; variables: Record<string, unknown> };
  apiKey: string;
  runs: number;
  log: (line: string) => void;
}): Promise<ColdStartBench> {
  const dir = mkdtempSync(join(tmpdir(), "regulars-cold-"));
  options.log("Bundling the GraphQL handler, bare Apollo with the same requests, and the bare hello handler…");
  const handler = await bundle(dir, "graphql", { file: join(ROOT, "functions/graphql.ts") });
  const same = await bundle(dir, "same", { contents: SAME_REQUESTS });
  const hello = await bundle(dir, "hello", { contents: HELLO });
  const runner = join(dir, "run.mjs");
  writeFileSync(runner, RUNNER);
  const env = {
    NODE_ENV: "production",
    AWS_REGION: "ap-east-1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...options.env,
  };
  const lookupEvent = graphqlEvent(JSON.stringify(options.request), { "x-api-key": options.apiKey });
  const helloEvent = graphqlEvent(JSON.stringify({ query: "{ hello }" }), {});
  const runs = { ours: [] as Run[], same: [] as Run[], hello: [] as Run[] };
  options.log(`Cold starts (${options.runs} each, alternating)…`);
  for (let i = 0; i < options.runs; i++) {
    runs.ours.push(await once(runner, handler.file, lookupEvent, env));
    runs.same.push(await once(runner, same.file, lookupEvent, env));
    runs.hello.push(await once(runner, hello.file, helloEvent, env));
  }
  const [handlerCold, sameCold, helloCold] = [summary(runs.ours), summary(runs.same), summary(runs.hello)];
  const lookup = "GetItem key, GetItem phone, GetItem member";
  return {
    handler: {
      bundle: handler.size,
      coldStart: handlerCold,
      request: `memberByPhone with an API key (${lookup}) against DynamoDB Local`,
    },
    sameRequests: { bundle: same.size, coldStart: sameCold, request: `the same look-up, bare Apollo (${lookup})` },
    hello: { bundle: hello.size, coldStart: helloCold, request: "{ hello } (no I/O)" },
    ratio: handlerCold.totalMs / sameCold.totalMs,
    importRatio: handlerCold.importMs / sameCold.importMs,
    helloRatio: handlerCold.totalMs / helloCold.totalMs,
  };
}
