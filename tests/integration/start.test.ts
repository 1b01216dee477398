/** `npm start` as a user runs it: DynamoDB Local, the table, demo data, the API, demo.json, and a clean stop. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../functions/data/db.js";
import { findLogin } from "../../functions/data/staff.js";
import { table } from "../../functions/data/table.js";
import { freePort } from "../../scripts/local/dynamodb.js";
import { gql, ok, signIn } from "../support/api.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill("SIGKILL");
});

/**
 * `npm start` (without the console build) on free ports over this data dir;
 * its output collects as it comes. Node loads tsx itself, so a signal reaches
 * start.ts directly: tsx's CLI relays signals to a child it starts and SIGKILLs
 * it when it does not answer within 30 ms, which on a busy machine orphaned java.
 */
async function spawnStart(dir: string) {
  const [port, dynamodbPort, tillPort] = [await freePort(), await freePort(), await freePort()];
  const running = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--skip-console-build"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_PORT: String(dynamodbPort),
      TILL_PORT: String(tillPort),
      REGULARS_LOCAL_DIR: dir,
      DYNAMODB_ENDPOINT: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = running;
  const state = { output: "", port, dynamodbPort, running };
  const take = (chunk: Buffer) => void (state.output += chunk);
  running.stdout.on("data", take);
  running.stderr.on("data", take);
  return state;
}

/** Run `npm start` until it says it is running (or exits). */
async function launch(dir: string) {
  const state = await spawnStart(dir);
  // The test's own timeout bounds a start that hangs.
  await new Promise<void>((resolveStart) => {
    const check = () => state.output.includes("Regulars is running") && resolveStart();
    state.running.stdout!.on("data", check);
    state.running.stderr!.on("data", check);
    state.running.once("exit", () => resolveStart());
  });
  expect(state.output, "npm start exited before it was running").toContain("Regulars is running");
  return state;
}

/**
 * A first `npm start` stopped with Ctrl-C halfway through seeding: once the
 * seed has written the demo owner's login (and long before it is done).
 */
async function interruptSeeding(dir: string) {
  const state = await spawnStart(dir);
  const db = createDb({
    endpoint: `http://127.0.0.1:${state.dynamodbPort}`,
    tableName: process.env.TABLE_NAME || table.defaultName,
  });
  const seeding = async () => Boolean(await findLogin(db, "demo-owner").catch(() => undefined));
  await expect.poll(seeding, { timeout: 240_000, interval: 200 }).toBe(true);
  const exited = new Promise((r) => state.running.once("exit", r));
  state.running.kill("SIGINT");
  await exited;
  db.client.destroy();
  expect(state.output).toContain("Seeding demo data");
  expect(state.output).not.toContain("Regulars is running");
}

/** SIGTERM, as Ctrl-C or a process manager would send, and wait for the exit. */
async function stopChild() {
  const running = child!;
  const exited = new Promise((r) => running.once("exit", r));
  running.kill("SIGTERM");
  await exited;
}

function javaPids(port: number): string[] {
  const out = spawnSync("pgrep", ["-f", `DynamoDBLocal.jar -port ${port} `], { encoding: "utf8" }).stdout;
  return out.split("\n").filter(Boolean);
}

/**
 * The text of the example till's event stream (it replays its latest events first), read until `until` holds or
 * a minute has passed (a bound on a fault, not a timing).
 */
