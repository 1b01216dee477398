/**
 * The six till and console operations, each through GraphQL beside the same
 * DynamoDB requests made directly, in the same run, two ways:
 *   - in process: the GraphQL Lambda handler invoked with API Gateway v2 events
 *     (production settings: NODE_ENV=production, the key's rate limit on) beside
 *     the replays called as functions, both from `connections` loops in the
 *     bench's process;
 *   - over HTTP: autocannon (a worker thread) POSTing to the local server, beside
 *     autocannon POSTing to a server that runs one replay per request, so both
 *     sides pay the same HTTP hop and load generator.
 * For each operation:
 *   1. record the commands one warm GraphQL request sends (record.ts);
 *   2. prepare a member in the recorded member's exact prior state for every
 *      write call of the four runs (its partition, and its coupon, copied under a
 *      new member id / coupon code), so conditions pass the same way;
 *   3. N calls per run (fresh order ids, request ids, generated ids, counter
 *      shards), the same concurrency; every call checked, a run with any failure
 *      is refused.
 */
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { cryptoIds } from "../../functions/adapters/ids.js";
import type { Deps } from "../../functions/app/deps.js";
import { claimCoupon, createTemplate } from "../../functions/app/coupons.js";
import { recordPurchase } from "../../functions/app/loyalty/index.js";
import { registerMember } from "../../functions/app/members.js";
import { topUp } from "../../functions/app/storedValue.js";
import type { Caller } from "../../functions/core/access.js";
import { addDays, localDate } from "../../functions/core/time.js";
import type { Db } from "../../functions/data/db.js";
import { keys, type Key } from "../../functions/data/keys.js";
import { findLogin } from "../../functions/data/staff.js";
import { seedDemo } from "../local/seed.js";
import { writeAll } from "./jobs.js";
import type { GraphqlHandler } from "../../functions/api.js";
import { directLoad, graphqlLoad, type Timing } from "./load.js";
import { apiGatewayEvent, type ReplayServer } from "./replayServer.js";
import { freshGenerated, randomCode, record, replay, Rewrite, summarise, type Recording } from "./record.js";

export interface Bench {
  db: Db;
  /** The GraphQL handler made in this process with production settings. */
  handler: GraphqlHandler;
  /** A server that runs one replay per POST (replayServer). */
  replays: ReplayServer;
  deps: Deps;
  graphqlUrl: string;
  serverUrl: string;
  merchantId: string;
  storeId: string;
  apiKey: string;
  owner: Caller;
  /** Members imported for look-ups. */
  members: { id: string; phone: string }[];
  calls: number;
  connections: number;
  log: (line: string) => void;
}

/** GraphQL beside the same requests made directly, one way. */
export interface Comparison {
  graphql: Timing;
  direct: Timing;
  /** Direct throughput ÷ GraphQL throughput. */
  throughputRatio: number;
  /** GraphQL p50 ÷ direct p50. */
  p50Ratio: number;
}

export interface OperationResult {
  name: string;
  /** What docs/access-patterns.md states, authentication included. */
  documented: { requests: number | string; transactionItems?: number; text: string };
  recorded: ReturnType<typeof summarise>;
  inProcess: Comparison;
  http: Comparison;
  directConflictRetries: number;
}

const compare = (graphql: Timing, direct: Timing): Comparison => ({
  graphql,
  direct,
  throughputRatio: direct.rps / graphql.rps,
  p50Ratio: graphql.p50 / direct.p50,
});

async function post(url: string, headers: Record<string, string>, body: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const text = await response.text();
  if (!response.ok || text.includes('"errors"')) throw new Error(`GraphQL ${response.status}: ${text.slice(0, 400)}`);
  return JSON.parse(text) as { data: Record<string, unknown> };
}

const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

/** Every item of a member's partition, and any other items named, as they are now. */
async function snapshot(db: Db, merchantId: string, memberId: string, others: Key[] = []) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.memberPartition(merchantId, memberId) },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  for (const key of others)
    items.push(
      (await db.client.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true })))
        .Item as Record<string, unknown>,
    );
  return items;
}

