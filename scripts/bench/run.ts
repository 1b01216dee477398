/**
 * `npm run bench`: the figures of docs/performance.md, each beside a baseline
 * measured in the same run on the same machine, against the targets of issue 17.
 *   - member look-up, enrolment, record purchase, checkout (purchase + coupon +
 *     stored value), check-in and the dashboard through GraphQL beside the same
 *     DynamoDB requests replayed directly, in process and over HTTP
 *     (operations.ts, record.ts), with the requests and capacity one call costs
 *     beside docs/access-patterns.md;
 *   - the GraphQL handler's bundle and cold start beside bare Apollo handlers
 *     built the same way: one making the same DynamoDB requests, one saying
 *     hello (cold-start.ts);
 *   - the daily jobs' reads (birthday, wake-up, lifecycle, coupon expiry, tier review) at 10,000
 *     and 100,000 members (jobs.ts);
 *   - import throughput, the console's first-load JavaScript (console-size.ts), and the clerk's
 *     console on a slow phone, throttled beside unthrottled (console-phone.ts).
 * Writes bench-results/bench.md and bench.json. Options: --calls N (requests per
 * operation and per side, default 1000), --connections C (10), --rows N (members
 * imported, default 5000), --job-members 10000,100000 (0 skips), --cold-starts N (10),
 * --phone-runs N (5 each way; 0 skips).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { systemClock } from "../../functions/adapters/clock.js";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { cryptoIds } from "../../functions/adapters/ids.js";
import { createGraphqlHandler } from "../../functions/api.js";
import { createApiKey } from "../../functions/app/apiKeys.js";
import type { Deps } from "../../functions/app/deps.js";
import { importMembers, MAX_ROWS_PER_CALL } from "../../functions/app/memberImport.js";
import { onboardMerchant } from "../../functions/app/merchants.js";
import { createDb, type Db } from "../../functions/data/db.js";
import { getMemberByPhone } from "../../functions/data/members.js";
import { ROOT, ensureTable, freePort, startDynamoDbLocal } from "../local/dynamodb.js";
import { CONSOLE_AUDIENCE, startLocalServer } from "../local/server.js";
import { benchColdStart, type ColdStartBench } from "./cold-start.js";
import { consolePhone, consolePhoneMarkdown, type ConsolePhone } from "./console-phone.js";
import { consoleSize, consoleSizeMarkdown } from "./console-size.js";
import { benchJobs, type JobCost } from "./jobs.js";
import { benchOperations, type Bench, type OperationResult } from "./operations.js";
import { startReplayServer } from "./replayServer.js";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "1000" },
    connections: { type: "string", default: "10" },
    rows: { type: "string", default: "5000" },
    "job-members": { type: "string", default: "10000,100000" },
    "cold-starts": { type: "string", default: "10" },
    "phone-runs": { type: "string", default: "5" },
  },
});
const CALLS = Number(values.calls);
const CONNECTIONS = Number(values.connections);
const ROWS = Math.max(500, Number(values.rows));
const JOB_SIZES = values["job-members"]!.split(",")
  .map(Number)
  .filter((n) => n > 0);
const COLD_STARTS = Number(values["cold-starts"]);
const PHONE_RUNS = Number(values["phone-runs"]);

const OPTIONS = {
  calls: CALLS,
  connections: CONNECTIONS,
  rows: ROWS,
  jobMembers: JOB_SIZES,
  coldStarts: COLD_STARTS,
  phoneRuns: PHONE_RUNS,
};
const DYNAMODB = "DynamoDB Local 1.25.1 in memory, same machine";

export const TARGETS = {
  /** GraphQL + domain overhead: direct throughput ÷ GraphQL throughput, in process and over HTTP. */
  overhead: 1.1,
  /** Minified handler bundle with the AWS SDK inside, bytes (800 kB = 800,000 bytes). */
  bundleBytes: 800_000,
  /** Handler cold start (import + first request) ÷ bare Apollo making the same DynamoDB requests. */
  coldStart: 1.15,
  /** Items a daily job reads per member it acts on. */
  jobItemsPerActed: 1.1,
};

const log = (line: string) => console.log(line);
const mark = (met: boolean) => (met ? "met" : "**missed**");
const f = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

function machine() {
  const cores = cpus();
  return {
    cpus: cores.length,
    model: cores[0]?.model ?? "?",
    memoryGb: Math.round(totalmem() / 1e9),
    node: process.version,
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
  };
}

