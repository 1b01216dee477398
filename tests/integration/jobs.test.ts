/**
 * The daily jobs with a clock we move by hand, over DynamoDB Local: a small
 * merchant walked through 120 days gets exactly the expected messages and
 * coupons; a day run twice adds nothing; consent, opt-outs, quiet hours and
 * the monthly cap hold; two merchants in different time zones are greeted on
 * their own local dates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localSender } from "../../functions/adapters/sms/local.js";
import { createTemplate } from "../../functions/app/coupons.js";
import type { Deps } from "../../functions/app/deps.js";
import { runDailyJobs, runJob, updateAutomation } from "../../functions/app/jobs/index.js";
import { loyaltyConfig, recordPurchase, updateTierLadder } from "../../functions/app/loyalty/index.js";
import { registerMember } from "../../functions/app/members.js";
import { dispatchDue } from "../../functions/app/messaging.js";
import { updateMerchantSettings } from "../../functions/app/merchants.js";
import { tick } from "../../functions/app/scheduler.js";
import type { Caller } from "../../functions/core/access.js";
import { addDays, localDate, startOfLocalDay } from "../../functions/core/time.js";
import { collectPages } from "../../functions/data/query.js";
import { listMessages, type OutboxMessage } from "../../functions/data/messages.js";
import { createMerchant, unique } from "../support/api.js";
import { depsWithClock, type SettableClock } from "../support/clock.js";
import { phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { holdoutsOff, noHoldouts } from "../support/holdouts.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

/** A test's own deps, with a clock standing at 1 March 2026 until the test moves it. */
const timeline = () => depsWithClock(server.db, "2026-03-01T00:00:00.000Z");

/** The instant of a local date and time in a zone. */
const at = (date: string, hhmm: string, timeZone = "Asia/Shanghai") =>
  new Date(
    Date.parse(startOfLocalDay(date, timeZone)) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000,
  ).toISOString();

async function merchant(deps: Deps, timeZone = "Asia/Shanghai") {
  const shop = await createMerchant(server);
  const owner: Caller = {
    kind: "staff",
    merchantId: shop.merchantId,
    staffId: shop.ownerId,
    username: "owner",
    role: "owner",
    storeIds: [],
  };
  if (timeZone !== "Asia/Shanghai") await updateMerchantSettings(deps, owner, { timeZone });
  // Every message is counted exactly: nobody is held out (holdouts.test.ts covers holdouts).
  await holdoutsOff(deps, owner);
  return { shop, owner, storeId: shop.stores[0].id };
}

async function member(deps: Deps, owner: Caller, storeId: string, input: { consent: boolean; birthday?: string }) {
  const [month, day] = input.birthday ? input.birthday.split("-").map(Number) : [];
  return (
    await registerMember(deps, owner, {
      phone: phone(),
      name: unique("会员"),
      homeStoreId: storeId,
      marketingSmsConsent: input.consent,
      birthday: input.birthday ? { month, day } : undefined,
    })
  ).member;
}

async function buy(
  { deps, clock }: { deps: Deps; clock: SettableClock },
  owner: Caller,
  storeId: string,
  memberId: string,
  when: string,
) {
  clock.set(when);
  await recordPurchase(deps, owner, {
    orderId: unique("o"),
    memberId,
    storeId,
    lines: [{ sku: "tea", name: "茶", category: "drinks", qty: 1, unitPrice: 2500 }],
    total: 2500,
    paymentMethod: "cash",
    at: when,
  });
}

const outbox = async (merchantId: string) =>
  collectPages((cursor) => listMessages(server.db, merchantId, undefined, 100, cursor)) as Promise<OutboxMessage[]>;

