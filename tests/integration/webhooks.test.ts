/**
 * Webhooks end to end on DynamoDB Local with a real receiver on loopback: endpoints through the API (the secret
 * shown once), signed deliveries of real domain events through the local dispatcher, retries on 5xx and timeouts,
 * nothing lost or sent twice when a dispatcher dies halfway, an endpoint disabled after failing for 3 days, secret
 * rolls, re-sends, production's address rules; bad input, roles and tenancy.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { httpWebhookSender } from "../../functions/adapters/webhooks/http.js";
import { attempt, newDelivery } from "../../functions/app/webhooks/attempt.js";
import { DEFER_MS, emptyRun, intake, retryDue } from "../../functions/app/webhooks/delivery.js";
import { webhookBody } from "../../functions/core/webhooks.js";
import { toEntry } from "../../functions/events.js";
import { takeMessages } from "../../functions/webhooks.js";
import type { DomainEvent } from "../../functions/core/model.js";
import { keys } from "../../functions/data/keys.js";
import * as repo from "../../functions/data/webhooks.js";
import { startLocalWebhooks } from "../../scripts/local/webhooks.js";
import { depsFor } from "../../scripts/local/deps.js";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { depsWithClock } from "../support/clock.js";
import { phone } from "../support/members.js";
import { signedWith, startReceiver, until, type Receiver } from "../support/receiver.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let other: TestMerchant;
const receivers: Receiver[] = [];
/** Everything the code under test logged: no secret may be in it. */
const logged: string[] = [];

beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error"] as const) {
    const original = console[level];
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
      original(...args);
    });
  }
  server = await startTestServer();
  [shop, other] = await Promise.all([createMerchant(server), createMerchant(server)]);
});
afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.stop()));
  await server?.stop();
  vi.restoreAllMocks();
});

/** Each test's endpoints go with it: an endpoint for every type would otherwise hear the next tests' events. */
afterEach(async () => {
  for (const merchant of [shop, other])
    for (const endpoint of await repo.listEndpoints(server.db, merchant.merchantId))
      await repo.deleteEndpoint(server.db, merchant.merchantId, endpoint.id);
});

