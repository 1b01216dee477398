/** Bulk import: every row validated, good rows enrolled once, bad rows reported exactly. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../functions/core/csv.js";
import { codes, createMerchant, gql, ok, type TestMerchant } from "../support/api.js";
import { runScript } from "../support/scripts.js";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
let shop: TestMerchant;
let clerkUsername: string;

beforeAll(async () => {
  server = await startTestServer();
  shop = await createMerchant(server);
  clerkUsername = (await ok(gql(server, `{ viewer { staff { username } } }`, {}, { token: shop.clerkToken }))).viewer
    .staff.username;
});
afterAll(() => server?.stop());

const HEADER = ["手机号", "姓名", "性别", "生日", "门店", "导购", "标签", "营销短信", "入会时间", "备注"];
const BAD_KINDS: [string, (row: string[]) => void][] = [
  ["phone", (row) => (row[0] = "12345")],
  ["birthday", (row) => (row[3] = "1990-02-30")],
  ["store", (row) => (row[4] = "不存在的店")],
  ["consent", (row) => (row[7] = "也许")],
  ["name", (row) => (row[1] = "")],
  ["gender", (row) => (row[2] = "其他性别x")],
  ["guide", (row) => (row[5] = "nobody-here")],
  ["joinedAt", (row) => (row[8] = "2099-01-01")],
  ["tags", (row) => (row[6] = "坏#标签")],
];

/** n rows, every 100th..: 3% bad, each bad in one known column. */
function file(n: number, phonePrefix: string) {
  const rows: string[][] = [];
  const bad = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    const row = [
      `${phonePrefix}${String(i).padStart(6, "0")}`,
      `会员${i}`,
      i % 2 ? "女" : "男",
      i % 3 ? `1990-0${(i % 9) + 1}-1${i % 9}` : "05-20",
      i % 2 ? shop.stores[0].name : shop.stores[1].name,
      i % 2 && i % 5 === 1 ? clerkUsername : "",
      i % 7 === 0 ? "老会员、奶茶控" : "",
      i % 4 ? "是" : "否",
      "2024-03-01 10:30",
      "忽略我",
    ];
    if (i % 100 < 3) {
      const [column, spoil] = BAD_KINDS[((i / 100 + (i % 100)) % BAD_KINDS.length) | 0];
      spoil(row);
      bad.set(i + 2, column);
    }
    rows.push(row);
  }
  return { rows, bad };
}

async function importAll(rows: string[][], credentials = { token: shop.ownerToken }) {
  const total = { created: 0, existing: 0, failed: 0, errors: [] as { row: number; column: string; reason: string }[] };
  for (let offset = 0; offset < rows.length; offset += 500) {
    const report = await ok(
      gql(
        server,
        `mutation($input: ImportMembersInput!) {
          importMembers(input: $input) { created existing failed errors { row column reason } ignoredColumns }
        }`,
        { input: { header: HEADER, rows: rows.slice(offset, offset + 500), firstRow: offset + 2 } },
        credentials,
      ),
    );
    expect(report.importMembers.ignoredColumns).toEqual(["备注"]);
    total.created += report.importMembers.created;
    total.existing += report.importMembers.existing;
    total.failed += report.importMembers.failed;
    total.errors.push(...report.importMembers.errors);
  }
  return total;
}