/** Write `count` copies of the snapshot, copy k rewritten by `tokens(k)`. */
async function clone(
  db: Db,
  items: Record<string, unknown>[],
  count: number,
  tokens: (k: number) => Map<string, string>,
) {
  const all: Record<string, unknown>[] = [];
  for (let k = 0; k < count; k++) {
    const rewrite = new Rewrite(tokens(k));
    for (const item of items) all.push(rewrite.value(item));
  }
  await writeAll(db, all);
}

/**
 * For a value the recording holds one of (a random shard), a token giving each replay a random one of the candidates.
 */
function shardToken(recording: Recording, candidates: string[], tokens: Map<string, string>) {
  const text = JSON.stringify(recording.commands.map((c) => c.input));
  const used = candidates.filter((candidate) => text.includes(JSON.stringify(candidate).slice(0, -1)));
  for (const value of used) tokens.set(value, candidates[Math.floor(Math.random() * candidates.length)]);
  return tokens;
}

const shards = (n: number, of: (s: number) => string) => Array.from({ length: n }, (_, s) => of(s));

/**
 * Call k (0 ≤ k < RUNS × calls) of an operation: GraphQL over HTTP takes k in [0, calls), direct in
 * process [calls, 2 calls), GraphQL in process [2 calls, 3 calls), direct over HTTP [3 calls, 4 calls);
 * each call its own member copy.
 */
const RUNS = 4;

interface Operation {
  name: string;
  documented: OperationResult["documented"];
  headers: Record<string, string>;
  expect?: string;
  /** The GraphQL request body of call k. */
  body: (k: number) => string;
  recording: Recording;
  /** Tokens to rewrite for replay k (fresh generated ids are added by the runner). */
  tokens: (k: number) => Map<string, string>;
}

async function measure(bench: Bench, op: Operation): Promise<OperationResult> {
  const recorded = summarise(op.recording);
  const { calls, connections } = bench;
  const range = (run: number) => Array.from({ length: calls }, (_, i) => run * calls + i);
  let conflictRetries = 0;
  const failures: string[] = [];
  const replayCall = async (k: number) => {
    const outcome = await replay(bench.db, op.recording, new Rewrite(freshGenerated(op.recording, op.tokens(k))));
    conflictRetries += outcome.conflictRetries;
    failures.push(...outcome.failures.slice(0, 3 - Math.min(3, failures.length)));
    return outcome.failures.length;
  };
  const refused = (error: Error): never => {
    throw new Error(`${op.name}: ${error.message}; first: ${failures.join("; ")}`);
  };
  bench.log(`  ${op.name}: ${recorded.requests} requests (${recorded.sequence}); ×${calls} each way…`);
  const httpGraphql = await graphqlLoad({
    url: bench.graphqlUrl,
    headers: op.headers,
    bodies: range(0).map(op.body),
    connections,
    expect: op.expect,
  });
  const inProcessDirect = await directLoad(calls, connections, (i) => replayCall(calls + i)).catch(refused);
  const inProcessGraphql = await directLoad(calls, connections, (i) =>
    invoke(bench.handler, op.body(2 * calls + i), op.headers, op.expect),
  );
  bench.replays.serve(replayCall);
  const httpDirect = await graphqlLoad({
    url: bench.replays.url,
    headers: {},
    bodies: range(3).map(String),
    connections,
    expect: "ok",
  }).catch(refused);
  return {
    name: op.name,
    documented: op.documented,
    recorded,
    inProcess: compare(inProcessGraphql, inProcessDirect),
    http: compare(httpGraphql, httpDirect),
    directConflictRetries: conflictRetries,
  };
}

/** One in-process GraphQL call, as API Gateway would invoke Lambda; 1 when it failed. */
async function invoke(handler: GraphqlHandler, request: string, headers: Record<string, string>, expect?: string) {
  const answer = await handler(apiGatewayEvent(request, headers), { awsRequestId: "bench" } as never);
  const text = answer.body ?? "";
  return answer.statusCode === 200 && !text.includes('"errors"') && (!expect || text.includes(expect)) ? 0 : 1;
}