async function receiver() {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

const ENDPOINT = `id url description eventTypes status disabledReason failingSince secretPrefix
  previousSecretExpiresAt createdAt updatedAt`;
const DELIVERY = `id endpointId eventId eventType status nextAttemptAt deliveredAt payload
  attempts { at statusCode latencyMs responseExcerpt ok }`;
const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { ${ENDPOINT} } } }`;
const secrets: string[] = [];

async function createEndpoint(merchant: TestMerchant, url: string, eventTypes: string[] = []) {
  const input = { url, eventTypes, description: "测试收件" };
  const created = (await ok(gql(server, CREATE, { input }, { token: merchant.ownerToken }))).createWebhookEndpoint;
  secrets.push(created.secret);
  return created as { secret: string; endpoint: { id: string; secretPrefix: string; status: string } };
}

const verifies = signedWith;

const event = (merchantId: string, type = "MemberJoined", at = new Date().toISOString()): DomainEvent => ({
  id: `ev${Math.random().toString(36).slice(2)}`,
  merchantId,
  type,
  at,
  detail: { memberId: "m1", homeStoreId: "s1", channel: "qr", guideId: null },
});

describe("endpoints through the API", () => {
  it("registers an endpoint, shows its secret once and never again, lists event types", async () => {
    const hook = await receiver();
    const created = await createEndpoint(shop, hook.url, ["MemberJoined", "TierChanged"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect(created.endpoint).toMatchObject({ status: "enabled", secretPrefix: `${created.secret.slice(0, 10)}…` });
    const listed = await ok(gql(server, `{ webhookEndpoints { ${ENDPOINT} } }`, {}, { token: shop.ownerToken }));
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const asked = await gql(server, `{ webhookEndpoints { secret } }`, {}, { token: shop.ownerToken });
    expect(codes(asked)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    const types = await ok(gql(server, `{ webhookEventTypes { name description } }`, {}, { token: shop.ownerToken }));
    expect(types.webhookEventTypes.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(["TierChanged", "PurchaseRecorded", "WebhookTest"]),
    );
  });

  it.each([
    ["a relative url", { url: "/hooks" }, "url"],
    ["an ftp url", { url: "ftp://example.com/hooks" }, "url"],
    ["a url with a password", { url: "https://a:b@example.com/hooks" }, "url"],
    ["a url over 500 characters", { url: `https://example.com/${"x".repeat(500)}` }, "url"],
    ["an unknown event type", { eventTypes: ["MemberJoined", "Nope"] }, "eventTypes"],
    ["the test event type", { eventTypes: ["WebhookTest"] }, "eventTypes"],
    ["a description over 100 characters", { description: "长".repeat(101) }, "description"],
  ])("refuses %s with BAD_USER_INPUT on the field, and registers nothing", async (_, change, field) => {
    const before = await repo.listEndpoints(server.db, other.merchantId);
    const input = { url: "https://example.com/hooks", eventTypes: [], ...change };
    const refused = await gql(server, CREATE, { input }, { token: other.ownerToken });
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors?.[0].extensions?.field).toBe(field);
    expect(await repo.listEndpoints(server.db, other.merchantId)).toEqual(before);
  });

  it("refuses a roll window over 72 hours and an eleventh endpoint, changing nothing", async () => {
    const hook = await receiver();
    const { endpoint } = await createEndpoint(other, hook.url);
    const roll = `mutation($id: ID!, $h: Int) { rollWebhookSecret(id: $id, expireOldAfterHours: $h) { secret } }`;
    const refused = await gql(server, roll, { id: endpoint.id, h: 73 }, { token: other.ownerToken });
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect((await repo.getEndpoint(server.db, other.merchantId, endpoint.id))?.secretPrefix).toBe(
      endpoint.secretPrefix,
    );
    while ((await repo.listEndpoints(server.db, other.merchantId)).length < 10) await createEndpoint(other, hook.url);
    const eleventh = await gql(
      server,
      CREATE,
      { input: { url: hook.url, eventTypes: [] } },
      { token: other.ownerToken },
    );
    expect(codes(eleventh)).toEqual(["CONFLICT"]);
    expect(await repo.listEndpoints(server.db, other.merchantId)).toHaveLength(10);
  });

  it("lets only the owner in, and never another merchant's owner", async () => {
    const hook = await receiver();
    const { endpoint } = await createEndpoint(shop, hook.url);
    const test = await ok(
      gql(
        server,
        `mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }`,
        { id: endpoint.id },
        {
          token: shop.ownerToken,
        },
      ),
    );
    const reads = [
      [`query($id: ID!) { webhookEndpoint(id: $id) { id } }`, { id: endpoint.id }],
      [`query($id: ID!) { webhookDelivery(id: $id) { id } }`, { id: test.sendTestWebhook.id }],
      [`mutation($id: ID!) { resendWebhookDelivery(id: $id) { id } }`, { id: test.sendTestWebhook.id }],
      [`mutation($id: ID!) { sendTestWebhook(endpointId: $id) { id } }`, { id: endpoint.id }],
      [`mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }`, { id: endpoint.id }],
      [`mutation($id: ID!) { rollWebhookSecret(id: $id) { secret } }`, { id: endpoint.id }],
    ] as const;
    const sent = hook.received.length;
    for (const [query, variables] of reads) {
      for (const credentials of [{ token: shop.managerToken }, { token: shop.clerkToken }, { apiKey: shop.apiKey }])
        expect(codes(await gql(server, query, variables, credentials))).toEqual(["FORBIDDEN"]);
      expect(codes(await gql(server, query, variables, { token: other.ownerToken }))).toEqual(["NOT_FOUND"]);
    }
    expect(hook.received).toHaveLength(sent);
    expect(await repo.getEndpoint(server.db, shop.merchantId, endpoint.id)).toMatchObject({ status: "enabled" });
  });
});

