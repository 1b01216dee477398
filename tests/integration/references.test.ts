/**
 * References are checked: every argument or input field of a mutation that
 * names an object of the merchant (a store, coupon template, tier, segment,
 * top-up plan, reward, staff member, member) is given, in an otherwise
 * accepted request, the id of another merchant's object of that kind and an id
 * that names nothing. Both must be refused (NOT_FOUND or BAD_USER_INPUT) and
 * write nothing; nothing dangling is ever stored. A manager of one store naming
 * another store of the chain is refused the same way.
 */
import { getNullableType, isInputObjectType, isListType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, ok, type Credentials, type GraphQLResponse } from "../support/api.js";
import {
  createFixtures,
  documentFor,
  operations,
  requestFor,
  type Fixtures,
  type Operation,
} from "../support/operations.js";
import { targets, withValueAt, type Target } from "../support/targets.js";
import { startTestServer, writeCounter, type TestServer } from "../support/server.js";

const REFUSED = new Set(["NOT_FOUND", "BAD_USER_INPUT"]);

type Kind = "store" | "template" | "tier" | "segment" | "plan" | "reward" | "staff" | "member";

/** What an argument or input field names, by its name; undefined for keys and the objects a mutation acts on. */
function kindOf(name: string): Kind | undefined {
  if (/^(storeId|storeIds|homeStoreId|defaultStoreId)$/.test(name)) return "store";
  if (/TemplateIds?$|^templateId$/.test(name)) return "template";
  if (/^tierIds?$/.test(name)) return "tier";
  if (name === "segmentId") return "segment";
  if (name === "planId") return "plan";
  if (name === "rewardId") return "reward";
  if (name === "guideId") return "staff";
  if (/^memberIds?$/.test(name)) return "member";
  return undefined;
}

/** The targets that name an object of the merchant, with the kind they name. */
function references(op: Operation): (Target & { kind: Kind; list: boolean })[] {
  return targets(op).flatMap((target) => {
    const kind = kindOf(target.name);
    const nullable = getNullableType(target.type);
    const list = isListType(nullable);
    // A list is given whole ([id]); its item target (path ending in 0) is the same field.
    if (
      !kind ||
      typeof target.path.at(-1) === "number" ||
      isInputObjectType(list ? getNullableType(nullable.ofType) : nullable)
    )
      return [];
    return [{ ...target, kind, list }];
  });
}

let server: TestServer;
let f: Fixtures;
const writes = writeCounter();
/** Merchant B's object of each kind. */
const foreign = {} as Record<Kind, string>;

beforeAll(async () => {
  server = await startTestServer({ wrapDb: writes.wrapDb });
  f = await createFixtures(server);
  const owner = { token: f.b.ownerToken };
  const made = await ok(
    gql(
      server,
      `mutation($t: CouponTemplateInput!) {
        createCouponTemplate(input: $t) { id }
        saveSegment(input: { name: "B 的分组", filter: {} }) { id }
        createTopUpPlan(input: { name: "B 充值", pay: 10000, bonus: 0, scope: any }) { id }
        createReward(input: { name: "B 礼品", pointsCost: 10, unlimited: true }) { id }
      }`,
      { t: { name: "B 的券", kind: "amount_off", amountOff: 100, validDays: 30 } },
      owner,
    ),
  );
  const staff = (await ok(gql(server, `{ staffMembers(first: 50) { nodes { id role } } }`, {}, owner))).staffMembers
    .nodes as { id: string; role: string }[];
  const member = await ok(
    gql(
      server,
      `mutation { registerMember(input: { phone: "13700001111", name: "B 会员", homeStoreId: "${f.b.stores[0].id}" }) { member { id } } }`,
      {},
      owner,
    ),
  );
  Object.assign(foreign, {
    store: f.b.stores[0].id,
    template: made.createCouponTemplate.id,
    tier: "tier-of-nobody",
    segment: made.saveSegment.id,
    plan: made.createTopUpPlan.id,
    reward: made.createReward.id,
    staff: staff.find((s) => s.role === "clerk")!.id,
    member: member.registerMember.member.id,
  });
});
afterAll(() => server?.stop());

