/** The operator CLI onboards a merchant whose owner can sign in at once. */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { gql, ok, signIn, unique } from "../support/api.js";
import { startTestServer, type TestServer } from "../support/server.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

function cli(...args: string[]) {
  return spawnSync(process.execPath, [TSX, "scripts/merchant.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DYNAMODB_ENDPOINT: inject("dynamodbEndpoint"), TABLE_NAME: server.tableName, USER_POOL_ID: "" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm run merchant", () => {
  it("create onboards a merchant, its first store and owner; list shows it", () => {
    const owner = unique("cli-owner");
    const created = cli("create", "--name", "茶香里", "--store", "静安寺店", "--city", "上海", "--owner", owner, "--owner-name", "林晓岚", "--password", "Passw0rd-cli", "--time-zone", "Asia/Shanghai");
    expect(created.status, created.stderr).toBe(0);
    const result = JSON.parse(created.stdout);
    expect(result).toMatchObject({ merchantId: expect.any(String), storeId: expect.any(String), owner });
    const listed = cli("list");
    expect(listed.stdout).toContain(`${result.merchantId}\tAsia/Shanghai\t茶香里`);
    return (async () => {
      const token = await signIn(server, owner, "Passw0rd-cli");
      const data = await ok(gql(server, `{ merchant { id name } stores { nodes { name city } } }`, {}, { token }));
      expect(data).toEqual({ merchant: { id: result.merchantId, name: "茶香里" }, stores: { nodes: [{ name: "静安寺店", city: "上海" }] } });
    })();
  });

  it("bad input is reported with its code and nothing is created", () => {
    const owner = unique("cli-bad");
    const result = cli("create", "--name", "坏", "--store", "店", "--city", "上海", "--owner", owner, "--password", "short");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/BAD_USER_INPUT: owner.password/);
    expect(cli("list").stdout).not.toContain("坏");
  });

  it("an unknown command prints the usage", () => {
    const result = cli("explode");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("usage:");
  });
});