/** The bench's merchant with its first store, and its owner as a caller. */
async function benchMerchant(deps: Deps) {
  const { merchant, store, owner } = await onboardMerchant(
    deps,
    { kind: "operator", subject: "bench" },
    {
      name: "Bench",
      firstStore: { name: "一号店", city: "上海" },
      owner: { username: "bench-owner", name: "Bench", password: "Bench-2026" },
    },
  );
  const caller = {
    kind: "staff" as const,
    merchantId: merchant.id,
    staffId: owner.id,
    username: owner.username,
    role: "owner" as const,
    storeIds: [],
  };
  return { merchant, store, caller };
}

type Caller = Awaited<ReturnType<typeof benchMerchant>>["caller"];

/** ROWS new members imported, then the same file again; rows per second of each. */
async function benchImport(deps: Deps, caller: Caller, storeName: string) {
  log(`Importing ${ROWS} rows…`);
  const header = ["手机号", "姓名", "生日", "门店"];
  const rows = Array.from({ length: ROWS }, (_, i) => [
    `135${String(i).padStart(8, "0")}`,
    `会员${i}`,
    `${(i % 12) + 1}-${(i % 28) + 1}`,
    storeName,
  ]);
  const importFile = async () => {
    const start = performance.now();
    for (let offset = 0; offset < rows.length; offset += MAX_ROWS_PER_CALL)
      await importMembers(deps, caller, {
        header,
        rows: rows.slice(offset, offset + MAX_ROWS_PER_CALL),
        firstRow: offset + 2,
      });
    return ROWS / ((performance.now() - start) / 1000);
  };
  const importRate = await importFile();
  const reimportRate = await importFile();
  return { rows, importRate, reimportRate };
}

/** The first 500 imported members, with their ids. */
async function importedMembers(db: Db, merchantId: string, rows: string[][]) {
  const members: { id: string; phone: string }[] = [];
  for (const row of rows.slice(0, 500))
    members.push({ id: (await getMemberByPhone(db, merchantId, `+86${row[0]}`))!.id, phone: `+86${row[0]}` });
  return members;
}

/** How a handler beside the bench's server finds its table and token issuer. */
const BENCH_TABLE = "bench";
const handlerEnv = (serverUrl: string, dynamodbEndpoint: string) => ({
  TABLE_NAME: BENCH_TABLE,
  DYNAMODB_ENDPOINT: dynamodbEndpoint,
  JWT_ISSUER: `${serverUrl}/auth`,
  JWT_AUDIENCE: CONSOLE_AUDIENCE,
  JWKS_URL: `${serverUrl.replace("localhost", "127.0.0.1")}/auth/.well-known/jwks.json`,
});

/** What is measured against the running server: the operations, the handler's cold start, the daily jobs. */
async function measure(bench: Omit<Bench, "calls" | "connections" | "log">, dynamodbEndpoint: string) {
  const { operations, dashboardMembers } = await benchOperations({
    ...bench,
    calls: CALLS,
    connections: CONNECTIONS,
    log,
  });
  const coldStart = await benchColdStart({
    env: handlerEnv(bench.serverUrl, dynamodbEndpoint),
    request: {
      query: `query($p: String!) { memberByPhone(phone: $p) { id name memberCode } }`,
      variables: { p: bench.members[0].phone },
    },
    apiKey: bench.apiKey,
    runs: COLD_STARTS,
    log,
  });
  const jobs: JobCost[] = [];
  for (const size of JOB_SIZES) jobs.push(...(await benchJobs(bench.db, size, log)));
  return { operations, dashboardMembers, coldStart, jobs };
}

/** bench-results/bench.json and bench.md, and the markdown on the console. */
function writeResults(result: BenchResult) {
  const markdown = render(result);
  const out = join(ROOT, "bench-results");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "bench.json"), JSON.stringify(result, null, 2));
  writeFileSync(join(out, "bench.md"), markdown);
  log(`\n${markdown}\nWritten to bench-results/bench.md and bench.json`);
}

