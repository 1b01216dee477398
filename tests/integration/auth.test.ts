/** Credentials: staff tokens, API keys (hash only, revocable), operators, and what happens without them. */
import { SignJWT, generateKeyPair, importJWK } from "jose";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createMerchant, gql, ok, signIn, unique, type TestMerchant } from "../support/api.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
});
afterAll(() => server?.stop());

describe("without valid credentials", () => {
  it("anonymous callers get UNAUTHENTICATED for merchant data but may ask the version", async () => {
    const result = await gql(server, `{ members(first: 1) { nodes { id } } }`);
    expect(codes(result)).toEqual(["UNAUTHENTICATED"]);
    expect((await ok(gql(server, `{ version }`))).version).toMatch(/\d+\.\d+/);
  });

  it("anonymous enrolment is refused and writes nothing", async () => {
    const result = await gql(
      server,
      `mutation { registerMember(input: { phone: "13900000001", name: "匿名", homeStoreId: "x" }) { created } }`,
    );
    expect(codes(result)).toEqual(["UNAUTHENTICATED"]);
    const found = await ok(gql(server, `{ memberByPhone(phone: "13900000001") { id } }`, {}, { apiKey: shop.apiKey }));
    expect(found.memberByPhone).toBeNull();
  });

  it.each([
    ["garbage", "Bearer not-a-token"],
    ["wrong scheme", `Basic abc`],
  ])("a %s Authorization header is UNAUTHENTICATED with HTTP 401", async (_, header) => {
    const response = await fetch(server.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: header },
      body: JSON.stringify({ query: "{ viewer { kind } }" }),
    });
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("a token signed by another key is refused", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT({
      "custom:merchantId": shop.merchantId,
      "cognito:groups": ["owner"],
      token_use: "id",
    })
      .setProtectedHeader({ alg: "ES256" })
      .setSubject(shop.ownerId)
      .setIssuer(`${server.url}/auth`)
      .setAudience("regulars-console")
      .setExpirationTime("1h")
      .sign(privateKey);
    expect(codes(await gql(server, `{ merchant { id } }`, {}, { token: forged }))).toEqual(["UNAUTHENTICATED"]);
  });

  it("a token of the real issuer without an expiry or an issue time, or meant to live over a day, is refused", async () => {
    const key = await importJWK(server.issuerKey.privateJwk, "ES256");
    const claims = { "custom:merchantId": shop.merchantId, "cognito:groups": ["owner"], token_use: "id" };
    const token = (shape: (jwt: SignJWT) => SignJWT) =>
      shape(
        new SignJWT(claims)
          .setProtectedHeader({ alg: "ES256", kid: server.issuerKey.privateJwk.kid })
          .setSubject(shop.ownerId)
          .setIssuer(`${server.url}/auth`)
          .setAudience("regulars-console"),
      ).sign(key);
    const now = Math.floor(Date.now() / 1000);
    // The control: the same key and claims with an hour to live are accepted.
    const good = await token((jwt) => jwt.setIssuedAt(now).setExpirationTime(now + 3600));
    expect((await ok(gql(server, `{ merchant { id } }`, {}, { token: good }))).merchant.id).toBe(shop.merchantId);
    const refused = {
      "no expiry": await token((jwt) => jwt.setIssuedAt(now)),
      "no issue time": await token((jwt) => jwt.setExpirationTime(now + 3600)),
      "thirty days to live": await token((jwt) => jwt.setIssuedAt(now).setExpirationTime(now + 30 * 86_400)),
      "issued two days ago": await token((jwt) => jwt.setIssuedAt(now - 2 * 86_400).setExpirationTime(now + 3600)),
    };
    for (const [what, bad] of Object.entries(refused))
      expect(codes(await gql(server, `{ merchant { id } }`, {}, { token: bad })), what).toEqual(["UNAUTHENTICATED"]);
  });

  it("a wrong password gets no token", async () => {
    const response = await fetch(`${server.url}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: server.operator.username, password: "wrong-password1" }),
    });
    expect(response.status).toBe(401);
  });
});

describe("API keys", () => {
  it("are stored only as a hash, shown once, and refused once revoked", async () => {
    const owner = { token: shop.ownerToken };
    const created = await ok(
      gql(
        server,
        `mutation($s: ID) { createApiKey(input: { name: "门店POS", storeId: $s }) { secret apiKey { id prefix storeId } } }`,
        { s: shop.stores[0].id },
        owner,
      ),
    );
    const { secret, apiKey } = created.createApiKey;
    expect(secret.startsWith(apiKey.prefix)).toBe(true);

    const stored = await server.db.client.send(
      new QueryCommand({
        TableName: server.tableName,
        KeyConditionExpression: "pk = :p",
        ExpressionAttributeValues: { ":p": `T#${shop.merchantId}#APIKEY` },
      }),
    );
    const raw = JSON.stringify(stored.Items);
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(secret.slice(apiKey.prefix.length));

    const listed = await ok(gql(server, `{ apiKeys { id name storeId } }`, {}, owner));
    expect(listed.apiKeys).toContainEqual({ id: apiKey.id, name: "门店POS", storeId: shop.stores[0].id });
    expect(JSON.stringify(listed)).not.toContain(secret);

    const viewer = await ok(gql(server, `{ viewer { kind merchantId storeIds } }`, {}, { apiKey: secret }));
    expect(viewer.viewer).toEqual({ kind: "apiKey", merchantId: shop.merchantId, storeIds: [shop.stores[0].id] });

    await ok(gql(server, `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: apiKey.id }, owner));
    const after = await gql(server, `{ viewer { kind } }`, {}, { apiKey: secret });
    expect(after.status).toBe(401);
    expect(codes(after)).toEqual(["UNAUTHENTICATED"]);
  });

  it("a store-scoped key enrols into its own store and may not pick another", async () => {
    const { createApiKey } = await ok(
      gql(
        server,
        `mutation($s: ID) { createApiKey(input: { name: "二号店POS", storeId: $s }) { secret } }`,
        { s: shop.stores[1].id },
        { token: shop.ownerToken },
      ),
    );
    const key = { apiKey: createApiKey.secret };
    const own = await ok(
      gql(
        server,
        `mutation { registerMember(input: { phone: "13900000011", name: "本店会员" }) { member { homeStoreId } } }`,
        {},
        key,
      ),
    );
    expect(own.registerMember.member.homeStoreId).toBe(shop.stores[1].id);
    const other = await gql(
      server,
      `mutation($s: ID) { registerMember(input: { phone: "13900000012", name: "他店会员", homeStoreId: $s }) { created } }`,
      { s: shop.stores[0].id },
      key,
    );
    expect(codes(other)).toEqual(["FORBIDDEN"]);
  });

  it("only owners manage keys", async () => {
    for (const token of [shop.managerToken, shop.clerkToken]) {
      expect(
        codes(await gql(server, `mutation { createApiKey(input: { name: "x" }) { secret } }`, {}, { token })),
      ).toEqual(["FORBIDDEN"]);
      expect(codes(await gql(server, `{ apiKeys { id } }`, {}, { token }))).toEqual(["FORBIDDEN"]);
    }
    expect(
      codes(
        await gql(server, `mutation { createApiKey(input: { name: "x" }) { secret } }`, {}, { apiKey: shop.apiKey }),
      ),
    ).toEqual(["FORBIDDEN"]);
  });
});

describe("staff", () => {
  it("a disabled staff member's token stops working at once", async () => {
    const username = unique("clerk");
    const created = await ok(
      gql(
        server,
        `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
        { input: { username, name: "临时店员", password: "Passw0rd-1", role: "clerk", storeIds: [shop.stores[0].id] } },
        { token: shop.ownerToken },
      ),
    );
    const token = await signIn(server, username, "Passw0rd-1");
    expect((await ok(gql(server, `{ viewer { role storeIds staff { username } } }`, {}, { token }))).viewer).toEqual({
      role: "clerk",
      storeIds: [shop.stores[0].id],
      staff: { username },
    });
    await ok(
      gql(
        server,
        `mutation($id: ID!) { updateStaff(id: $id, input: { status: disabled }) { status } }`,
        { id: created.createStaff.id },
        { token: shop.ownerToken },
      ),
    );
    expect(codes(await gql(server, `{ viewer { role } }`, {}, { token }))).toEqual(["UNAUTHENTICATED"]);
    const login = await fetch(`${server.url}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: "Passw0rd-1" }),
    });
    expect(login.status).toBe(401);
  });

  it("a role change applies to the next request", async () => {
    const username = unique("promote");
    const created = await ok(
      gql(
        server,
        `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
        { input: { username, name: "升职", password: "Passw0rd-1", role: "clerk", storeIds: [shop.stores[0].id] } },
        { token: shop.ownerToken },
      ),
    );
    const token = await signIn(server, username, "Passw0rd-1");
    expect(
      codes(
        await gql(
          server,
          `mutation($id: ID!) { updateStore(id: $id, input: { phone: "13912345678" }) { id } }`,
          { id: shop.stores[0].id },
          { token },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
    await ok(
      gql(
        server,
        `mutation($id: ID!) { updateStaff(id: $id, input: { role: manager }) { role } }`,
        { id: created.createStaff.id },
        { token: shop.ownerToken },
      ),
    );
    const updated = await ok(
      gql(
        server,
        `mutation($id: ID!) { updateStore(id: $id, input: { phone: "13912345678" }) { phone } }`,
        { id: shop.stores[0].id },
        { token },
      ),
    );
    expect(updated.updateStore.phone).toBe("+8613912345678");
  });

  it("usernames are unique across the platform", async () => {
    const other = await createMerchant(server);
    const username = unique("dup");
    const input = { username, name: "甲", password: "Passw0rd-1", role: "clerk", storeIds: [shop.stores[0].id] };
    await ok(
      gql(
        server,
        `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
        { input },
        { token: shop.ownerToken },
      ),
    );
    const again = await gql(
      server,
      `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
      { input: { ...input, storeIds: [other.stores[0].id] } },
      { token: other.ownerToken },
    );
    expect(codes(again)).toEqual(["CONFLICT"]);
    const staff = await ok(
      gql(server, `{ staffMembers(first: 100) { nodes { username } } }`, {}, { token: other.ownerToken }),
    );
    expect(staff.staffMembers.nodes.map((s: { username: string }) => s.username)).not.toContain(username);
  });

  it("a clerk sees only themselves in the staff list; a manager not the owner", async () => {
    const clerkView = await ok(gql(server, `{ staffMembers { nodes { role } } }`, {}, { token: shop.clerkToken }));
    expect(clerkView.staffMembers.nodes).toEqual([{ role: "clerk" }]);
    const managerView = await ok(
      gql(server, `{ staffMembers(first: 100) { nodes { role } } }`, {}, { token: shop.managerToken }),
    );
    expect(managerView.staffMembers.nodes.map((s: { role: string }) => s.role)).not.toContain("owner");
  });
});

