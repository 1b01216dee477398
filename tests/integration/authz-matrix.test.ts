/**
 * The authorization matrix: every Query and Mutation field of the schema,
 * called as every kind of caller, checked against who may call it. A new
 * operation fails this test until it has a line in EXPECTED (a declared resource's
 * lines follow from its declaration).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESOURCES } from "../../graphql/resources/index.js";
import type { Credentials } from "../support/api.js";
import { gql, type GraphQLResponse } from "../support/api.js";
import { createFixtures, documentFor, operations, requestFor, type Fixtures } from "../support/operations.js";
import { startTestServer, type TestServer } from "../support/server.js";

/** Who may call: o owner, m manager, c clerk, k API key, p platform operator, * anyone (even anonymous). */
type Roles = string;
const EXPECTED: Record<string, Roles> = {
  // Queries
  version: "*",
  viewer: "*",
  merchants: "p",
  merchant: "omck",
  stores: "omck",
  store: "omck",
  member: "omck",
  memberByPhone: "omck",
  memberByCode: "omck",
  members: "omck",
  memberTags: "omck",
  loyaltyConfig: "omck",
  order: "omck",
  rewards: "omck",
  reward: "omck",
  couponTemplates: "omck",
  couponTemplate: "omck",
  coupon: "omck",
  quoteCheckout: "omck",
  couponShortfalls: "om",
  automationResults: "om",
  campaignHoldoutResults: "om",
  wakeupImpact: "om",
  webhookEndpoints: "o",
  webhookEndpoint: "o",
  webhookDelivery: "o",
  webhookEventTypes: "o",
  topUpPlans: "omck",
  topUpPlan: "omck",
  staffMembers: "omc",
  staff: "omc",
  guideWorklist: "omc",
  memberDataExport: "om",
  storedValueLiability: "om",
  referrals: "om",
  automationSettings: "om",
  smsMessages: "om",
  segmentationSettings: "om",
  segments: "om",
  segment: "om",
  segmentPreview: "om",
  campaigns: "om",
  campaign: "om",
  campaignResults: "om",
  campaignEstimate: "om",
  dashboard: "om",
  liabilityReport: "om",
  apiKeys: "o",
  domainEvents: "o",
  // Mutations
  createWebhookEndpoint: "o",
  updateWebhookEndpoint: "o",
  deleteWebhookEndpoint: "o",
  rollWebhookSecret: "o",
  resendWebhookDelivery: "o",
  sendTestWebhook: "o",
  onboardMerchant: "p",
  updateMerchant: "o",
  createStore: "o",
  createApiKey: "o",
  revokeApiKey: "o",
  setApiKeyRateLimit: "o",
  updatePointsRules: "o",
  updateTierLadder: "o",
  setManualTier: "o",
  updateCheckinRules: "o",
  createReward: "o",
  updateReward: "o",
  createCouponTemplate: "o",
  updateCouponTemplate: "o",
  updateCouponSettings: "o",
  updateStoredValueRules: "o",
  createTopUpPlan: "o",
  updateTopUpPlan: "o",
  updateReferralRules: "o",
  updateAutomationSettings: "o",
  updateSegmentationSettings: "o",
  saveCampaign: "o",
  updateStore: "om",
  createStaff: "om",
  updateStaff: "om",
  assignGuide: "om",
  eraseMember: "om",
  importMembers: "om",
  adjustPoints: "om",
  issueCoupons: "om",
  issueCouponsToAudience: "om",
  revokeCoupon: "om",
  refundTopUp: "om",
  saveSegment: "om",
  logContact: "omc",
  registerMember: "omck",
  updateMember: "omck",
  setMarketingConsent: "omck",
  addMemberTags: "omck",
  removeMemberTags: "omck",
  recordPurchase: "omck",
  refundOrder: "omck",
  redeemPoints: "omck",
  checkIn: "omck",
  redeemReward: "omck",
  claimCoupon: "omck",
  reserveCoupons: "omck",
  releaseCoupons: "omck",
  topUpStoredValue: "omck",
  recordAnonymousOrder: "omck",
};

/** A declared resource (graphql/resources): every staff member and API key reads it; its editors write. */
for (const { operations, editors } of RESOURCES) {
  const write = editors.map((role) => role[0]).join("");
  Object.assign(EXPECTED, { [operations.list]: "omck", [operations.one]: "omck" });
  Object.assign(EXPECTED, { [operations.create]: write, [operations.update]: write });
}

type CallerName =
  "anonymous" | "owner" | "manager" | "clerk" | "apiKey" | "foreignOwner" | "foreignStoreManager" | "operator";
const ROLE_OF: Record<CallerName, string> = {
  anonymous: "",
  owner: "o",
  manager: "m",
  clerk: "c",
  apiKey: "k",
  foreignOwner: "o",
  foreignStoreManager: "m",
  operator: "p",
};
const CALLERS = Object.keys(ROLE_OF) as CallerName[];
const AUTH_CODES = ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"];
/** What a foreign merchant or store may get back for someone else's object: nothing. */
const HIDDEN_CODES = ["NOT_FOUND", "FORBIDDEN", "BAD_USER_INPUT"];