async function main() {
  const startedAt = new Date().toISOString();
  const before = machine();
  const consoleFirstLoad = await consoleSize(log);
  const dynamodb = await startDynamoDbLocal({ port: await freePort(), inMemory: true, log });
  try {
    const phone =
      PHONE_RUNS > 0 ? await consolePhone({ runs: PHONE_RUNS, dynamodbEndpoint: dynamodb.endpoint, log }) : undefined;
    const tableName = BENCH_TABLE;
    await ensureTable(dynamodb.endpoint, tableName);
    const db = createDb({ endpoint: dynamodb.endpoint, tableName });
    const deps: Deps = { db, clock: systemClock, ids: cryptoIds, identity: localIdentity(db) };
    const { merchant, store, caller } = await benchMerchant(deps);
    const imported = await benchImport(deps, caller, store.name);
    const members = await importedMembers(db, merchant.id, imported.rows);

    const server = await startLocalServer({ port: await freePort(), dynamodbEndpoint: dynamodb.endpoint, tableName });
    // Rate limiting on, as in production: the key's own limit, the highest an owner may set.
    const { secret } = await createApiKey(deps, caller, { name: "bench", rateLimitPerSecond: 10_000 });
    const replays = await startReplayServer();
    try {
      const bench = {
        db,
        deps,
        handler: createGraphqlHandler({ NODE_ENV: "production", ...handlerEnv(server.url, dynamodb.endpoint) }),
        replays,
        graphqlUrl: server.graphqlUrl,
        serverUrl: server.url,
        merchantId: merchant.id,
        storeId: store.id,
        apiKey: secret,
        owner: caller,
        members,
      };
      const { operations, dashboardMembers, coldStart, jobs } = await measure(bench, dynamodb.endpoint);
      writeResults({
        startedAt,
        finishedAt: new Date().toISOString(),
        machine: { ...before, loadAverage1mAtEnd: machine().loadAverage1m, dynamodb: DYNAMODB },
        options: OPTIONS,
        targets: TARGETS,
        operations,
        dashboardMembers,
        coldStart,
        jobs,
        import: { rowsPerSecond: imported.importRate, reimportRowsPerSecond: imported.reimportRate },
        console: consoleFirstLoad,
        phone,
        verdicts: verdicts(operations, coldStart, jobs),
      });
    } finally {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await Promise.all([server.stop(), replays.stop()]);
    }
  } finally {
    await dynamodb.stop();
  }
}

function verdicts(operations: OperationResult[], coldStart: ColdStartBench, jobs: JobCost[]) {
  return {
    overhead: operations.map((op) => ({
      name: op.name,
      inProcess: op.inProcess.throughputRatio,
      http: op.http.throughputRatio,
      met: Math.max(op.inProcess.throughputRatio, op.http.throughputRatio) <= TARGETS.overhead,
    })),
    bundle: { bytes: coldStart.handler.bundle.bytes, met: coldStart.handler.bundle.bytes <= TARGETS.bundleBytes },
    coldStart: { ratio: coldStart.ratio, met: coldStart.ratio <= TARGETS.coldStart },
    jobs: jobs.map((job) => ({
      job: job.job,
      members: job.members,
      itemsPerActed: job.itemsPerActed,
      met: job.itemsPerActed <= TARGETS.jobItemsPerActed,
    })),
  };
}

/** What one bench run measured, as bench.json holds it. */
interface BenchResult {
  startedAt: string;
  finishedAt: string;
  machine: ReturnType<typeof machine> & { loadAverage1mAtEnd: number; dynamodb: string };
  options: typeof OPTIONS;
  targets: typeof TARGETS;
  operations: OperationResult[];
  dashboardMembers: number;
  coldStart: ColdStartBench;
  jobs: JobCost[];
  import: { rowsPerSecond: number; reimportRowsPerSecond: number };
  console: Awaited<ReturnType<typeof consoleSize>>;
  /** The clerk's console on a slow phone (absent with --phone-runs 0). */
  phone?: ConsolePhone;
  verdicts: ReturnType<typeof verdicts>;
}

const lat = (t: { p50: number; p95: number; p99: number }) => `${f(t.p50)} / ${f(t.p95)} / ${f(t.p99)}`;

/** bench.md: the machine, then each part's table. */
function render(r: BenchResult) {
  return [
    ...machineSection(r),
    ...graphqlSection(r),
    ...capacitySection(r.operations),
    ...bundleSection(r.coldStart),
    ...jobsSection(r.jobs),
    ...importSection(r),
  ].join("\n");
}