/** Member look-up at the till by phone, cycling over the imported members. */
async function lookup(bench: Bench): Promise<Operation> {
  const { members, apiKey, graphqlUrl } = bench;
  const query = `query($p: String!) { memberByPhone(phone: $p) { id name memberCode } }`;
  const headers = { "x-api-key": apiKey };
  await post(graphqlUrl, headers, body(query, { p: members[1].phone }));
  const recording = await record(() => post(graphqlUrl, headers, body(query, { p: members[0].phone })));
  return {
    name: "member look-up by phone",
    documented: { requests: 2, text: "GetItem phone → GetItem member (the API key cached in the warm function)" },
    headers,
    body: (k) => body(query, { p: members[k % members.length].phone }),
    recording,
    tokens: (k) => {
      const m = members[k % members.length];
      return new Map([
        [members[0].phone, m.phone],
        [members[0].id, m.id],
      ]);
    },
  };
}

/** Enrolment of a new phone. */
async function enrolment(bench: Bench): Promise<Operation> {
  const { apiKey, graphqlUrl, storeId } = bench;
  const query =
    `mutation($input: RegisterMemberInput!) { ` +
    `registerMember(input: $input) { created member { id memberCode } } }`;
  const headers = { "x-api-key": apiKey };
  const input = (phone: string) => ({ phone, name: "新会员", homeStoreId: storeId, marketingSmsConsent: true });
  await post(graphqlUrl, headers, body(query, { input: input("13998999999") }));
  const recorded = "13999000000";
  const recording = await record(() => post(graphqlUrl, headers, body(query, { input: input(recorded) })));
  return {
    name: "enrolment (new phone)",
    documented: {
      requests: 4,
      transactionItems: 5,
      text:
        "(API key cached) consistent GetItem phone + GetItem store + " +
        "TransactWriteItems (phone, code, member, event + 1 counter item) + GetItem " +
        "loyalty config (welcome pack; no welcome templates set)",
    },
    headers,
    expect: '"created":true',
    body: (k) => body(query, { input: input(`1390${String(k).padStart(7, "0")}`) }),
    recording,
    tokens: (k) => new Map([[recorded, `1391${String(k).padStart(7, "0")}`]]),
  };
}

let templates = 0;

/** A member in a given state, recorded once through GraphQL and copied for every call of both runs. */
async function prepared(
  bench: Bench,
  name: string,
  setUp: (memberId: string) => Promise<{ coupon?: string }>,
  request: (memberId: string, coupon: string | undefined, key: string) => string,
) {
  const { db, deps, owner, merchantId, storeId } = bench;
  const phone = `1370000${String(templates++).padStart(4, "0")}`;
  const { member } = await registerMember(deps, owner, {
    phone,
    name: `模板${name}`,
    homeStoreId: storeId,
    marketingSmsConsent: true,
  });
  const { coupon } = await setUp(member.id);
  const before = await snapshot(db, merchantId, member.id, coupon ? [keys.coupon(merchantId, coupon)] : []);
  const headers = { "x-api-key": bench.apiKey };
  // A warm call is recorded: the server has the key in its 30-second cache.
  await post(bench.graphqlUrl, headers, body("{ version }", {}));
  const recording = await record(() => post(bench.graphqlUrl, headers, request(member.id, coupon, "rec")));
  bench.log(`  copying the ${name} member's state (${before.length} items) ${RUNS * bench.calls} times…`);
  const copies = Array.from({ length: RUNS * bench.calls }, () => ({
    id: cryptoIds.id(),
    coupon: coupon ? randomCode(coupon.length) : undefined,
  }));
  await clone(
    db,
    before,
    copies.length,
    (k) => new Map([[member.id, copies[k].id], ...(coupon ? [[coupon, copies[k].coupon!] as [string, string]] : [])]),
  );
  return { member: member.id, coupon, recording, headers, copies };
}

