/**
 * `npm run bench`: measured figures for the member capability, each beside a
 * baseline measured in the same run on the same machine.
 *   - import throughput (rows/s) through the same code as `npm run import`;
 *   - till look-ups by phone and by member code through GraphQL on the local
 *     server (autocannon), beside the same two GetItems made directly.
 *   - record-purchase and redeem through GraphQL beside the same service
 *     function called in-process;
 *   - a checkout quote (basket + one coupon, read-only) and a full checkout
 *     (purchase + coupon + stored-value payment, one transaction) likewise.
 *   - the birthday and wake-up jobs' reads with N members of whom 100 are due
 *     (scripts/bench/jobs.ts).
 * Writes bench-results/members.md and .json. Options: --rows N (default 5000), --seconds S (default 8),
 * --job-members N (default 100000; 0 skips the job run).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { systemClock } from "../../functions/adapters/clock.js";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { cryptoIds } from "../../functions/adapters/ids.js";
import { createApiKey } from "../../functions/app/apiKeys.js";
import type { Deps } from "../../functions/app/deps.js";
import { claimCoupon, createTemplate, quoteCheckout } from "../../functions/app/coupons.js";
import { adjustPoints, recordPurchase, redeemPoints } from "../../functions/app/loyalty.js";
import { topUp } from "../../functions/app/storedValue.js";
import { importMembers, MAX_ROWS_PER_CALL } from "../../functions/app/memberImport.js";
import { onboardMerchant } from "../../functions/app/merchants.js";
import { createDb } from "../../functions/data/db.js";
import { getMemberByCode, getMemberByPhone, getMembers } from "../../functions/data/members.js";
import { ROOT, ensureTable, freePort, startDynamoDbLocal } from "../local/dynamodb.js";
import { benchJobs } from "./jobs.js";
import { startLocalServer } from "../local/server.js";

const { values } = parseArgs({ options: { rows: { type: "string", default: "5000" }, seconds: { type: "string", default: "8" }, "job-members": { type: "string", default: "100000" } } });
const ROWS = Number(values.rows);
const SECONDS = Number(values.seconds);
const CONNECTIONS = 10;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Run `op` from `CONNECTIONS` concurrent loops for `SECONDS`; latencies in ms. */
async function direct(op: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const start = performance.now();
        await op(i++);
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / SECONDS, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

/** Drive GraphQL with autocannon; each request gets the body `body()` returns (cycling look-ups, fresh ids). */
async function viaGraphql(url: string, apiKey: string, body: () => string) {
  let graphqlErrors = 0;
  let firstError = "";
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": apiKey },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: body() }),
        // A GraphQL error comes back as 200: count it, so a failing run cannot pass for a fast one.
        onResponse: (_status, responseBody) => {
          if (responseBody.includes('"errors"')) {
            graphqlErrors++;
            firstError ||= responseBody.slice(0, 300);
          }
        },
      },
    ],
  });
  if (result.non2xx || result.errors || graphqlErrors) throw new Error(`GraphQL run had ${result.non2xx} non-2xx answers, ${result.errors} errors and ${graphqlErrors} GraphQL errors (first: ${firstError})`);
  return { rps: result.requests.average, p50: result.latency.p50, p95: result.latency.p97_5 ?? result.latency.p90, p99: result.latency.p99 };
}

