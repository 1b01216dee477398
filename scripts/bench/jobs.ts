/**
 * Daily-job cost at size: N members (default 100,000) loaded straight into a
 * fresh table (BatchWriteItem of the very items the API writes: each account
 * is a first purchase made by the domain's own `purchase`, with the member's
 * contact copy and its tier's review date; each coupon is an issued one, with
 * its copy), of whom 100 have their birthday today, 100 last came exactly 30
 * days ago, 100 hold a coupon lapsing in 3 days and 100 silver accounts lapse
 * before the next tier review (among N/20 silver accounts); then the birthday,
 * wake-up, lifecycle, coupon-expiry and tier-review jobs run once each,
 * counted at the DynamoDB client.
 * Reported by `npm run bench` (--job-members 10000,100000 by default; 0 skips),
 * or alone: `npx tsx scripts/bench/jobs.ts --members 10000,100000 [--disk]`
 * (its own DynamoDB Local, in memory unless --disk; or --endpoint URL).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { cryptoIds } from "../../functions/adapters/ids.js";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { createTemplate } from "../../functions/app/coupons.js";
import type { Deps } from "../../functions/app/deps.js";
import { runJob, updateAutomation, type JobName } from "../../functions/app/jobs/index.js";
import { onboardMerchant } from "../../functions/app/merchants.js";
import type { Caller } from "../../functions/core/access.js";
import { newCoupon, type CouponTemplate } from "../../functions/core/coupons/templates.js";
import { contactOf } from "../../functions/core/members.js";
import type { Member } from "../../functions/core/model.js";
import { newAccount, purchase } from "../../functions/core/points/account.js";
import { DEFAULT_RULES } from "../../functions/core/points/rules.js";
import { DEFAULT_LADDER } from "../../functions/core/points/tiers.js";
import { countedOpenAfter } from "../../functions/core/stats.js";
import { addDays, startOfLocalDay } from "../../functions/core/time.js";
import { couponItem } from "../../functions/data/coupons.js";
import { createDb, type Db } from "../../functions/data/db.js";
import { accountItem } from "../../functions/data/loyalty.js";
import { memberItem } from "../../functions/data/members.js";
import { listStores } from "../../functions/data/stores.js";
import { metered } from "../../tests/support/metered.js";
import { ensureTable, freePort, ROOT, startDynamoDbLocal } from "../local/dynamodb.js";

export interface JobCost {
  job: string;
  members: number;
  acted: number;
  readRequests: number;
  itemsRead: number;
  readCapacity: number;
  /** Items read per member acted on: the target is ≤ 1.1. */
  itemsPerActed: number;
  writeRequests: number;
  writeCapacity: number;
  seconds: number;
}

/** BatchWriteItem 25 at a time, 8 in flight, retrying unprocessed items. */
export async function writeAll(db: Db, items: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let b = next++; b < batches.length; b = next++) {
        let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
          [db.tableName]: batches[b].map((Item) => ({ PutRequest: { Item } })),
        };
        while (request && Object.keys(request).length)
          request = (await db.client.send(new BatchWriteCommand({ RequestItems: request })))
            .UnprocessedItems as typeof request;
      }
    }),
  );
}

/** Members due for each job: born today, last came 30 days ago, holding a coupon lapsing in 3 days, lapsed silver. */
const DUE = 100;
const ZONE = "Asia/Shanghai";
const TODAY = "2026-11-30";
/** The tier review's day: the 1st of the month (the default). */
const REVIEW_DAY = "2026-12-01";

/** The instant of a local date and hour. */
const at = (date: string, hour: number) =>
  new Date(Date.parse(startOfLocalDay(date, ZONE)) + hour * 3_600_000).toISOString();

