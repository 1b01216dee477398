/**
 * The guide worklist (导购工作台) over DynamoDB Local: each section on crafted
 * members around a local-date edge (the merchant's day starts 8 hours before
 * UTC's), the requests a worklist costs, who may open whose worklist, and
 * contact notes (idempotent, audited, validated, in scope).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimCoupon, createTemplate } from "../../functions/app/coupons.js";
import type { Deps } from "../../functions/app/deps.js";
import { recordPurchase } from "../../functions/app/loyalty/index.js";
import { registerMember } from "../../functions/app/members.js";
import { guideWorklist, logContact } from "../../functions/app/worklist.js";
import type { Caller } from "../../functions/core/access.js";
import { addDays, startOfLocalDay } from "../../functions/core/time.js";
import { depsFor } from "../../scripts/local/deps.js";
import { codes, createMerchant, gql, ok, signIn, unique, type TestMerchant } from "../support/api.js";
import { phone } from "../support/members.js";
import { metered } from "../support/metered.js";
import { startTestServer, type TestServer } from "../support/server.js";

const ZONE = "Asia/Shanghai";
/** 01:00 on 1 July in Shanghai, still 30 June in UTC. */
const TODAY = "2026-07-01";
const NOW = "2026-06-30T17:00:00.000Z";
const PASSWORD = "Passw0rd-test";

/** The instant of a local date and time in the merchant's zone. */
const at = (date: string, hhmm = "12:00") =>
  new Date(
    Date.parse(startOfLocalDay(date, ZONE)) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000,
  ).toISOString();

let server: TestServer;
let shop: TestMerchant;
/** The services' dependencies with the clock standing at `now` (over another Db, to count its requests). */
const depsAt = (now: string, db = server.db): Deps => ({ ...depsFor(server.db, { now: () => now }), db });
let owner: Caller;
let guide: Caller & { kind: "staff" };
let guideId: string;
let otherGuide: { id: string; token: string };
let farClerk: { id: string; token: string };
const store = () => shop.stores[0].id;
const m: Record<string, { id: string; name: string }> = {};

const WORKLIST = `query($g: ID, $today: String) { guideWorklist(guideId: $g, today: $today) {
  guide { id } today rosterSize
  slipping { member { id } stage daysSinceVisit lifetimeSpend }
  birthdays { member { id phone } date daysAway }
  expiringCoupons { member { id } code templateName lastDay daysLeft }
  newMembers { member { id } daysAgo } } }`;
const LOG = `mutation($input: LogContactInput!) {
  logContact(input: $input) { created contact { id memberId channel note staffUsername at } }
}`;

