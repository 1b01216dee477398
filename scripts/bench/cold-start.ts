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

const HELLO = `
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled } from "@apollo/server/plugin/disabled";
import { lambdaHandler } from "./functions/lambdaAdapter.ts";
// Apollo's hosted-service plugins off, as in ours: the house build leaves them out of both bundles.
const server = new ApolloServer({ typeDefs: "type Query { hello: String }", resolvers: { Query: { hello: () =>
  "world" } }, plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginUsageReportingDisabled(),
  ApolloServerPluginSchemaReportingDisabled()] });
export const handler = lambdaHandler(server, async () => ({}));
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
  hello: { bundle: BundleSize; coldStart: ColdStart; request: string };
  /** handler ÷ hello, on `totalMs`. */
  ratio: number;
  importRatio: number;
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

export function httpEvent(body: unknown, headers: Record<string, string>) {
  const now = new Date();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: "/graphql",
    rawQueryString: "",
    headers: { "content-type": "application/json", host: "localhost", ...headers },
    requestContext: {
      accountId: "local",
      apiId: "local",
      domainName: "localhost",
      domainPrefix: "localhost",
      http: { method: "POST", path: "/graphql", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench" },
      requestId: "cold-start",
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
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

function summary(runs: { importMs: number; firstRequestMs: number; statusCode: number }[]): ColdStart {
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
  options.log("Bundling the GraphQL handler and the bare hello handler…");
  const handler = await bundle(dir, "graphql", { file: join(ROOT, "functions/graphql.ts") });
  const hello = await bundle(dir, "hello", { contents: HELLO });
  const runner = join(dir, "run.mjs");
  writeFileSync(runner, RUNNER);
  const env = {
    NODE_ENV: "production",
    AWS_REGION: "ap-east-1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...options.env,
  };
  const handlerEvent = httpEvent(options.request, { "x-api-key": options.apiKey });
  const helloEvent = httpEvent({ query: "{ hello }" }, {});
  const ours: Awaited<ReturnType<typeof once>>[] = [];
  const bare: Awaited<ReturnType<typeof once>>[] = [];
  options.log(`Cold starts (${options.runs} each, alternating)…`);
  for (let i = 0; i < options.runs; i++) {
    ours.push(await once(runner, handler.file, handlerEvent, env));
    bare.push(await once(runner, hello.file, helloEvent, env));
  }
  const handlerCold = summary(ours);
  const helloCold = summary(bare);
  return {
    handler: {
      bundle: handler.size,
      coldStart: handlerCold,
      request:
        "memberByPhone with an API key (GetItem key, UpdateItem rate window, GetItem phone, GetItem member) " +
        "against DynamoDB Local",
    },
    hello: { bundle: hello.size, coldStart: helloCold, request: "{ hello } (no I/O)" },
    ratio: handlerCold.totalMs / helloCold.totalMs,
    importRatio: handlerCold.importMs / helloCold.importMs,
  };
}
