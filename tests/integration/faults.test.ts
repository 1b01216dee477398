/**
 * Fault injection over DynamoDB Local (tests/support/faulty.ts): throttles,
 * 500s, lost responses and transaction conflicts on every money movement,
 * the SMS dispatcher when SNS or DynamoDB fail, and a daily job killed
 * halfway. Each time: retries where safe, no partial state, nothing lost,
 * nothing sent or issued twice.
 */
import { smsTotals } from "../../functions/jobs.js";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { PublishCommand, SNSClient, ThrottledException } from "@aws-sdk/client-sns";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { marshall } from "@aws-sdk/util-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { localSender } from "../../functions/adapters/sms/local.js";
import { snsSender } from "../../functions/adapters/sms/sns.js";
import { claimCoupon, createTemplate, updateCouponSettings } from "../../functions/app/coupons.js";
import type { Deps } from "../../functions/app/deps.js";
import { enrolMember } from "../../functions/app/enrolment.js";
import { runJob, updateAutomation } from "../../functions/app/jobs/index.js";
import {
  checkInMember,
  loyaltyConfig,
  recordPurchase,
  redeemPoints,
  refundOrder,
  updateTierLadder,
} from "../../functions/app/loyalty/index.js";
import { dispatchDue } from "../../functions/app/messaging.js";
import { registerMember } from "../../functions/app/members.js";
import { topUp } from "../../functions/app/storedValue.js";
import type { Caller } from "../../functions/core/access.js";
import { startOfLocalDay } from "../../functions/core/time.js";
import { eventItem } from "../../functions/data/events.js";
import { publisher } from "../../functions/events.js";
import type { Db } from "../../functions/data/db.js";
import { depsFor } from "../../scripts/local/deps.js";
import { createMerchant, unique, type TestMerchant } from "../support/api.js";
import { depsWithClock, type SettableClock } from "../support/clock.js";
import { faulty, type Fault } from "../support/faulty.js";
import { phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { noHoldouts } from "../support/holdouts.js";

let server: TestServer;
let shop: TestMerchant;
let owner: Caller;
let storeId: string;
/** The shared merchant's services, with the clock standing at the time the file started. */
let deps: Deps;
/** A coupon template of the shared merchant, for the shoppers. */
let couponTemplateId: string;
/** The same services over a Db that injects faults. */
const using = (base: Deps, db: Db): Deps => ({ ...base, db });

beforeAll(async () => {
  server = await startTestServer();
  const started = new Date().toISOString();
  deps = depsFor(server.db, { now: () => started });
  shop = await createMerchant(server);
  owner = {
    kind: "staff",
    merchantId: shop.merchantId,
    staffId: shop.ownerId,
    username: "owner",
    role: "owner",
    storeIds: [],
  };
  storeId = shop.stores[0].id;
  couponTemplateId = (
    await createTemplate(deps, owner, { name: "满30减5", kind: "amount_off", amountOff: 500, validDays: 30 })
  ).id;
});
afterAll(() => server?.stop());

// ---------------------------------------------------------------- what is stored

/** Every item of a merchant (a test-only Scan of this file's own table), consistent. */
async function stored(merchantId = shop.merchantId): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await server.db.client.send(
      new ScanCommand({
        TableName: server.tableName,
        ConsistentRead: true,
        ExclusiveStartKey: start,
        FilterExpression: "begins_with(pk, :p)",
        ExpressionAttributeValues: { ":p": `T#${merchantId}` },
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The stored items as a comparable set: equal sets mean nothing was written. */
const fingerprint = (items: Record<string, unknown>[]) =>
  items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort();

/** The dashboard's live counters summed over shards, days and stores. */
function counters(items: Record<string, unknown>[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const item of items.filter((i) => i.entity === "statsLive"))
    for (const [name, value] of Object.entries(item))
      if (/^[gf]\./.test(name) && typeof value === "number") sums[name] = (sums[name] ?? 0) + value;
  return sums;
}

/** What changed in the counters between two reads (zeros left out). */
function counterDelta(before: Record<string, unknown>[], after: Record<string, unknown>[]): Record<string, number> {
  const [a, b] = [counters(before), counters(after)];
  return Object.fromEntries(
    [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .map((name) => [name, (b[name] ?? 0) - (a[name] ?? 0)])
      .filter(([, value]) => value !== 0),
  );
}

const ofMember = (items: Record<string, unknown>[], memberId: string, entity: string) =>
  items.filter((item) => item.entity === entity && item.memberId === memberId);
const events = (items: Record<string, unknown>[], type: string, match: Record<string, unknown> = {}) =>
  items.filter(
    (item) =>
      item.entity === "event" &&
      item.type === type &&
      Object.entries(match).every(([k, v]) => (item.detail as Record<string, unknown>)[k] === v),
  );
const liabilityTotal = (items: Record<string, unknown>[]) =>
  items
    .filter((i) => i.entity === "liability")
    .reduce<{ principal: number; bonus: number }>(
      (sum, i) => ({ principal: sum.principal + Number(i.principal), bonus: sum.bonus + Number(i.bonus) }),
      { principal: 0, bonus: 0 },
    );

// ---------------------------------------------------------------- fixtures

async function newMember(consent = false, birthday?: { month: number; day: number }) {
  return (
    await registerMember(deps, owner, {
      phone: phone(),
      name: unique("会员"),
      homeStoreId: storeId,
      marketingSmsConsent: consent,
      birthday,
    })
  ).member;
}

/** A member with 10,000 fen of stored value and a 5-yuan coupon, ready for checkout. */
async function shopper() {
  const member = await newMember();
  await topUp(deps, owner, { memberId: member.id, paymentId: unique("pay"), amount: 10_000, storeId });
  const { coupon } = await claimCoupon(deps, owner, {
    templateId: couponTemplateId,
    memberId: member.id,
    requestId: unique("claim"),
  });
  return { member, code: coupon.code };
}

const checkout = (memberId: string, code: string, orderId = unique("o")) => ({
  orderId,
  memberId,
  storeId,
  paymentMethod: "stored_value",
  total: 2500,
  lines: [{ sku: "latte", name: "拿铁", category: "drinks", qty: 2, unitPrice: 1500 }],
  couponCodes: [code],
  storedValueAmount: 1000,
});

const SURVIVING_RETRIES: Fault[] = [
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "InternalServerError",
];

// ---------------------------------------------------------------- purchases

describe("a purchase with a coupon and stored value under faults", () => {
  it.each(SURVIVING_RETRIES)(
    "a %s that outlasts the SDK's retries fails the purchase, writes nothing, and the till's retry records it once",
    async (fault) => {
      // Prepare
      const { member, code } = await shopper();
      const input = checkout(member.id, code);
      const before = await stored();
      const { db, log } = faulty(server.db, { fault, at: 1, operations: ["TransactWriteItems"] });
      // Act
      const failed = await recordPurchase(using(deps, db), owner, input).catch((error: Error) => error);
      const afterFailure = await stored();
      const retried = await recordPurchase(deps, owner, input);
      // Assess: the failure is the DynamoDB error, and not one item moved (no order, account, ledger entry, coupon
      // use, counters).
      expect(failed).toMatchObject({ name: fault });
      expect(log.injected).toBe(1);
      expect(fingerprint(afterFailure)).toEqual(fingerprint(before));
      expect(retried.created).toBe(true);
      expect(retried.account.storedValue).toEqual({ principal: 9000, bonus: 0 });
      const after = await stored();
      expect(ofMember(after, member.id, "order")).toHaveLength(1);
      expect(counterDelta(before, after)).toMatchObject({ "f.orders": 1, "f.revenue": 2500, "g.svPrincipal": -1000 });
    },
  );

  it(
    "a lost response (written, caller not told) retried with the same order id " +
      "returns the first result and counts nothing twice",
    async () => {
      // Prepare
      const { member, code } = await shopper();
      const input = checkout(member.id, code);
      const before = await stored();
      const { db } = faulty(server.db, { fault: "LostResponse", at: 1, operations: ["TransactWriteItems"] });
      // Act
      const failed = await recordPurchase(using(deps, db), owner, input).catch((error: Error) => error);
      const retried = await recordPurchase(deps, owner, input);
      const again = await recordPurchase(deps, owner, input);
      // Assess
      expect(failed).toMatchObject({ code: "ECONNRESET" });
      expect([retried.created, again.created]).toEqual([false, false]);
      expect(retried.order.points).toBe(25);
      expect(retried.account).toMatchObject({ available: 25, storedValue: { principal: 9000, bonus: 0 } });
      const after = await stored();
      expect(ofMember(after, member.id, "order")).toHaveLength(1);
      expect(ofMember(after, member.id, "ledger").filter((entry) => entry.type === "earn")).toHaveLength(1);
      expect(ofMember(after, member.id, "svEntry").filter((entry) => entry.type === "pay")).toHaveLength(1);
      expect(after.find((item) => item.entity === "coupon" && item.code === code)).toMatchObject({
        status: "redeemed",
        redeemed: { orderId: input.orderId },
      });
      expect(events(after, "PurchaseRecorded", { orderId: input.orderId })).toHaveLength(1);
      expect(counterDelta(before, after)).toMatchObject({
        "f.orders": 1,
        "f.revenue": 2500,
        "f.pointsIssued": 25,
        [`f.couponsRedeemed.${couponTemplateId}`]: 1,
        "g.svPrincipal": -1000,
      });
      expect(liabilityTotal(after).principal - liabilityTotal(before).principal).toBe(-1000);
    },
  );

  it("below the SDK's retry, a lost response is re-sent with the same ClientRequestToken and written once", async () => {
    // Prepare
    const { member, code } = await shopper();
    const input = checkout(member.id, code);
    const before = await stored();
    const { db, log } = faulty(server.db, {
      fault: "LostResponse",
      at: 1,
      operations: ["TransactWriteItems"],
      layer: "wire",
    });
    // Act
    const result = await recordPurchase(using(deps, db), owner, input);
    // Assess: the SDK sent the transaction twice; DynamoDB applied it once.
    expect(log.requests.filter((op) => op === "TransactWriteItems")).toHaveLength(2);
    expect(result.created).toBe(true);
    const after = await stored();
    expect(ofMember(after, member.id, "ledger").filter((entry) => entry.type === "earn")).toHaveLength(1);
    expect(counterDelta(before, after)).toMatchObject({ "f.orders": 1, "f.pointsIssued": 25, "g.svPrincipal": -1000 });
  });

  it("below the SDK's retry, throttles and 500s are absorbed: the purchase succeeds after retries", async () => {
    // Prepare
    const { member, code } = await shopper();
    const { db, log } = faulty(server.db, {
      fault: "ProvisionedThroughputExceededException",
      at: 1,
      times: 2,
      layer: "wire",
    });
    const { db: flaky, log: flakyLog } = faulty(server.db, {
      fault: "InternalServerError",
      at: 3,
      times: 2,
      layer: "wire",
    });
    // Act
    const throttled = await recordPurchase(using(deps, db), owner, checkout(member.id, code));
    const second = await shopper();
    const served = await recordPurchase(using(deps, flaky), owner, checkout(second.member.id, second.code));
    // Assess
    expect([throttled.created, served.created]).toEqual([true, true]);
    expect([log.injected, flakyLog.injected]).toEqual([2, 2]);
  });

  it("transaction conflicts are retried until the purchase is written, once", async () => {
    // Prepare
    const { member, code } = await shopper();
    const before = await stored();
    const { db, log } = faulty(server.db, {
      fault: "TransactionConflict",
      at: 1,
      times: 3,
      operations: ["TransactWriteItems"],
    });
    // Act
    const result = await recordPurchase(using(deps, db), owner, checkout(member.id, code));
    // Assess
    expect(result.created).toBe(true);
    expect(log.requests.filter((op) => op === "TransactWriteItems")).toHaveLength(4);
    expect(counterDelta(before, await stored())).toMatchObject({ "f.orders": 1, "g.svPrincipal": -1000 });
  });

  it("a conflict that never clears answers a retryable CONFLICT and writes nothing", async () => {
    // Prepare
    const { member, code } = await shopper();
    const before = await stored();
    const { db } = faulty(server.db, { fault: "TransactionConflict", from: 1, operations: ["TransactWriteItems"] });
    // Act
    const failed = await recordPurchase(using(deps, db), owner, checkout(member.id, code)).catch((error) => error);
    // Assess
    expect(failed).toMatchObject({ kind: "CONFLICT", details: { retryable: true } });
    expect(fingerprint(await stored())).toEqual(fingerprint(before));
  });
});

// ---------------------------------------------------------------- the other movements

describe("points, stored value, coupons and check-in under a lost response", () => {
  it("redeeming points: the retry with the same request id returns the first entry; points leave once", async () => {
    // Prepare
    const { member, code } = await shopper();
    await recordPurchase(deps, owner, checkout(member.id, code));
    const before = await stored();
    const input = { memberId: member.id, points: 20, requestId: unique("redeem") };
    const { db } = faulty(server.db, { fault: "LostResponse", at: 1, operations: ["TransactWriteItems"] });
    // Act
    const failed = await redeemPoints(using(deps, db), owner, input).catch((error) => error);
    const retried = await redeemPoints(deps, owner, input);
    // Assess
    expect(failed).toMatchObject({ code: "ECONNRESET" });
    expect(retried).toMatchObject({ created: false, account: { available: 5 } });
    const after = await stored();
    expect(ofMember(after, member.id, "ledger").filter((entry) => entry.type === "redeem")).toHaveLength(1);
    expect(counterDelta(before, after)).toEqual({ "f.pointsRedeemed": 20, "g.points": -20 });
  });

  it("redeeming points: a throttle that outlasts the retries changes nothing", async () => {
    // Prepare
    const { member, code } = await shopper();
    await recordPurchase(deps, owner, checkout(member.id, code));
    const before = await stored();
    const { db } = faulty(server.db, { fault: "ThrottlingException", at: 1, operations: ["TransactWriteItems"] });
    // Act
    const failed = await redeemPoints(using(deps, db), owner, {
      memberId: member.id,
      points: 20,
      requestId: unique("redeem"),
    }).catch((error) => error);
    // Assess
    expect(failed).toMatchObject({ name: "ThrottlingException" });
    expect(fingerprint(await stored())).toEqual(fingerprint(before));
  });

  it("a top-up: the retry with the same payment id adds the money once, to the balance, the ledger and the liability", async () => {
    // Prepare
    const member = await newMember();
    const before = await stored();
    const input = { memberId: member.id, paymentId: unique("wx"), amount: 5000, storeId };
    const { db } = faulty(server.db, { fault: "LostResponse", at: 1, operations: ["TransactWriteItems"] });
    // Act
    const failed = await topUp(using(deps, db), owner, input).catch((error) => error);
    const retried = await topUp(deps, owner, input);
    // Assess
    expect(failed).toMatchObject({ code: "ECONNRESET" });
    expect(retried).toMatchObject({ created: false, balance: { principal: 5000 } });
    const after = await stored();
    expect(ofMember(after, member.id, "svEntry")).toHaveLength(1);
    expect(liabilityTotal(after).principal - liabilityTotal(before).principal).toBe(5000);
    expect(counterDelta(before, after)).toMatchObject({ "g.svPrincipal": 5000 });
    expect(events(after, "StoredValueToppedUp", { memberId: member.id })).toHaveLength(1);
  });

  it("a top-up: an InternalServerError that outlasts the retries changes nothing", async () => {
    // Prepare
    const member = await newMember();
    const before = await stored();
    const { db } = faulty(server.db, { fault: "InternalServerError", at: 1, operations: ["TransactWriteItems"] });
    // Act
    const failed = await topUp(using(deps, db), owner, {
      memberId: member.id,
      paymentId: unique("wx"),
      amount: 5000,
      storeId,
    }).catch((error) => error);
    // Assess
    expect(failed).toMatchObject({ name: "InternalServerError" });
    expect(fingerprint(await stored())).toEqual(fingerprint(before));
  });

  it("claiming a coupon: the retry with the same request id returns the same coupon; stock is taken once", async () => {
    // Prepare
    const member = await newMember();
    const templateId = couponTemplateId;
    const before = await stored();
    const input = { templateId, memberId: member.id, requestId: unique("claim") };
    const { db } = faulty(server.db, { fault: "LostResponse", at: 1, operations: ["TransactWriteItems"] });
    // Act
    const failed = await claimCoupon(using(deps, db), owner, input).catch((error) => error);
    const retried = await claimCoupon(deps, owner, input);
    // Assess
    expect(failed).toMatchObject({ code: "ECONNRESET" });
    expect(retried.created).toBe(false);
    const after = await stored();
    expect(ofMember(after, member.id, "coupon").map((c) => c.code)).toEqual([retried.coupon.code]);
    const issued = (items: Record<string, unknown>[]) =>
      Number(items.find((i) => i.entity === "couponTemplate" && i.id === templateId)!.issued);
    expect(issued(after) - issued(before)).toBe(1);
    expect(counterDelta(before, after)).toMatchObject({ [`f.couponsIssued.${templateId}`]: 1, "g.couponsOpen": 1 });
  });

  it("checking in: a lost response and a retry are one check-in with its points once", async () => {
    // Prepare
    const member = await newMember();
    const before = await stored();
    expect(ofMember(before, member.id, "ledger")).toHaveLength(0);
    const { db } = faulty(server.db, { fault: "LostResponse", at: 1, operations: ["TransactWriteItems"] });
    // Act
    const failed = await checkInMember(using(deps, db), owner, member.id).catch((error) => error);
    const retried = await checkInMember(deps, owner, member.id);
    // Assess
    expect(failed).toMatchObject({ code: "ECONNRESET" });
    expect(retried.created).toBe(false);
    const after = await stored();
    expect(after.filter((item) => item.entity === "checkin" && String(item.pk).includes(member.id))).toHaveLength(1);
    expect(ofMember(after, member.id, "ledger")).toHaveLength(1);
    expect(retried.account.available).toBe(retried.points);
    expect(events(after, "CheckedIn", { memberId: member.id })).toHaveLength(1);
  });

  it("checking in: a throttle that outlasts the retries changes nothing, and the next tap checks in", async () => {
    // Prepare
    const member = await newMember();
    const before = await stored();
    const { db } = faulty(server.db, {
      fault: "ProvisionedThroughputExceededException",
      at: 1,
      operations: ["TransactWriteItems"],
    });
    // Act
    const failed = await checkInMember(using(deps, db), owner, member.id).catch((error) => error);
    const unchanged = fingerprint(await stored());
    const next = await checkInMember(deps, owner, member.id);
    // Assess
    expect(failed).toMatchObject({ name: "ProvisionedThroughputExceededException" });
    expect(unchanged).toEqual(fingerprint(before));
    expect(next.created).toBe(true);
  });

  it("refunding: the retry with the same refund id takes back points, gives back stored value and restores the coupon once", async () => {
    // Prepare
    const { member, code } = await shopper();
    const purchase = checkout(member.id, code);
    await recordPurchase(deps, owner, purchase);
    const before = await stored();
    const input = { refundId: unique("r"), orderId: purchase.orderId, lines: [{ sku: "latte", qty: 2 }] };
    const { db } = faulty(server.db, { fault: "LostResponse", at: 1, operations: ["TransactWriteItems"] });
    // Act
    const failed = await refundOrder(using(deps, db), owner, input).catch((error) => error);
    const retried = await refundOrder(deps, owner, input);
    // Assess
    expect(failed).toMatchObject({ code: "ECONNRESET" });
    expect(retried.created).toBe(false);
    expect(retried.order.refunds).toHaveLength(1);
    expect(retried.account).toMatchObject({ available: 0, storedValue: { principal: 10_000, bonus: 0 } });
    const after = await stored();
    expect(ofMember(after, member.id, "ledger").filter((entry) => entry.type === "reverse")).toHaveLength(1);
    expect(ofMember(after, member.id, "svEntry").filter((entry) => entry.type === "refund")).toHaveLength(1);
    expect(after.find((item) => item.entity === "coupon" && item.code === code)).toMatchObject({ status: "issued" });
    expect(events(after, "CouponRestored", { code })).toHaveLength(1);
    expect(counterDelta(before, after)).toMatchObject({ "f.refunded": 2500, "g.svPrincipal": 1000, "g.points": -25 });
  });

  it("refunding: a 500 that outlasts the retries changes nothing", async () => {
    // Prepare
    const { member, code } = await shopper();
    const purchase = checkout(member.id, code);
    await recordPurchase(deps, owner, purchase);
    const before = await stored();
    const { db } = faulty(server.db, { fault: "InternalServerError", at: 1, operations: ["TransactWriteItems"] });
    // Act
    const failed = await refundOrder(using(deps, db), owner, {
      refundId: unique("r"),
      orderId: purchase.orderId,
      lines: [{ sku: "latte", qty: 1 }],
    }).catch((error) => error);
    // Assess
    expect(failed).toMatchObject({ name: "InternalServerError" });
    expect(fingerprint(await stored())).toEqual(fingerprint(before));
  });
});

// ---------------------------------------------------------------- enrolment

describe("enrolment under faults", () => {
  it("a lost response on the member, then on the welcome coupon: the retries give one member and one welcome coupon", async () => {
    // Prepare: a merchant of its own, since the welcome pack applies to every enrolment at the merchant.
    const own = await createMerchant(server);
    const boss: Caller = {
      kind: "staff",
      merchantId: own.merchantId,
      staffId: own.ownerId,
      username: "owner",
      role: "owner",
      storeIds: [],
    };
    const welcome = await createTemplate(deps, boss, {
      name: unique("注册有礼"),
      kind: "amount_off",
      amountOff: 300,
      validDays: 30,
    });
    await updateCouponSettings(deps, boss, { welcomeTemplateIds: [welcome.id] });
    const input = { phone: phone(), name: "新会员", homeStoreId: own.stores[0].id };
    const before = await stored(own.merchantId);
    const first = faulty(server.db, { fault: "LostResponse", at: 1, operations: ["TransactWriteItems"] });
    const second = faulty(server.db, { fault: "LostResponse", at: 1, operations: ["TransactWriteItems"] });
    // Act
    const memberLost = await enrolMember(using(deps, first.db), boss, input).catch((error) => error);
    const couponLost = await enrolMember(using(deps, second.db), boss, input).catch((error) => error);
    const done = await enrolMember(deps, boss, input);
    // Assess
    expect([memberLost.code, couponLost.code]).toEqual(["ECONNRESET", "ECONNRESET"]);
    expect(done.created).toBe(false);
    expect(done.welcomeCoupons).toHaveLength(1);
    const after = await stored(own.merchantId);
    expect(after.filter((item) => item.entity === "memberPhone" && item.memberId === done.member.id)).toHaveLength(1);
    expect(ofMember(after, done.member.id, "coupon")).toHaveLength(1);
    expect(events(after, "MemberJoined", { memberId: done.member.id })).toHaveLength(1);
    expect(counterDelta(before, after)).toMatchObject({
      "g.members": 1,
      "f.joined": 1,
      [`f.couponsIssued.${welcome.id}`]: 1,
    });
  });

  it("a throttle that outlasts the retries enrols nobody", async () => {
    // Prepare
    const before = await stored();
    const { db } = faulty(server.db, {
      fault: "ProvisionedThroughputExceededException",
      at: 1,
      operations: ["TransactWriteItems"],
    });
    // Act
    const failed = await registerMember(using(deps, db), owner, {
      phone: phone(),
      name: "新会员",
      homeStoreId: storeId,
    }).catch((error) => error);
    // Assess
    expect(failed).toMatchObject({ name: "ProvisionedThroughputExceededException" });
    expect(fingerprint(await stored())).toEqual(fingerprint(before));
  });
});

// ---------------------------------------------------------------- a job killed halfway

/** The instant of a local time on a date in Shanghai. */
const at = (date: string, hhmm: string) =>
  new Date(
    Date.parse(startOfLocalDay(date, "Asia/Shanghai")) +
      (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000,
  ).toISOString();

const sns = mockClient(SNSClient);
afterEach(() => sns.reset());
// Test files may share a process: give the real client back.
afterAll(() => sns.restore());

describe("a daily job killed halfway", () => {
  it("the birthday job, killed at its 10th member and run again, greets and gifts every member exactly once", async () => {
    // Prepare: a merchant of its own with 25 members born today, all with consent; the first tier's birthday coupon.
    const other = await createMerchant(server);
    const boss: Caller = {
      kind: "staff",
      merchantId: other.merchantId,
      staffId: other.ownerId,
      username: "owner",
      role: "owner",
      storeIds: [],
    };
    const date = "2026-07-15";
    const { deps } = depsWithClock(server.db, at(date, "10:00"));
    const gift = await createTemplate(deps, boss, { name: "生日饮品券", kind: "gift", giftSku: "tea", validDays: 30 });
    const ladder = (await loyaltyConfig(deps, boss)).ladder;
    await updateTierLadder(deps, boss, {
      ...ladder,
      tiers: ladder.tiers.map((tier, i) => (i === 0 ? { ...tier, birthdayCouponTemplateId: gift.id } : tier)),
    });
    await updateAutomation(
      deps,
      boss,
      noHoldouts({
        birthday: { enabled: true, daysBefore: 0, sendCoupon: true, body: "{name}生日快乐" },
      }),
    );
    const members: Awaited<ReturnType<typeof registerMember>>["member"][] = [];
    for (let i = 0; i < 25; i++)
      members.push(
        (
          await registerMember(deps, boss, {
            phone: phone(),
            name: unique("寿星"),
            homeStoreId: other.stores[0].id,
            marketingSmsConsent: true,
            birthday: { month: 7, day: 15 },
          })
        ).member,
      );
    // The 10th member's transaction lands but its answer is lost, and the connection is dead after that.
    const lost = faulty(server.db, { fault: "LostResponse", at: 10, operations: ["TransactWriteItems"] });
    const dying = faulty(lost.db, { fault: "InternalServerError", from: 11, operations: ["TransactWriteItems"] });

    // Act
    const killed = await runJob(using(deps, dying.db), "birthday", other.merchantId, date).catch((error) => error);
    const rerun = await runJob(deps, "birthday", other.merchantId, date);
    const third = await runJob(deps, "birthday", other.merchantId, date);
    sns.on(PublishCommand).callsFake((input) => ({ MessageId: `sns-${input.PhoneNumber}` }));
    const dispatched = await dispatchDue(deps, snsSender(new SNSClient({ region: "ap-east-1" })), other.merchantId);
    const redispatched = await dispatchDue(deps, snsSender(new SNSClient({ region: "ap-east-1" })), other.merchantId);

    // Assess
    expect(killed).toMatchObject({ code: "ECONNRESET" });
    expect(rerun).toMatchObject({ acted: 15, alreadyDone: 10, sms: 15, coupons: 15 });
    expect(third).toMatchObject({ acted: 0, alreadyDone: 25, sms: 0, coupons: 0 });
    const items = await stored(other.merchantId);
    const perMember = (entity: string) => members.map((m) => ofMember(items, m.id, entity).length);
    expect(perMember("sms")).toEqual(members.map(() => 1));
    expect(perMember("coupon")).toEqual(members.map(() => 1));
    expect(items.find((i) => i.entity === "couponTemplate" && i.id === gift.id)).toMatchObject({ issued: 25 });
    expect(events(items, "CouponIssued")).toHaveLength(25);
    expect(dispatched).toMatchObject({ sent: 25, retried: 0, failed: 0 });
    expect(redispatched.sent).toBe(0);
    const phones = sns.commandCalls(PublishCommand).map((call) => call.args[0].input.PhoneNumber);
    expect(phones.sort()).toEqual(members.map((m) => m.phone).sort());
  });
});

// ---------------------------------------------------------------- the SMS dispatcher

describe("the SMS dispatcher under faults", () => {
  /**
   * A merchant of its own with one birthday SMS due now for each of `count` members,
   * and its services on a clock of their own that the test moves on.
   */
  async function queued(count = 1) {
    const other = await createMerchant(server);
    const boss: Caller = {
      kind: "staff",
      merchantId: other.merchantId,
      staffId: other.ownerId,
      username: "owner",
      role: "owner",
      storeIds: [],
    };
    const date = "2026-08-20";
    const { deps, clock } = depsWithClock(server.db, at(date, "10:00"));
    await updateAutomation(
      deps,
      boss,
      noHoldouts({
        birthday: { enabled: true, daysBefore: 0, sendCoupon: false, body: "{name}生日快乐" },
      }),
    );
    for (let i = 0; i < count; i++)
      await registerMember(deps, boss, {
        phone: phone(),
        name: unique("寿星"),
        homeStoreId: other.stores[0].id,
        marketingSmsConsent: true,
        birthday: { month: 8, day: 20 },
      });
    expect((await runJob(deps, "birthday", other.merchantId, date)).sms).toBe(count);
    return { merchantId: other.merchantId, deps, clock };
  }
  const outbox = async (merchantId: string) => (await stored(merchantId)).filter((item) => item.entity === "sms");
  const sender = () => snsSender(new SNSClient({ region: "ap-east-1" }));
  const later = (clock: SettableClock, minutes: number) =>
    clock.set(new Date(Date.parse(clock.now()) + minutes * 60_000).toISOString());

  it("SNS throttling (a definite refusal) is retried on a later run and the message is sent once", async () => {
    // Prepare
    const { merchantId, deps, clock } = await queued();
    sns
      .on(PublishCommand)
      .rejectsOnce(new ThrottledException({ message: "Rate exceeded", $metadata: { httpStatusCode: 400 } }))
      .resolves({ MessageId: "sns-1" });
    // Act
    const first = await dispatchDue(deps, sender(), merchantId);
    later(clock, 2);
    const second = await dispatchDue(deps, sender(), merchantId);
    later(clock, 10);
    const third = await dispatchDue(deps, sender(), merchantId);
    // Assess
    expect([first.retried, second.sent, third.sent]).toEqual([1, 1, 0]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
    expect(await outbox(merchantId)).toMatchObject([{ status: "sent", attempts: 2, providerId: "sns-1" }]);
  });

  it("SNS timing out after accepting the message: the outcome is unknown, so it is never sent again", async () => {
    // Prepare
    const { merchantId, deps, clock } = await queued();
    sns
      .on(PublishCommand)
      .rejectsOnce(
        Object.assign(new Error("Connection timed out after 5000 ms"), { name: "TimeoutError", $metadata: {} }),
      )
      .resolves({ MessageId: "sns-2" });
    // Act
    const first = await dispatchDue(deps, sender(), merchantId);
    later(clock, 60);
    const second = await dispatchDue(deps, sender(), merchantId);
    // Assess: one Publish only; the message is failed with the reason, visible in the outbox.
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect([first.failed, first.uncertain, second.sent]).toEqual([1, 1, 0]);
    expect(await outbox(merchantId)).toMatchObject([{ status: "failed", error: expect.stringMatching(/^UNCERTAIN/) }]);
    // The run's log line carries the count the jobs stack's SmsUncertain alarm reads.
    expect(smsTotals({ [merchantId]: first })).toEqual({ smsSent: 0, smsFailed: 1, smsUncertain: 1 });
  });

  it("DynamoDB failing to record a sent message leaves it 'sending': later runs never send it again", async () => {
    // Prepare: the claim (1st UpdateItem) works, SNS accepts, the settle (2nd UpdateItem) fails past the SDK's retries.
    const { merchantId, deps, clock } = await queued();
    sns.on(PublishCommand).resolves({ MessageId: "sns-3" });
    const { db } = faulty(server.db, { fault: "InternalServerError", at: 2, operations: ["UpdateItem"] });
    // Act
    const failed = await dispatchDue(using(deps, db), sender(), merchantId).catch((error) => error);
    later(clock, 60);
    const rerun = await dispatchDue(deps, sender(), merchantId);
    // Assess
    expect(failed).toMatchObject({ name: "InternalServerError" });
    expect(rerun.sent).toBe(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(await outbox(merchantId)).toMatchObject([{ status: "sending" }]);
  });

  it("a lost response on the claim, retried by the SDK, still sends the message, once", async () => {
    // Prepare
    const { merchantId, deps, clock } = await queued();
    sns.on(PublishCommand).resolves({ MessageId: "sns-4" });
    const { db, log } = faulty(server.db, { fault: "LostResponse", at: 1, operations: ["UpdateItem"], layer: "wire" });
    // Act
    const result = await dispatchDue(using(deps, db), sender(), merchantId);
    later(clock, 60);
    const rerun = await dispatchDue(deps, sender(), merchantId);
    // Assess
    expect(log.injected).toBe(1);
    expect([result.sent, rerun.sent]).toEqual([1, 0]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(await outbox(merchantId)).toMatchObject([{ status: "sent", providerId: "sns-4" }]);
  });

  it("a lost response on recording the send, retried by the SDK, is not an error and sends nothing twice", async () => {
    // Prepare
    const { merchantId, deps } = await queued(3);
    sns.on(PublishCommand).callsFake((input) => ({ MessageId: `sns-${input.PhoneNumber}` }));
    const { db } = faulty(server.db, { fault: "LostResponse", at: 2, operations: ["UpdateItem"], layer: "wire" });
    // Act
    const result = await dispatchDue(using(deps, db), sender(), merchantId);
    // Assess
    expect(result.sent).toBe(3);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(3);
    expect((await outbox(merchantId)).map((m) => m.status)).toEqual(["sent", "sent", "sent"]);
  });

  it("two dispatchers at once send each message once", async () => {
    // Prepare
    const { merchantId, deps } = await queued(6);
    const slow = localSender();
    const send = slow.send.bind(slow);
    slow.send = async (message) => (await new Promise((resolve) => setTimeout(resolve, 20)), send(message));
    // Act
    const [a, b] = await Promise.all([dispatchDue(deps, slow, merchantId), dispatchDue(deps, slow, merchantId)]);
    // Assess
    expect(a.sent + b.sent).toBe(6);
    expect(new Set(slow.sent.map((m) => m.messageId)).size).toBe(6);
    expect(slow.sent).toHaveLength(6);
  });
});

// ---------------------------------------------------------------- the event publisher

describe("the event publisher when EventBridge fails", () => {
  const bus = mockClient(EventBridgeClient);
  afterEach(() => bus.reset());
  afterAll(() => bus.restore());
  const records = (count: number) =>
    Array.from({ length: count }, (_, n) => {
      const item = eventItem({
        id: `e${n}`,
        merchantId: "shop",
        type: "PurchaseRecorded",
        at: `2026-06-01T08:00:${String(n).padStart(2, "0")}.000Z`,
        detail: { orderId: `o${n}` },
      });
      return {
        eventName: "INSERT" as const,
        dynamodb: { SequenceNumber: `seq${String(n).padStart(2, "0")}`, NewImage: marshall(item) as never },
      };
    });
  /**
   * Lambda's side of ReportBatchItemFailures: deliver, then re-deliver from the reported record until none is
   * reported.
   */
  async function stream(all: ReturnType<typeof records>, publish: ReturnType<typeof publisher>) {
    let batch = all;
    for (let round = 0; round < 10; round++) {
      const { batchItemFailures } = await publish({ Records: batch } as DynamoDBStreamEvent);
      if (!batchItemFailures.length) return round + 1;
      batch = batch.slice(
        batch.findIndex((record) => record.dynamodb.SequenceNumber === batchItemFailures[0].itemIdentifier),
      );
    }
    throw new Error("the stream never drained");
  }
  const delivered = () =>
    bus
      .commandCalls(PutEventsCommand)
      .flatMap((call) => call.args[0].input.Entries!.map((entry) => JSON.parse(entry.Detail!).id as string));

  it(
    "PutEvents throwing on the second batch of ten: the stream retries from there and " +
      "every event arrives, duplicates carrying the same id",
    async () => {
      // Prepare
      bus
        .on(PutEventsCommand)
        .resolvesOnce({ FailedEntryCount: 0, Entries: [] })
        .rejectsOnce(new Error("EventBridge is unavailable"))
        .resolves({ FailedEntryCount: 0, Entries: [] });
      const publish = publisher(new EventBridgeClient({ region: "ap-east-1" }), "bus");
      // Act
      const rounds = await stream(records(25), publish);
      // Assess: 10 sent, 10 failed, then seq10… again (the last 5 of the first round are sent again: at least once).
      expect(rounds).toBe(2);
      const ids = delivered();
      expect(new Set(ids)).toEqual(new Set(records(25).map((_, n) => `e${n}`)));
    },
  );

  it("FailedEntryCount above zero: the failed entry and those after it are retried; nothing is lost", async () => {
    // Prepare
    bus
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [
          { EventId: "1" },
          { EventId: "2" },
          { ErrorCode: "ThrottlingException", ErrorMessage: "Rate exceeded" },
          { EventId: "4" },
        ],
      })
      .resolves({ FailedEntryCount: 0, Entries: [] });
    const publish = publisher(new EventBridgeClient({ region: "ap-east-1" }), "bus");
    // Act
    const first = await publish({ Records: records(4) } as DynamoDBStreamEvent);
    const rounds = await stream(records(4), publisher(new EventBridgeClient({ region: "ap-east-1" }), "bus"));
    // Assess
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: "seq02" }] });
    expect(rounds).toBe(1);
  });

  it("FailedEntryCount above zero without per-entry error codes: the whole batch is reported, never dropped", async () => {
    // Prepare
    bus.on(PutEventsCommand).resolves({ FailedEntryCount: 2 });
    const publish = publisher(new EventBridgeClient({ region: "ap-east-1" }), "bus");
    // Act
    const result = await publish({ Records: records(3) } as DynamoDBStreamEvent);
    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "seq00" }] });
  });
});