async function main() {
  const dynamodb = await startDynamoDbLocal({ port: await freePort(), inMemory: true, log: console.log });
  try {
    const tableName = "bench";
    await ensureTable(dynamodb.endpoint, tableName);
    const db = createDb({ endpoint: dynamodb.endpoint, tableName });
    const deps: Deps = { db, clock: systemClock, ids: cryptoIds, identity: localIdentity(db) };
    const { merchant, store, owner } = await onboardMerchant(deps, { kind: "operator", subject: "bench" }, {
      name: "Bench",
      firstStore: { name: "一号店", city: "上海" },
      owner: { username: "bench-owner", name: "Bench", password: "Bench-2026" },
    });
    const caller = { kind: "staff" as const, merchantId: merchant.id, staffId: owner.id, username: owner.username, role: "owner" as const, storeIds: [] };

    console.log(`Importing ${ROWS} rows…`);
    const header = ["手机号", "姓名", "生日", "门店"];
    const rows = Array.from({ length: ROWS }, (_, i) => [`135${String(i).padStart(8, "0")}`, `会员${i}`, `${(i % 12) + 1}-${(i % 28) + 1}`, store.name]);
    const importStart = performance.now();
    for (let offset = 0; offset < rows.length; offset += MAX_ROWS_PER_CALL) {
      await importMembers(deps, caller, { header, rows: rows.slice(offset, offset + MAX_ROWS_PER_CALL), firstRow: offset + 2 });
    }
    const importSeconds = (performance.now() - importStart) / 1000;
    const reimportStart = performance.now();
    for (let offset = 0; offset < rows.length; offset += MAX_ROWS_PER_CALL) {
      await importMembers(deps, caller, { header, rows: rows.slice(offset, offset + MAX_ROWS_PER_CALL), firstRow: offset + 2 });
    }
    const reimportSeconds = (performance.now() - reimportStart) / 1000;

    const phones = rows.slice(0, 500).map((row) => `+86${row[0]}`);
    const members = [];
    for (const phone of phones) members.push((await getMemberByPhone(db, merchant.id, phone))!);
    const codes = members.map((member) => member.memberCode);
    await getMembers(db, merchant.id, [members[0].id]);

    const server = await startLocalServer({ port: await freePort(), dynamodbEndpoint: dynamodb.endpoint, tableName });
    const { secret } = await createApiKey(deps, caller, { name: "bench" });
    try {
      console.log("Look-ups by phone…");
      const phoneDirect = await direct((i) => getMemberByPhone(db, merchant.id, phones[i % phones.length]));
      const phoneBodies = phones.map((phone) => JSON.stringify({ query: `query($p: String!) { memberByPhone(phone: $p) { id name memberCode } }`, variables: { p: phone } }));
      let p = 0;
      const phoneGraphql = await viaGraphql(server.graphqlUrl, secret, () => phoneBodies[p++ % phoneBodies.length]);
      console.log("Look-ups by code…");
      const codeDirect = await direct((i) => getMemberByCode(db, merchant.id, codes[i % codes.length]));
      const codeBodies = codes.map((code) => JSON.stringify({ query: `query($c: String!) { memberByCode(code: $c) { id name memberCode } }`, variables: { c: code } }));
      let c = 0;
      const codeGraphql = await viaGraphql(server.graphqlUrl, secret, () => codeBodies[c++ % codeBodies.length]);

      console.log("Record purchase…");
      const memberIds = members.map((member) => member.id);
      let n = 0;
      const purchaseInput = (i: number) => ({ orderId: `bench-${i}-${Math.random().toString(36).slice(2)}`, memberId: memberIds[i % memberIds.length], storeId: store.id, paymentMethod: "cash", total: 3000, lines: [{ sku: "latte", name: "拿铁", category: "coffee", qty: 1, unitPrice: 3000 }] });
      const purchaseInProcess = await direct((i) => recordPurchase(deps, caller, purchaseInput(i)));
      const purchaseGraphql = await viaGraphql(server.graphqlUrl, secret, () => JSON.stringify({ query: `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { created account { available } } }`, variables: { input: purchaseInput(n++) } }));
      console.log("Redeem points…");
      // Enough points for every redemption of both runs, whatever the purchase runs gave.
      for (const [i, memberId] of memberIds.entries()) await adjustPoints(deps, caller, { memberId, points: 100_000, reason: "bench", requestId: `bench-grant-${i}` });
      const redeemInProcess = await direct((i) => redeemPoints(deps, caller, { memberId: memberIds[i % memberIds.length], points: 1, requestId: `bench-direct-${i}` }));
      const redeemGraphql = await viaGraphql(server.graphqlUrl, secret, () => {
        const i = n++;
        return JSON.stringify({ query: `mutation($m: ID!, $r: String!) { redeemPoints(memberId: $m, points: 1, requestId: $r) { created } }`, variables: { m: memberIds[i % memberIds.length], r: `bench-gql-${i}` } });
      });

      console.log("Issuing coupons and topping up for the checkout runs…");
      const templates = await Promise.all(Array.from({ length: 20 }, (_, i) => createTemplate(deps, caller, { name: `满30减5 #${i}`, kind: "threshold", threshold: 3000, amountOff: 500, validDays: 30 })));
      // Every checkout uses up one coupon: issue more than a run can use.
      const poolSize = Math.ceil(SECONDS * 250);
      const issue = async (name: string, count: number) => {
        const pool: { memberId: string; code: string }[] = [];
        let k = 0;
        await Promise.all(
          Array.from({ length: 20 }, async (_, lane) => {
            for (let j = k++; j < count; j = k++) {
              const memberId = memberIds[j % memberIds.length];
              const { coupon } = await claimCoupon(deps, caller, { templateId: templates[lane].id, memberId, requestId: `bench-claim-${name}-${j}` });
              pool.push({ memberId, code: coupon.code });
            }
          }),
        );
        return pool;
      };
      const quotePool = await issue("quote", memberIds.length);
      const directPool = await issue("direct", poolSize);
      const graphqlPool = await issue("graphql", poolSize);
      for (const [i, memberId] of memberIds.entries()) await topUp(deps, caller, { memberId, paymentId: `bench-topup-${i}`, amount: 1_000_000, storeId: store.id });
      const basket = [{ sku: "latte", name: "拿铁", category: "coffee", qty: 2, unitPrice: 3000 }];
      console.log("Quote…");
      const quoteInProcess = await direct((i) => quoteCheckout(deps, caller, { memberId: quotePool[i % quotePool.length].memberId, storeId: store.id, lines: basket, couponCodes: [quotePool[i % quotePool.length].code] }));
      let q = 0;
      const quoteGraphql = await viaGraphql(server.graphqlUrl, secret, () => {
        const { memberId, code } = quotePool[q++ % quotePool.length];
        return JSON.stringify({ query: `query($input: BasketInput!) { quoteCheckout(input: $input) { total rejected { reason } } }`, variables: { input: { memberId, storeId: store.id, lines: basket, couponCodes: [code] } } });
      });
      console.log("Checkout (purchase + coupon + stored value)…");
      const checkoutInput = (use: { memberId: string; code: string }, i: number) => ({ orderId: `bench-co-${i}-${Math.random().toString(36).slice(2)}`, memberId: use.memberId, storeId: store.id, paymentMethod: "stored_value", total: 5500, storedValueAmount: 5500, couponCodes: [use.code], lines: basket });
      const checkoutInProcess = await direct((i) => recordPurchase(deps, caller, checkoutInput(directPool[i], i)));
      let g = 0;
      const checkoutGraphql = await viaGraphql(server.graphqlUrl, secret, () => {
        const i = g++;
        return JSON.stringify({ query: `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { created order { discount storedValueAmount } } }`, variables: { input: checkoutInput(graphqlPool[i], i) } });
      });

      const jobMembers = Number(values["job-members"]);
      const jobs = jobMembers > 0 ? await benchJobs(db, jobMembers, console.log) : [];

      const result = {
        jobs,
        date: new Date().toISOString(),
        rows: ROWS,
        seconds: SECONDS,
        connections: CONNECTIONS,
        import: { rowsPerSecond: ROWS / importSeconds, reimportRowsPerSecond: ROWS / reimportSeconds },
        lookups: { phone: { graphql: phoneGraphql, direct: phoneDirect }, code: { graphql: codeGraphql, direct: codeDirect } },
        money: { purchase: { graphql: purchaseGraphql, inProcess: purchaseInProcess }, redeem: { graphql: redeemGraphql, inProcess: redeemInProcess } },
        checkout: { quote: { graphql: quoteGraphql, inProcess: quoteInProcess }, purchase: { graphql: checkoutGraphql, inProcess: checkoutInProcess } },
      };
      const f = (n: number) => n.toFixed(n < 10 ? 2 : 0);
      const line = (name: string, g: typeof phoneGraphql, d: typeof phoneDirect) =>
        `| ${name} | ${f(g.rps)} | ${f(g.p50)} / ${f(g.p95)} / ${f(g.p99)} | ${f(d.rps)} | ${f(d.p50)} / ${f(d.p95)} / ${f(d.p99)} | ${(d.rps / g.rps).toFixed(2)}× |`;
      const markdown = [
        `# Member benchmarks (${result.date})`,
        "",
        `DynamoDB Local in memory, ${CONNECTIONS} concurrent clients, ${SECONDS} s per run, ${ROWS} members.`,
        "",
        "| import | rows/s |",
        "|---|---|",
        `| new rows (validate + enrol, 4 at a time per chunk of ${MAX_ROWS_PER_CALL}) | ${f(result.import.rowsPerSecond)} |`,
        `| same file again (all rows already members) | ${f(result.import.reimportRowsPerSecond)} |`,
        "",
        "| look-up | GraphQL req/s | GraphQL p50 / p97.5 / p99 ms | direct req/s | direct p50 / p95 / p99 ms | overhead (direct ÷ GraphQL throughput) |",
        "|---|---|---|---|---|---|",
        line("by phone (2 GetItem)", phoneGraphql, phoneDirect),
        line("by member code (2 GetItem)", codeGraphql, codeDirect),
        "",
        "| money movement | GraphQL req/s | GraphQL p50 / p97.5 / p99 ms | in-process req/s | in-process p50 / p95 / p99 ms | overhead |",
        "|---|---|---|---|---|---|",
        line("record purchase (4 requests, 5-item transaction)", purchaseGraphql, purchaseInProcess),
        line("redeem 1 point (3 requests, 4-item transaction)", redeemGraphql, redeemInProcess),
        line("checkout quote, 1 coupon (1 BatchGetItem)", quoteGraphql, quoteInProcess),
        line("checkout: purchase + coupon + stored value (4 requests, 10-item transaction)", checkoutGraphql, checkoutInProcess),
        "",
        ...(jobs.length
          ? [
              "| daily job | members | acted on | read requests | items read | read capacity (RCU) | items read per member acted on | seconds |",
              "|---|---|---|---|---|---|---|---|",
              ...jobs.map((j) => `| ${j.job} | ${j.members} | ${j.acted} | ${j.readRequests} | ${j.itemsRead} | ${j.readCapacity} | ${j.itemsPerActed.toFixed(2)} | ${j.seconds.toFixed(1)} |`),
              "",
            ]
          : []),
        "Money movements: the baseline is the same service function called in-process (same DynamoDB requests, no HTTP, no GraphQL, no API-key check), spread over 500 members so accounts do not contend.",
        "",
        "GraphQL requests also check the API key (1 more GetItem), parse and validate the query and serialise JSON; the direct runs make only the two GetItems.",
        "",
      ].join("\n");
      const out = join(ROOT, "bench-results");
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, "members.json"), JSON.stringify(result, null, 2));
      writeFileSync(join(out, "members.md"), markdown);
      console.log(`\n${markdown}\nWritten to bench-results/members.md and members.json`);
    } finally {
      // Let requests autocannon left in flight finish before the table goes away.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await server.stop();
    }
  } finally {
    await dynamodb.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
