/**
 * The member list as a Youzan merchant scans it (等级, 积分, 储值余额, 消费次数,
 * 最近消费): the rows' accounts are read together, so a page of 25 costs the
 * same requests as a page of 5, and each row shows its own member's figures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSend, type Db } from "../../functions/data/db.js";
import { createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { enrol } from "../support/members.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let requests: string[] = [];
const LIST = `query($first: Int) { members(first: $first) { nodes { id name account {
  tierName available storedValuePrincipal storedValueBonus visits lastVisitAt lifetimeSpend } } } }`;

beforeAll(async () => {
  server = await startTestServer({
    wrapDb: (db: Db) => withSend(db, (command, send) => (requests.push(command.constructor.name), send())),
  });
  shop = await createMerchant(server);
  const members = [];
  const owner = { token: shop.ownerToken };
  for (let i = 0; i < 26; i++)
    members.push(await enrol(server, owner, { name: `会员${i}`, homeStoreId: shop.stores[0].id }));
  // Two members have bought something, so their rows differ from the others'.
  for (const [index, total] of [
    [0, 8800],
    [25, 12000],
  ] as const) {
    const { id: memberId } = members[index];
    const lines = [{ sku: "TEA", name: "奶茶", category: "drinks", unitPrice: total, qty: 1 }];
    const input = { memberId, orderId: `o-${index}`, storeId: shop.stores[0].id, total, lines, paymentMethod: "cash" };
    await ok(
      gql(
        server,
        `mutation($i: RecordPurchaseInput!) { recordPurchase(input: $i) { order { id } } }`,
        { i: input },
        owner,
      ),
    );
  }
});
afterAll(() => server?.stop());

async function listed(first: number) {
  requests = [];
  const nodes = (await ok(gql(server, LIST, { first }, { token: shop.ownerToken }))).members.nodes;
  return { nodes, requests: [...requests] };
}

describe("the member list with account columns", () => {
  it("reads every row's account in one request, whatever the page size", async () => {
    const five = await listed(5);
    const page = await listed(25);
    expect(page.nodes).toHaveLength(25);
    expect(page.requests).toEqual(five.requests);
    expect(page.requests.filter((name) => name === "BatchGetCommand")).toHaveLength(1);
  });

  it("shows each member's own figures", async () => {
    const { nodes } = await listed(26);
    type Row = { name: string; account: { visits: number; lifetimeSpend: number; tierName: string } };
    const byName = new Map((nodes as Row[]).map((row) => [row.name, row.account]));
    expect(byName.get("会员0")).toMatchObject({ visits: 1, lifetimeSpend: 8800 });
    expect(byName.get("会员25")).toMatchObject({ visits: 1, lifetimeSpend: 12000 });
    expect(byName.get("会员7")).toMatchObject({ visits: 0, lifetimeSpend: 0 });
    expect(new Set([...byName.values()].map((account) => account.tierName)).size).toBeGreaterThan(0);
  });
});
