/** Recording a purchase costs exactly the requests and capacity docs/access-patterns.md documents. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { cryptoIds } from "../../functions/adapters/ids.js";
import { systemClock } from "../../functions/adapters/clock.js";
import { recordPurchase } from "../../functions/app/loyalty/index.js";
import { createMerchant, type TestMerchant } from "../support/api.js";
import { enrol } from "../support/members.js";
import { metered } from "../support/metered.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

describe("the cost of recording a purchase", () => {
  it(
    "is 4 requests: order check, store, one batch read of merchant, rules, member and " +
      "account, one 8-item transaction (the dashboard's counter item and the member check included)",
    async () => {
      const member = await enrol(server, { apiKey: shop.apiKey }, { homeStoreId: shop.stores[0].id });
      const { db, log } = metered(server.db);
      const deps = { db, ids: cryptoIds, clock: systemClock, identity: localIdentity(server.db) };
      const caller = { kind: "apiKey" as const, merchantId: shop.merchantId, keyId: "k" };
      const input = {
        orderId: `cost-${member.id}`,
        memberId: member.id,
        storeId: shop.stores[0].id,
        paymentMethod: "cash",
        total: 2000,
        lines: [{ sku: "a", name: "a", category: "c", qty: 1, unitPrice: 2000 }],
      };
      const result = await recordPurchase(deps, caller, input);
      expect(result.created).toBe(true);
      // Documented in docs/access-patterns.md ("record a purchase"), as DynamoDB Local reports it
      // for a member's first purchase under default rules (no rules item, no account item yet).
      expect(log.map(({ request, capacity, writes }) => ({ request, capacity, writes }))).toEqual([
        { request: "GetCommand", capacity: 1, writes: undefined },
        { request: "GetCommand", capacity: 0.5, writes: undefined },
        { request: "BatchGetCommand", capacity: 2, writes: undefined },
        // order, account, ledger entry, PurchaseRecorded, PointsEarned, LifecycleChanged events, one counter item,
        // and (the account being new) a check that the member is the version its contact copy was taken from.
        { request: "TransactWriteCommand", capacity: 28, writes: 8 },
      ]);
      log.length = 0;
      const retry = await recordPurchase(deps, caller, input);
      expect(retry.created).toBe(false);
      expect(log.map((entry) => entry.request)).toEqual(["GetCommand", "BatchGetCommand"]);
    },
  );
});
