/**
 * The daily jobs cost what the members they act on cost, not what the
 * merchant has: 5,000 members, 10 due today → on the order of 10 items read,
 * counted at the DynamoDB client (requests, items, capacity). The item that
 * finds a member (the member for birthdays, the account for wake-up and
 * lifecycle, the coupon for expiry reminders) carries what the message needs,
 * so each costs at most 1.1 items read per member acted on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { cryptoIds } from "../../functions/adapters/ids.js";
import type { Deps } from "../../functions/app/deps.js";
import { createTemplate, issueCoupons } from "../../functions/app/coupons.js";
import { runJob, updateAutomation, type JobName } from "../../functions/app/jobs/index.js";
import { recordPurchase } from "../../functions/app/loyalty/index.js";
import { importMembers, MAX_ROWS_PER_CALL } from "../../functions/app/memberImport.js";
import { searchMembers } from "../../functions/app/members.js";
import type { Caller } from "../../functions/core/access.js";
import { addDays, startOfLocalDay } from "../../functions/core/time.js";
import { createMerchant } from "../support/api.js";
import { metered } from "../support/metered.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { noHoldouts } from "../support/holdouts.js";

const MEMBERS = 5_000;
const DUE = 10;
const TODAY = "2026-11-30";
/** The tier review's day (the 1st of the month by default), and the accounts due on it. */
const REVIEW_DAY = "2026-12-01";
const TIER_DUE = 10;

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
  await updateAutomation(
    depsOf(),
    owner,
    noHoldouts({ wakeup: { enabled: true, steps: [{ days: 30, body: "{name}，想您了" }] } }),
  );
  // DUE members hold a coupon whose last day is in 3 days (the reminder's day), 100 others one lapsing later.
  const lapsing = (day: string) => ({
    validFrom: addDays(TODAY, -1),
    validUntil: new Date(Date.parse(startOfLocalDay(addDays(day, 1), "Asia/Shanghai")) - 1).toISOString(),
  });
  const soon = await createTemplate(depsOf(), owner, {
    name: "到期券",
    kind: "amount_off",
    amountOff: 300,
    ...lapsing(addDays(TODAY, 3)),
  });
  const later = await createTemplate(depsOf(), owner, {
    name: "晚些到期券",
    kind: "amount_off",
    amountOff: 300,
    ...lapsing(addDays(TODAY, 20)),
  });
  // Tiers: 10 members reached silver 400 days ago and earned nothing since (due for review on 1 December), 20 more
  // reached it 45 days ago (not due: the review passes them by).
  const silver = (
    await searchMembers(depsOf(), owner, {}, 100, (await searchMembers(depsOf(), owner, {}, 100, more.next)).next)
  ).items;
  for (const [i, member] of silver.slice(0, TIER_DUE + 20).entries()) {
    now = new Date(
      Date.parse(startOfLocalDay(addDays(TODAY, i < TIER_DUE ? -400 : -45), "Asia/Shanghai")),
    ).toISOString();
    await recordPurchase(depsOf(), owner, {
      orderId: `tier-${i}`,
      memberId: member.id,
      storeId: member.homeStoreId,
      lines: [{ sku: "gift", name: "礼盒", category: "gifts", qty: 1, unitPrice: 120_000 }],
      total: 120_000,
      paymentMethod: "cash",
      at: now,
    });
  }
  now = new Date(Date.parse(startOfLocalDay(TODAY, "Asia/Shanghai")) + 10 * 3_600_000).toISOString();
  const holders = members.map((member) => member.id);
  await issueCoupons(depsOf(), owner, {
    templateId: soon.id,
    memberIds: holders.slice(0, DUE),
    requestId: "cost-soon",
  });
  await issueCoupons(depsOf(), owner, {
    templateId: later.id,
    memberIds: holders.slice(DUE, DUE + 100),
    requestId: "cost-later",
  });
});
afterAll(() => server?.stop());

/** Each job's members acted on and SMS sent, and its bound on items read per member acted on. */
const CASES: { job: JobName; acted: number; sms: number; perMember: number; why: string; day?: string }[] = [
  // The birthday text names no tier, so no account is read: the member item is the index entry.
  { job: "birthday", acted: DUE, sms: DUE, perMember: 1, why: "the member items" },
  { job: "wakeup", acted: DUE, sms: DUE, perMember: 1.1, why: "the accounts, with their contact copy" },
  // 3 of the other 200 came exactly 90 days ago: they fall asleep today.
  { job: "lifecycle", acted: DUE + 3, sms: 0, perMember: 1.1, why: "the accounts, with their contact copy" },
  { job: "coupon-expiry", acted: DUE, sms: DUE, perMember: 1.1, why: "the coupons, with their contact copy" },
  // The accounts whose tier could drop today (and their window's orders: none), not the 20 others in silver.
  { job: "tier-review", acted: TIER_DUE, sms: 0, perMember: 1.1, why: "the accounts due for review", day: REVIEW_DAY },
];

/** Reads a run makes once, whatever its size: the merchant, its automations, its loyalty settings (+ review state). */
const SETTINGS = 4;

describe("daily job cost", () => {
  for (const { job, acted, sms, perMember, why, day } of CASES) {
    it(`${job}: ${MEMBERS} members, ${acted} due → reads ${why}, ≤ ${perMember} per member acted on`, async () => {
      const { db, log } = metered(server.db);
      const result = await runJob(depsOf(db), job, merchantId, day ?? TODAY);
      expect(result.acted).toBe(acted);
      expect(result.sms).toBe(sms);
      const reads = log.filter((entry) => ["QueryCommand", "BatchGetCommand", "GetCommand"].includes(entry.request));
      const itemsRead = reads.reduce((sum, entry) => sum + entry.items, 0);
      const readCapacity = reads.reduce((sum, entry) => sum + entry.capacity, 0);
      console.log(
        `${job}: ${reads.length} read requests, ${itemsRead} items, ${readCapacity} RCU ` +
          `for ${result.acted} members acted on out of ${MEMBERS}`,
      );
      // The due members' index entries, the settings, nothing else: no member item behind an account or coupon.
      expect(result.itemsRead).toBeLessThanOrEqual(perMember * acted);
      expect(itemsRead).toBeLessThanOrEqual(perMember * acted + SETTINGS);
      expect(log.filter((entry) => entry.request === "BatchGetCommand")).toEqual([]);
      expect(readCapacity).toBeLessThan(MEMBERS / 100);
      expect(log.filter((entry) => entry.request === "ScanCommand")).toEqual([]);
      // One transaction per member acted on.
      expect(log.filter((entry) => entry.request === "TransactWriteCommand")).toHaveLength(acted);
    });
  }
});
