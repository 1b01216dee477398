/**
 * `npm start`: the whole product on a laptop. DynamoDB Local (data kept in
 * .local/dynamodb-data, or --in-memory), the table from the shared
 * definition, demo data on first start, the GraphQL Lambda handler and the
 * console on one port. Ctrl-C stops everything it started.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { IssuerKey } from "../functions/adapters/identity/local.js";
import { generateIssuerKey } from "../functions/adapters/identity/local.js";
import { createDb, type Db } from "../functions/data/db.js";
import { table } from "../functions/data/table.js";
import {
  NO_JAVA_MESSAGE,
  ROOT,
  ensureTable,
  hasJava,
  localDynamoDbPort,
  recreateTable,
  startDynamoDbLocal,
  type RunningDynamoDb,
} from "./local/dynamodb.js";
import { depsFor } from "./local/deps.js";
import { demoState, recoverDemo, seedDemo, type DemoInfo } from "./local/seed.js";
import { startLocalServer } from "./local/server.js";
import { startLocalScheduler } from "./local/scheduler.js";
import { startLocalWebhooks } from "./local/webhooks.js";
import { tillWebhook } from "./local/till-demo.js";
import { startExampleTill } from "../examples/till/server.js";

const args = new Set(process.argv.slice(2));
const inMemory = args.has("--in-memory");
const port = Number(process.env.PORT ?? 4000);
const tillPort = Number(process.env.TILL_PORT ?? 4100);
const dynamodbPort = localDynamoDbPort();
const tableName = process.env.TABLE_NAME || table.defaultName;
/** Where demo.json, the issuer key and the data live (tests point it elsewhere). */
const LOCAL = process.env.REGULARS_LOCAL_DIR || join(ROOT, ".local");
const ADMIN = join(ROOT, "admin");
const DIST = join(ADMIN, "dist");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Build the console when it is missing or older than its sources (or the schema it embeds). */
function buildConsoleIfStale() {
  const index = join(DIST, "index.html");
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > Math.max(newestMtime(ADMIN), newestMtime(join(ROOT, "graphql")))) return;
  console.log("Building the console…");
  const result = spawnSync("npx", ["vite", "build", "--config", "admin/vite.config.ts", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("The console build failed");
}

async function issuerKey(): Promise<IssuerKey> {
  const file = join(LOCAL, "issuer-key.json");
  if (!inMemory && existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const key = await generateIssuerKey();
  if (!inMemory) writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  return key;
}

const stops: (() => Promise<void>)[] = [];
let stopping = false;

/** Stop what we started (java included), newest first, then exit. */
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  if (code === 0) console.log("\nStopping…");
  for (const fn of stops.reverse()) await fn().catch(() => {});
  process.exit(code);
}

/** DynamoDB Local on DYNAMODB_PORT (stopped with the rest); its endpoint. Without Java there is none: exit. */
async function startDynamoDb(): Promise<string> {
  if (!hasJava()) {
    console.error(NO_JAVA_MESSAGE);
    process.exit(1);
  }
  console.log(
    `Starting DynamoDB Local on port ${dynamodbPort}` +
      `${inMemory ? " (in memory)" : " (data in .local/dynamodb-data)"}…`,
  );
  const dynamodb: RunningDynamoDb = await startDynamoDbLocal({
    port: dynamodbPort,
    inMemory,
    dbPath: join(LOCAL, "dynamodb-data"),
    log: console.log,
  });
  stops.push(() => dynamodb.stop());
  return dynamodb.endpoint;
}

/**
 * The demo's logins and keys: seeded on a first start (again, on an empty table, after an interrupted one), read
 * from .local/demo-secrets.json, or, when that file is gone, new keys for the same data.
 */
async function demoData(db: Db, endpoint: string): Promise<DemoInfo> {
  let demo: DemoInfo;
  const state = await demoState(db);
  if (state === "interrupted") {
    console.log(
      "The demo data is incomplete (a first start was stopped while seeding); seeding it again on an empty table…",
    );
    await recreateTable(endpoint, tableName);
  }
  if (state !== "complete") {
    console.log("Seeding demo data (two merchants, ~230 members)…");
    demo = await seedDemo(db);
    writeFileSync(join(LOCAL, "demo-secrets.json"), JSON.stringify(demo, null, 2), { mode: 0o600 });
  } else if (existsSync(join(LOCAL, "demo-secrets.json"))) {
    demo = JSON.parse(readFileSync(join(LOCAL, "demo-secrets.json"), "utf8"));
  } else {
    console.log("Demo data found but its saved API keys are gone; issuing new demo keys…");
    demo = await recoverDemo(db);
    writeFileSync(join(LOCAL, "demo-secrets.json"), JSON.stringify(demo, null, 2), { mode: 0o600 });
  }
  return demo;
}

/**
 * The example till on TILL_PORT with the demo's API key, and the demo merchant's webhook endpoint pointing at it
 * (its secret saved with the demo's other secrets).
 */
async function startTill(db: Db, demo: DemoInfo, graphqlUrl: string) {
  const url = `http://localhost:${tillPort}/webhooks`;
  const webhook = await tillWebhook(db, url, demo.till);
  if (webhook !== demo.till) {
    demo.till = webhook;
    writeFileSync(join(LOCAL, "demo-secrets.json"), JSON.stringify(demo, null, 2), { mode: 0o600 });
  }
  const till = await startExampleTill({
    port: tillPort,
    host: process.env.HOST ?? "0.0.0.0",
    graphqlUrl,
    apiKey: demo.apiKey,
    webhookSecret: webhook.secret,
    // The demo's first store (静安寺店): where a sale at the till is recorded.
    storeId: demo.stores[0]?.id,
    log: (line) => console.log(`[till] ${line}`),
  });
  stops.push(() => till.stop());
  return { url: `http://localhost:${tillPort}/` };
}

async function main() {
  mkdirSync(LOCAL, { recursive: true });
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());

  const endpoint = process.env.DYNAMODB_ENDPOINT || (await startDynamoDb());
  if (await ensureTable(endpoint, tableName)) console.log(`Created table ${tableName} from functions/data/table.ts`);

  if (!args.has("--skip-console-build")) buildConsoleIfStale();

  const db = createDb({ endpoint, tableName });
  const demoFile = join(LOCAL, "demo.json");
  const demo = await demoData(db, endpoint);

  const server = await startLocalServer({
    port,
    host: process.env.HOST ?? "0.0.0.0",
    dynamodbEndpoint: endpoint,
    tableName,
    staticDir: DIST,
    issuerKey: await issuerKey(),
  });
  stops.push(() => server.stop());
  const schedules = startLocalScheduler(depsFor(db));
  stops.push(async () => schedules.stop());
  const webhooks = startLocalWebhooks(depsFor(db));
  stops.push(() => webhooks.stop());
  const till = await startTill(db, demo, server.graphqlUrl);

  const info = {
    graphqlUrl: server.graphqlUrl,
    consoleUrl: `${server.url}/`,
    apiKey: demo.apiKey,
    tillUrl: till.url,
    merchantId: demo.merchantId,
    owner: demo.owner,
    manager: { username: demo.manager.username, password: demo.manager.password },
    clerk: demo.clerk,
    operator: demo.operator,
    other: demo.other,
  };
  writeFileSync(demoFile, JSON.stringify(info, null, 2));
  console.log(`
Regulars is running.
  Console   ${info.consoleUrl}
  GraphQL   ${info.graphqlUrl}
  Owner     ${info.owner.username} / ${info.owner.password}
  Manager   ${info.manager.username} / ${info.manager.password}   (静安寺店 only)
  Clerk     ${info.clerk.username} / ${info.clerk.password}
  Operator  ${info.operator.username} / ${info.operator.password}
  API key   ${info.apiKey}
  Till      ${info.tillUrl}   (examples/till: the demo POS, receiving the merchant's webhooks)
  Other merchant: ${info.other.owner.username} / ${info.other.owner.password}, API key ${info.other.apiKey}
  Schedules: daily jobs at each merchant's local job hour, SMS dispatch every minute (npm run job -- … by hand).
  (also in .local/demo.json)   Ctrl-C stops everything.
`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  void stop(1);
});
