/**
 * Every Query and Mutation field of the schema as a callable request: the
 * document selects only __typename (or the scalar), and arguments are
 * generated from their types — IDs and codes pointing at the real objects of a
 * merchant made by `createFixtures`, fresh idempotency keys and phones, and
 * hand-written inputs where generation cannot make a valid-looking one.
 */
import { makeExecutableSchema } from "@graphql-tools/schema";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";
import { deleteEndpoint, listEndpoints } from "../../functions/data/webhooks.js";
import { typeDefs } from "../../graphql/typeDefs.js";
import { createMerchant, gql, ok, persist, signIn, unique, type Credentials, type TestMerchant } from "./api.js";
import type { TestServer } from "./server.js";

export const schema = makeExecutableSchema({ typeDefs });

export interface Operation {
  kind: "query" | "mutation";
  name: string;
  field: GraphQLField<unknown, unknown>;
}

export function operations(): Operation[] {
  const list = (kind: "query" | "mutation") =>
    Object.values((kind === "query" ? schema.getQueryType() : schema.getMutationType())!.getFields()).map((field) => ({
      kind,
      name: field.name,
      field,
    }));
  return [...list("query"), ...list("mutation")];
}

/** The document for an operation with the given variables (only the arguments present are passed). */
export function documentFor(op: Operation, variables: Record<string, unknown>): string {
  const args = op.field.args.filter((arg) => variables[arg.name] !== undefined);
  const defs = args.map((arg) => `$${arg.name}: ${arg.type}`).join(", ");
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  const type = getNamedType(op.field.type);
  // Enough to tell an answer from a refusal: a page's items, a batch item's own error.
  const fields = isObjectType(type) ? type.getFields() : undefined;
  const selection = fields
    ? ` { __typename${fields.nodes ? " nodes { __typename }" : ""}${fields.errorCode ? " errorCode" : ""} }`
    : "";
  return `${op.kind} ${op.name}${defs ? `(${defs})` : ""} { ${op.name}${call ? `(${call})` : ""}${selection} }`;
}

/** A merchant with objects of every kind, a second merchant, and a manager of the merchant's second store. */
export interface Fixtures {
  a: TestMerchant;
  b: TestMerchant;
  operatorToken: string;
  /** Manager of A's second store: a foreign store for everything below. */
  storeBManagerToken: string;
  clerkId: string;
  member: { id: string; phone: string; memberCode: string };
  orderId: string;
  rewardId: string;
  productSku: string;
  templateId: string;
  couponCode: string;
  planId: string;
  paymentId: string;
  segmentId: string;
  campaignId: string;
  spareKeyId: string;
  /** A webhook endpoint of A (at a closed port) and the delivery of a test event to it. */
  webhookEndpointId: string;
  webhookDeliveryId: string;
  today: string;
}

const PASSWORD = "Passw0rd-test";
let counter = 0;
export const phone = () => `139${String(Date.now() % 1e4).padStart(4, "0")}${String(++counter % 1e4).padStart(4, "0")}`;

export async function registerMember(server: TestServer, creds: Credentials, storeId: string) {
  const input = { phone: phone(), name: unique("会员"), homeStoreId: storeId };
  return (
    await ok(
      gql(
        server,
        `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { member { id phone memberCode } } }`,
        { input },
        creds,
      ),
    )
  ).registerMember.member as Fixtures["member"];
}