/** The title, and the machine the figures come from. */
function machineSection(r: BenchResult): string[] {
  const { machine: m } = r;
  return [
    `# Benchmarks (${r.startedAt})`,
    "",
    `Machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB, Node ${m.node}; ` +
      `${m.dynamodb}. Load average (1 min) ${m.loadAverage1m} at the start, ` +
      `${m.loadAverage1mAtEnd} at the end: **other work (other engineers' test runs) ` +
      `shared these ${m.cpus} cores**, so absolute figures are noisy and low; compare ` +
      `the ratios, each measured in the same run. The server, the load generator ` +
      `(autocannon, in a worker thread) and DynamoDB Local share the machine.`,
    "",
  ];
}

/** Each operation through GraphQL beside its DynamoDB requests replayed directly, in process and over HTTP. */
function graphqlSection(r: BenchResult): string[] {
  const { operations } = r;
  const table = (way: "inProcess" | "http") => [
    `| operation | GraphQL req/s | GraphQL p50 / p95 / p99 ms | direct req/s | direct ` +
      `p50 / p95 / p99 ms | overhead: direct ÷ GraphQL req/s | GraphQL p50 ÷ direct p50 ` +
      `| target ≤ ${TARGETS.overhead}× |`,
    "|---|---|---|---|---|---|---|---|",
    ...operations.map(({ name, [way]: c }) => {
      const row = `| ${name} | ${f(c.graphql.rps)} | ${lat(c.graphql)} | ${f(c.direct.rps)} | ${lat(c.direct)} | `;
      const ratios = `${c.throughputRatio.toFixed(2)}× | ${c.p50Ratio.toFixed(2)}×`;
      return `${row}${ratios} | ${mark(c.throughputRatio <= TARGETS.overhead)} |`;
    }),
  ];
  return [
    `## GraphQL beside the same DynamoDB requests made directly`,
    "",
    `${r.options.calls} calls per side and way, ${r.options.connections} concurrent. Direct: the very ` +
      `commands one warm GraphQL call sent (recorded at the DynamoDB client: authentication, ` +
      `reads, the transaction), replayed with the document client in the same order and ` +
      `parallelism, with fresh order ids, generated ids and counter shards and a member ` +
      `(and coupon) in the recorded member's prior state for every write, each checked ` +
      `(a run with a failure is refused). GraphQL runs with production settings ` +
      `(NODE_ENV=production: introspection off, the API key's rate limit on at 10,000 a second). ` +
      `Latency percentiles are exact, from every call's own time (ms).`,
    "",
    `### In process`,
    "",
    `The GraphQL Lambda handler invoked with API Gateway v2 events, beside the replays ` +
      `called as functions, from ${r.options.connections} loops in the bench's process.`,
    "",
    ...table("inProcess"),
    "",
    `### Over HTTP`,
    "",
    `autocannon (a worker thread) POSTing to the local server (the handler behind its HTTP → ` +
      `API Gateway v2 adapter), beside autocannon POSTing to a server that runs one replay per ` +
      `request: the same HTTP hop and load generator on both sides.`,
    "",
    ...table("http"),
    "",
    `The dashboard runs on the demo merchant (${r.dashboardMembers} members) as its ` +
      `owner (Bearer token: JWT verified against the cached JWKS, staff record cached).`,
    "",
  ];
}

/** The requests and capacity one call of each operation costs, beside what docs/access-patterns.md says. */
function capacitySection(operations: OperationResult[]): string[] {
  return [
    "## DynamoDB requests and capacity per call, beside docs/access-patterns.md",
    "",
    "Recorded from one GraphQL call (authentication included). Capacity as DynamoDB " +
      "Local reports it (`ReturnConsumedCapacity: TOTAL`; it counts as AWS does, " +
      "including index writes).",
    "",
    "| operation | requests (recorded) | documented | transaction items (recorded / " +
      "documented) | read RCU | write WCU | sequence (stage: request) |",
    "|---|---|---|---|---|---|---|",
    ...operations.map(
      (op) =>
        `| ${op.name} | ${op.recorded.requests} | ${op.documented.requests}: ` +
        `${op.documented.text} | ${op.recorded.transactionItems.join(", ") || "–"} / ` +
        `${op.documented.transactionItems ?? "–"} | ${op.recorded.readCapacity} | ` +
        `${op.recorded.writeCapacity} | ${op.recorded.sequence} |`,
    ),
    "",
  ];
}

