/**
 * `npm run bench:webhooks`: webhook delivery as `npm start` runs it. DynamoDB Local in memory, the local server,
 * the local dispatcher (outbox poll every second, retry sweep every 15 s) and a receiver on loopback. It records N
 * purchases through the API (each writes PurchaseRecorded, PointsEarned and sometimes TierChanged), with the
 * receiver answering 503 to a share of first attempts. It reports:
 *   - events delivered against events written, and every delivery's attempts;
 *   - latency from the change (the event's time) to its arrival, for first attempts and retried ones;
 *   - beside it, the baseline: a bare POST of the same body to the same receiver.
 * Then it records --quiet purchases one at a time, each once the previous one's events arrived: the latency of a
 * change on a quiet system. Options: --purchases N (200), --quiet N (20), --fail-share 0.1.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { createApiKey } from "../../functions/app/apiKeys.js";
import { onboardMerchant } from "../../functions/app/merchants.js";
import { createEndpoint } from "../../functions/app/webhooks/endpoints.js";
import { createDb, type Db } from "../../functions/data/db.js";
import { keys } from "../../functions/data/keys.js";
import { queryAll } from "../../functions/data/query.js";
import { ensureTable, freePort, startDynamoDbLocal } from "../local/dynamodb.js";
import { depsFor } from "../local/deps.js";
import { startLocalServer } from "../local/server.js";
import { startLocalWebhooks } from "../local/webhooks.js";

const { values } = parseArgs({
  options: {
    purchases: { type: "string", default: "200" },
    quiet: { type: "string", default: "20" },
    "fail-share": { type: "string", default: "0.1" },
  },
});
const QUIET = Number(values.quiet);
const PURCHASES = Number(values.purchases);
const FAIL_SHARE = Number(values["fail-share"]);

interface Arrival {
  id: string;
  type: string;
  attempt: number;
  status: number;
  latencyMs: number;
}

/** A receiver answering 503 to a share of first attempts (picked by the event id), 200 otherwise. */
async function receiver() {
  const arrivals: Arrival[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const event = JSON.parse(body) as { id: string; type: string; createdAt: string };
      const attempt = Number(request.headers["regulars-attempt"]);
      const unlucky = attempt === 1 && parseInt(event.id.slice(-4), 16) / 0x10000 < FAIL_SHARE;
      const status = unlucky ? 503 : 200;
      const latencyMs = Date.now() - Date.parse(event.createdAt);
      arrivals.push({ id: event.id, type: event.type, attempt, status, latencyMs });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
  return { url, arrivals, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Wait until `check` holds (two minutes at most: a bench that waits longer has found a fault). */
async function until(check: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 120_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("Deliveries did not arrive within 2 minutes");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const summary = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted.length
    ? { n: sorted.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) }
    : { n: 0 };
};

/** The baseline: bare POSTs of an event-sized body to the same receiver, one at a time. */
async function bareLatency(url: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await fetch(url, {
      method: "POST",
      headers: { "regulars-attempt": "2" },
      body: JSON.stringify({ id: `bare${i}`, type: "Bare", createdAt: new Date().toISOString(), data: {} }),
    });
    times.push(performance.now() - started);
  }
  return times;
}

async function setUp(endpoint: string, hookUrl: string) {
  const tableName = "bench_webhooks";
  await ensureTable(endpoint, tableName);
  const db = createDb({ endpoint, tableName });
  const deps = depsFor(db);
  const shop = await onboardMerchant(
    deps,
    { kind: "operator", subject: "bench" },
    {
      name: "Bench",
      firstStore: { name: "一号店", city: "上海" },
      owner: { username: "bench-hooks", name: "Bench", password: "Bench-2026" },
    },
  );
  const owner = {
    kind: "staff" as const,
    merchantId: shop.merchant.id,
    staffId: shop.owner.id,
    username: "bench-hooks",
    role: "owner" as const,
    storeIds: [],
  };
  await createEndpoint(deps, owner, { url: hookUrl, eventTypes: [] });
  const key = await createApiKey(deps, owner, { name: "bench" });
  return { db, deps, tableName, merchantId: shop.merchant.id, storeId: shop.store.id, apiKey: key.secret };
}

type Call = (query: string) => Promise<{ data: Record<string, { member: { id: string } }> }>;

/** Enrol member n and record a purchase of 1–40 lattes (the larger ones move the member up a tier). */
async function purchase(call: Call, storeId: string, n: number) {
  const phone = `136${String(n).padStart(8, "0")}`;
  const input = `{ phone: "${phone}", name: "会员${n}", homeStoreId: "${storeId}" }`;
  const memberId = (await call(`mutation { registerMember(input: ${input}) { member { id } } }`)).data.registerMember
    .member.id;
  const qty = 1 + (n % 40);
  const line = `{ sku: "latte", name: "拿铁", qty: ${qty}, unitPrice: 3000 }`;
  const order = `{ orderId: "o${n}", memberId: "${memberId}", storeId: "${storeId}", lines: [${line}], total: ${
    3000 * qty
  }, paymentMethod: "cash" }`;
  await call(`mutation { recordPurchase(input: ${order}) { created } }`);
}

async function main() {
  const dynamodb = await startDynamoDbLocal({ port: await freePort(), inMemory: true, log: () => {} });
  const hook = await receiver();
  const { db, deps, tableName, merchantId, storeId, apiKey } = await setUp(dynamodb.endpoint, hook.url);
  const server = await startLocalServer({ port: 0, dynamodbEndpoint: dynamodb.endpoint, tableName });
  const dispatcher = startLocalWebhooks(deps, { log: () => {} });
  const call: Call = (query) =>
    fetch(server.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": apiKey },
      body: JSON.stringify({ query }),
    }).then((response) => response.json());
  console.log(`Recording ${PURCHASES} purchases, 10 at a time…`);
  const started = Date.now();
  for (let i = 0; i < PURCHASES; i += 10)
    await Promise.all(Array.from({ length: Math.min(10, PURCHASES - i) }, (_, j) => purchase(call, storeId, i + j)));
  const burstMs = Date.now() - started;
  const delivered = () => new Set(hook.arrivals.filter((a) => a.status === 200).map((a) => a.id)).size;
  await until(async () => delivered() >= (await countEvents(db, merchantId)));
  const ok = hook.arrivals.filter((a) => a.status === 200);
  const [written, burstDelivered, posts] = [await countEvents(db, merchantId), delivered(), hook.arrivals.length];
  console.log(`Then ${QUIET} purchases one at a time, each once the last one's events arrived…`);
  const quiet: number[] = [];
  for (let n = 0; n < QUIET; n++) {
    const before = hook.arrivals.length;
    await purchase(call, storeId, PURCHASES + n);
    await until(() => hook.arrivals.slice(before).some((a) => a.type === "PurchaseRecorded"));
    quiet.push(
      ...hook.arrivals
        .slice(before)
        .filter((a) => a.type === "PurchaseRecorded")
        .map((a) => a.latencyMs),
    );
  }
  await dispatcher.stop();
  const report = {
    purchases: PURCHASES,
    burstSeconds: Math.round(burstMs / 100) / 10,
    eventsWritten: written,
    eventsDelivered: burstDelivered,
    posts,
    failedFirstAttempts: posts - ok.length,
    duplicates: ok.length - burstDelivered,
    latencyFirstAttemptMs: summary(ok.filter((a) => a.attempt === 1).map((a) => a.latencyMs)),
    latencyRetriedMs: summary(ok.filter((a) => a.attempt > 1).map((a) => a.latencyMs)),
    latencyOneAtATimeMs: summary(quiet),
    baselineBarePostMs: summary(await bareLatency(hook.url, 100)),
  };
  console.log(JSON.stringify(report, null, 2));
  await Promise.all([server.stop(), hook.stop()]);
  await dynamodb.stop();
}

/** The events the enrolments and purchases wrote today (UTC), from the outbox: what should arrive. */
async function countEvents(db: Db, merchantId: string): Promise<number> {
  const pk = keys.event(merchantId, new Date().toISOString(), "").pk;
  const items = await queryAll(db, { KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": pk } });
  return items.length;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