async function purchase(bench: Bench): Promise<Operation> {
  const { deps, owner, storeId, merchantId } = bench;
  const lines = [{ sku: "latte", name: "拿铁", category: "coffee", qty: 1, unitPrice: 3000 }];
  const query =
    `mutation($input: RecordPurchaseInput!) { ` + `recordPurchase(input: $input) { created account { available } } }`;
  const request = (memberId: string, _coupon: string | undefined, key: string) =>
    body(query, { input: { orderId: `bench-p-${key}`, memberId, storeId, paymentMethod: "cash", total: 3000, lines } });
  // A returning customer: one purchase before.
  const p = await prepared(
    bench,
    "purchase",
    async (memberId) => (
      await recordPurchase(deps, owner, {
        orderId: `bench-first-${memberId}`,
        memberId,
        storeId,
        paymentMethod: "cash",
        total: 3000,
        lines,
      }),
      {}
    ),
    request,
  );
  const statsShards = shards(8, (s) => keys.statsLivePartition(merchantId, s));
  return {
    name: "record purchase (returning member)",
    documented: {
      requests: 4,
      transactionItems: 6,
      text:
        "(API key cached) consistent GetItem order + GetItem store + BatchGetItem " +
        "context + TransactWriteItems (order, account, earn entry, PurchaseRecorded, " +
        "PointsEarned + 1 counter item)",
    },
    headers: p.headers,
    expect: '"created":true',
    body: (k) => request(p.copies[k].id, undefined, `gql-${k}`),
    recording: p.recording,
    tokens: (k) =>
      shardToken(
        p.recording,
        statsShards,
        new Map([
          [p.member, p.copies[k].id],
          ["bench-p-rec", `bench-p-dir-${k}`],
        ]),
      ),
  };
}

/** A returning member (one purchase before, as in "record purchase") with stored value and a coupon of the template. */
async function checkoutMember(bench: Bench, templateId: string, memberId: string) {
  const { deps, owner, storeId } = bench;
  await recordPurchase(deps, owner, {
    orderId: `bench-first-${memberId}`,
    memberId,
    storeId,
    paymentMethod: "cash",
    total: 3000,
    lines: [{ sku: "latte", name: "拿铁", category: "coffee", qty: 1, unitPrice: 3000 }],
  });
  await topUp(deps, owner, { memberId, paymentId: `bench-topup-${memberId}`, amount: 100_000, storeId });
  const { coupon } = await claimCoupon(deps, owner, { templateId, memberId, requestId: `bench-claim-${memberId}` });
  return { coupon: coupon.code };
}

async function checkout(bench: Bench): Promise<Operation> {
  const { deps, owner, storeId, merchantId } = bench;
  const lines = [{ sku: "latte", name: "拿铁", category: "coffee", qty: 2, unitPrice: 3000 }];
  const template = await createTemplate(deps, owner, {
    name: "满30减5",
    kind: "threshold",
    threshold: 3000,
    amountOff: 500,
    validDays: 30,
  });
  const query =
    `mutation($input: RecordPurchaseInput!) { ` +
    `recordPurchase(input: $input) { created order { discount storedValueAmount } } }`;
  const request = (memberId: string, coupon: string | undefined, key: string) =>
    body(query, {
      input: {
        orderId: `bench-co-${key}`,
        memberId,
        storeId,
        paymentMethod: "stored_value",
        total: 5500,
        storedValueAmount: 5500,
        couponCodes: [coupon],
        lines,
      },
    });
  const p = await prepared(bench, "checkout", (memberId) => checkoutMember(bench, template.id, memberId), request);
  const statsShards = shards(8, (s) => keys.statsLivePartition(merchantId, s));
  const liabilityShards = shards(8, (s) => keys.liabilityShard(merchantId, storeId, s).sk);
  return {
    name: "checkout: purchase + coupon + stored value (returning member)",
    documented: {
      requests: 4,
      transactionItems: 11,
      text:
        "(API key cached) 4 as record purchase; the transaction adds the coupon, a " +
        "stored-value entry, a liability shard, CouponRedeemed and StoredValuePaid (10 " +
        "items + 1 counter item)",
    },
    headers: p.headers,
    expect: '"created":true',
    body: (k) => request(p.copies[k].id, p.copies[k].coupon, `gql-${k}`),
    recording: p.recording,
    tokens: (k) => {
      const copy = p.copies[k];
      const tokens = new Map([
        [p.member, copy.id],
        [p.coupon!, copy.coupon!],
        ["bench-co-rec", `bench-co-dir-${k}`],
      ]);
      return shardToken(p.recording, liabilityShards, shardToken(p.recording, statsShards, tokens));
    },
  };
}

