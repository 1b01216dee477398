/** `npm run job` runs a job by hand exactly as the schedule would: once, however often it is run. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { enrol } from "../support/members.js";
import { runScript } from "../support/scripts.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { BIRTHDAY_HOLDOUT_OFF } from "../support/holdouts.js";

let server: TestServer;
let shop: TestMerchant;

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

const job = (...args: string[]) => runScript(server, "job", ...args);

describe("npm run job", () => {
  it("greets today's birthdays once, then dispatches the message to the local inbox", async () => {
    const member = await enrol(
      server,
      { apiKey: shop.apiKey },
      { homeStoreId: shop.stores[0].id, birthday: { month: 3, day: 14 }, marketingSmsConsent: true },
    );
    await ok(gql(server, BIRTHDAY_HOLDOUT_OFF, {}, { token: shop.ownerToken }));
    const first = await job("birthday", "--date", "2027-03-14", "--merchant", shop.merchantId);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`${shop.merchantId} 2027-03-14 birthday: acted on 1, already done 0, SMS 1`);
    const again = await job("birthday", "--date", "2027-03-14", "--merchant", shop.merchantId);
    expect(again.stdout).toContain("acted on 0, already done 1, SMS 0");
    const sent = await job("dispatch");
    expect(sent.status, sent.stderr).toBe(0);
    const messages = (
      await ok(gql(server, `{ smsMessages { nodes { memberId purpose status } } }`, {}, { token: shop.ownerToken }))
    ).smsMessages.nodes;
    expect(
      messages
        .filter((m: { memberId: string }) => m.memberId === member.id)
        .map((m: { purpose: string; status: string }) => [m.purpose, m.status]),
    ).toEqual([["birthday", expect.stringMatching(/^(sent|queued)$/)]]);
    expect(codes(await gql(server, `{ smsMessages { nodes { id } } }`, {}, { apiKey: shop.apiKey }))).toEqual([
      "FORBIDDEN",
    ]);
  });

  it("refuses an unknown job or a missing date with one clear line", async () => {
    const unknown = await job("gardening", "--date", "2027-03-14");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toMatch(/^BAD_USER_INPUT: Name a job: stats, birthday, wakeup/);
    const dateless = await job("birthday");
    expect(dateless.stderr.trim()).toBe("BAD_USER_INPUT: --date YYYY-MM-DD is required (the merchant's local date)");
  });
});
