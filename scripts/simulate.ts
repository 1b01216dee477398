/**
 * `npm run simulate`: a simulated year over a fresh in-memory DynamoDB Local
 * (or DYNAMODB_ENDPOINT), checked against the simulator's own model; prints
 * the summary and writes bench-results/simulate.md and .json. Exit code 1 when
 * a check fails.
 *   --members N (10000)  --days D (365)  --start YYYY-MM-DD (2026-12-01)
 *   --seed S (2026)  --concurrency C (12)  --zones Asia/Shanghai,America/Los_Angeles
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "../functions/data/db.js";
import { ROOT, ensureTable, freePort, startDynamoDbLocal, type RunningDynamoDb } from "./local/dynamodb.js";
import { runSimulation, summaryMarkdown } from "./simulate/report.js";
import { DEFAULT_OPTIONS } from "./simulate/year.js";

const { values } = parseArgs({
  options: {
    members: { type: "string", default: String(DEFAULT_OPTIONS.members) },
    days: { type: "string", default: String(DEFAULT_OPTIONS.days) },
    start: { type: "string", default: DEFAULT_OPTIONS.start },
    seed: { type: "string", default: String(DEFAULT_OPTIONS.seed) },
    concurrency: { type: "string", default: String(DEFAULT_OPTIONS.concurrency) },
    zones: { type: "string", default: DEFAULT_OPTIONS.timeZones.join(",") },
  },
});

const whole = (name: string, value: string | undefined, min: number) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) {
    console.error(`--${name} must be a whole number ≥ ${min}`);
    process.exit(2);
  }
  return parsed;
};

async function main() {
  const options = {
    members: whole("members", values.members, 2),
    days: whole("days", values.days, 1),
    start: values.start!,
    seed: whole("seed", values.seed, 0),
    concurrency: whole("concurrency", values.concurrency, 1),
    timeZones: values
      .zones!.split(",")
      .map((zone) => zone.trim())
      .filter(Boolean),
    log: (line: string) => console.log(line),
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.start)) throw new Error("--start must be YYYY-MM-DD");
  let dynamodb: RunningDynamoDb | undefined;
  const endpoint =
    process.env.DYNAMODB_ENDPOINT ||
    (dynamodb = await startDynamoDbLocal({ port: await freePort(), inMemory: true, log: console.log })).endpoint;
  try {
    const tableName = `simulate_${randomBytes(4).toString("hex")}`;
    await ensureTable(endpoint, tableName);
    console.log(
      `Simulating ${options.members} members × ${options.days} days (${options.timeZones.join(", ")}) ` +
        `on ${endpoint}, table ${tableName}…`,
    );
    const summary = await runSimulation(createDb({ endpoint, tableName }), options);
    const markdown = summaryMarkdown(summary);
    const dir = join(ROOT, "bench-results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "simulate.json"), JSON.stringify(summary, null, 2));
    writeFileSync(join(dir, "simulate.md"), markdown);
    console.log(`\n${markdown}\nWritten to bench-results/simulate.md and simulate.json`);
    process.exitCode = summary.ok ? 0 : 1;
  } finally {
    await dynamodb?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