let server: TestServer;
let f: Fixtures;

beforeAll(async () => {
  server = await startTestServer();
  f = await createFixtures(server);
});
afterAll(() => server?.stop());

function credentials(caller: CallerName): Credentials {
  switch (caller) {
    case "anonymous":
      return {};
    case "owner":
      return { token: f.a.ownerToken };
    case "manager":
      return { token: f.a.managerToken };
    case "clerk":
      return { token: f.a.clerkToken };
    case "apiKey":
      return { apiKey: f.a.apiKey };
    case "foreignOwner":
      return { token: f.b.ownerToken };
    case "foreignStoreManager":
      return { token: f.storeBManagerToken };
    case "operator":
      return { token: f.operatorToken };
  }
}

const codesOf = (result: GraphQLResponse) => (result.errors ?? []).map((e) => e.extensions?.code ?? "?");

/**
 * What the caller must get, or undefined when it passes; `reach` says which of merchant A's objects the request names.
 */
function mismatch(op: string, caller: CallerName, reach: string, result: GraphQLResponse): string | undefined {
  const roles = EXPECTED[op];
  const codes = codesOf(result);
  const data = (result.data as Record<string, unknown> | null | undefined)?.[op];
  const allowedRole = roles === "*" || (caller !== "anonymous" && roles.includes(ROLE_OF[caller]));
  if (result.status >= 500 || codes.includes("INTERNAL_SERVER_ERROR"))
    return `server error ${JSON.stringify(result.errors)}`;
  if (!allowedRole) {
    const want = caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN";
    return codes.length === 1 && codes[0] === want
      ? undefined
      : `expected ${want}, got ${JSON.stringify(codes)} ${data === undefined ? "" : JSON.stringify(data)}`;
  }
  const foreign =
    (caller === "foreignOwner" && reach !== "none") || (caller === "foreignStoreManager" && reach === "store");
  if (foreign) {
    if (codes.length > 0)
      return codes.every((code) => HIDDEN_CODES.includes(code))
        ? undefined
        : `expected it hidden, got ${JSON.stringify(codes)}`;
    if (data === null) return undefined;
    // A page filtered by another's store is empty.
    if (
      data &&
      typeof data === "object" &&
      Array.isArray((data as { nodes?: unknown[] }).nodes) &&
      (data as { nodes: unknown[] }).nodes.length === 0
    )
      return undefined;
    // A batch answers per item: each refused on its own.
    if (
      Array.isArray(data) &&
      data.every(
        (item) =>
          item && typeof item === "object" && "errorCode" in item && HIDDEN_CODES.includes(String(item.errorCode)),
      )
    )
      return undefined;
    return (
      `expected NOT_FOUND or null for another ` +
      `${caller === "foreignOwner" ? "merchant" : "store"}'s object, got ` +
      `${JSON.stringify(data)}`
    );
  }
  const refused = codes.filter((code) => AUTH_CODES.includes(code));
  if (refused.length) return `expected it allowed, got ${JSON.stringify(result.errors)}`;
  if (codes.length === 0 && data === null && reach !== "none") return "expected the own-scope object, got null";
  return undefined;
}

describe("authorization matrix", () => {
  it("has an expectation for every operation of the schema, and none for operations that are gone", () => {
    const names = operations()
      .map((op) => op.name)
      .sort();
    expect(names.filter((name) => !(name in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((name) => !names.includes(name))).toEqual([]);
  });

  it("every operation, as every caller, gets what the table says", async () => {
    const failures: string[] = [];
    const ops = operations().filter((op) => op.name in EXPECTED);
    let calls = 0;
    let refusals = 0;
    const badInputWhenAllowed = new Set<string>();
    // Operations run side by side; each operation's callers run in turn.
    await Promise.all(
      ops.map(async (op) => {
        for (const caller of CALLERS) {
          const { variables, reach } = await requestFor(f, server, op);
          const result = await gql(server, documentFor(op, variables), variables, credentials(caller));
          calls++;
          if (codesOf(result).length) refusals++;
          const problem = mismatch(op.name, caller, reach, result);
          const roles = EXPECTED[op.name];
          if (caller === "owner" && roles.includes("o") && codesOf(result).includes("BAD_USER_INPUT"))
            badInputWhenAllowed.add(op.name);
          if (problem) failures.push(`${op.kind} ${op.name} as ${caller}: ${problem}`);
        }
      }),
    );
    console.log(
      `authz matrix: ${ops.length} operations × ${CALLERS.length} callers = ${calls} ` +
        `calls (${refusals} answered with an error), ${Object.keys(EXPECTED).length} ` +
        `expectation rows`,
    );
    // Generated input the rules refuse still proves the caller got past authorization; listed so it can be improved.
    console.log(
      `owner calls answered BAD_USER_INPUT (generated input): ${[...badInputWhenAllowed].sort().join(", ") || "none"}`,
    );
    expect(failures).toEqual([]);
  });
});