describe("a merchant walked through 120 days", () => {
  it("gets exactly the expected messages and coupons, and a day run twice adds nothing", async () => {
    const { deps, clock } = timeline();
    const { shop, owner, storeId } = await merchant(deps);
    const start = "2026-03-01";
    const day = (n: number) => addDays(start, n);
    clock.set(at(start, "08:00"));
    const wakeCoupon = await createTemplate(deps, owner, {
      name: "回来立减5元",
      kind: "amount_off",
      amountOff: 500,
      validDays: 7,
    });
    const birthdayCoupon = await createTemplate(deps, owner, {
      name: "生日饮品券",
      kind: "gift",
      giftSku: "tea",
      validDays: 30,
    });
    const ladder = (await loyaltyConfig(deps, owner)).ladder;
    await updateTierLadder(deps, owner, {
      ...ladder,
      tiers: ladder.tiers.map((tier, i) => (i === 0 ? { ...tier, birthdayCouponTemplateId: birthdayCoupon.id } : tier)),
    });
    await updateAutomation(
      deps,
      owner,
      noHoldouts({
        jobHour: 9,
        wakeup: {
          enabled: true,
          steps: [
            { days: 30, body: "{name}，好久不见" },
            { days: 60, body: "{name}，送您{coupon}", couponTemplateId: wakeCoupon.id },
          ],
        },
      }),
    );

    const m1 = await member(deps, owner, storeId, { consent: true, birthday: day(10).slice(5) });
    const m2 = await member(deps, owner, storeId, { consent: false });
    const m3 = await member(deps, owner, storeId, { consent: true });
    const m4 = await member(deps, owner, storeId, { consent: true });
    for (const m of [m1, m2, m3, m4]) await buy({ deps, clock }, owner, storeId, m.id, at(start, "10:00"));

    const sender = localSender({ optedOut: new Set([m4.phone]) });
    for (let n = 1; n <= 120; n++) {
      clock.set(at(day(n), "09:30"));
      await runDailyJobs(deps, shop.merchantId, day(n));
      await dispatchDue(deps, sender, shop.merchantId);
      // m3 comes back on day 45, in the afternoon.
      if (n === 45) await buy({ deps, clock }, owner, storeId, m3.id, at(day(45), "15:00"));
    }

    const sent = (await outbox(shop.merchantId))
      .filter((m) => m.status === "sent")
      .map((m) => [m.memberId, m.purpose, localDate(m.sentAt!, "Asia/Shanghai")]);
    expect(sent.sort()).toEqual(
      [
        [m1.id, "birthday", day(10)],
        [m1.id, "wakeup:30", day(30)],
        [m1.id, "coupon-expiry", day(37)],
        [m1.id, "wakeup:60", day(60)],
        [m1.id, "coupon-expiry", day(64)],
        [m3.id, "wakeup:30", day(30)],
        [m3.id, "wakeup:30", day(75)],
        [m3.id, "wakeup:60", day(105)],
        [m3.id, "coupon-expiry", day(109)],
      ].sort(),
    );
    // What the carrier saw: the same 9, each with the opt-out line; nothing to the opted-out number.
    expect(sender.sent).toHaveLength(9);
    expect(sender.sent.every((m) => m.text.endsWith("回复TD退订"))).toBe(true);
    expect(sender.sent.some((m) => m.phone === m4.phone)).toBe(false);
    // m4's number opted out at the carrier: the message was skipped and consent withdrawn, so nothing more was queued for m4.
    const m4Messages = (await outbox(shop.merchantId)).filter((m) => m.memberId === m4.id);
    expect(m4Messages.map((m) => [m.purpose, m.status, m.error])).toEqual([["wakeup:30", "skipped", "OPTED_OUT"]]);

    // Coupons: m1 birthday + wake-up, m2 wake-up (no SMS: no consent), m3 wake-up, m4 wake-up.
    const coupons = async (memberId: string) =>
      (
        await collectPages((cursor) =>
          import("../../functions/data/coupons.js").then((c) =>
            c.listMemberCoupons(server.db, shop.merchantId, memberId, 100, cursor),
          ),
        )
      )
        .map((c) => c.terms.name)
        .sort();
    expect(await coupons(m1.id)).toEqual(["回来立减5元", "生日饮品券"]);
    expect(await coupons(m2.id)).toEqual(["回来立减5元"]);
    expect(await coupons(m3.id)).toEqual(["回来立减5元"]);
    expect(await coupons(m4.id)).toEqual(["回来立减5元"]);

    // Day 60 again (a retried invocation): nothing new.
    const before = (await outbox(shop.merchantId)).length;
    clock.set(at(day(60), "11:00"));
    const again = await runDailyJobs(deps, shop.merchantId, day(60));
    expect(again.reduce((sum, r) => sum + r.acted + r.sms + r.coupons, 0)).toBe(0);
    // m1, m2 and m4 last came on day 0; m3 came back on day 45.
    expect(again.find((r) => r.job === "wakeup")!.alreadyDone).toBe(3);
    expect((await outbox(shop.merchantId)).length).toBe(before);
    expect(await coupons(m2.id)).toEqual(["回来立减5元"]);
  });
});

