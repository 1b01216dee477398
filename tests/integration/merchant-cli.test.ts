/** The operator CLI onboards a merchant whose owner can sign in at once. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createMerchant, gql, ok, signIn, unique } from "../support/api.js";
import { runScript, runScriptWith } from "../support/scripts.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const cli = (...args: string[]) => runScript(server, "merchant", ...args);

describe("npm run merchant", () => {
  it("create onboards a merchant, its first store and owner; list shows it", async () => {
    const owner = unique("cli-owner");
    const created = await cli(
      "create",
      "--name",
      "茶香里",
      "--store",
      "静安寺店",
      "--city",
      "上海",
      "--owner",
      owner,
      "--owner-name",
      "林晓岚",
      "--password",
      "Passw0rd-cli",
      "--time-zone",
      "Asia/Shanghai",
    );
    expect(created.status, created.stderr).toBe(0);
    const result = JSON.parse(created.stdout);
    expect(result).toMatchObject({ merchantId: expect.any(String), storeId: expect.any(String), owner });
    const listed = await cli("list");
    expect(listed.stdout).toContain(`${result.merchantId}\tAsia/Shanghai\t茶香里`);
    const token = await signIn(server, owner, "Passw0rd-cli");
    const data = await ok(gql(server, `{ merchant { id name } stores { nodes { name city } } }`, {}, { token }));
    expect(data).toEqual({
      merchant: { id: result.merchantId, name: "茶香里" },
      stores: { nodes: [{ name: "静安寺店", city: "上海" }] },
    });
  });

  it("finds DynamoDB Local on DYNAMODB_PORT, as npm start does, when no DYNAMODB_ENDPOINT is set", async () => {
    const shop = await createMerchant(server);
    const port = new URL(inject("dynamodbEndpoint")).port;
    const listed = await runScriptWith(
      server,
      { DYNAMODB_ENDPOINT: undefined, DYNAMODB_PORT: port },
      "merchant",
      "list",
    );
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(shop.merchantId);
    const wrongPort = await runScriptWith(
      server,
      { DYNAMODB_ENDPOINT: undefined, DYNAMODB_PORT: "1" },
      "merchant",
      "list",
    );
    expect(wrongPort.status).toBe(1);
  });

  it("bad input is reported with its code and nothing is created", async () => {
    const owner = unique("cli-bad");
    const result = await cli(
      "create",
      "--name",
      "坏",
      "--store",
      "店",
      "--city",
      "上海",
      "--owner",
      owner,
      "--password",
      "short",
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/BAD_USER_INPUT: owner.password/);
    expect((await cli("list")).stdout).not.toContain("坏");
  });

  it("an unknown command prints the usage", async () => {
    const result = await cli("explode");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("usage:");
  });
});
