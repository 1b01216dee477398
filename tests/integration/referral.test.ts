/**
 * Referral (推荐有礼): a new member joins with an invite code; both are
 * rewarded once, on the new member's first purchase, however often that
 * purchase is retried; no self-referral, one referrer, no loops.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, unique, type TestMerchant } from "../support/api.js";
import { enrol, phone } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
const owner = () => ({ token: shop.ownerToken });
const pos = () => ({ apiKey: shop.apiKey });

const ENROL = `mutation($input: RegisterMemberInput!) {
  registerMember(input: $input) { created member { id channel inviteCode referral { referrerId status } } }
}`;
const MEMBER = `query($id: ID!) {
  member(id: $id) { inviteCode account { available } coupons { nodes { source name } } referral { status
    orderId refereeCoupon } referrals { nodes { memberId status } } }
}`;
const PURCHASE = `mutation($input: RecordPurchaseInput!) {
  recordPurchase(input: $input) { created order { id referral { referrerId referrerPoints refereePoints refereeCoupon } } }
}`;

let couponName: string;
beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
  couponName = unique("新人券");
  const t = (
    await ok(
      gql(
        server,
        `mutation($n: String!) { createCouponTemplate(input: { name: $n, kind: amount_off, amountOff: 1000, validDays: 30 }) { id } }`,
        { n: couponName },
        owner(),
      ),
    )
  ).createCouponTemplate;
  const rules = await ok(
    gql(
      server,
      `mutation($t: ID!) {
        updateReferralRules(input: { enabled: true, referrerPoints: 100, refereePoints: 50, refereeTemplateId:
          $t }) { referral { enabled referrerPoints refereePoints refereeTemplateId } }
      }`,
      { t: t.id },
      owner(),
    ),
  );
  expect(rules.updateReferralRules.referral).toEqual({
    enabled: true,
    referrerPoints: 100,
    refereePoints: 50,
    refereeTemplateId: t.id,
  });
});
afterAll(() => server?.stop());

const join = (input: Record<string, unknown>) =>
  gql(server, ENROL, { input: { phone: phone(), name: "新朋友", homeStoreId: shop.stores[0].id, ...input } }, pos());
const read = async (id: string) => (await ok(gql(server, MEMBER, { id }, owner()))).member;
const order = (memberId: string, orderId = unique("o")) => ({
  input: {
    orderId,
    memberId,
    storeId: shop.stores[0].id,
    lines: [{ sku: "tea", name: "茶", qty: 1, unitPrice: 2000 }],
    total: 2000,
    paymentMethod: "cash",
  },
});

describe("referral", () => {
  it("rewards both once on the first purchase, even when that purchase is sent 10 times at once", async () => {
    const inviter = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const { inviteCode } = await read(inviter.id);
    const joined = (await ok(join({ inviteCode }))).registerMember.member;
    expect(joined).toMatchObject({ channel: "referral", referral: { referrerId: inviter.id, status: "pending" } });
    // No reward on sign-up.
    expect((await read(inviter.id)).account.available).toBe(0);

    const first = order(joined.id, unique("first"));
    const results = await Promise.all(Array.from({ length: 10 }, () => ok(gql(server, PURCHASE, first, pos()))));
    expect(results.filter((r) => r.recordPurchase.created)).toHaveLength(1);
    expect(results[0].recordPurchase.order.referral).toMatchObject({
      referrerId: inviter.id,
      referrerPoints: 100,
      refereePoints: 50,
    });
    await ok(gql(server, PURCHASE, order(joined.id), pos()));

    const a = await read(inviter.id);
    expect(a.account.available).toBe(100);
    expect(a.referrals.nodes).toEqual([{ memberId: joined.id, status: "rewarded" }]);
    const b = await read(joined.id);
    expect(b.account.available).toBe(20 + 50 + 20);
    expect(b.coupons.nodes).toEqual([{ source: "referral", name: couponName }]);
    expect(b.referral).toMatchObject({ status: "rewarded", orderId: first.input.orderId });
    const listed = (await ok(gql(server, `{ referrals { nodes { memberId referrerId status } } }`, {}, owner())))
      .referrals.nodes;
    expect(listed).toContainEqual({ memberId: joined.id, referrerId: inviter.id, status: "rewarded" });
  });

  it("no self-referral, one referrer per member, no loops", async () => {
    const a = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const aCode = (await read(a.id)).inviteCode;
    // A joining again with their own code: still the same member, no referral.
    const again = (await ok(gql(server, ENROL, { input: { phone: a.phone, name: a.name, inviteCode: aCode } }, pos())))
      .registerMember;
    expect(again).toMatchObject({ created: false, member: { id: a.id, referral: null } });
    const b = (await ok(join({ inviteCode: aCode }))).registerMember.member;
    const bCode = (await read(b.id)).inviteCode;
    // A cannot become B's referral (a loop), and B keeps its one referrer.
    expect(
      (await ok(gql(server, ENROL, { input: { phone: a.phone, name: a.name, inviteCode: bCode } }, pos())))
        .registerMember.member.referral,
    ).toBeNull();
    const c = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const bPhone = (await ok(gql(server, `query($id: ID!) { member(id: $id) { phone } }`, { id: b.id }, owner())))
      .member.phone;
    expect(
      (
        await ok(
          gql(server, ENROL, { input: { phone: bPhone, name: "x", inviteCode: (await read(c.id)).inviteCode } }, pos()),
        )
      ).registerMember.member.referral.referrerId,
    ).toBe(a.id);
  });

  it("an unknown invite code is refused and nobody is enrolled", async () => {
    const number = phone();
    const refused = await gql(server, ENROL, { input: { phone: number, name: "无码", inviteCode: "ZZZZZZZZ" } }, pos());
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors![0].extensions).toMatchObject({ field: "inviteCode" });
    expect(
      (await ok(gql(server, `query($p: String!) { memberByPhone(phone: $p) { id } }`, { p: number }, owner())))
        .memberByPhone,
    ).toBeNull();
  });

  it("bad rules are refused; only owners change them; only owners and managers list referrals", async () => {
    expect(
      codes(
        await gql(
          server,
          `mutation { updateReferralRules(input: { referrerPoints: -1 }) { referral { enabled } } }`,
          {},
          owner(),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(
        await gql(
          server,
          `mutation { updateReferralRules(input: { refereeTemplateId: "nope" }) { referral { enabled } } }`,
          {},
          owner(),
        ),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      codes(
        await gql(
          server,
          `mutation { updateReferralRules(input: { enabled: false }) { referral { enabled } } }`,
          {},
          { token: shop.managerToken },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(server, `{ referrals { nodes { memberId } } }`, {}, { token: shop.clerkToken }))).toEqual([
      "FORBIDDEN",
    ]);
  });

  it("another merchant's invite codes mean nothing here, and their referrals stay theirs", async () => {
    const other = await createMerchant(server);
    const a = await enrol(server, pos(), { homeStoreId: shop.stores[0].id });
    const refused = await gql(
      server,
      ENROL,
      { input: { phone: phone(), name: "外人", inviteCode: (await read(a.id)).inviteCode } },
      { apiKey: other.apiKey },
    );
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(
      (await ok(gql(server, `{ referrals { nodes { memberId } } }`, {}, { token: other.ownerToken }))).referrals.nodes,
    ).toEqual([]);
  });
});