describe("operators", () => {
  it("onboard merchants and list them, but cannot read merchant data", async () => {
    const token = await signIn(server, server.operator.username, server.operator.password);
    const list = await ok(gql(server, `{ merchants(first: 100) { nodes { id name timeZone } } }`, {}, { token }));
    expect(list.merchants.nodes.map((m: { id: string }) => m.id)).toContain(shop.merchantId);
    expect(codes(await gql(server, `{ members(first: 1) { nodes { id } } }`, {}, { token }))).toEqual(["FORBIDDEN"]);
  });

  it("only operators onboard merchants", async () => {
    const input = {
      name: "非法商户",
      firstStore: { name: "店", city: "上海" },
      owner: { username: unique("x"), name: "x", password: "Passw0rd-1" },
    };
    const result = await gql(
      server,
      `mutation($input: OnboardMerchantInput!) { onboardMerchant(input: $input) { merchant { id } } }`,
      { input },
      { token: shop.ownerToken },
    );
    expect(codes(result)).toEqual(["FORBIDDEN"]);
    const login = await server.db.client.send(
      new GetCommand({ TableName: server.tableName, Key: { pk: `P#LOGIN#${input.owner.username}`, sk: "LOGIN" } }),
    );
    expect(login.Item).toBeUndefined();
  });
});

describe("merchant settings", () => {
  it("an owner renames the merchant and changes its time zone", async () => {
    const updated = await ok(
      gql(
        server,
        `mutation { updateMerchant(input: { name: "新名字", timeZone: "Asia/Hong_Kong" }) { name timeZone currency } }`,
        {},
        { token: shop.ownerToken },
      ),
    );
    expect(updated.updateMerchant).toEqual({ name: "新名字", timeZone: "Asia/Hong_Kong", currency: "CNY" });
    const token = await signIn(server, server.operator.username, server.operator.password);
    const list = await ok(gql(server, `{ merchants(first: 100) { nodes { id name } } }`, {}, { token }));
    expect(list.merchants.nodes).toContainEqual({ id: shop.merchantId, name: "新名字" });
  });

  it("a manager may read but not change the settings", async () => {
    expect((await ok(gql(server, `{ merchant { id } }`, {}, { token: shop.managerToken }))).merchant.id).toBe(
      shop.merchantId,
    );
    expect(
      codes(
        await gql(
          server,
          `mutation { updateMerchant(input: { name: "x" }) { name } }`,
          {},
          { token: shop.managerToken },
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
  });
});