describe("delivery of domain events through the local dispatcher", () => {
  let dispatcher: { stop(): Promise<void> } | undefined;
  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = undefined;
  });

  it("delivers a real event signed, once, with its id, type and body; again after a restart from its cursor", async () => {
    const hook = await receiver();
    const { secret } = await createEndpoint(shop, hook.url, ["MemberJoined"]);
    dispatcher = startLocalWebhooks(depsFor(server.db), { everyMs: 100, log: (line) => logged.push(line) });
    const join = `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { member { id } } }`;
    const input = { phone: phone(), name: "推送测试", homeStoreId: shop.stores[0].id };
    const joined = await ok(gql(server, join, { input }, { apiKey: shop.apiKey }));
    const memberId = joined.registerMember.member.id;
    const mine = () => hook.received.filter((r) => JSON.parse(r.body).data.memberId === memberId);
    await until("the MemberJoined delivery", () => mine().length === 1);
    const [request] = mine();
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ type: "MemberJoined", merchantId: shop.merchantId, data: { memberId } });
    expect(request.headers["regulars-event-id"]).toBe(body.id);
    expect(request.headers["regulars-event-type"]).toBe("MemberJoined");
    expect(verifies(String(request.headers["regulars-signature"]), request.body, secret)).toBe(true);
    expect(verifies(String(request.headers["regulars-signature"]), `${request.body} `, secret)).toBe(false);

    await dispatcher.stop();
    const second = await ok(gql(server, join, { input: { ...input, phone: phone() } }, { apiKey: shop.apiKey }));
    dispatcher = startLocalWebhooks(depsFor(server.db), { everyMs: 100, log: (line) => logged.push(line) });
    const later = second.registerMember.member.id;
    await until("the event written while stopped", () =>
      hook.received.some((r) => JSON.parse(r.body).data.memberId === later),
    );
    expect(mine()).toHaveLength(1);
  });

  it("sends an endpoint only the types it asked for, and nothing from before it existed", async () => {
    const hook = await receiver();
    const { endpoint } = await createEndpoint(shop, hook.url, ["TierChanged"]);
    const deps = depsFor(server.db);
    const run = await intake(deps, [
      event(shop.merchantId, "MemberJoined"),
      event(shop.merchantId, "TierChanged", "2020-01-01T00:00:00.000Z"),
      event(shop.merchantId, "TierChanged"),
    ]);
    expect(run.delivered).toBeGreaterThanOrEqual(1);
    expect(hook.received.map((r) => JSON.parse(r.body).type)).toEqual(["TierChanged"]);
    const page = await repo.listDeliveries(server.db, shop.merchantId, endpoint.id, 10);
    expect(page.items).toHaveLength(1);
  });
});

describe("the delivery Lambda's queue messages", () => {
  it("takes each EventBridge event from the queue with the same body as locally; a bad message alone goes back", async () => {
    const hook = await receiver();
    await createEndpoint(shop, hook.url, ["StoredValuePaid"]);
    const paid = event(shop.merchantId, "StoredValuePaid");
    const entry = toEntry(paid, "bus");
    const envelope = {
      version: "0",
      id: "eb-1",
      "detail-type": entry.DetailType,
      source: entry.Source,
      account: "1",
      time: paid.at,
      region: "ap-east-1",
      resources: [],
      detail: JSON.parse(entry.Detail!),
    };
    const records = [
      { messageId: "m-good", body: JSON.stringify(envelope) },
      { messageId: "m-bad", body: JSON.stringify({ "detail-type": "StoredValuePaid", detail: { nope: 1 } }) },
    ];
    const run = emptyRun();
    const answer = await takeMessages(depsFor(server.db), { Records: records } as unknown as SQSEvent, run);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: "m-bad" }]);
    expect(run.delivered).toBe(1);
    expect(hook.received.map((r) => r.body)).toEqual([webhookBody(paid)]);
  });
});