async function staff(role: "clerk" | "manager", storeId: string) {
  const username = unique(role);
  const created = await ok(
    gql(
      server,
      `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
      { input: { username, name: role, password: PASSWORD, role, storeIds: [storeId] } },
      { token: shop.ownerToken },
    ),
  );
  return { id: created.createStaff.id as string, token: await signIn(server, username, PASSWORD) };
}

async function member(
  key: string,
  input: { guide?: string; birthday?: string; joined?: string; storeId?: string } = {},
) {
  const [month, day] = input.birthday ? input.birthday.split("-").map(Number) : [];
  const joinedAt = input.joined ?? at("2026-01-05");
  const { member: created } = await registerMember(
    depsAt(joinedAt),
    owner,
    {
      phone: phone(),
      name: `会员${key}`,
      homeStoreId: input.storeId ?? store(),
      guideId: input.guide === undefined ? guideId : input.guide || undefined,
      birthday: input.birthday ? { month, day } : undefined,
    },
    { joinedAt },
  );
  return created;
}

async function buy(memberId: string, when: string, amount: number) {
  await recordPurchase(depsAt(when), owner, {
    orderId: unique("o"),
    memberId,
    storeId: store(),
    lines: [{ sku: "tea", name: "茶", category: "drinks", qty: 1, unitPrice: amount }],
    total: amount,
    paymentMethod: "cash",
    at: when,
  });
}

const ids = (list: { member: { id: string } }[]) => list.map((entry) => entry.member.id);

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
  owner = {
    kind: "staff",
    merchantId: shop.merchantId,
    staffId: shop.ownerId,
    username: "owner",
    role: "owner",
    storeIds: [],
  };
  const viewer = await ok(gql(server, `{ viewer { staff { id username } } }`, {}, { token: shop.clerkToken }));
  guideId = viewer.viewer.staff.id;
  guide = {
    kind: "staff",
    merchantId: shop.merchantId,
    staffId: guideId,
    username: viewer.viewer.staff.username,
    role: "clerk",
    storeIds: [store()],
  };
  otherGuide = await staff("clerk", store());
  farClerk = await staff("clerk", shop.stores[1].id);

  const add = async (key: string, input: Parameters<typeof member>[1] = {}) => (m[key] = await member(key, input));
  // Birthdays around the window: today (local), the 7th day, the 8th, UTC's today, another guide's member.
  await add("bdayToday", { birthday: "07-01" });
  await add("bday7th", { birthday: "07-07" });
  await add("bday8th", { birthday: "07-08" });
  await add("bdayUtc", { birthday: "06-30" });
  await add("bdayOther", { birthday: "07-02", guide: otherGuide.id });
  await add("bdayNoGuide", { birthday: "07-03", guide: "" });

  // Slipping: value by lifetime spend (≥ ¥500 scores M 3), stage by local days since the last visit (30 / 90 / 180).
  await add("silentHigh", {});
  await buy(m.silentHigh.id, at("2026-05-15"), 60_000);
  await add("sleepingTop", {});
  await buy(m.sleepingTop.id, at("2026-03-01"), 300_000);
  await add("silentLow", {});
  await buy(m.silentLow.id, at("2026-05-10"), 2_000);
  await add("activeHigh", {});
  await buy(m.activeHigh.id, at("2026-06-21"), 100_000);
  await add("lostHigh", {});
  await buy(m.lostHigh.id, at("2025-12-01"), 500_000);
  // Exactly 30 local days before today, late in the evening: silent by the merchant's calendar.
  await add("silentEdge", {});
  await buy(m.silentEdge.id, at("2026-06-01", "23:30"), 80_000);

  // New members: 6 local days back just after midnight (in), 7 days back just before midnight (out), one of another
  // guide.
  await add("newIn", { joined: at(addDays(TODAY, -6), "00:10") });
  await add("newOut", { joined: at(addDays(TODAY, -7), "23:50") });
  await add("newToday", { joined: at(TODAY, "00:30") });
  await add("newOther", { joined: at(TODAY, "00:20"), guide: otherGuide.id });

  // Coupons lapsing on the 7th local day (in), the 8th (out), already lapsed today (out), another guide's member (out).
  const template = await createTemplate(depsAt(at("2026-06-01")), owner, {
    name: "一日券",
    kind: "amount_off",
    amountOff: 500,
    validDays: 1,
  });
  const issue = async (memberId: string, lapses: string, key: string) => {
    const claimed = new Date(Date.parse(lapses) - 86_400_000).toISOString();
    return (await claimCoupon(depsAt(claimed), owner, { templateId: template.id, memberId, requestId: key })).coupon;
  };
  m.coupon7th = { id: (await issue(m.silentHigh.id, at(addDays(TODAY, 6), "22:00"), "c7")).code, name: "" };
  await issue(m.silentHigh.id, at(addDays(TODAY, 7), "08:00"), "c8");
  await issue(m.bdayToday.id, at(TODAY, "00:30"), "lapsed");
  m.couponToday = { id: (await issue(m.bdayToday.id, at(TODAY, "23:00"), "today")).code, name: "" };
  await issue(m.bdayOther.id, at(addDays(TODAY, 2)), "other");
});
afterAll(() => server?.stop());

describe("the sections", () => {
  it("birthdays, slipping members, lapsing coupons and new members of the guide on the merchant's local dates", async () => {
    const list = await guideWorklist(depsAt(NOW), guide);
    expect(list.today).toBe(TODAY);
    expect(list.birthdays.map((b) => [b.member.id, b.date, b.daysAway])).toEqual([
      [m.bdayToday.id, "2026-07-01", 0],
      [m.bday7th.id, "2026-07-07", 6],
    ]);
    expect(list.slipping.map((s) => [s.member.id, s.stage, s.daysSinceVisit])).toEqual([
      [m.sleepingTop.id, "sleeping", 122],
      [m.silentEdge.id, "silent", 30],
      [m.silentHigh.id, "silent", 47],
    ]);
    expect(
      list.expiringCoupons.map((c) => [c.coupon.code, c.member.id, c.lastDay, c.daysLeft, c.coupon.terms.name]),
    ).toEqual([
      [m.couponToday.id, m.bdayToday.id, TODAY, 0, "一日券"],
      [m.coupon7th.id, m.silentHigh.id, addDays(TODAY, 6), 6, "一日券"],
    ]);
    expect(list.newMembers.map((n) => [n.member.id, n.daysAgo])).toEqual([
      [m.newToday.id, 0],
      [m.newIn.id, 6],
    ]);
  });

  it("the same list through GraphQL, for another local day when asked, with phones masked for the clerk", async () => {
    const data = (await ok(gql(server, WORKLIST, { today: addDays(TODAY, 1) }, { token: shop.clerkToken })))
      .guideWorklist;
    expect(data.guide.id).toBe(guideId);
    expect(data.today).toBe("2026-07-02");
    // 1 July has passed, 8 July has come into the window.
    expect(ids(data.birthdays)).toEqual([m.bday7th.id, m.bday8th.id]);
    expect(data.birthdays[0].member.phone).toMatch(/^\+?\d{3}\*{4}\d{4}$/);
    const asOwner = (
      await ok(gql(server, WORKLIST, { g: guideId, today: addDays(TODAY, 1) }, { token: shop.ownerToken }))
    ).guideWorklist;
    expect(asOwner.birthdays[0].member.phone).toMatch(/^\+86\d{11}$/);
    expect(asOwner.rosterSize).toBe(data.rosterSize);
  });

  it("a contacted new member leaves the new-member list", async () => {
    // A guide of its own, so the shared guide's lists stay as the other tests expect them.
    const welcomer = await staff("clerk", store());
    const caller: Caller & { kind: "staff" } = { ...guide, staffId: welcomer.id, username: "welcomer" };
    const newcomer = await member("newContacted", { joined: at(TODAY, "00:40"), guide: welcomer.id });
    expect(ids((await guideWorklist(depsAt(NOW), caller)).newMembers)).toContain(newcomer.id);
    await logContact(depsAt(NOW), caller, {
      memberId: newcomer.id,
      channel: "WECHAT",
      note: "加了微信，欢迎入会",
      requestId: "welcome-1",
    });
    expect(ids((await guideWorklist(depsAt(NOW), caller)).newMembers)).not.toContain(newcomer.id);
  });
});

describe("the cost", () => {
  it(
    "is bounded by the guide's members: 2 reads of settings, a Query and a " +
      "BatchGetItem per 100 members, 7 coupon-day Queries, one contact read",
    async () => {
      const { db, log } = metered(server.db);
      const list = await guideWorklist(depsAt(NOW, db), guide);
      const count = (name: string) => log.filter((entry) => entry.request === name).length;
      expect(log.filter((entry) => entry.request === "ScanCommand")).toEqual([]);
      // G < 100 and some new members: 1 BatchGet (merchant, rules, guide) + 1 Get (automation) + 1 roster Query + 1
      // BatchGet accounts + 7 coupon Queries + 1 BatchGet contact summaries.
      expect(list.rosterSize).toBeLessThan(100);
      expect({ Get: count("GetCommand"), BatchGet: count("BatchGetCommand"), Query: count("QueryCommand") }).toEqual({
        Get: 1,
        BatchGet: 3,
        Query: 8,
      });
      expect(log).toHaveLength(12);
    },
  );

  it("a guide with 150 members costs 2 roster pages and 2 account batches more, not a read per member", async () => {
    const big = await staff("clerk", store());
    const queue = Array.from({ length: 150 }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift())
          await registerMember(
            depsAt(at("2025-06-01")),
            owner,
            { phone: phone(), name: `大户${i}`, homeStoreId: store(), guideId: big.id },
            { joinedAt: at("2025-06-01") },
          );
      }),
    );
    const { db, log } = metered(server.db);
    const caller: Caller = {
      kind: "staff",
      merchantId: shop.merchantId,
      staffId: big.id,
      username: "big",
      role: "clerk",
      storeIds: [store()],
    };
    const list = await guideWorklist(depsAt(NOW, db), caller);
    expect(list.rosterSize).toBe(150);
    const count = (name: string) => log.filter((entry) => entry.request === name).length;
    // No new members: no contact read. Roster: ⌊150/100⌋ + 1 = 2 Queries; accounts: 2 BatchGets.
    expect({ Get: count("GetCommand"), BatchGet: count("BatchGetCommand"), Query: count("QueryCommand") }).toEqual({
      Get: 1,
      BatchGet: 3,
      Query: 9,
    });
  });
});

describe("who may open whose worklist", () => {
  it(
    "clerks their own only, managers their stores' guides, owners any guide; API keys " +
      "never; other merchants' guides are not found",
    async () => {
      expect(codes(await gql(server, WORKLIST, { g: otherGuide.id }, { token: shop.clerkToken }))).toEqual([
        "FORBIDDEN",
      ]);
      expect((await ok(gql(server, WORKLIST, { g: guideId }, { token: shop.clerkToken }))).guideWorklist.guide.id).toBe(
        guideId,
      );
      expect(
        (await ok(gql(server, WORKLIST, { g: otherGuide.id }, { token: shop.managerToken }))).guideWorklist.guide.id,
      ).toBe(otherGuide.id);
      expect(codes(await gql(server, WORKLIST, { g: farClerk.id }, { token: shop.managerToken }))).toEqual([
        "NOT_FOUND",
      ]);
      expect(codes(await gql(server, WORKLIST, { g: shop.ownerId }, { token: shop.managerToken }))).toEqual([
        "NOT_FOUND",
      ]);
      expect(
        (await ok(gql(server, WORKLIST, { g: farClerk.id }, { token: shop.ownerToken }))).guideWorklist.rosterSize,
      ).toBe(0);
      expect((await ok(gql(server, WORKLIST, {}, { token: shop.managerToken }))).guideWorklist.rosterSize).toBe(0);
      expect(codes(await gql(server, WORKLIST, { g: guideId }, { apiKey: shop.apiKey }))).toEqual(["FORBIDDEN"]);
      expect(codes(await gql(server, WORKLIST, {}, {}))).toEqual(["UNAUTHENTICATED"]);
      const other = await createMerchant(server);
      expect(codes(await gql(server, WORKLIST, { g: guideId }, { token: other.ownerToken }))).toEqual(["NOT_FOUND"]);
      expect(codes(await gql(server, WORKLIST, { today: "2026-02-30" }, { token: shop.clerkToken }))).toEqual([
        "BAD_USER_INPUT",
      ]);
    },
  );
});

describe("contact notes", () => {
  it("are idempotent by requestId, listed newest first on the member, and audited", async () => {
    const input = { memberId: m.silentHigh.id, channel: "CALL", note: "电话问候，下周来店", requestId: unique("call") };
    const first = (await ok(gql(server, LOG, { input }, { token: shop.clerkToken }))).logContact;
    expect(first).toMatchObject({
      created: true,
      contact: { memberId: m.silentHigh.id, channel: "CALL", note: "电话问候，下周来店" },
    });
    const again = (await ok(gql(server, LOG, { input }, { token: shop.clerkToken }))).logContact;
    expect(again).toEqual({ ...first, created: false });
    const conflict = await gql(server, LOG, { input: { ...input, note: "另一条" } }, { token: shop.clerkToken });
    expect(codes(conflict)).toEqual(["CONFLICT"]);
    await ok(
      gql(
        server,
        LOG,
        { input: { ...input, channel: "VISIT", note: "到店了", requestId: unique("visit") } },
        { token: shop.managerToken },
      ),
    );

    const read = (
      await ok(
        gql(
          server,
          `query($id: ID!) {
            member(id: $id) { contacts(first: 10) { nodes { channel note } } auditLog(first: 10) { nodes { action source } } }
          }`,
          { id: m.silentHigh.id },
          { token: shop.clerkToken },
        ),
      )
    ).member;
    expect(read.contacts.nodes).toEqual([
      { channel: "VISIT", note: "到店了" },
      { channel: "CALL", note: "电话问候，下周来店" },
    ]);
    expect(read.auditLog.nodes.filter((entry: { action: string }) => entry.action === "contacted")).toEqual([
      { action: "contacted", source: "VISIT" },
      { action: "contacted", source: "CALL" },
    ]);
  });

  it("refuse bad input, members outside the caller's stores, other merchants and API keys", async () => {
    const good = { memberId: m.silentLow.id, channel: "SMS", note: "短信提醒", requestId: unique("r") };
    for (const [bad, field] of [
      [{ note: "  " }, "note"],
      [{ note: "长".repeat(501) }, "note"],
      [{ channel: "FAX" }, "channel"],
      [{ requestId: "with space" }, "requestId"],
    ] as const) {
      const result = await gql(server, LOG, { input: { ...good, ...bad } }, { token: shop.clerkToken });
      expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors![0].extensions!.field).toBe(field);
    }
    const elsewhere = await member("elsewhere", { storeId: shop.stores[1].id, guide: "" });
    expect(
      codes(await gql(server, LOG, { input: { ...good, memberId: elsewhere.id } }, { token: shop.clerkToken })),
    ).toEqual(["NOT_FOUND"]);
    const other = await createMerchant(server);
    expect(codes(await gql(server, LOG, { input: good }, { token: other.ownerToken }))).toEqual(["NOT_FOUND"]);
    expect(codes(await gql(server, LOG, { input: good }, { apiKey: shop.apiKey }))).toEqual(["FORBIDDEN"]);
    // Nothing was written by the refusals.
    const notes = (
      await ok(
        gql(
          server,
          `query($id: ID!) { member(id: $id) { contacts { nodes { id } } } }`,
          { id: m.silentLow.id },
          { token: shop.ownerToken },
        ),
      )
    ).member.contacts.nodes;
    expect(notes).toEqual([]);
  });
});