/** The handler's bundle and cold start beside bare Apollo handlers: the same requests, and hello. */
function bundleSection(c: ColdStartBench): string[] {
  const size = (b: { bytes: number; gzipBytes: number }) => `${kb(b.bytes)} (${kb(b.gzipBytes)} gzip)`;
  const row = (name: string, h: ColdStartBench["hello"]) =>
    `| ${name} | ${size(h.bundle)} | ${f(h.coldStart.importMs)} | ${f(h.coldStart.firstRequestMs)} | ` +
    `${f(h.coldStart.totalMs)} | ${h.request} |`;
  return [
    "## Bundle and cold start",
    "",
    `esbuild with the options of \`infra/lib/constructs/lambda-bundle.ts\` (ESM, ` +
      `node22, minified, AWS SDK bundled, the same aliases for all three). Cold start: a fresh \`node\` process ` +
      `imports the bundle and invokes the handler once with an API Gateway v2 event; medians of ` +
      `${c.handler.coldStart.runs} runs each, alternating. Node's own start-up (the ` +
      `same for all) is not included.`,
    "",
    "| handler | bundle | import ms | first request ms | import + first request ms | first request |",
    "|---|---|---|---|---|---|",
    row("GraphQL handler (`functions/graphql.ts`)", c.handler),
    row("bare Apollo, the same DynamoDB requests", c.sameRequests),
    row("bare Apollo, hello", c.hello),
    "",
    `| target | figure | verdict |`,
    "|---|---|---|",
    `| bundle ≤ 800 kB (800,000 bytes) with the SDK bundled | ` +
      `${c.handler.bundle.bytes.toLocaleString("en")} bytes | ` +
      `${mark(c.handler.bundle.bytes <= TARGETS.bundleBytes)} |`,
    `| cold start ≤ ${TARGETS.coldStart}× bare Apollo making the same requests (import + first request) | ` +
      `${c.ratio.toFixed(2)}× (import alone ${c.importRatio.toFixed(2)}×; ` +
      `against hello ${c.helloRatio.toFixed(2)}×) | ` +
      `${mark(c.ratio <= TARGETS.coldStart)} |`,
    "",
    `Largest parts of the handler bundle (minified bytes): ` +
      `${c.handler.bundle.largest.map((p) => `${p.name} ${kb(p.bytes)}`).join(", ")}.`,
    "",
  ];
}

/** The daily jobs at each size (nothing when none ran). */
function jobsSection(jobs: JobCost[]): string[] {
  if (!jobs.length) return [];
  return [
    "## Daily jobs at size",
    "",
    "N members loaded straight into the table (the API's own items, contact copies and tier " +
      "review dates included), 100 with a birthday today, 100 whose last visit was exactly 30 days " +
      "ago, 100 holding a coupon that lapses in 3 days and 100 silver accounts due at the tier " +
      "review; each job run once, counted at the DynamoDB client.",
    "",
    `| job | members | acted on | read requests | items read | RCU | write requests | ` +
      `WCU | items read per member acted on | target ≤ ${TARGETS.jobItemsPerActed} | ` +
      `seconds |`,
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...jobs.map(
      (j) =>
        `| ${j.job} | ${j.members.toLocaleString("en")} | ${j.acted} | ${j.readRequests} ` +
        `| ${j.itemsRead} | ${f(j.readCapacity)} | ${j.writeRequests} | ` +
        `${f(j.writeCapacity)} | ${j.itemsPerActed.toFixed(2)} | ` +
        `${mark(j.itemsPerActed <= TARGETS.jobItemsPerActed)} | ${j.seconds.toFixed(1)} |`,
    ),
    "",
  ];
}

/** Import throughput, and the console's first-load JavaScript. */
function importSection(r: BenchResult): string[] {
  return [
    "## Import and console",
    "",
    "| import | rows/s |",
    "|---|---|",
    `| ${r.options.rows} new rows (validate + enrol, chunks of ${MAX_ROWS_PER_CALL}) | ${f(r.import.rowsPerSecond)} |`,
    `| the same file again (every row already a member) | ${f(r.import.reimportRowsPerSecond)} |`,
    "",
    ...consoleSizeMarkdown(r.console),
    "",
    ...(r.phone ? [...consolePhoneMarkdown(r.phone), ""] : []),
  ];
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
