/** Check-in once per local day with streaks, and a points mall that never oversells. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { cryptoIds } from "../../functions/adapters/ids.js";
import { checkInMember } from "../../functions/app/loyalty/index.js";
import { codes, createMerchant, gql, ok, unique, type TestMerchant } from "../support/api.js";
import { enrol } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
const owner = () => ({ token: shop.ownerToken });
const pos = () => ({ apiKey: shop.apiKey });
const CHECKIN = `mutation($m: ID!) { checkIn(memberId: $m) { date streak points bonus created account { available } } }`;

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

async function give(memberId: string, points: number) {
  await ok(
    gql(
      server,
      `mutation($m: ID!, $p: Int!, $r: String!) { adjustPoints(memberId: $m, points: $p, reason: "测试", requestId: $r) { entry { id } } }`,
      { m: memberId, p: points, r: unique("give") },
      owner(),
    ),
  );
}

describe("check-in", () => {
  it("a double tap, even 10 taps at once, is one check-in", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => ok(gql(server, CHECKIN, { m: member.id }, pos()))),
    );
    expect(results.filter((r) => r.checkIn.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.checkIn.account.available))).toEqual(new Set([5]));
    expect(results[0].checkIn).toMatchObject({ streak: 1, points: 5, bonus: 0 });
  });

  it("counts the streak by the merchant's local date and pays the day-7 bonus, then starts again", async () => {
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const caller = { kind: "apiKey" as const, merchantId: shop.merchantId, keyId: "k" };
    const at = (iso: string) => ({
      db: server.db,
      ids: cryptoIds,
      identity: localIdentity(server.db),
      clock: { now: () => iso },
    });
    const streaks: number[] = [];
    let bonus = 0;
    // 15:59 UTC is 23:59 in Shanghai; 16:01 UTC is already the next local day.
    const times = [
      "2026-05-01T15:59:00Z",
      "2026-05-01T16:01:00Z",
      "2026-05-03T01:00:00Z",
      "2026-05-04T01:00:00Z",
      "2026-05-05T01:00:00Z",
      "2026-05-06T01:00:00Z",
      "2026-05-07T01:00:00Z",
      "2026-05-08T01:00:00Z",
      "2026-05-09T01:00:00Z",
    ];
    for (const time of times) {
      const result = await checkInMember(at(time), caller, member.id);
      streaks.push(result.streak);
      bonus += result.bonus;
    }
    expect(streaks).toEqual([1, 2, 3, 4, 5, 6, 7, 1, 2]);
    expect(bonus).toBe(50);
    const again = await checkInMember(at("2026-05-09T10:00:00Z"), caller, member.id);
    expect(again.created).toBe(false);
    const skipped = await checkInMember(at("2026-05-11T01:00:00Z"), caller, member.id);
    expect(skipped.streak).toBe(1);
  });

  it("another merchant cannot check this member in", async () => {
    const other = await createMerchant(server);
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    expect(codes(await gql(server, CHECKIN, { m: member.id }, { apiKey: other.apiKey }))).toEqual(["NOT_FOUND"]);
  });
});

describe("points mall", () => {
  const REDEEM = `mutation($m: ID!, $r: ID!, $q: String!) {
    redeemReward(memberId: $m, rewardId: $r, requestId: $q) { created redemption { rewardName points } account { available } }
  }`;

  it("30 members racing for 10 units: exactly 10 get one, stock ends at 0, points move only for them", async () => {
    const reward = (
      await ok(
        gql(
          server,
          `mutation { createReward(input: { name: "帆布袋", pointsCost: 30, stock: 10 }) { id stock } }`,
          {},
          owner(),
        ),
      )
    ).createReward;
    const members = await Promise.all(
      Array.from({ length: 30 }, () => enrol(server, pos(), { homeStoreId: shop.stores[0].id })),
    );
    for (const member of members) await give(member.id, 100);
    const results = await Promise.all(
      members.map((member) => gql(server, REDEEM, { m: member.id, r: reward.id, q: unique("buy") }, pos())),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(10);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].message)).toEqual(
      Array(20).fill("帆布袋 is out of stock"),
    );
    const after = await ok(gql(server, `{ rewards { nodes { id stock } } }`, {}, owner()));
    expect(after.rewards.nodes.find((r: { id: string }) => r.id === reward.id).stock).toBe(0);
    const balances = await Promise.all(
      members.map(
        async (m) =>
          (
            await ok(
              gql(server, `query($id: ID!) { member(id: $id) { account { available } } }`, { id: m.id }, owner()),
            )
          ).member.account.available,
      ),
    );
    expect(balances.filter((b) => b === 70)).toHaveLength(10);
    expect(balances.filter((b) => b === 100)).toHaveLength(20);
  });

  it("an owner editing a reward while members redeem it never gives back stock already taken", async () => {
    const reward = (
      await ok(
        gql(
          server,
          `mutation { createReward(input: { name: "徽章", pointsCost: 10, stock: 40 }) { id } }`,
          {},
          owner(),
        ),
      )
    ).createReward;
    const members = await Promise.all(
      Array.from({ length: 20 }, () => enrol(server, pos(), { homeStoreId: shop.stores[0].id })),
    );
    for (const member of members) await give(member.id, 10);
    const edits = Array.from({ length: 8 }, (_, i) =>
      ok(
        gql(
          server,
          `mutation($id: ID!, $d: String!) { updateReward(id: $id, input: { description: $d }) { id } }`,
          { id: reward.id, d: `第${i}版` },
          owner(),
        ),
      ),
    );
    const buys = members.map((member) =>
      gql(server, REDEEM, { m: member.id, r: reward.id, q: unique("badge") }, pos()),
    );
    const [, results] = await Promise.all([Promise.all(edits), Promise.all(buys)]);
    const sold = results.filter((r) => !r.errors).length;
    expect(sold).toBe(20);
    const after = await ok(gql(server, `query($id: ID!) { reward(id: $id) { stock } }`, { id: reward.id }, owner()));
    expect(after.reward.stock).toBe(40 - sold);
  });

  it("refuses too few points, a paused reward and a member over the limit; a request id is idempotent", async () => {
    const reward = (
      await ok(
        gql(
          server,
          `mutation { createReward(input: { name: "杯子", pointsCost: 40, unlimited: true, perMemberLimit: 1 }) { id stock } }`,
          {},
          owner(),
        ),
      )
    ).createReward;
    expect(reward.stock).toBeNull();
    const member = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    expect(codes(await gql(server, REDEEM, { m: member.id, r: reward.id, q: unique("b") }, pos()))).toEqual([
      "INSUFFICIENT_BALANCE",
    ]);
    await give(member.id, 100);
    const key = unique("b");
    const first = await ok(gql(server, REDEEM, { m: member.id, r: reward.id, q: key }, pos()));
    const again = await ok(gql(server, REDEEM, { m: member.id, r: reward.id, q: key }, pos()));
    expect([first.redeemReward.created, again.redeemReward.created]).toEqual([true, false]);
    const over = await gql(server, REDEEM, { m: member.id, r: reward.id, q: unique("b") }, pos());
    expect(codes(over)).toEqual(["CONFLICT"]);
    expect(over.errors![0].message).toMatch(/most allowed/);
    await ok(
      gql(
        server,
        `mutation($id: ID!) { updateReward(id: $id, input: { status: paused }) { status } }`,
        { id: reward.id },
        owner(),
      ),
    );
    const other = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    await give(other.id, 100);
    expect(codes(await gql(server, REDEEM, { m: other.id, r: reward.id, q: unique("b") }, pos()))).toEqual([
      "BAD_USER_INPUT",
    ]);
    const account = await ok(
      gql(
        server,
        `query($id: ID!) { member(id: $id) { account { available } redemptions { nodes { rewardName points } } } }`,
        { id: member.id },
        owner(),
      ),
    );
    expect(account.member.account.available).toBe(60);
    expect(account.member.redemptions.nodes).toEqual([{ rewardName: "杯子", points: 40 }]);
  });

  it("only owners manage rewards, with valid costs and stock; other merchants see none", async () => {
    expect(
      codes(
        await gql(
          server,
          `mutation { createReward(input: { name: "x", pointsCost: 10 }) { id } }`,
          {},
          { token: shop.managerToken },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(
      codes(await gql(server, `mutation { createReward(input: { name: "x", pointsCost: 0 }) { id } }`, {}, owner())),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(
        await gql(
          server,
          `mutation { createReward(input: { name: "x", pointsCost: 10, stock: -1 }) { id } }`,
          {},
          owner(),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    const other = await createMerchant(server);
    expect(
      (await ok(gql(server, `{ rewards { nodes { id } } }`, {}, { token: other.ownerToken }))).rewards.nodes,
    ).toEqual([]);
  });
});