describe("rules every message obeys", () => {
  it("quiet hours defer a message to the morning, never drop it", async () => {
    const { deps, clock } = timeline();
    const { shop, owner, storeId } = await merchant(deps);
    await updateAutomation(deps, owner, noHoldouts({ jobHour: 22 }));
    const m = await member(deps, owner, storeId, { consent: true, birthday: "07-01" });
    clock.set(at("2026-07-01", "22:15"));
    const result = await runJob(deps, "birthday", shop.merchantId, "2026-07-01");
    expect(result.sms).toBe(1);
    const sender = localSender();
    clock.set(at("2026-07-01", "23:30"));
    expect((await dispatchDue(deps, sender, shop.merchantId)).sent).toBe(0);
    const [queued] = await outbox(shop.merchantId);
    expect(queued).toMatchObject({ memberId: m.id, status: "queued", sendAfter: at("2026-07-02", "09:00") });
    clock.set(at("2026-07-02", "09:01"));
    expect((await dispatchDue(deps, sender, shop.merchantId)).sent).toBe(1);
  });

  it("the monthly cap holds: the message over it is not queued, the coupon still goes", async () => {
    const { deps, clock } = timeline();
    const { shop, owner, storeId } = await merchant(deps);
    const wake = await createTemplate(deps, owner, {
      name: "回来券",
      kind: "amount_off",
      amountOff: 300,
      validDays: 30,
    });
    await updateAutomation(
      deps,
      owner,
      noHoldouts({
        sms: { monthlyCap: 1 },
        wakeup: { enabled: true, steps: [{ days: 30, body: "{name}，想您了", couponTemplateId: wake.id }] },
      }),
    );
    const m = await member(deps, owner, storeId, { consent: true, birthday: "08-20" });
    await buy({ deps, clock }, owner, storeId, m.id, at("2026-07-21", "12:00"));
    clock.set(at("2026-08-20", "10:00"));
    const results = await runDailyJobs(deps, shop.merchantId, "2026-08-20");
    const wakeup = results.find((r) => r.job === "wakeup")!;
    const birthday = results.find((r) => r.job === "birthday")!;
    expect(wakeup).toMatchObject({ acted: 1, sms: 1, coupons: 1 });
    expect(birthday).toMatchObject({ acted: 1, sms: 0, skipped: { CAPPED: 1 } });
    expect((await outbox(shop.merchantId)).map((message) => message.purpose)).toEqual(["wakeup:30"]);
  });

  it("members without consent get no marketing SMS, and withdrawing consent stops a queued one", async () => {
    const { deps, clock } = timeline();
    const { shop, owner, storeId } = await merchant(deps);
    await member(deps, owner, storeId, { consent: false, birthday: "09-09" });
    const withdrawn = await member(deps, owner, storeId, { consent: true, birthday: "09-09" });
    clock.set(at("2026-09-09", "09:30"));
    const result = await runJob(deps, "birthday", shop.merchantId, "2026-09-09");
    expect(result).toMatchObject({ acted: 2, sms: 1, skipped: { NO_CONSENT: 1 } });
    const { setMarketingConsent } = await import("../../functions/app/members.js");
    await setMarketingConsent(deps, owner, withdrawn.id, { granted: false });
    const sender = localSender();
    expect(await dispatchDue(deps, sender, shop.merchantId)).toMatchObject({ sent: 0, skipped: 1 });
    expect(sender.sent).toEqual([]);
  });
});

describe("the tick", () => {
  it("hands each due merchant's day off once, again only if it is not reported done within two hours", async () => {
    const { deps, clock } = timeline();
    const { shop } = await merchant(deps);
    const handed: string[] = [];
    const runDay = async (merchantId: string, date: string) => {
      if (merchantId === shop.merchantId) handed.push(date);
      return "dispatched" as const;
    };
    clock.set(at("2026-10-10", "09:10"));
    await tick(deps, { runDay, merchantId: shop.merchantId });
    clock.set(at("2026-10-10", "10:10"));
    await tick(deps, { runDay, merchantId: shop.merchantId });
    expect(handed).toEqual(["2026-10-10"]);
    clock.set(at("2026-10-10", "11:20"));
    await tick(deps, { runDay, merchantId: shop.merchantId });
    expect(handed).toEqual(["2026-10-10", "2026-10-10"]);
    // Reported done: never again that day.
    const { runMerchantDay } = await import("../../functions/app/scheduler.js");
    await runMerchantDay(deps, shop.merchantId, "2026-10-10");
    clock.set(at("2026-10-10", "15:20"));
    await tick(deps, { runDay, merchantId: shop.merchantId });
    expect(handed).toEqual(["2026-10-10", "2026-10-10"]);
  });
});

describe("time zones", () => {
  it("two merchants get their birthday greetings on their own local dates", async () => {
    const { deps, clock } = timeline();
    const shanghai = await merchant(deps, "Asia/Shanghai");
    const losAngeles = await merchant(deps, "America/Los_Angeles");
    const a = await member(deps, shanghai.owner, shanghai.storeId, { consent: true, birthday: "06-15" });
    const b = await member(deps, losAngeles.owner, losAngeles.storeId, { consent: true, birthday: "06-15" });
    const greeted = async () =>
      [...(await outbox(shanghai.shop.merchantId)), ...(await outbox(losAngeles.shop.merchantId))]
        .filter((m) => m.purpose === "birthday")
        .map((m) => m.memberId);
    // 02:00 UTC on 15 June: 10:00 on the 15th in Shanghai, 19:00 on the 14th in Los Angeles.
    clock.set("2026-06-15T02:00:00.000Z");
    const first = await tick(deps);
    expect(first.find((r) => r.merchantId === shanghai.shop.merchantId)?.date).toBe("2026-06-15");
    expect(first.find((r) => r.merchantId === losAngeles.shop.merchantId)?.date).toBe("2026-06-14");
    expect(await greeted()).toEqual([a.id]);
    // The same hour again: both days are done, nothing runs.
    expect(
      (await tick(deps)).filter((r) => [shanghai.shop.merchantId, losAngeles.shop.merchantId].includes(r.merchantId)),
    ).toEqual([]);
    // 17:00 UTC: 10:00 on the 15th in Los Angeles.
    clock.set("2026-06-15T17:00:00.000Z");
    await tick(deps);
    expect((await greeted()).sort()).toEqual([a.id, b.id].sort());
  });
});
