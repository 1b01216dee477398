/**
 * Credentials cached in the warm function (functions/adapters/callerCache.ts) and the
 * batched rate limiter (functions/app/rateLimit.ts), through the very handler Lambda runs,
 * made in this process beside the test server (as a second warm function would be) with a
 * metered table client and a clock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphqlHandler } from "../../functions/api.js";
import { CALLER_CACHE_SECONDS } from "../../functions/adapters/callerCache.js";
import { batchOf } from "../../functions/app/rateLimit.js";
import { withSend } from "../../functions/data/db.js";
import { createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { settableClock } from "../support/clock.js";
import { handlerEnv, jsonEvent } from "../support/lambdaBundle.js";
import { metered } from "../support/metered.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
  await ok(
    gql(
      server,
      `mutation($s: ID) { registerMember(input: { phone: "13700001234", name: "缓存", homeStoreId: $s }) { created } }`,
      { s: shop.stores[0].id },
      { apiKey: shop.apiKey },
    ),
  );
});
afterAll(() => server?.stop());

/** Another warm function over the server's table: its own caches and limiter, its requests counted. */
function warmFunction(env: Record<string, string> = {}) {
  // Now, so the test's tokens were issued before it; `after(s)` moves it s seconds on from here.
  const start = Date.now();
  const clock = settableClock(new Date(start).toISOString());
  const after = (seconds: number) => clock.set(new Date(start + seconds * 1000).toISOString());
  let counted: ReturnType<typeof metered>["log"] = [];
  const handler = createGraphqlHandler(
    { ...handlerEnv(server), ...env },
    {
      clock,
      wrapDb: (db) => {
        const meter = metered(db);
        counted = meter.log;
        return meter.db;
      },
    },
  );
  const call = async (query: string, headers: Record<string, string>) => {
    const answer = await handler(jsonEvent({ query }, headers) as never, { awsRequestId: "r" } as never);
    return { status: answer.statusCode ?? 0, body: JSON.parse(answer.body!) };
  };
  return { clock, after, call, requests: () => counted.map((entry) => entry.request), reset: () => counted.splice(0) };
}

const LOOKUP = `{ memberByPhone(phone: "13700001234") { name } }`;