/** A merchant for the bench, with the wake-up ladder on (one step at 30 days); its first store and coupon templates. */
async function setUpMerchant(deps: Deps, members: number) {
  const { merchant, owner } = await onboardMerchant(
    deps,
    { kind: "operator", subject: "bench" },
    {
      name: "Jobs bench",
      firstStore: { name: "一号店", city: "上海" },
      owner: { username: `jobs-bench-${members}-${Date.now()}`, name: "Bench", password: "Bench-2026" },
    },
  );
  const caller: Caller = {
    kind: "staff",
    merchantId: merchant.id,
    staffId: owner.id,
    username: owner.username,
    role: "owner",
    storeIds: [],
  };
  await updateAutomation(deps, caller, { wakeup: { enabled: true, steps: [{ days: 30, body: "{name}，想您了" }] } });
  const storeId = (await listStores(deps.db, merchant.id, 1)).items[0].id;
  // Coupons whose last local day is in 3 days (the reminder's), and later ones.
  const lapsing = async (name: string, day: string) =>
    createTemplate(deps, caller, {
      name,
      kind: "amount_off",
      amountOff: 300,
      validFrom: at(addDays(TODAY, -10), 0),
      validUntil: new Date(Date.parse(startOfLocalDay(addDays(day, 1), ZONE)) - 1).toISOString(),
    });
  const templates = {
    soon: await lapsing("到期券", addDays(TODAY, 3)),
    later: await lapsing("晚些券", addDays(TODAY, 40)),
  };
  return { merchantId: merchant.id, storeId, templates };
}

/** The i-th member as the API enrols one (the first DUE born today). */
function memberOf(merchantId: string, storeId: string, i: number, now: string): Member {
  const birthday = i < DUE ? { month: 11, day: 30 } : { month: (i % 12) + 1, day: (i % 28) + 1 };
  return {
    id: `bm${String(i).padStart(7, "0")}`,
    merchantId,
    phone: `+86137${String(i).padStart(8, "0")}`,
    name: `会员${i}`,
    gender: "unknown",
    birthday,
    homeStoreId: storeId,
    channel: "import",
    memberCode: `B${String(i).padStart(9, "0")}`,
    marketingSms: { granted: true, at: now, channel: "import" },
    tags: [],
    status: "active",
    version: 1,
    joinedAt: "2025-01-01T00:00:00.000Z",
    updatedAt: now,
  };
}

/**
 * The i-th member's account (every other member has one): one purchase, made by the domain's own `purchase`
 * on a fresh account carrying the member's contact, as the API's first purchase writes it. DUE of them came
 * exactly 30 days ago; one in 20 bought enough for silver, the first DUE of those 400 days ago (so their tier
 * lapses before the review), the others recently.
 */
function accountOf(member: Member, storeId: string, i: number) {
  const silver = i % 20 === 0 && i >= 2 * DUE;
  const lapsed = silver && i < 2 * DUE + 20 * DUE;
  const daysAgo = i < 2 * DUE ? 30 : lapsed ? 400 : 31 + (i % 300);
  const when = at(addDays(TODAY, -daysAgo), 12);
  const yuan = silver ? 1200 : 30;
  const ctx = {
    rules: DEFAULT_RULES,
    ladder: DEFAULT_LADDER,
    timeZone: ZONE,
    now: when,
    actor: "bench",
    newId: () => cryptoIds.id(),
  };
  const first = {
    ...newAccount(member.merchantId, member.id, DEFAULT_LADDER.tiers[0].id, contactOf(member)),
    timeZone: ZONE,
    homeStoreId: storeId,
  };
  const line = { sku: "tea", name: "茶", category: "drinks", qty: 1, unitPrice: yuan * 100 };
  const input = { orderId: `bo${i}`, storeId, lines: [line], total: yuan * 100, paymentMethod: "cash", at: when };
  return accountItem(purchase(first, input, ctx).account);
}

/** An issued coupon of a template to a member, with the member's contact copy, as the API's issue writes it. */
function couponOf(template: CouponTemplate, member: Member, i: number, now: string) {
  const coupon = {
    ...newCoupon(template, `BC${String(i).padStart(9, "0")}`, member.id, now, "manual" as const, `bench:${i}`),
    storeId: member.homeStoreId,
    contact: contactOf(member),
  };
  return couponItem(coupon, ZONE, countedOpenAfter(undefined, coupon, coupon.issuedAt));
}

/** Every item of members [from, to): member, account (every other), coupon (DUE soon, one in 10 later). */
function itemsOf(
  merchant: Awaited<ReturnType<typeof setUpMerchant>>,
  from: number,
  to: number,
  now: string,
): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (let i = from; i < to; i++) {
    const member = memberOf(merchant.merchantId, merchant.storeId, i, now);
    items.push(memberItem(member));
    if (i % 2 === 0) items.push(accountOf(member, merchant.storeId, i));
    // The odd members below 2 × DUE hold the coupons lapsing in 3 days.
    if (i % 2 === 1 && i < 2 * DUE) items.push(couponOf(merchant.templates.soon, member, i, now));
    else if (i % 10 === 5) items.push(couponOf(merchant.templates.later, member, i, now));
  }
  return items;
}

