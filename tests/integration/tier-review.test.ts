/**
 * The tier review reads only the accounts whose tier could drop on its day:
 * each account carries its growth by month and the first review date its tier
 * could drop on (never later than the truth), kept by every purchase, refund,
 * check-in, review and manual tier, and indexed by that date. A refund pulls
 * the date in, a purchase puts it off, a review that keeps the tier dates it
 * exactly from the window's orders, a manual floor takes the account out, and
 * a changed ladder (or a table written before dates were kept) makes the next
 * review read every tier once, as before, and date every account.
 */
import { DeleteCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../functions/app/deps.js";
import { runJob } from "../../functions/app/jobs/index.js";
import { recordPurchase, refundOrder, setManualTier, updateTierLadder } from "../../functions/app/loyalty/index.js";
import { registerMember } from "../../functions/app/members.js";
import type { Caller } from "../../functions/core/access.js";
import { DEFAULT_LADDER } from "../../functions/core/points/tiers.js";
import { keys } from "../../functions/data/keys.js";
import { createMerchant } from "../support/api.js";
import { depsWithClock, type SettableClock } from "../support/clock.js";
import { metered } from "../support/metered.js";
import { phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const REVIEW = "2026-12-01";
const NEXT_REVIEW = "2027-01-01";

interface Shop {
  deps: Deps;
  clock: SettableClock;
  owner: Caller;
  merchantId: string;
  storeId: string;
}

async function shop(): Promise<Shop> {
  const made = await createMerchant(server);
  const { deps, clock } = depsWithClock(server.db, "2025-01-01T02:00:00.000Z");
  const owner: Caller = {
    kind: "staff",
    merchantId: made.merchantId,
    staffId: made.ownerId,
    username: "owner",
    role: "owner",
    storeIds: [],
  };
  return { deps, clock, owner, merchantId: made.merchantId, storeId: made.stores[0].id };
}

async function member(s: Shop, name: string): Promise<string> {
  const { member } = await registerMember(s.deps, s.owner, { phone: phone(), name, homeStoreId: s.storeId });
  return member.id;
}

/** A purchase of `yuan` (as much growth) at an instant, recorded then. */
async function buy(s: Shop, memberId: string, at: string, yuan: number, orderId = `o-${memberId}-${at}`) {
  s.clock.set(at);
  await recordPurchase(s.deps, s.owner, {
    orderId,
    memberId,
    storeId: s.storeId,
    lines: [{ sku: "gift", name: "礼盒", category: "gifts", qty: 1, unitPrice: yuan * 100 }],
    total: yuan * 100,
    paymentMethod: "cash",
    at,
  });
  return orderId;
}

async function account(s: Shop, memberId: string) {
  const found = await server.db.client.send(
    new GetCommand({ TableName: server.tableName, Key: keys.account(s.merchantId, memberId) }),
  );
  return found.Item as { tierId: string; tierDueOn?: string; growthByMonth?: Record<string, number> };
}

/** Run the review on a day, counting the accounts it read (the index entries, at the client) and the rest. */
async function review(s: Shop, day: string) {
  s.clock.set(`${day}T01:00:00.000Z`);
  const { db, log } = metered(server.db);
  const result = await runJob({ ...s.deps, db }, "tier-review", s.merchantId, day);
  const queried = log.filter((entry) => entry.request === "QueryCommand");
  return { result, itemsRead: queried.reduce((sum, entry) => sum + entry.items, 0) };
}

describe("the tier review", () => {
  it("reads only the accounts whose tier could drop, and dates each account it keeps exactly", async () => {
    const s = await shop();
    // Silver (1000) reached 400 days before the review, nothing since: due, dropped.
    const lapsed = await member(s, "过期银卡");
    await buy(s, lapsed, "2025-10-26T04:00:00.000Z", 1200);
    // Silver reached 45 days before: not due, never read.
    const recent = await member(s, "新银卡");
    await buy(s, recent, "2026-10-17T04:00:00.000Z", 1200);
    // Silver held by a manual floor: cannot drop, not in the index.
    const floored = await member(s, "保级银卡");
    await buy(s, floored, "2025-10-26T04:00:00.000Z", 1200);
    await setManualTier(s.deps, s.owner, floored, "silver");
    expect((await account(s, floored)).tierDueOn).toBeUndefined();
    // Silver kept by a recent order, until a refund takes the order back: the date comes in, dropped.
    const refunded = await member(s, "退款银卡");
    await buy(s, refunded, "2025-10-26T04:00:00.000Z", 1200);
    const recentOrder = await buy(s, refunded, "2026-11-10T04:00:00.000Z", 1000);
    expect((await account(s, refunded)).tierDueOn).toBe("2027-11-01");
    await refundOrder(s.deps, s.owner, {
      orderId: recentOrder,
      refundId: `r-${recentOrder}`,
      lines: [{ sku: "gift", qty: 1 }],
    });
    expect((await account(s, refunded)).tierDueOn).toBe("2026-10-01");
    // Due, until a purchase puts the date off: kept, never read.
    const saved = await member(s, "续费银卡");
    await buy(s, saved, "2025-10-26T04:00:00.000Z", 1200);
    expect((await account(s, saved)).tierDueOn).toBe("2026-10-01");
    await buy(s, saved, "2026-11-20T04:00:00.000Z", 1000);
    expect((await account(s, saved)).tierDueOn).toBe("2027-11-01");
    // Due by the month (1 December 2025 + 365), yet its order of the 20th is still in the window: kept, dated.
    const edge = await member(s, "月中银卡");
    await buy(s, edge, "2025-12-20T04:00:00.000Z", 1200);
    expect((await account(s, edge)).tierDueOn).toBe("2026-12-01");
    // Many members in the first tier: never read.
    for (let i = 0; i < 5; i++) await buy(s, await member(s, `普通${i}`), "2026-11-01T04:00:00.000Z", 50);

    const { result, itemsRead } = await review(s, REVIEW);
    expect(result.acted).toBe(2);
    // lapsed, refunded and edge, with the orders of their windows (refunded's refunded one, edge's): nobody else.
    expect(itemsRead).toBe(5);
    expect(result.itemsRead).toBe(5);
    expect((await account(s, lapsed)).tierId).toBe("regular");
    expect((await account(s, refunded)).tierId).toBe("regular");
    for (const kept of [recent, floored, saved, edge]) expect((await account(s, kept)).tierId).toBe("silver");
    expect((await account(s, lapsed)).tierDueOn).toBeUndefined();
    expect((await account(s, edge)).tierDueOn).toBe("2026-12-20");

    // Run again the same day: nothing due is left but what it just dated after today.
    expect((await review(s, REVIEW)).result).toMatchObject({ acted: 0, itemsRead: 0 });
    // A month on, the edge member's order has left the window.
    const next = await review(s, NEXT_REVIEW);
    expect(next.result.acted).toBe(1);
    expect((await account(s, edge)).tierId).toBe("regular");
  });

  it("after a ladder change (or in a table written before dates were kept) reads every tier once, then the index again", async () => {
    const s = await shop();
    const a = await member(s, "甲");
    await buy(s, a, "2026-10-17T04:00:00.000Z", 1200);
    const b = await member(s, "乙");
    await buy(s, b, "2026-10-17T04:00:00.000Z", 1600);
    // Silver now needs 1500: A's date (worked out at 1000) says not due, yet A no longer reaches silver.
    await updateTierLadder(s.deps, s.owner, {
      ...DEFAULT_LADDER,
      tiers: DEFAULT_LADDER.tiers.map((tier) => (tier.id === "silver" ? { ...tier, threshold: 1500 } : tier)),
    });
    const full = await review(s, REVIEW);
    expect(full.result.acted).toBe(1);
    expect((await account(s, a)).tierId).toBe("regular");
    expect((await account(s, b)).tierId).toBe("silver");
    expect((await account(s, b)).tierDueOn).toBe("2027-10-17");
    // Dated under the new ladder: the next review reads the index (nothing is due).
    expect((await review(s, NEXT_REVIEW)).itemsRead).toBe(0);

    // A table written before dates were kept: no record of the ladder they were dated under.
    await server.db.client.send(
      new DeleteCommand({ TableName: server.tableName, Key: keys.tierReviewState(s.merchantId) }),
    );
    const again = await review(s, "2027-02-01");
    // Every account of the tiers above the first (B, and its window's one order), then the index from there on.
    expect(again.itemsRead).toBe(2);
    expect((await review(s, "2027-03-01")).itemsRead).toBe(0);
  });
});