describe("member import", () => {
  it(
    "imports 2,000 rows with 3% bad, in chunks of 500: the rest get in, exactly the " +
      "bad rows are reported, and a re-run creates nothing",
    async () => {
      const { rows, bad } = file(2_000, "13500");
      const first = await importAll(rows);
      expect(bad.size).toBe(60);
      expect(new Set(bad.values()).size).toBe(BAD_KINDS.length);
      expect(first).toMatchObject({ created: 1_940, existing: 0, failed: 60 });
      expect(new Map(first.errors.map((e) => [e.row, e.column]))).toEqual(bad);
      expect(first.errors.every((e) => e.reason.length > 5)).toBe(true);

      const again = await importAll(rows);
      expect(again).toMatchObject({ created: 0, existing: 1_940, failed: 60 });

      const sample = await ok(
        gql(
          server,
          `{
          memberByPhone(phone: "13500000121") { name gender birthday { month day year } homeStore { name }
            guide { username } tags channel marketingSms { granted } joinedAt }
        }`,
          {},
          { token: shop.ownerToken },
        ),
      );
      expect(sample.memberByPhone).toMatchObject({
        name: "会员121",
        gender: "female",
        birthday: { month: 5, day: 14, year: 1990 },
        homeStore: { name: shop.stores[0].name },
        guide: { username: clerkUsername },
        channel: "import",
        marketingSms: { granted: true },
        joinedAt: "2024-03-01T02:30:00.000Z",
      });
      const tagged = await ok(gql(server, `{ memberTags { name count } }`, {}, { token: shop.ownerToken }));
      const expectedTagged = rows.filter((row, i) => i % 7 === 0 && !bad.has(i + 2)).length;
      expect(tagged.memberTags).toContainEqual({ name: "奶茶控", count: expectedTagged });
    },
  );

  it("a manager imports only into their own store; rows for other stores are reported", async () => {
    const rows = [
      ["13600000001", "本店", "", "", shop.stores[0].name, "", "", "", "", ""],
      ["13600000002", "他店", "", "", shop.stores[1].name, "", "", "", "", ""],
    ];
    const report = await importAll(rows, { token: shop.managerToken });
    expect(report).toMatchObject({ created: 1, failed: 1, errors: [{ row: 3, column: "store" }] });
  });

  it("a file without a phone column, too many rows in one call, or a clerk are refused as a whole", async () => {
    const noPhone = await gql(
      server,
      `mutation { importMembers(input: { header: ["姓名"], rows: [["张三"]] }) { created } }`,
      {},
      { token: shop.ownerToken },
    );
    expect(codes(noPhone)).toEqual(["BAD_USER_INPUT"]);
    expect(noPhone.errors![0].message).toMatch(/phone column/);
    const tooMany = await gql(
      server,
      `mutation($rows: [[String!]!]!) { importMembers(input: { header: ["手机号", "姓名"], rows: $rows }) { created } }`,
      { rows: Array.from({ length: 501 }, () => ["13600000009", "x"]) },
      { token: shop.ownerToken },
    );
    expect(codes(tooMany)).toEqual(["BAD_USER_INPUT"]);
    const clerk = await gql(
      server,
      `mutation { importMembers(input: { header: ["手机号", "姓名"], rows: [["13600000010", "x"]] }) { created } }`,
      {},
      { token: shop.clerkToken },
    );
    expect(codes(clerk)).toEqual(["FORBIDDEN"]);
    const found = await ok(
      gql(
        server,
        `{ a: memberByPhone(phone: "13600000009") { id } b: memberByPhone(phone: "13600000010") { id } }`,
        {},
        { apiKey: shop.apiKey },
      ),
    );
    expect(found).toEqual({ a: null, b: null });
  });
});

describe("npm run import", () => {
  it("reads a GBK file with English headers, shows progress, writes the error report, and is idempotent", async () => {
    const dir = mkdtempSync(join(tmpdir(), "regulars-import-"));
    const csv = [
      "Phone,Name,Birthday,Store,Marketing SMS",
      `13700000001,"林, 晓岚",1990/5/20,${shop.stores[0].name},yes`,
      `13700000002,王五,02-30,${shop.stores[0].name},no`,
      `bad-phone,赵六,,${shop.stores[0].name},`,
    ].join("\r\n");
    writeFileSync(join(dir, "members.csv"), Buffer.from(encodeGbk(csv)));
    const run = () => runScript(server, "import", join(dir, "members.csv"), "--merchant", shop.merchantId);
    const first = await run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain("(gb18030)");
    expect(first.stderr).toMatch(/\[#+\] 100% 3\/3 rows/);
    expect(JSON.parse(first.stdout)).toMatchObject({ rows: 3, created: 1, existing: 0, failed: 2 });
    const errors = parseCsv(readFileSync(join(dir, "members.errors.csv"), "utf8"));
    expect(errors.map((row) => row.slice(0, 2))).toEqual([
      ["row", "column"],
      ["3", "birthday"],
      ["4", "phone"],
    ]);
    const member = await ok(
      gql(
        server,
        `{ memberByPhone(phone: "13700000001") { name birthday { month day year } } }`,
        {},
        { apiKey: shop.apiKey },
      ),
    );
    expect(member.memberByPhone).toEqual({ name: "林, 晓岚", birthday: { month: 5, day: 20, year: 1990 } });
    const second = await run();
    expect(JSON.parse(second.stdout)).toMatchObject({ created: 0, existing: 1, failed: 2 });
  });
});

/** GBK bytes for a string (Node has no GBK encoder; build one from the decoder for the characters we use). */
function encodeGbk(text: string): number[] {
  const decoder = new TextDecoder("gb18030");
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return [...text].flatMap((char) => (char.charCodeAt(0) < 0x80 ? [char.charCodeAt(0)] : (table.get(char) ?? [0x3f])));
}