describe("retries", () => {
  it("retries a 5xx with back-off, then delivers; the attempts are logged with status and latency", async () => {
    const hook = await receiver();
    hook.answer(503);
    const { endpoint } = await createEndpoint(shop, hook.url, ["PurchaseRecorded"]);
    const start = new Date().toISOString();
    const { deps, clock } = depsWithClock(server.db, start);
    const purchase = event(shop.merchantId, "PurchaseRecorded", start);
    expect(await intake(deps, [purchase])).toMatchObject({ delivered: 0, retried: 1 });
    const id = `${endpoint.id}.${purchase.id}`;
    const pending = await repo.getDelivery(server.db, shop.merchantId, id);
    expect(pending).toMatchObject({ status: "pending", attemptCount: 1 });
    const wait = Date.parse(pending!.nextAttemptAt!) - Date.parse(start);
    expect(wait).toBeGreaterThanOrEqual(27_000);
    expect(wait).toBeLessThanOrEqual(33_000);
    expect(await retryDue(deps)).toMatchObject({ delivered: 0, retried: 0 });
    hook.answer(200);
    clock.set(pending!.nextAttemptAt!);
    expect((await retryDue(deps)).delivered).toBeGreaterThanOrEqual(1);
    const done = await repo.getDelivery(server.db, shop.merchantId, id);
    expect(done).toMatchObject({ status: "delivered", attemptCount: 2 });
    expect(done!.attempts.map((a) => [a.statusCode, a.ok])).toEqual([
      [503, false],
      [200, true],
    ]);
    expect(done!.attempts[0].responseExcerpt).toBe("receiver is down");
    expect(hook.received.map((r) => r.headers["regulars-attempt"])).toEqual(["1", "2"]);
    const stored = await server.db.client.send(
      new GetCommand({ TableName: server.db.tableName, Key: keys.webhookDelivery(shop.merchantId, id) }),
    );
    expect(stored.Item?.expiresAtEpoch).toBe(Math.floor(Date.parse(start) / 1000) + 30 * 86_400);
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1);
  });

  it("counts a timeout as a failed attempt with no status, and keeps retrying for 3 days, then fails it", async () => {
    const hook = await receiver();
    hook.answer("hang");
    const { endpoint } = await createEndpoint(shop, hook.url, ["CheckedIn"]);
    const start = new Date().toISOString();
    const { deps, clock } = depsWithClock(server.db, start);
    const quick = { ...deps, webhooks: httpWebhookSender({ production: false, timeoutMs: 200 }) };
    const checkin = event(shop.merchantId, "CheckedIn", start);
    await intake(quick, [checkin]);
    const id = `${endpoint.id}.${checkin.id}`;
    let delivery = (await repo.getDelivery(server.db, shop.merchantId, id))!;
    expect(delivery.attempts[0]).toMatchObject({ ok: false, responseExcerpt: "no answer within 200 ms" });
    expect(delivery.attempts[0].statusCode).toBeUndefined();
    hook.answer(500);
    while (delivery.status === "pending") {
      clock.set(delivery.nextAttemptAt!);
      await retryDue(quick);
      delivery = (await repo.getDelivery(server.db, shop.merchantId, id))!;
    }
    expect(delivery.status).toBe("failed");
    const span = Date.parse(delivery.attempts.at(-1)!.at) - Date.parse(start);
    expect(span).toBeGreaterThanOrEqual(24 * 3600_000);
    expect(span).toBeLessThanOrEqual(3 * 24 * 3600_000);
    expect(delivery.attemptCount).toBeGreaterThanOrEqual(15);
    expect(delivery.attemptCount).toBe(hook.received.length);
  });
});