export async function createFixtures(server: TestServer): Promise<Fixtures> {
  const [a, b] = await Promise.all([createMerchant(server, unique("商户A")), createMerchant(server, unique("商户B"))]);
  const owner = { token: a.ownerToken };
  const managerB = unique("managerB");
  await ok(
    gql(
      server,
      `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
      {
        input: {
          username: managerB,
          name: "二号店店长",
          password: PASSWORD,
          role: "manager",
          storeIds: [a.stores[1].id],
        },
      },
      owner,
    ),
  );
  const staff = (await ok(gql(server, `{ staffMembers(first: 50) { nodes { id role } } }`, {}, owner))).staffMembers
    .nodes as { id: string; role: string }[];
  const member = await registerMember(server, { apiKey: a.apiKey }, a.stores[0].id);
  const orderId = unique("order");
  await ok(
    gql(
      server,
      `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { created } }`,
      {
        input: {
          orderId,
          memberId: member.id,
          storeId: a.stores[0].id,
          paymentMethod: "wechat",
          total: 5000,
          lines: [{ sku: "latte", name: "拿铁", category: "drink", qty: 2, unitPrice: 2500 }],
        },
      },
      { apiKey: a.apiKey },
    ),
  );
  await ok(
    gql(
      server,
      `mutation($m: ID!) { adjustPoints(memberId: $m, points: 100000, reason: "测试", requestId: "seed-${member.id}") { created } }`,
      { m: member.id },
      owner,
    ),
  );
  const rewardId = (
    await ok(
      gql(
        server,
        `mutation { createReward(input: { name: "帆布袋", pointsCost: 10, unlimited: true }) { id } }`,
        {},
        owner,
      ),
    )
  ).createReward.id;
  const productSku = unique("SKU");
  await ok(
    gql(
      server,
      `mutation($input: ProductInput!) { createProduct(input: $input) { sku } }`,
      { input: { sku: productSku, name: "帆布袋", price: 3900 } },
      owner,
    ),
  );
  const templateId = (
    await ok(
      gql(
        server,
        `mutation($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { id } }`,
        { input: { name: "五元券", kind: "amount_off", amountOff: 500, validDays: 30 } },
        owner,
      ),
    )
  ).createCouponTemplate.id;
  const couponCode = (
    await ok(
      gql(
        server,
        `mutation($t: ID!, $m: ID!) { claimCoupon(templateId: $t, memberId: $m, requestId: "seed-claim") { coupon { code } } }`,
        { t: templateId, m: member.id },
        { apiKey: a.apiKey },
      ),
    )
  ).claimCoupon.coupon.code;
  const planId = (
    await ok(
      gql(
        server,
        `mutation { createTopUpPlan(input: { name: "充300送60", pay: 30000, bonus: 6000, scope: any }) { id } }`,
        {},
        owner,
      ),
    )
  ).createTopUpPlan.id;
  const paymentId = unique("pay");
  await ok(
    gql(
      server,
      `mutation($m: ID!, $p: String!, $s: ID) { topUpStoredValue(memberId: $m, paymentId: $p, amount: 30000, storeId: $s) { created } }`,
      { m: member.id, p: paymentId, s: a.stores[0].id },
      { apiKey: a.apiKey },
    ),
  );
  const segmentId = (
    await ok(gql(server, `mutation { saveSegment(input: { name: "全部", filter: {} }) { id } }`, {}, owner))
  ).saveSegment.id;
  const campaignId = (
    await ok(
      gql(
        server,
        `mutation($i: CampaignInput!) { saveCampaign(input: $i) { id } }`,
        {
          i: {
            name: "会员日",
            segmentId,
            kind: "monthly",
            dayOfMonth: 8,
            from: "2026-07-01",
            pointsMultiplier: 2,
            conversionDays: 7,
          },
        },
        owner,
      ),
    )
  ).saveCampaign.id;
  await ok(gql(server, `mutation { createApiKey(input: { name: "spare" }) { secret } }`, {}, owner));
  const keys = (await ok(gql(server, `{ apiKeys { id name } }`, {}, owner))).apiKeys as { id: string; name: string }[];
  const webhookEndpointId = await webhookEndpoint(server, owner);
  const webhookDeliveryId = (
    await ok(
      gql(server, `mutation($e: ID!) { sendTestWebhook(endpointId: $e) { id } }`, { e: webhookEndpointId }, owner),
    )
  ).sendTestWebhook.id;
  return {
    a,
    b,
    operatorToken: await signIn(server, server.operator.username, server.operator.password),
    storeBManagerToken: await signIn(server, managerB, PASSWORD),
    clerkId: staff.find((s) => s.role === "clerk")!.id,
    member,
    orderId,
    rewardId,
    productSku,
    templateId,
    couponCode,
    planId,
    paymentId,
    segmentId,
    campaignId,
    spareKeyId: keys.find((k) => k.name === "spare")!.id,
    webhookEndpointId,
    webhookDeliveryId,
    today: new Date().toISOString().slice(0, 10),
  };
}

/** What an argument value refers to: objects of store 1 of merchant A, merchant-wide objects of A, or nothing. */
export type Reach = "store" | "merchant" | "none";

export interface Request {
  variables: Record<string, unknown>;
  /**
   * The widest reach among the values used: the matrix expects a foreign caller to be refused when it is not "none".
   */
  reach: Reach;
}

/** Hand-written arguments where a type-driven value would not look like a real request. */
function handWritten(
  f: Fixtures,
  server: TestServer,
  name: string,
): (() => Promise<Record<string, unknown>> | Record<string, unknown>) | undefined {
  const s1 = f.a.stores[0].id;
  const basket = {
    memberId: f.member.id,
    storeId: s1,
    lines: [{ sku: "latte", name: "拿铁", qty: 1, unitPrice: 3000 }],
    couponCodes: [f.couponCode],
  };
  const claimOne = async (): Promise<string> =>
    (
      await ok(
        gql(
          server,
          `mutation($t: ID!, $m: ID!, $r: String!) { claimCoupon(templateId: $t, memberId: $m, requestId: $r) { coupon { code } } }`,
          { t: f.templateId, m: f.member.id, r: unique("c") },
          { apiKey: f.a.apiKey },
        ),
      )
    ).claimCoupon.coupon.code;
  const table: Record<string, () => Promise<Record<string, unknown>> | Record<string, unknown>> = {
    onboardMerchant: () => ({
      input: {
        name: unique("新商户"),
        firstStore: { name: "一号店", city: "上海" },
        owner: { username: unique("o"), name: "店主", password: PASSWORD },
      },
    }),
    createStaff: () => ({
      input: { username: unique("clerk"), name: "店员", password: PASSWORD, role: "clerk", storeIds: [s1] },
    }),
    registerMember: () => ({ input: { phone: phone(), name: "新会员", homeStoreId: s1 } }),
    // Erasure is irreversible: each caller gets a member of its own to erase.
    eraseMember: async () => ({
      id: (await registerMember(server, { apiKey: f.a.apiKey }, s1)).id,
      reason: "会员要求",
    }),
    recordPurchase: () => ({
      input: {
        orderId: unique("o"),
        memberId: f.member.id,
        storeId: s1,
        paymentMethod: "wechat",
        total: 1000,
        lines: [{ sku: "tea", name: "茶", qty: 1, unitPrice: 1000 }],
      },
    }),
    refundOrder: () => ({ input: { orderId: f.orderId, refundId: unique("r"), lines: [{ sku: "latte", qty: 1 }] } }),
    recordAnonymousOrder: () => ({ orderId: unique("anon"), storeId: s1, total: 1000 }),
    quoteCheckout: () => ({ input: basket }),
    // A coupon of its own each time: a hold keeps the coupon from other holds for a minute.
    reserveCoupons: async () => ({
      input: { ...basket, couponCodes: [await claimOne()] },
      holdId: unique("hold"),
      minutes: 1,
    }),
    releaseCoupons: () => ({ memberId: f.member.id, holdId: unique("hold"), couponCodes: [f.couponCode] }),
    revokeCoupon: async () => ({ code: await claimOne(), reason: "测试" }),
    // The amount of the fixtures' plan, so that naming the plan makes a valid request too.
    topUpStoredValue: () => ({ memberId: f.member.id, paymentId: unique("pay"), amount: 30000, storeId: s1 }),
    // The top-up to refund is sent like a till sends it: again while the fixtures' busy member answers "retryable".
    refundTopUp: async () => {
      const paymentId = unique("pay");
      await ok(
        persist(() =>
          gql(
            server,
            `mutation($m: ID!, $p: String!, $s: ID) { topUpStoredValue(memberId: $m, ` +
              `paymentId: $p, amount: 1000, storeId: $s) { created } }`,
            { m: f.member.id, p: paymentId, s: s1 },
            { apiKey: f.a.apiKey },
          ),
        ),
      );
      return { memberId: f.member.id, paymentId, reason: "测试" };
    },
    importMembers: () => ({ input: { header: ["手机号", "姓名"], rows: [[phone(), "导入"]] } }),
    saveCampaign: () => ({
      input: {
        name: "会员日",
        segmentId: f.segmentId,
        kind: "monthly",
        dayOfMonth: 8,
        from: "2026-07-01",
        pointsMultiplier: 2,
        conversionDays: 7,
      },
    }),
    saveSegment: () => ({ input: { name: "全部", filter: {} } }),
    campaignEstimate: () => ({ input: { segmentId: f.segmentId, smsBody: "{name}，会员日见" } }),
    logContact: () => ({
      input: { memberId: f.member.id, channel: "CALL", note: "回访", requestId: unique("contact") },
    }),
    dashboard: () => ({ from: f.today, to: f.today }),
    domainEvents: () => ({ date: f.today }),
    issueCoupons: () => ({ templateId: f.templateId, memberIds: [f.member.id], requestId: unique("issue") }),
    issueCouponsToAudience: () => ({
      templateId: f.templateId,
      audience: { segmentId: f.segmentId },
      requestId: unique("audience"),
    }),
    couponShortfalls: () => ({ from: "2026-01-01", to: "2026-01-31" }),
    claimCoupon: () => ({ templateId: f.templateId, memberId: f.member.id, requestId: unique("claim") }),
    redeemReward: () => ({ memberId: f.member.id, rewardId: f.rewardId, requestId: unique("redeem") }),
    redeemPoints: () => ({ memberId: f.member.id, points: 1, requestId: unique("redeem") }),
    adjustPoints: () => ({ memberId: f.member.id, points: 1, reason: "测试", requestId: unique("adjust") }),
    createApiKey: () => ({ input: { name: unique("key") } }),
    createStore: () => ({ input: { name: unique("店"), city: "上海" } }),
    createReward: () => ({ input: { name: "徽章", pointsCost: 10, unlimited: true } }),
    createProduct: () => ({ input: { sku: unique("SKU"), name: "徽章", price: 100 } }),
    createCouponTemplate: () => ({ input: { name: "券", kind: "amount_off", amountOff: 300, validDays: 30 } }),
    // The default ladder again: valid, and it changes no member's tier.
    updateTierLadder: () => ({
      input: {
        reviewWindowDays: 365,
        tiers: [
          { id: "regular", name: "普通会员", threshold: 0, discountPercent: 0, pointsMultiplier: 1 },
          { id: "silver", name: "银卡", threshold: 1000, discountPercent: 2, pointsMultiplier: 1.2 },
          { id: "gold", name: "金卡", threshold: 5000, discountPercent: 5, pointsMultiplier: 1.5 },
          { id: "black", name: "黑卡", threshold: 20000, discountPercent: 8, pointsMultiplier: 2 },
        ],
      },
    }),
    createTopUpPlan: () => ({ input: { name: "充100送10", pay: 10000, bonus: 1000, scope: "any" } }),
    // Deleting is for good: each caller gets an endpoint of its own to delete.
    deleteWebhookEndpoint: async () => ({ id: await spareWebhookEndpoint(server, f) }),
    createWebhookEndpoint: () => ({ input: { url: "https://example.com/hooks", eventTypes: ["TierChanged"] } }),
  };
  return table[name];
}

/** A webhook endpoint of the owner's merchant at a closed port (nothing listens on 9): its id. */
async function webhookEndpoint(server: TestServer, owner: Credentials): Promise<string> {
  const input = { url: "http://127.0.0.1:9/hooks", eventTypes: ["WebhookEndpointDisabled"] };
  const query = `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id } } }`;
  return (await ok(gql(server, query, { i: input }, owner))).createWebhookEndpoint.endpoint.id;
}

/**
 * An endpoint of A to delete. A merchant may have 10, and sweeps ask for one per call: the spares earlier calls
 * left (all but the fixture's) go first.
 */
async function spareWebhookEndpoint(server: TestServer, f: Fixtures): Promise<string> {
  const endpoints = await listEndpoints(server.db, f.a.merchantId);
  if (endpoints.length >= 5)
    for (const endpoint of endpoints.filter((e) => e.id !== f.webhookEndpointId))
      await deleteEndpoint(server.db, f.a.merchantId, endpoint.id);
  return webhookEndpoint(server, { token: f.a.ownerToken });
}

/** Values by argument name: IDs of the fixtures and what they reach. */
function byName(f: Fixtures, op: string, arg: string): { value: unknown; reach: Reach } | undefined {
  const ids: Record<string, [string, Reach]> = {
    store: [f.a.stores[0].id, "store"],
    updateStore: [f.a.stores[0].id, "store"],
    staff: [f.clerkId, "store"],
    updateStaff: [f.clerkId, "store"],
    revokeApiKey: [f.spareKeyId, "merchant"],
    setApiKeyRateLimit: [f.spareKeyId, "merchant"],
    order: [f.orderId, "store"],
    reward: [f.rewardId, "merchant"],
    updateReward: [f.rewardId, "merchant"],
    product: [f.productSku, "merchant"],
    updateProduct: [f.productSku, "merchant"],
    couponTemplate: [f.templateId, "merchant"],
    updateCouponTemplate: [f.templateId, "merchant"],
    topUpPlan: [f.planId, "merchant"],
    updateTopUpPlan: [f.planId, "merchant"],
    segment: [f.segmentId, "merchant"],
    campaign: [f.campaignId, "merchant"],
    campaignResults: [f.campaignId, "merchant"],
    campaignHoldoutResults: [f.campaignId, "merchant"],
    webhookEndpoint: [f.webhookEndpointId, "merchant"],
    updateWebhookEndpoint: [f.webhookEndpointId, "merchant"],
    rollWebhookSecret: [f.webhookEndpointId, "merchant"],
    webhookDelivery: [f.webhookDeliveryId, "merchant"],
    resendWebhookDelivery: [f.webhookDeliveryId, "merchant"],
  };
  if (arg === "id") {
    const [value, reach] = ids[op] ?? [f.member.id, "store"];
    return { value, reach };
  }
  if (arg === "endpointId") return { value: f.webhookEndpointId, reach: "merchant" };
  if (arg === "memberId") return { value: f.member.id, reach: "store" };
  if (arg === "memberIds") return { value: [f.member.id], reach: "store" };
  if (arg === "storeId") return { value: f.a.stores[0].id, reach: "store" };
  if (arg === "phone" && op === "memberByPhone") return { value: f.member.phone, reach: "store" };
  if (arg === "code" && op === "memberByCode") return { value: f.member.memberCode, reach: "store" };
  if (arg === "code") return { value: f.couponCode, reach: "store" };
  if (arg === "templateId") return { value: f.templateId, reach: "merchant" };
  if (arg === "rewardId") return { value: f.rewardId, reach: "merchant" };
  if (arg === "planId") return undefined;
  if (/requestId|paymentId|holdId|orderId/.test(arg)) return { value: unique(arg), reach: "none" };
  return undefined;
}

/** Input objects whose required fields alone would not make a valid value. */
const EXAMPLES: Record<string, Record<string, unknown>> = {
  TagRuleInput: { tag: "常客", kind: "category_count", category: "drink", count: 3, days: 30 },
};

/** A plain value of a type: required input fields only (or an example), one list element. */
export function valueOf(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, name);
  if (isListType(type)) return [valueOf(type.ofType, name)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    if (EXAMPLES[type.name]) return EXAMPLES[type.name];
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, valueOf(field.type, field.name)]),
    );
  }
  switch (type.name) {
    case "Int":
      return 1;
    case "Float":
      return 1;
    case "Boolean":
      return true;
    case "ID":
      return `test-${name}`;
    default:
      return /date|from|to|until/i.test(name) ? new Date().toISOString().slice(0, 10) : `测试-${name}`;
  }
}

const REACH_ORDER: Reach[] = ["none", "merchant", "store"];

/** A request for an operation, fresh for each call (unique keys, sacrificial objects). */
export async function requestFor(f: Fixtures, server: TestServer, op: Operation): Promise<Request> {
  let reach: Reach = "none";
  const widen = (r: Reach) => (reach = REACH_ORDER.indexOf(r) > REACH_ORDER.indexOf(reach) ? r : reach);
  const written = handWritten(f, server, op.name);
  if (written) {
    const variables = await written();
    const text = JSON.stringify(variables);
    if (
      text.includes(f.member.id) ||
      text.includes(f.a.stores[0].id) ||
      text.includes(f.orderId) ||
      text.includes(f.couponCode)
    )
      widen("store");
    else if (
      [f.templateId, f.rewardId, f.productSku, f.segmentId, f.campaignId, f.planId].some((id) => text.includes(id))
    )
      widen("merchant");
    // A sacrificial member of store 1 (erasure) or coupon (revocation) reaches the store too.
    if (op.name === "eraseMember" || op.name === "revokeCoupon" || op.name === "refundTopUp") widen("store");
    if (op.name === "deleteWebhookEndpoint") widen("merchant");
    return { variables, reach };
  }
  const variables: Record<string, unknown> = {};
  for (const arg of op.field.args as readonly GraphQLArgument[]) {
    const known = byName(f, op.name, arg.name);
    if (known) {
      variables[arg.name] = known.value;
      widen(known.reach);
    } else if (isNonNullType(arg.type)) variables[arg.name] = valueOf(arg.type, arg.name);
  }
  return { variables, reach };
}
