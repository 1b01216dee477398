/**
 * Daily-job cost at size: N members (default 100,000) loaded straight into a
 * fresh table (BatchWriteItem of the very items the API writes), of whom 100
 * have their birthday today and 100 last came exactly 30 days ago; then the
 * birthday and wake-up jobs run once, counted at the DynamoDB client.
 * Reported by `npm run bench` (--job-members 10000,100000 by default; 0 skips).
 */
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { cryptoIds } from "../../functions/adapters/ids.js";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import type { Deps } from "../../functions/app/deps.js";
import { runJob, updateAutomation } from "../../functions/app/jobs/index.js";
import { onboardMerchant } from "../../functions/app/merchants.js";
import { newAccount } from "../../functions/core/points/account.js";
import { addDays, startOfLocalDay } from "../../functions/core/time.js";
import type { Db } from "../../functions/data/db.js";
import { accountItem } from "../../functions/data/loyalty.js";
import { memberItem } from "../../functions/data/members.js";
import { metered } from "../../tests/support/metered.js";

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

/** Members with a birthday today among the first `due`, and accounts whose last visit was 30 days ago. */
const DUE = 100;

/** A merchant for the bench, with the wake-up ladder on (one step at 30 days); its first store's id. */
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
  const caller = {
    kind: "staff" as const,
    merchantId: merchant.id,
    staffId: owner.id,
    username: owner.username,
    role: "owner" as const,
    storeIds: [],
  };
  await updateAutomation(deps, caller, { wakeup: { enabled: true, steps: [{ days: 30, body: "{name}，想您了" }] } });
  const storeId = (await import("../../functions/data/stores.js").then((s) => s.listStores(deps.db, merchant.id, 1)))
    .items[0].id;
  return { merchantId: merchant.id, storeId };
}

/** The member items (the first DUE born today) and, for every other member, an account. */
function memberItems(merchantId: string, storeId: string, members: number, today: string, now: string) {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < members; i++) {
    const id = `bm${String(i).padStart(7, "0")}`;
    const birthday = i < DUE ? { month: 11, day: 30 } : { month: (i % 12) + 1, day: (i % 28) + 1 };
    items.push(
      memberItem({
        id,
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
        joinedAt: "2026-01-01T00:00:00.000Z",
        updatedAt: now,
      }),
    );
    // Half the members have bought; 100 of them last came exactly 30 days ago, the rest on other days.
    if (i % 2 === 0) items.push(accountOf(merchantId, id, i, today));
  }
  return items;
}

/** The i-th member's account: one visit, DUE of them exactly 30 days ago. */
function accountOf(merchantId: string, memberId: string, i: number, today: string) {
  const daysAgo = i < 2 * DUE ? 30 : 31 + (i % 300);
  const lastVisitAt = new Date(
    Date.parse(startOfLocalDay(addDays(today, -daysAgo), "Asia/Shanghai")) + 12 * 3_600_000,
  ).toISOString();
  return accountItem({
    ...newAccount(merchantId, memberId, "regular"),
    visits: 1,
    lastVisitAt,
    lifetimeSpend: 3000,
    stage: "active",
    timeZone: "Asia/Shanghai",
    version: 1,
  });
}

/** One job's run, counted at the DynamoDB client. */
async function measureJob(
  deps: Deps,
  job: "birthday" | "wakeup",
  merchantId: string,
  today: string,
  members: number,
): Promise<JobCost> {
  const { db: counted, log: requests } = metered(deps.db);
  const start = performance.now();
  const result = await runJob({ ...deps, db: counted }, job, merchantId, today);
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

export async function benchJobs(db: Db, members: number, log: (line: string) => void): Promise<JobCost[]> {
  const today = "2026-11-30";
  const now = new Date(Date.parse(startOfLocalDay(today, "Asia/Shanghai")) + 10 * 3_600_000).toISOString();
  const deps: Deps = { db, clock: { now: () => now }, ids: cryptoIds, identity: localIdentity(db) };
  const { merchantId, storeId } = await setUpMerchant(deps, members);
  log(`Loading ${members} members and ${members / 2} accounts…`);
  const items = memberItems(merchantId, storeId, members, today, now);
  const loadStart = performance.now();
  await writeAll(db, items);
  log(`  loaded in ${((performance.now() - loadStart) / 1000).toFixed(0)} s`);
  const results: JobCost[] = [];
  for (const job of ["birthday", "wakeup"] as const)
    results.push(await measureJob(deps, job, merchantId, today, members));
  return results;
}