describe("a run's limits", () => {
  it("tries a failing endpoint once a run: its other deliveries wait 5 minutes, uncounted", async () => {
    const hook = await receiver();
    hook.answer("hang");
    const { endpoint } = await createEndpoint(shop, hook.url, ["CouponIssued"]);
    const start = new Date().toISOString();
    const { deps, clock } = depsWithClock(server.db, start);
    const quick = { ...deps, webhooks: httpWebhookSender({ production: false, timeoutMs: 200 }) };
    const issued = Array.from({ length: 6 }, () => event(shop.merchantId, "CouponIssued", start));
    const run = await intake(quick, issued);
    expect(hook.received.length).toBeLessThan(6);
    expect(run.retried + run.deferred).toBe(6);
    const page = await repo.listDeliveries(server.db, shop.merchantId, endpoint.id, 10);
    const waiting = page.items.filter((d) => d.attemptCount === 0);
    expect(waiting).toHaveLength(run.deferred);
    for (const d of waiting) expect(d.nextAttemptAt).toBe(new Date(Date.parse(start) + DEFER_MS).toISOString());
    clock.set(new Date(Date.parse(start) + DEFER_MS).toISOString());
    const sent = hook.received.length;
    const again = await retryDue(quick);
    expect(hook.received.length - sent).toBe(1);
    expect(again.retried + again.deferred).toBe(6);
  });

  it("tries every delivery to an endpoint that answers, even with a 503", async () => {
    const hook = await receiver();
    hook.answer(503);
    await createEndpoint(shop, hook.url, ["CheckedIn"]);
    const run = await intake(
      depsFor(server.db),
      Array.from({ length: 4 }, () => event(shop.merchantId, "CheckedIn")),
    );
    expect(run).toMatchObject({ retried: 4, deferred: 0 });
    expect(hook.received).toHaveLength(4);
  });

  it("past its time budget writes the deliveries due and leaves them to the sweep", async () => {
    const hook = await receiver();
    await createEndpoint(shop, hook.url, ["CouponRestored"]);
    const restored = [event(shop.merchantId, "CouponRestored"), event(shop.merchantId, "CouponRestored")];
    expect(await intake(depsFor(server.db), restored, 0)).toMatchObject({ delivered: 0, deferred: 0 });
    expect(hook.received).toHaveLength(0);
    expect(await retryDue(depsFor(server.db), 100, 0)).toMatchObject({ delivered: 0 });
    expect((await retryDue(depsFor(server.db))).delivered).toBe(2);
    expect(hook.received).toHaveLength(2);
  });
});

describe("nothing lost, nothing sent twice", () => {
  it("a delivery written but never attempted (the dispatcher died) is attempted by the sweep", async () => {
    const hook = await receiver();
    const { endpoint } = await createEndpoint(shop, hook.url, ["CouponIssued"]);
    const ep = (await repo.getEndpoint(server.db, shop.merchantId, endpoint.id))!;
    const issued = event(shop.merchantId, "CouponIssued");
    await repo.createDelivery(server.db, newDelivery(ep, issued, issued.at));
    await retryDue(depsFor(server.db));
    expect(hook.received).toHaveLength(1);
    expect(await intake(depsFor(server.db), [issued])).toMatchObject({ delivered: 0, retried: 0 });
    expect(hook.received).toHaveLength(1);
  });

  it("a delivery claimed by a dispatcher that died mid-attempt is sent once its lease is over, not before", async () => {
    const hook = await receiver();
    const { endpoint } = await createEndpoint(shop, hook.url, ["CouponRevoked"]);
    const ep = (await repo.getEndpoint(server.db, shop.merchantId, endpoint.id))!;
    const start = new Date().toISOString();
    const { deps, clock } = depsWithClock(server.db, start);
    const revoked = event(shop.merchantId, "CouponRevoked", start);
    const delivery = newDelivery(ep, revoked, start);
    await repo.createDelivery(server.db, delivery);
    expect(
      await repo.claim(server.db, delivery, start, new Date(Date.parse(start) + 60_000).toISOString()),
    ).toBeTruthy();
    expect(await retryDue(deps)).toMatchObject({ delivered: 0 });
    expect(hook.received).toHaveLength(0);
    clock.set(new Date(Date.parse(start) + 61_000).toISOString());
    expect(await retryDue(deps)).toMatchObject({ delivered: 1 });
    expect(hook.received).toHaveLength(1);
  });

  it("eight dispatchers taking the same event at once send it exactly once", async () => {
    const hook = await receiver();
    await createEndpoint(shop, hook.url, ["RewardRedeemed"]);
    const redeemed = event(shop.merchantId, "RewardRedeemed");
    const deps = depsFor(server.db);
    const runs = await Promise.all(Array.from({ length: 8 }, () => intake(deps, [redeemed])));
    expect(runs.reduce((sum, run) => sum + run.delivered, 0)).toBe(1);
    await Promise.all(Array.from({ length: 8 }, () => retryDue(deps)));
    expect(hook.received.filter((r) => JSON.parse(r.body).id === redeemed.id)).toHaveLength(1);
  });

  it("attempts a delivery whose endpoint was deleted as failed, without sending", async () => {
    const hook = await receiver();
    const { endpoint } = await createEndpoint(shop, hook.url, ["ReferralRewarded"]);
    const ep = (await repo.getEndpoint(server.db, shop.merchantId, endpoint.id))!;
    const rewarded = event(shop.merchantId, "ReferralRewarded");
    const delivery = newDelivery(ep, rewarded, rewarded.at);
    await repo.createDelivery(server.db, delivery);
    await repo.deleteEndpoint(server.db, shop.merchantId, endpoint.id);
    expect(await attempt(depsFor(server.db), delivery, undefined)).toEqual({
      status: "failed",
      disabled: false,
      answered: false,
    });
    expect(hook.received).toHaveLength(0);
    const failed = await repo.getDelivery(server.db, shop.merchantId, delivery.id);
    expect(failed?.attempts[0].responseExcerpt).toBe("not sent: the endpoint is deleted");
  });
});

