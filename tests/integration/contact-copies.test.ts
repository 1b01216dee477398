/**
 * The copies of a member's contact the daily jobs read instead of the member
 * (on the account and on each usable coupon): every change to what a message
 * needs (name, phone, consent — by staff or by an SMS reply 回复TD — home
 * store, erasure) moves them in the member's own transaction; an erased
 * member's copies hold no personal data; a member who opted out or was erased
 * is never messaged, even through a copy a race left behind; a copy is never
 * older than the member when an account is created or a member changes at
 * the same moment; items written before copies existed are read the old way
 * until `backfillContactCopies` writes theirs.
 */
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmsOptedOutError } from "../../functions/adapters/sms/port.js";
import { createTemplate, issueCoupons } from "../../functions/app/coupons.js";
import type { Deps } from "../../functions/app/deps.js";
import { runJob, updateAutomation, type JobName } from "../../functions/app/jobs/index.js";
import { recordPurchase } from "../../functions/app/loyalty/index.js";
import {
  addMemberTags,
  eraseMember,
  getMember,
  registerMember,
  setMarketingConsent,
  updateMember,
} from "../../functions/app/members.js";
import { dispatchDue } from "../../functions/app/messaging.js";
import type { Caller } from "../../functions/core/access.js";
import { contactOf } from "../../functions/core/members.js";
import type { Member, MemberContact } from "../../functions/core/model.js";
import { addDays, startOfLocalDay } from "../../functions/core/time.js";
import { withSend, type Db } from "../../functions/data/db.js";
import { listMemberCoupons } from "../../functions/data/coupons.js";
import { keys } from "../../functions/data/keys.js";
import { listMessages } from "../../functions/data/messages.js";
import { backfillContactCopies } from "../../functions/data/members.js";
import { collectPages } from "../../functions/data/query.js";
import { createMerchant } from "../support/api.js";
import { depsWithClock, type SettableClock } from "../support/clock.js";
import { phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { noHoldouts } from "../support/holdouts.js";

const TODAY = "2026-11-30";
const ZONE = "Asia/Shanghai";
/** A local date and time as an instant. */
const at = (date: string, hour: number) =>
  new Date(Date.parse(startOfLocalDay(date, ZONE)) + hour * 3_600_000).toISOString();

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

interface Shop {
  deps: Deps;
  clock: SettableClock;
  owner: Caller;
  merchantId: string;
  storeIds: string[];
  templateId: string;
}

/** A merchant of its own per test: wake-up after 30 days, reminders 3 days before a coupon lapses. */
async function shop(db: Db = server.db): Promise<Shop> {
  const made = await createMerchant(server);
  const { deps, clock } = depsWithClock(db, at(addDays(TODAY, -40), 10));
  const owner: Caller = {
    kind: "staff",
    merchantId: made.merchantId,
    staffId: made.ownerId,
    username: "owner",
    role: "owner",
    storeIds: [],
  };
  await updateAutomation(
    deps,
    owner,
    noHoldouts({ wakeup: { enabled: true, steps: [{ days: 30, body: "{name}，想您了" }] } }),
  );
  const template = await createTemplate(deps, owner, {
    name: "到期券",
    kind: "amount_off",
    amountOff: 300,
    validFrom: at(addDays(TODAY, -40), 0),
    validUntil: new Date(Date.parse(startOfLocalDay(addDays(TODAY, 4), ZONE)) - 1).toISOString(),
  });
  const storeIds = made.stores.map((store) => store.id);
  return { deps, clock, owner, merchantId: made.merchantId, storeIds, templateId: template.id };
}

/** A member who consents, last came 30 days before TODAY, and holds two coupons lapsing in 3 days. */
async function regular(s: Shop, name: string): Promise<Member> {
  s.clock.set(at(addDays(TODAY, -30), 12));
  const { member } = await registerMember(s.deps, s.owner, {
    phone: phone(),
    name,
    homeStoreId: s.storeIds[0],
    marketingSmsConsent: true,
  });
  await recordPurchase(s.deps, s.owner, {
    orderId: `order-${member.id}`,
    memberId: member.id,
    storeId: s.storeIds[0],
    lines: [{ sku: "tea", name: "茶", category: "drinks", qty: 1, unitPrice: 1000 }],
    total: 1000,
    paymentMethod: "cash",
    at: s.clock.now(),
  });
  for (const n of [1, 2])
    await issueCoupons(s.deps, s.owner, {
      templateId: s.templateId,
      memberIds: [member.id],
      requestId: `copy-${n}-${member.id}`,
    });
  s.clock.set(at(TODAY, 10));
  return member;
}

/** A stored item, as it is. */
async function item(key: { pk: string; sk: string }): Promise<Record<string, unknown>> {
  return (await server.db.client.send(new GetCommand({ TableName: server.tableName, Key: key }))).Item ?? {};
}

/** The member's copies: on the account and on each of their coupons. */
async function copies(s: Shop, memberId: string): Promise<{ account: unknown; coupons: unknown[] }> {
  const wallet = await couponCodes(s, memberId);
  const coupons = await Promise.all(wallet.map(async (code) => (await item(keys.coupon(s.merchantId, code))).contact));
  return { account: (await item(keys.account(s.merchantId, memberId))).contact, coupons };
}

async function couponCodes(s: Shop, memberId: string): Promise<string[]> {
  return (await listMemberCoupons(server.db, s.merchantId, memberId, 50)).items.map((coupon) => coupon.code);
}

/** Every copy is the member's contact as stored now. */
async function expectCurrent(s: Shop, memberId: string) {
  const member = await getMember(s.deps, s.owner, memberId);
  const expected: MemberContact = contactOf(member);
  const found = await copies(s, memberId);
  expect(found.account).toEqual(expected);
  expect(found.coupons).toEqual(found.coupons.map(() => expected));
}

/** The transactions a service call sent, as (operation, pk, sk) lists. */
function recording(db: Db) {
  const transactions: string[][] = [];
  const recorded = withSend(db, async (command, send) => {
    if (command.constructor.name === "TransactWriteCommand") {
      const items = command.input.TransactItems as Record<
        string,
        { Key?: Record<string, string>; Item?: Record<string, string> }
      >[];
      transactions.push(
        items.map((entry) => {
          const [operation, body] = Object.entries(entry)[0];
          const key = body.Key ?? body.Item!;
          return `${operation} ${key.pk} ${key.sk}`;
        }),
      );
    }
    return send();
  });
  return { db: recorded, transactions };
}

/** The outbox messages queued for a member. */
async function messagesTo(s: Shop, memberId: string) {
  const all = await collectPages((cursor) => listMessages(server.db, s.merchantId, undefined, 100, cursor));
  return all.filter((message) => message.memberId === memberId);
}

async function run(s: Shop, job: JobName, db: Db = s.deps.db) {
  return runJob({ ...s.deps, db }, job, s.merchantId, TODAY);
}

describe("the copies follow the member", () => {
  it("every change to what a message needs rewrites the account's and the coupons' copies in its own transaction", async () => {
    const s = await shop();
    const member = await regular(s, "林小满");
    await expectCurrent(s, member.id);
    const { db, transactions } = recording(s.deps.db);
    const deps = { ...s.deps, db };
    const changes: [string, () => Promise<unknown>][] = [
      ["rename", () => updateMember(deps, s.owner, member.id, { name: "林满" })],
      ["new phone", () => updateMember(deps, s.owner, member.id, { phone: phone() })],
      ["new home store", () => updateMember(deps, s.owner, member.id, { homeStoreId: s.storeIds[1] ?? s.storeIds[0] })],
      ["opt-out", () => setMarketingConsent(deps, s.owner, member.id, { granted: false })],
      ["opt-in", () => setMarketingConsent(deps, s.owner, member.id, { granted: true })],
    ];
    const [a, b] = await couponCodes(s, member.id);
    for (const [what, change] of changes) {
      transactions.length = 0;
      await change();
      expect(transactions, what).toHaveLength(1);
      expect(transactions[0], what).toEqual(
        expect.arrayContaining([
          `Put ${keys.member(s.merchantId, member.id).pk} PROFILE`,
          `Put ${keys.account(s.merchantId, member.id).pk} ACCOUNT`,
          `Update ${keys.coupon(s.merchantId, a).pk} ${keys.coupon(s.merchantId, a).sk}`,
          `Update ${keys.coupon(s.merchantId, b).pk} ${keys.coupon(s.merchantId, b).sk}`,
        ]),
      );
      await expectCurrent(s, member.id);
    }
    // A change a message does not see (a tag) leaves the copies alone.
    transactions.length = 0;
    const before = await copies(s, member.id);
    await addMemberTags(deps, s.owner, member.id, ["常客"]);
    expect(transactions[0].filter((write) => / ACCOUNT$|#COUPON#/.test(write))).toEqual([]);
    expect(await copies(s, member.id)).toEqual(before);
  });

  it("an opt-out by SMS reply (回复TD) reaches the copies at once, and the jobs then send nothing", async () => {
    const s = await shop();
    const member = await regular(s, "回复退订");
    expect((await run(s, "wakeup")).sms).toBe(1);
    const optingOut = {
      send: async (message: { phone: string }) => Promise.reject(new SmsOptedOutError(message.phone)),
    };
    expect((await dispatchDue(s.deps, optingOut, s.merchantId)).skipped).toBe(1);
    await expectCurrent(s, member.id);
    expect(((await copies(s, member.id)).account as MemberContact).marketingSms?.granted).toBe(false);
    const reminder = await run(s, "coupon-expiry");
    expect(reminder).toMatchObject({ acted: 1, sms: 0, skipped: { NO_CONSENT: 1 }, itemsRead: 2 });
  });

  it("a first purchase made as the member is renamed creates the account with the new name", async () => {
    const s = await shop();
    const { member } = await registerMember(s.deps, s.owner, {
      phone: phone(),
      name: "旧名",
      homeStoreId: s.storeIds[0],
    });
    // The rename lands between the purchase's read and its write.
    let renamed = false;
    const racing = withSend(s.deps.db, async (command, send) => {
      const items = (command.input.TransactItems ?? []) as { Put?: { Item: { sk: string } } }[];
      if (!renamed && items.some((entry) => entry.Put?.Item.sk === "ACCOUNT")) {
        renamed = true;
        await updateMember(s.deps, s.owner, member.id, { name: "新名" });
      }
      return send();
    });
    await recordPurchase({ ...s.deps, db: racing }, s.owner, {
      orderId: `race-${member.id}`,
      memberId: member.id,
      storeId: s.storeIds[0],
      lines: [{ sku: "tea", name: "茶", category: "drinks", qty: 1, unitPrice: 1000 }],
      total: 1000,
      paymentMethod: "cash",
      at: s.clock.now(),
    });
    expect(renamed).toBe(true);
    expect((await copies(s, member.id)).account).toMatchObject({ name: "新名" });
  });

  it("a rename made as the member's first purchase creates the account reaches the new account", async () => {
    const s = await shop();
    const { member } = await registerMember(s.deps, s.owner, {
      phone: phone(),
      name: "旧名",
      homeStoreId: s.storeIds[0],
    });
    // The purchase (account created with the old name) lands between the rename's read and its write.
    let bought = false;
    const racing = withSend(s.deps.db, async (command, send) => {
      const items = (command.input.TransactItems ?? []) as { Put?: { Item: { sk: string; name?: string } } }[];
      if (!bought && items.some((entry) => entry.Put?.Item.sk === "PROFILE" && entry.Put.Item.name === "新名")) {
        bought = true;
        await recordPurchase(s.deps, s.owner, {
          orderId: `race-${member.id}`,
          memberId: member.id,
          storeId: s.storeIds[0],
          lines: [{ sku: "tea", name: "茶", category: "drinks", qty: 1, unitPrice: 1000 }],
          total: 1000,
          paymentMethod: "cash",
          at: s.clock.now(),
        });
      }
      return send();
    });
    await updateMember({ ...s.deps, db: racing }, s.owner, member.id, { name: "新名" });
    expect(bought).toBe(true);
    expect((await copies(s, member.id)).account).toMatchObject({ name: "新名" });
  });
});

describe("no message to a member who said no", () => {
  it("an opted-out member gets nothing, even when a race left a copy that still says yes", async () => {
    const s = await shop();
    const member = await regular(s, "退订了");
    await setMarketingConsent(s.deps, s.owner, member.id, { granted: false });
    // What a lost race would leave: copies that still say yes.
    const stale = { ...contactOf(member), version: member.version };
    for (const key of [
      keys.account(s.merchantId, member.id),
      ...(await couponCodes(s, member.id)).map((code) => keys.coupon(s.merchantId, code)),
    ])
      await server.db.client.send(
        new UpdateCommand({
          TableName: server.tableName,
          Key: key,
          UpdateExpression: "SET contact = :c",
          ExpressionAttributeValues: { ":c": stale },
        }),
      );
    for (const job of ["wakeup", "coupon-expiry"] as const) {
      const result = await run(s, job);
      // The action's check on the member fails, the member is read (one more item) and says no.
      expect(result, job).toMatchObject({ acted: 1, sms: 0, skipped: { NO_CONSENT: 1 } });
      expect(result.itemsRead, job).toBe(job === "wakeup" ? 2 : 3);
    }
    expect(await messagesTo(s, member.id)).toEqual([]);
  });

  it("an erased member's copies hold no personal data, and no job reaches them", async () => {
    const s = await shop();
    const member = await regular(s, "要注销的人");
    const [first, second] = await couponCodes(s, member.id);
    const { db, transactions } = recording(s.deps.db);
    await eraseMember({ ...s.deps, db }, s.owner, member.id, "本人申请");
    // One transaction: the anonymised member, and the erased copy on the account and both coupons.
    expect(transactions).toHaveLength(1);
    expect(transactions[0]).toEqual(
      expect.arrayContaining([
        `Put ${keys.member(s.merchantId, member.id).pk} PROFILE`,
        `Put ${keys.account(s.merchantId, member.id).pk} ACCOUNT`,
        ...[first, second].map((code) => `Update ${keys.coupon(s.merchantId, code).pk} COUPON`),
      ]),
    );
    const found = await copies(s, member.id);
    for (const copy of [found.account, ...found.coupons]) {
      expect(copy).toMatchObject({ status: "erased", phone: "", name: "已注销" });
      expect(JSON.stringify(copy)).not.toContain(member.phone);
      expect(JSON.stringify(copy)).not.toContain("要注销的人");
    }
    for (const job of ["wakeup", "lifecycle", "coupon-expiry"] as const) {
      const result = await run(s, job);
      // Found through the index (its entries are read) and passed by, without reading the member.
      expect(result, job).toMatchObject({ acted: 0, sms: 0 });
      expect(result.itemsRead, job).toBe(job === "coupon-expiry" ? 2 : 1);
    }
    // A copy a race left with personal data on it (newer than the rest): the action's check stops the message.
    await server.db.client.send(
      new UpdateCommand({
        TableName: server.tableName,
        Key: keys.coupon(s.merchantId, first),
        UpdateExpression: "SET contact = :c",
        ExpressionAttributeValues: { ":c": { ...contactOf(member), version: 99 } },
      }),
    );
    expect(await run(s, "coupon-expiry")).toMatchObject({ acted: 0, sms: 0, skipped: { ERASED: 1 } });
    expect(await messagesTo(s, member.id)).toEqual([]);
  });
});

describe("tables written before copies were kept", () => {
  it("the jobs read the member for items without a copy, and the backfill writes the copies", async () => {
    const s = await shop();
    const members = [await regular(s, "老会员甲"), await regular(s, "老会员乙")];
    const [erased] = [await regular(s, "老会员丙")];
    for (const member of [...members, erased])
      for (const key of [
        keys.account(s.merchantId, member.id),
        ...(await couponCodes(s, member.id)).map((code) => keys.coupon(s.merchantId, code)),
      ])
        await server.db.client.send(
          new UpdateCommand({ TableName: server.tableName, Key: key, UpdateExpression: "REMOVE contact" }),
        );
    await eraseMember(s.deps, s.owner, erased.id, "本人申请");
    for (const key of [
      keys.account(s.merchantId, erased.id),
      ...(await couponCodes(s, erased.id)).map((code) => keys.coupon(s.merchantId, code)),
    ])
      await server.db.client.send(
        new UpdateCommand({ TableName: server.tableName, Key: key, UpdateExpression: "REMOVE contact" }),
      );
    // Without copies: each account, and each member behind it (the erased one too), is read.
    expect(await run(s, "wakeup")).toMatchObject({ acted: 2, sms: 2, itemsRead: 6 });
    expect(await backfillContactCopies(server.db, s.merchantId)).toEqual({ written: 2, current: 0, skipped: 0 });
    for (const member of members) await expectCurrent(s, member.id);
    expect(await backfillContactCopies(server.db, s.merchantId)).toEqual({ written: 0, current: 2, skipped: 0 });
    // With them: one item per member (the erased member's account has no copy, so it is still read behind).
    expect(await run(s, "lifecycle")).toMatchObject({ acted: 2, itemsRead: 4 });
    expect(await run(s, "coupon-expiry")).toMatchObject({ acted: 2, sms: 2, itemsRead: 7 });
  });
});