describe("credentials cached in a warm function", () => {
  it("reads an API key once: a warm look-up by phone costs the phone pointer and the member, 2 reads", async () => {
    const fn = warmFunction();
    const key = { "x-api-key": shop.apiKey };
    expect((await fn.call(LOOKUP, key)).body.data.memberByPhone.name).toBe("缓存");
    expect(fn.requests()).toEqual(["GetCommand", "GetCommand", "GetCommand"]);
    fn.reset();
    expect((await fn.call(LOOKUP, key)).body.data.memberByPhone.name).toBe("缓存");
    expect(fn.requests()).toEqual(["GetCommand", "GetCommand"]);
    fn.after(CALLER_CACHE_SECONDS + 1);
    fn.reset();
    await fn.call(LOOKUP, key);
    expect(fn.requests(), "read again once the cache time is over").toEqual(["GetCommand", "GetCommand", "GetCommand"]);
  });

  it("refuses a revoked key at once where it was revoked, and within the cache time on another warm function", async () => {
    const owner = { token: shop.ownerToken };
    const made = await ok(
      gql(server, `mutation { createApiKey(input: { name: "收银二" }) { secret apiKey { id } } }`, {}, owner),
    );
    const key = { "x-api-key": made.createApiKey.secret as string };
    const fn = warmFunction();
    expect((await fn.call(LOOKUP, key)).status).toBe(200);
    expect((await gql(server, LOOKUP, {}, { apiKey: key["x-api-key"] })).status).toBe(200);
    await ok(
      gql(server, `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: made.createApiKey.apiKey.id }, owner),
    );
    const there = await gql(server, LOOKUP, {}, { apiKey: key["x-api-key"] });
    expect(there.status, "the function that revoked it").toBe(401);
    fn.after(CALLER_CACHE_SECONDS - 1);
    expect((await fn.call(LOOKUP, key)).status, "another function, within the cache time").toBe(200);
    fn.after(CALLER_CACHE_SECONDS);
    const refused = await fn.call(LOOKUP, key);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a disabled staff member at once where it was done, and within the cache time elsewhere", async () => {
    const viewer = `{ viewer { kind role staff { id } } }`;
    const manager = { authorization: `Bearer ${shop.managerToken}` };
    const fn = warmFunction();
    const seen = await fn.call(viewer, manager);
    expect(seen.body, JSON.stringify(seen.body)).toHaveProperty("data.viewer.role", "manager");
    fn.reset();
    await fn.call(`{ version }`, manager);
    expect(fn.requests(), "token verified and staff record read once").toEqual([]);
    const managerId = seen.body.data.viewer.staff.id;
    expect((await gql(server, viewer, {}, { token: shop.managerToken })).status).toBe(200);
    const disable = `mutation($id: ID!) { updateStaff(id: $id, input: { status: disabled }) { status } }`;
    await ok(gql(server, disable, { id: managerId }, { token: shop.ownerToken }));
    expect((await gql(server, viewer, {}, { token: shop.managerToken })).status, "where it was disabled").toBe(401);
    fn.after(CALLER_CACHE_SECONDS + 1);
    const refused = await fn.call(viewer, manager);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].message).toMatch(/disabled/);
  });

  it("keeps a verified token until it expires, then refuses it", async () => {
    const fn = warmFunction();
    const owner = { authorization: `Bearer ${shop.ownerToken}` };
    expect((await fn.call(`{ viewer { role } }`, owner)).status).toBe(200);
    const exp = JSON.parse(Buffer.from(shop.ownerToken.split(".")[1], "base64url").toString()).exp as number;
    fn.clock.set(new Date(exp * 1000 + 1000).toISOString());
    const refused = await fn.call(`{ viewer { role } }`, owner);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].message).toMatch(/expired/);
  });
});

describe("the rate limiter counts in the function and writes in batches", () => {
  const LIMIT = 100;

  it("admits a key's limit in a second with a write per tenth of it, refuses the rest at once", async () => {
    const made = await ok(
      gql(server, `mutation { createApiKey(input: { name: "限流" }) { secret } }`, {}, { token: shop.ownerToken }),
    );
    const key = { "x-api-key": made.createApiKey.secret as string };
    const one = warmFunction({ API_KEY_RATE_LIMIT: String(LIMIT) });
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 20; i++) statuses.push((await one.call(`{ version }`, key)).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(LIMIT);
    expect(statuses.slice(LIMIT)).toEqual(Array(20).fill(429));
    const writes = one.requests().filter((request) => request === "UpdateCommand");
    expect(writes).toHaveLength(LIMIT / batchOf(LIMIT));
    expect(writes.length / LIMIT).toBeLessThanOrEqual(0.1);

    // A second warm function in the same second learns the total at its first write and refuses after it.
    const two = warmFunction({ API_KEY_RATE_LIMIT: String(LIMIT) });
    two.clock.set(one.clock.now());
    const more: number[] = [];
    for (let i = 0; i < 3 * batchOf(LIMIT); i++) more.push((await two.call(`{ version }`, key)).status);
    expect(more.filter((status) => status === 200).length).toBeLessThanOrEqual(batchOf(LIMIT));
    expect(more.at(-1)).toBe(429);

    // The next second starts afresh.
    one.after(1);
    expect((await one.call(`{ version }`, key)).status).toBe(200);
  });

  it("writes the counter beside the operation, not before it", async () => {
    const made = await ok(
      gql(server, `mutation { createApiKey(input: { name: "并行" }) { secret } }`, {}, { token: shop.ownerToken }),
    );
    const key = { "x-api-key": made.createApiKey.secret as string };
    const events: string[] = [];
    let releaseUpdate!: () => void;
    const updateHeld = new Promise<void>((resolve) => (releaseUpdate = resolve));
    const handler = createGraphqlHandler(
      { ...handlerEnv(server), API_KEY_RATE_LIMIT: "1" },
      {
        wrapDb: (db) =>
          withSend(db, async (command, send) => {
            const name = command.constructor.name;
            events.push(`${name} start`);
            // The counter write waits until the operation has read the member.
            if (name === "UpdateCommand") await updateHeld;
            const output = await send();
            events.push(`${name} end`);
            if (events.filter((event) => event === "GetCommand end").length === 3) releaseUpdate();
            return output;
          }),
      },
    );
    const answer = await handler(jsonEvent({ query: LOOKUP }, key) as never, { awsRequestId: "r" } as never);
    expect(JSON.parse(answer.body!).data.memberByPhone.name).toBe("缓存");
    const update = events.indexOf("UpdateCommand start");
    expect(update).toBeGreaterThan(0);
    expect(events.slice(update + 1, events.indexOf("UpdateCommand end"))).toEqual(
      expect.arrayContaining(["GetCommand start", "GetCommand end"]),
    );
  });
});