/** The per-item codes of a batch mutation's answer (issueCoupons), or undefined for any other answer. */
function batchRefusals(op: Operation, result: GraphQLResponse): (string | null)[] | undefined {
  const items = (result.data as Record<string, unknown> | undefined)?.[op.name];
  if (!Array.isArray(items) || !items.length || !items.every((item) => "errorCode" in item)) return undefined;
  return items.map((item) => item.errorCode);
}

/** Merchant A's object of each kind. */
function own(): Record<Kind, string> {
  return {
    store: f.a.stores[0].id,
    template: f.templateId,
    tier: "silver",
    segment: f.segmentId,
    plan: f.planId,
    reward: f.rewardId,
    staff: f.clerkId,
    member: f.member.id,
  };
}

async function attempt(op: Operation, target: Target & { list: boolean }, id: string, credentials: Credentials) {
  const { variables } = await requestFor(f, server, op);
  const sent = withValueAt(variables, target, target.list ? [id] : id);
  writes.count = 0;
  const result = await gql(server, documentFor(op, sent), sent, credentials);
  return { result, written: writes.count };
}

describe("references to the merchant's objects", () => {
  it("are refused when they name another merchant's object or nothing, and nothing is written", async () => {
    const problems: string[] = [];
    let calls = 0;
    for (const op of operations().filter(
      (candidate) => candidate.kind === "mutation" && candidate.name !== "onboardMerchant",
    )) {
      for (const target of references(op)) {
        // The control: the merchant's own object in the same place is accepted, so a refusal below is the id's doing.
        const control = await attempt(op, target, own()[target.kind], { token: f.a.ownerToken });
        const controlCodes =
          batchRefusals(op, control.result)?.filter(Boolean) ??
          (control.result.errors ?? []).map((error) => error.extensions?.code);
        if (controlCodes.length)
          problems.push(
            `${op.name} ${target.path.join(".")} = own ${target.kind}: refused ` +
              `(${JSON.stringify(control.result.errors ?? controlCodes).slice(0, 200)})`,
          );
        for (const [label, id] of [
          ["another merchant's", foreign[target.kind]],
          ["no", "missing-0000"],
        ] as const) {
          const { result, written } = await attempt(op, target, id, { token: f.a.ownerToken });
          calls++;
          const where = `${op.name} ${target.path.join(".")} = ${label} ${target.kind}`;
          const batch = batchRefusals(op, result);
          if (batch) {
            // A batch answers for each item on its own: the named member's item is refused, nothing is issued.
            if (!batch.every((code) => REFUSED.has(code!))) problems.push(`${where}: items ${batch}`);
            continue;
          }
          const codes = (result.errors ?? []).map((error) => error.extensions?.code);
          if (!codes.length) problems.push(`${where}: accepted`);
          else if (!codes.every((code) => REFUSED.has(code!))) problems.push(`${where}: ${codes}`);
          if (written) problems.push(`${where}: wrote ${written} times`);
        }
      }
    }
    console.log(`references: ${calls} calls with foreign or missing ids`);
    expect(problems).toEqual([]);
  });

  it("a manager of one store naming another store of the chain is refused, and nothing is written", async () => {
    const problems: string[] = [];
    let tried = 0;
    for (const op of operations().filter((candidate) => candidate.kind === "mutation")) {
      for (const target of references(op).filter((candidate) => candidate.kind === "store")) {
        // The control: naming the manager's own store is accepted (or the mutation is not a manager's at all).
        const control = await attempt(op, target, f.a.stores[0].id, { token: f.a.managerToken });
        const controlCodes = (control.result.errors ?? []).map((error) => error.extensions?.code);
        if (controlCodes.includes("FORBIDDEN")) continue;
        if (controlCodes.length)
          problems.push(
            `${op.name} ${target.path.join(".")} = own store: ${JSON.stringify(control.result.errors).slice(0, 200)}`,
          );
        tried++;
        const { result, written } = await attempt(op, target, f.a.stores[1].id, { token: f.a.managerToken });
        const codes = (result.errors ?? []).map((error) => error.extensions?.code);
        const where = `${op.name} ${target.path.join(".")}`;
        if (!codes.length) problems.push(`${where}: accepted`);
        else if (!codes.every((code) => REFUSED.has(code!) || code === "FORBIDDEN"))
          problems.push(`${where}: ${codes}`);
        if (written) problems.push(`${where}: wrote ${written} times`);
      }
    }
    console.log(`references: ${tried} store references a manager may make, each tried with another store`);
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(5);
  });
});