describe("endpoint health, secrets and re-sends", () => {
  it("disables an endpoint failing for 3 days, with an event and a count the alarm reads", async () => {
    const hook = await receiver();
    hook.answer(500);
    const { endpoint } = await createEndpoint(shop, hook.url, ["PointsChanged"]);
    const start = new Date().toISOString();
    const { deps, clock } = depsWithClock(server.db, start);
    await intake(deps, [event(shop.merchantId, "PointsChanged", start)]);
    expect((await repo.getEndpoint(server.db, shop.merchantId, endpoint.id))?.failingSince).toBe(start);
    clock.set(new Date(Date.parse(start) + 3 * 24 * 3600_000 + 1000).toISOString());
    const run = await intake(deps, [event(shop.merchantId, "PointsChanged", clock.now())]);
    expect(run.endpointsDisabled).toBe(1);
    const disabled = await repo.getEndpoint(server.db, shop.merchantId, endpoint.id);
    expect(disabled).toMatchObject({ status: "disabled", disabledReason: `every attempt failed since ${start}` });
    const day = clock.now().slice(0, 10);
    const events = await ok(
      gql(
        server,
        `query($d: String!) { domainEvents(date: $d, first: 100) { nodes { type detail } } }`,
        { d: day },
        {
          token: shop.ownerToken,
        },
      ),
    );
    const notices = events.domainEvents.nodes.filter((e: { type: string }) => e.type === "WebhookEndpointDisabled");
    expect(notices.map((e: { detail: string }) => JSON.parse(e.detail).endpointId)).toContain(endpoint.id);
    const sent = hook.received.length;
    await intake(deps, [event(shop.merchantId, "PointsChanged", clock.now())]);
    expect(hook.received).toHaveLength(sent);
    const move = `mutation($id: ID!, $u: String!) { updateWebhookEndpoint(id: $id, input: { url: $u }) {
      failingSince status } }`;
    const moved = await ok(gql(server, move, { id: endpoint.id, u: `${hook.url}/v2` }, { token: shop.ownerToken }));
    expect(moved.updateWebhookEndpoint).toEqual({ failingSince: null, status: "disabled" });
    const enable = `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: true }) { status failingSince } }`;
    const enabled = await ok(gql(server, enable, { id: endpoint.id }, { token: shop.ownerToken }));
    expect(enabled.updateWebhookEndpoint).toEqual({ status: "enabled", failingSince: null });
  });

  it("signs with both secrets while a rolled one's predecessor lasts; re-sends keep the event id", async () => {
    const hook = await receiver();
    const { endpoint, secret: first } = await createEndpoint(shop, hook.url);
    const roll = `mutation($id: ID!) { rollWebhookSecret(id: $id, expireOldAfterHours: 1) { secret
      endpoint { secretPrefix previousSecretExpiresAt } } }`;
    const rolled = (await ok(gql(server, roll, { id: endpoint.id }, { token: shop.ownerToken }))).rollWebhookSecret;
    secrets.push(rolled.secret);
    expect(rolled.endpoint.secretPrefix).toBe(`${rolled.secret.slice(0, 10)}…`);
    const test = `mutation($id: ID!) { sendTestWebhook(endpointId: $id) { ${DELIVERY} } }`;
    const sent = (await ok(gql(server, test, { id: endpoint.id }, { token: shop.ownerToken }))).sendTestWebhook;
    expect(sent).toMatchObject({ eventType: "WebhookTest", status: "delivered" });
    expect(sent.attempts[0]).toMatchObject({ statusCode: 200, ok: true });
    const header = String(hook.received[0].headers["regulars-signature"]);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifies(header, hook.received[0].body, first)).toBe(true);
    expect(verifies(header, hook.received[0].body, rolled.secret)).toBe(true);

    const resend = `mutation($id: ID!) { resendWebhookDelivery(id: $id) { ${DELIVERY} } }`;
    const again = (await ok(gql(server, resend, { id: sent.id }, { token: shop.ownerToken }))).resendWebhookDelivery;
    expect(again).toMatchObject({ id: sent.id, eventId: sent.eventId, status: "delivered" });
    expect(again.attempts).toHaveLength(2);
    expect(hook.received[1].body).toBe(hook.received[0].body);
    expect(hook.received[1].headers["regulars-event-id"]).toBe(sent.eventId);
    const page = `query($id: ID!) { webhookEndpoint(id: $id) { deliveries(first: 5) { nodes { id status } } } }`;
    const listed = await ok(gql(server, page, { id: endpoint.id }, { token: shop.ownerToken }));
    expect(listed.webhookEndpoint.deliveries.nodes).toEqual([{ id: sent.id, status: "delivered" }]);
  });
});

