/**
 * The birthday and wake-up jobs cost what the members they act on cost, not
 * what the merchant has: 5,000 members, 10 due today → on the order of 10
 * member items read, counted at the DynamoDB client (requests, items, capacity).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { cryptoIds } from "../../functions/adapters/ids.js";
import type { Deps } from "../../functions/app/deps.js";
import { runJob, updateAutomation } from "../../functions/app/jobs/index.js";
import { recordPurchase } from "../../functions/app/loyalty/index.js";
import { importMembers, MAX_ROWS_PER_CALL } from "../../functions/app/memberImport.js";
import { searchMembers } from "../../functions/app/members.js";
import type { Caller } from "../../functions/core/access.js";
import { addDays, startOfLocalDay } from "../../functions/core/time.js";
import { createMerchant } from "../support/api.js";
import { metered } from "../support/metered.js";
import { startTestServer, type TestServer } from "../support/server.js";

const MEMBERS = 5_000;
const DUE = 10;
const TODAY = "2026-11-30";

let server: TestServer;
let owner: Caller;
let merchantId: string;
let now = startOfLocalDay(TODAY, "Asia/Shanghai");
const depsOf = (db = server.db): Deps => ({
  db,
  clock: { now: () => now },
  ids: cryptoIds,
  identity: localIdentity(server.db),
});

beforeAll(async () => {
  server = await startTestServer();
  const shop = await createMerchant(server);
  merchantId = shop.merchantId;
  owner = { kind: "staff", merchantId, staffId: shop.ownerId, username: "owner", role: "owner", storeIds: [] };
  // Birthdays spread over days 1–28 of each month; only the first DUE members were born on 30 November.
  const header = ["手机号", "姓名", "生日", "营销短信"];
  const rows = Array.from({ length: MEMBERS }, (_, i) => {
    const birthday = i < DUE ? "11-30" : `${(i % 12) + 1}-${(i % 28) + 1}`;
    return [`136${String(i).padStart(8, "0")}`, `会员${i}`, birthday, "是"];
  });
  for (let offset = 0; offset < rows.length; offset += MAX_ROWS_PER_CALL) {
    const report = await importMembers(depsOf(), owner, {
      header,
      rows: rows.slice(offset, offset + MAX_ROWS_PER_CALL),
      firstRow: offset + 2,
      defaultStoreId: shop.stores[0].id,
    });
    expect(report.errors).toEqual([]);
  }
  // DUE members last came exactly 30 days ago, 200 others on other days.
  const page = await searchMembers(depsOf(), owner, {}, 100);
  const more = await searchMembers(depsOf(), owner, {}, 100, page.next);
  const members = [
    ...page.items,
    ...more.items,
    ...(await searchMembers(depsOf(), owner, {}, 100, more.next)).items,
  ].slice(0, DUE + 200);
  for (const [i, member] of members.entries()) {
    const day = i < DUE ? addDays(TODAY, -30) : addDays(TODAY, -(31 + (i % 60)));
    now = new Date(Date.parse(startOfLocalDay(day, "Asia/Shanghai")) + 12 * 3_600_000).toISOString();
    await recordPurchase(depsOf(), owner, {
      orderId: `cost-${i}`,
      memberId: member.id,
      storeId: member.homeStoreId,
      lines: [{ sku: "tea", name: "茶", category: "drinks", qty: 1, unitPrice: 1000 }],
      total: 1000,
      paymentMethod: "cash",
      at: now,
    });
  }
  now = new Date(Date.parse(startOfLocalDay(TODAY, "Asia/Shanghai")) + 10 * 3_600_000).toISOString();
  await updateAutomation(depsOf(), owner, { wakeup: { enabled: true, steps: [{ days: 30, body: "{name}，想您了" }] } });
});
afterAll(() => server?.stop());

describe("daily job cost", () => {
  for (const job of ["birthday", "wakeup"] as const) {
    it(`${job}: ${MEMBERS} members, ${DUE} due → reads ~${DUE} members, not ${MEMBERS}`, async () => {
      const { db, log } = metered(server.db);
      const result = await runJob(depsOf(db), job, merchantId, TODAY);
      expect(result.acted).toBe(DUE);
      expect(result.sms).toBe(DUE);
      const reads = log.filter((entry) => ["QueryCommand", "BatchGetCommand", "GetCommand"].includes(entry.request));
      const itemsRead = reads.reduce((sum, entry) => sum + entry.items, 0);
      const readCapacity = reads.reduce((sum, entry) => sum + entry.capacity, 0);
      console.log(
        `${job}: ${reads.length} read requests, ${itemsRead} items, ${readCapacity} RCU ` +
          `for ${result.acted} members acted on out of ${MEMBERS}`,
      );
      // The due members (index entries, + their member items for the wake-up; the birthday text names no
      // tier, so no account is read), the settings, nothing else.
      const perMember = job === "birthday" ? 1 : 2;
      expect(itemsRead).toBeLessThanOrEqual(perMember * DUE + 5);
      expect(result.itemsRead).toBeLessThanOrEqual(perMember * DUE);
      expect(readCapacity).toBeLessThan(MEMBERS / 100);
      expect(log.filter((entry) => entry.request === "ScanCommand")).toEqual([]);
      // One transaction per member acted on.
      expect(log.filter((entry) => entry.request === "TransactWriteCommand")).toHaveLength(DUE);
    });
  }
});