async function tillEvents(tillUrl: string, until: (text: string) => boolean): Promise<string> {
  let text = "";
  try {
    const response = await fetch(`${tillUrl}events`, { signal: AbortSignal.timeout(60_000) });
    const reader = response.body!.getReader();
    while (!until(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
  } catch (error) {
    if ((error as Error).name !== "TimeoutError") throw error;
  }
  return text;
}

/**
 * The whole loop a storefront relies on: a purchase through the API moves a member up a tier, the local dispatcher
 * delivers the signed TierChanged to the example till's endpoint, the till verifies it and shows it on its page.
 */
async function tierChangeReachesTheTill(demo: { graphqlUrl: string; apiKey: string; tillUrl: string }) {
  const found = await ok(
    gql(demo, `{ members(first: 100) { nodes { id homeStoreId account { tierName } } } }`, {}, { apiKey: demo.apiKey }),
  );
  type Row = { id: string; homeStoreId: string; account: { tierName: string } };
  const member = (found.members.nodes as Row[]).find((m) => m.account.tierName === "普通会员")!;
  const input = {
    orderId: `start-loop-${Date.now()}`,
    memberId: member.id,
    storeId: member.homeStoreId,
    lines: [{ sku: "latte", name: "拿铁", qty: 100, unitPrice: 3000 }],
    total: 300_000,
    paymentMethod: "wechat",
  };
  const sold = await ok(
    gql(
      demo,
      `mutation($i: RecordPurchaseInput!) { recordPurchase(input: $i) { account { tierName } } }`,
      { i: input },
      {
        apiKey: demo.apiKey,
      },
    ),
  );
  expect(sold.recordPurchase.account.tierName).not.toBe("普通会员");
  const shown = (text: string) => text.includes("TierChanged") && text.includes(member.id);
  expect(shown(await tillEvents(demo.tillUrl, shown))).toBe(true);
}

describe("npm start", () => {
  it(
    "brings up DynamoDB Local, seeds two merchants (again, after a first start " +
      "stopped while seeding), serves the API, writes demo.json, stops java on SIGTERM, " +
      "and keeps its data across a restart",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "regulars-start-"));
      await interruptSeeding(dir);
      const { output, port, dynamodbPort } = await launch(dir);
      expect(output).toContain("Regulars is running");
      expect(output).toContain("The demo data is incomplete");
      expect(output).toContain("Seeding demo data");
      expect(output).toContain(`http://localhost:${port}/graphql`);

      const demo = JSON.parse(readFileSync(join(dir, "demo.json"), "utf8"));
      expect(Object.keys(demo)).toEqual(
        expect.arrayContaining(["graphqlUrl", "consoleUrl", "apiKey", "owner", "manager", "other"]),
      );
      expect(demo.other).toMatchObject({ apiKey: expect.stringMatching(/^rk_/), owner: { username: "other-owner" } });
      const server = { url: `http://localhost:${port}`, graphqlUrl: demo.graphqlUrl };

      const members = await ok(
        gql(
          server,
          `{ members(first: 100) { nodes { name phone birthday { month } homeStore { city } } pageInfo { hasNextPage } } }`,
          {},
          { apiKey: demo.apiKey },
        ),
      );
      expect(members.members.nodes).toHaveLength(100);
      expect(members.members.pageInfo.hasNextPage).toBe(true);
      expect(members.members.nodes.every((m: { phone: string }) => /^\+861[3-9]\d{9}$/.test(m.phone))).toBe(true);
      expect(new Set(members.members.nodes.map((m: { homeStore: { city: string } }) => m.homeStore.city))).toEqual(
        new Set(["上海", "杭州"]),
      );
      expect(members.members.nodes[0].name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);

      const ownerToken = await signIn(server, demo.owner.username, demo.owner.password);
      const managerToken = await signIn(server, demo.manager.username, demo.manager.password);
      const otherToken = await signIn(server, demo.other.owner.username, demo.other.owner.password);
      expect(
        (await ok(gql(server, `{ stores { nodes { id } } }`, {}, { token: ownerToken }))).stores.nodes,
      ).toHaveLength(3);
      expect(
        (await ok(gql(server, `{ stores { nodes { id } } }`, {}, { token: managerToken }))).stores.nodes,
      ).toHaveLength(1);
      const otherMembers = await ok(gql(server, `{ members(first: 100) { nodes { id } } }`, {}, { token: otherToken }));
      expect(otherMembers.members.nodes).toHaveLength(30);
      await tierChangeReachesTheTill(demo);

      expect(javaPids(dynamodbPort)).toHaveLength(1);
      await stopChild();
      expect(javaPids(dynamodbPort)).toEqual([]);

      // Started again over the same data: no second seeding, the same demo key works.
      const again = await launch(dir);
      expect(again.output).not.toContain("Seeding demo data");
      const restarted = JSON.parse(readFileSync(join(dir, "demo.json"), "utf8"));
      expect(restarted.apiKey).toBe(demo.apiKey);
      const count = await ok(
        gql(
          { graphqlUrl: restarted.graphqlUrl },
          `{ members(first: 100) { nodes { id } } }`,
          {},
          { apiKey: restarted.other.apiKey },
        ),
      );
      expect(count.members.nodes).toHaveLength(30);
      await stopChild();
    },
    // Two full starts with the demo seeded: on a loaded 2-core machine this takes minutes, not seconds.
    600_000,
  );

  it("without Java says in one line what is needed and how to use another DynamoDB", () => {
    const bin = mkdtempSync(join(tmpdir(), "regulars-nojava-"));
    symlinkSync(process.execPath, join(bin, "node"));
    const result = spawnSync(process.execPath, [TSX, "scripts/start.ts", "--in-memory"], {
      cwd: ROOT,
      env: {
        ...process.env,
        PATH: bin,
        DYNAMODB_ENDPOINT: "",
        REGULARS_LOCAL_DIR: mkdtempSync(join(tmpdir(), "regulars-nojava-data-")),
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(existsSync(join(bin, "java"))).toBe(false);
    expect(result.status).toBe(1);
    const lines = result.stderr
      .trim()
      .split("\n")
      .filter((line) => !line.includes("NodeVersionSupportWarning"));
    expect(lines).toEqual([expect.stringMatching(/Java 17\+.*DYNAMODB_ENDPOINT/)]);
  });
});