describe("production addresses", () => {
  it.each([
    "http://example.com/hooks",
    "https://127.0.0.1/hooks",
    "https://10.1.2.3/hooks",
    "https://169.254.169.254/latest/meta-data",
    "https://[::1]/hooks",
    "https://[fe80::1]/hooks",
    "https://localhost/hooks",
    "https://192.168.1.20/hooks",
  ])("refuses %s in production, registering nothing", async (url) => {
    const { deps } = depsWithClock(server.db, new Date().toISOString());
    const production = { ...deps, webhooks: httpWebhookSender({ production: true }) };
    const { createEndpoint: create } = await import("../../functions/app/webhooks/endpoints.js");
    const owner = { kind: "staff", merchantId: other.merchantId, staffId: other.ownerId, username: "o" } as const;
    const before = (await repo.listEndpoints(server.db, other.merchantId)).length;
    await expect(create(production, { ...owner, role: "owner", storeIds: [] }, { url })).rejects.toMatchObject({
      kind: "BAD_USER_INPUT",
      details: { field: "url" },
    });
    expect(await repo.listEndpoints(server.db, other.merchantId)).toHaveLength(before);
  });

  it("refuses, when sending in production, a name that resolves to a private address", async () => {
    const hook = await receiver();
    const port = new URL(hook.url).port;
    const sender = httpWebhookSender({ production: true });
    const answer = await sender.post({
      url: `http://localhost:${port}/hooks`,
      headers: {},
      body: "{}",
      timeoutMs: 2000,
    });
    expect(answer.status).toBeUndefined();
    expect(answer.text).toMatch(/resolves to a private address/);
    expect(hook.received).toHaveLength(0);
  });
});

describe("secrets stay secret", () => {
  it("logged nothing that holds a signing secret", async () => {
    expect(secrets.length).toBeGreaterThan(5);
    const joined = logged.join("\n");
    for (const secret of secrets) expect(joined).not.toContain(secret);
  });
});