/** One job's run, counted at the DynamoDB client. */
async function measureJob(deps: Deps, job: JobName, merchantId: string, day: string, members: number) {
  const { db: counted, log: requests } = metered(deps.db);
  const start = performance.now();
  const result = await runJob({ ...deps, db: counted }, job, merchantId, day);
  const reads = requests.filter((r) => ["QueryCommand", "BatchGetCommand", "GetCommand"].includes(r.request));
  const writes = requests.filter((r) => !reads.includes(r));
  const itemsRead = reads.reduce((sum, r) => sum + r.items, 0);
  return {
    job,
    members,
    acted: result.acted,
    readRequests: reads.length,
    itemsRead,
    readCapacity: reads.reduce((sum, r) => sum + r.capacity, 0),
    itemsPerActed: itemsRead / Math.max(1, result.acted),
    writeRequests: writes.length,
    writeCapacity: writes.reduce((sum, r) => sum + r.capacity, 0),
    seconds: (performance.now() - start) / 1000,
  };
}

/** The jobs measured, and the day each runs on. */
const JOBS: [JobName, string][] = [
  ["birthday", TODAY],
  ["wakeup", TODAY],
  ["lifecycle", TODAY],
  ["coupon-expiry", TODAY],
  ["tier-review", REVIEW_DAY],
];

export async function benchJobs(db: Db, members: number, log: (line: string) => void): Promise<JobCost[]> {
  const now = at(TODAY, 10);
  const deps: Deps = { db, clock: { now: () => now }, ids: cryptoIds, identity: localIdentity(db) };
  const merchant = await setUpMerchant(deps, members);
  log(`Loading ${members} members, ${members / 2} accounts and ${DUE + members / 10} coupons…`);
  const loadStart = performance.now();
  let written = 0;
  // 10,000 members at a time, so a million never sits in memory at once.
  for (let from = 0; from < members; from += 10_000) {
    const items = itemsOf(merchant, from, Math.min(members, from + 10_000), now);
    await writeAll(db, items);
    written += items.length;
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  log(`  ${written} items loaded in ${loadSeconds.toFixed(0)} s (${Math.round(written / loadSeconds)} items/s)`);
  const results: JobCost[] = [];
  for (const [job, day] of JOBS) results.push(await measureJob(deps, job, merchant.merchantId, day, members));
  return results;
}

/** The standalone run: the jobs alone at each size, as a markdown table. */
async function main() {
  const { values } = parseArgs({
    options: {
      members: { type: "string", default: "10000,100000" },
      disk: { type: "boolean", default: false },
      endpoint: { type: "string" },
    },
  });
  const sizes = values.members!.split(",").map(Number);
  const log = (line: string) => console.log(line);
  const dynamodb = values.endpoint
    ? undefined
    : await startDynamoDbLocal({
        port: await freePort(),
        inMemory: !values.disk,
        dbPath: join(ROOT, ".local", `bench-jobs-${Date.now()}`),
        log,
      });
  const endpoint = values.endpoint ?? dynamodb!.endpoint;
  try {
    const results: JobCost[] = [];
    for (const size of sizes) {
      const tableName = `bench_jobs_${size}_${Date.now()}`;
      await ensureTable(endpoint, tableName);
      results.push(...(await benchJobs(createDb({ endpoint, tableName }), size, log)));
    }
    log("");
    log("| job | members | acted on | read requests | items read | RCU | items read per member acted on | seconds |");
    log("|---|---|---|---|---|---|---|---|");
    for (const j of results)
      log(
        `| ${j.job} | ${j.members.toLocaleString("en")} | ${j.acted} | ${j.readRequests} | ${j.itemsRead} | ` +
          `${j.readCapacity.toFixed(1)} | ${j.itemsPerActed.toFixed(2)} | ${j.seconds.toFixed(1)} |`,
      );
  } finally {
    await dynamodb?.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