async function checkin(bench: Bench): Promise<Operation> {
  const { deps, owner, storeId, merchantId } = bench;
  const query = `mutation($m: ID!) { checkIn(memberId: $m) { created streak points } }`;
  const request = (memberId: string) => body(query, { m: memberId });
  const p = await prepared(
    bench,
    "check-in",
    async (memberId) => (
      await recordPurchase(deps, owner, {
        orderId: `bench-ci-${memberId}`,
        memberId,
        storeId,
        paymentMethod: "cash",
        total: 1000,
        lines: [{ sku: "tea", name: "茶", category: "tea", qty: 1, unitPrice: 1000 }],
      }),
      {}
    ),
    request,
  );
  const statsShards = shards(8, (s) => keys.statsLivePartition(merchantId, s));
  return {
    name: "check-in",
    documented: {
      requests: 3,
      transactionItems: 5,
      text:
        "(API key cached) BatchGetItem context + consistent GetItem check-in + " +
        "TransactWriteItems (check-in, account, ledger entry, CheckedIn + 1 counter item)",
    },
    headers: p.headers,
    expect: '"created":true',
    body: (k) => request(p.copies[k].id),
    recording: p.recording,
    tokens: (k) => shardToken(p.recording, statsShards, new Map([[p.member, p.copies[k].id]])),
  };
}

/**
 * The console's dashboard, 30 days of the chain, as the demo owner (the demo seed of `npm start`, in the bench's
 * table).
 */
async function dashboardQuery(bench: Bench): Promise<Operation & { members: number }> {
  bench.log("  seeding the demo merchant…");
  const demo = await seedDemo(bench.db);
  const login = (await findLogin(bench.db, demo.owner.username))!;
  const token = (
    (await (
      await fetch(`${bench.serverUrl}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(demo.owner),
      })
    ).json()) as { idToken: string }
  ).idToken;
  const to = localDate(new Date().toISOString(), "Asia/Shanghai");
  const from = addDays(to, -29);
  const query = `query($f: String!, $t: String!) {
    dashboard(from: $f, to: $t) { days { date members joined orders revenue pointsIssued pointsOutstanding
      couponsOpen stages { stage members } } totals { members orders revenue } tiers { name members } coupons
      { name issued redeemed } memberOrderValue anonymousOrderValue repurchaseRate }
  }`;
  const headers = { authorization: `Bearer ${token}` };
  const request = body(query, { f: from, t: to });
  const first = await post(bench.graphqlUrl, headers, request);
  const recording = await record(() => post(bench.graphqlUrl, headers, request));
  void login;
  return {
    name: "dashboard (30 days, chain, demo merchant)",
    documented: {
      requests: "14–16",
      text:
        "(staff record cached) GetItem merchant + GetItem roll-up state + 1 Query roll-ups " +
        "(chain) + BatchGetItem + 8 Query live shards + ≤ 2 Query expiry calendar + " +
        "GetItem loyalty config + BatchGetItem templates",
    },
    headers,
    body: () => request,
    recording,
    tokens: () => new Map(),
    members: (first.data.dashboard as { totals: { members: number } }).totals.members,
  };
}

export async function benchOperations(
  bench: Bench,
): Promise<{ operations: OperationResult[]; dashboardMembers: number }> {
  const operations: OperationResult[] = [];
  for (const build of [lookup, enrolment, purchase, checkout, checkin]) {
    bench.log(`${build.name}…`);
    operations.push(await measure(bench, await build(bench)));
  }
  bench.log("dashboard…");
  const board = await dashboardQuery(bench);
  operations.push(await measure(bench, board));
  return { operations, dashboardMembers: board.members };
}
