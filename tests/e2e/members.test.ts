/**
 * Member work in the console, in a real browser over the local server and
 * DynamoDB Local with the demo merchant: search, tags, the member card, the
 * history, filters, CSV export and import, masked phones and erasure. Every
 * journey checks the screen against what the API stored.
 */
import { randomInt } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { formatPhone } from "../../admin/src/common/phone.js";
import { toCsv } from "../../functions/core/csv.js";
import { gql, ok, signIn } from "../support/api.js";
import { callsOf, columnTexts, consoleJourney, logIn, poll, screenshot, UI_TIMEOUT } from "../support/console.js";

const journey = consoleJourney({ members: 40, otherMembers: 3 });
const openConsole = () => journey.openConsole({ acceptDownloads: true });

interface ApiMember {
  id: string;
  name: string;
  phone: string;
  phoneMasked: string;
  memberCode: string;
  cardPayload: string;
  tags: string[];
  homeStore: { id: string; name: string };
}
const FIELDS = "id name phone phoneMasked memberCode cardPayload tags homeStore { id name }";

const ownerToken = () => signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);

async function newestMembers(token: string, first = 25, filter: Record<string, unknown> = {}): Promise<ApiMember[]> {
  const data = await ok(
    gql(
      journey.server,
      `query ($first: Int, $filter: MemberFilter) { members(first: $first, filter: $filter) { nodes { ${FIELDS} } } }`,
      { first, filter },
      { token },
    ),
  );
  return data.members.nodes;
}

async function memberByPhone(token: string, phone: string): Promise<ApiMember | null> {
  const data = await ok(
    gql(journey.server, `query ($phone: String!) { memberByPhone(phone: $phone) { ${FIELDS} } }`, { phone }, { token }),
  );
  return data.memberByPhone;
}

/** A mainland mobile number no demo member has. */
function newPhone() {
  return `1992${String(randomInt(0, 10_000_000)).padStart(7, "0")}`;
}

describe("members in the console", () => {
  test("an owner finds a member by phone, tags them, and finds them again by that tag (and exports the list)", async () => {
    const token = await ownerToken();
    const member = (await newestMembers(token))[3];
    const national = member.phone.replace(/^\+86/, "");
    const tag = `回头客${randomInt(1000, 9999)}`;

    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);

    // Search by phone: exactly that member.
    await page.getByPlaceholder("手机号或会员码").fill(national);
    await poll(() => columnTexts(page, "姓名")).toEqual([member.name]);

    // Open the member: the card shows a QR code of the card payload beside the grouped code.
    await page.locator("tbody tr").first().click();
    await page.waitForURL(new RegExp(`#/members/${member.id}/show`));
    await poll(() => page.getByTestId("member-code").innerText()).toBe(member.memberCode.match(/.{1,4}/g)!.join(" "));
    await poll(() => page.locator('[data-testid="member-qr"] svg').count()).toBe(1);
    expect(await page.locator('[data-testid="member-qr"] svg path').count()).toBeGreaterThan(0);

    // Add a tag.
    await page.getByTestId("new-tag").fill(tag);
    await page.getByRole("button", { name: "添加", exact: true }).click();
    await poll(() => page.getByTestId("member-tag").allInnerTexts()).toContain(tag);
    const tagged = await memberByPhone(token, member.phone);
    expect(tagged?.tags).toContain(tag);

    // The history shows who tagged, and what.
    const latest = page.getByTestId("audit-entry").first();
    await poll(() => latest.innerText()).toContain("添加标签");
    expect(await latest.innerText()).toContain(tag);
    expect(await latest.innerText()).toContain(
      journey.demo.owner.username === "demo-owner" ? "demo-owner" : journey.demo.owner.username,
    );
    await screenshot(page, "members-1-member-page");

    // Back to the list: clear the search and filter by the new tag.
    await page.getByRole("menuitem", { name: "会员", exact: true }).click();
    await page.waitForURL(/#\/members(\?|$)/);
    await page.getByPlaceholder("手机号或会员码").fill("");
    // The cleared search is applied after the filter's debounce: wait for the whole list before picking the tag,
    // or that late update could land after the tag's and drop it.
    await poll(async () => (await columnTexts(page, "姓名")).length).toBeGreaterThan(1);
    await page.getByRole("combobox", { name: "标签" }).click();
    await page.getByRole("option", { name: `${tag} (1)` }).click();
    await poll(() => columnTexts(page, "姓名")).toEqual([member.name]);
    await poll(async () => (await columnTexts(page, "标签"))[0]).toContain(tag);
    const byTag = await newestMembers(token, 25, { tag });
    expect(byTag.map((found) => found.id)).toEqual([member.id]);
    await screenshot(page, "members-2-filtered-by-tag");

    // Export the filtered list: a CSV with the export header and this one member.
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: UI_TIMEOUT }),
      page.getByRole("button", { name: "导出" }).click(),
    ]);
    const csv = await readFile((await download.path())!, "utf8");
    const lines = csv
      .replace(/^\ufeff/, "")
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toContain("会员码 Member code");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(member.memberCode);
    expect(lines[1]).toContain(member.name);
    expect(lines[1]).toContain(tag);
  });

  test("an owner imports a small CSV with one bad row and sees what was created and what failed", async () => {
    const token = await ownerToken();
    const store = journey.demo.stores[0];
    const good = newPhone();
    const name = `导入${String.fromCharCode(0x4e00 + randomInt(0, 500))}${String.fromCharCode(0x4e00 + randomInt(0, 500))}`;
    const file = toCsv([
      ["手机号", "姓名", "性别", "备注"],
      [good, name, "女", "老会员"],
      ["12345", "号码不对", "男", ""],
    ]);

    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await page.getByRole("menuitem", { name: "导入会员" }).click();
    await page.waitForURL(/#\/import/);

    // Pick the file: encoding, rows and columns are shown before anything is sent.
    await page
      .getByTestId("import-file")
      .setInputFiles({ name: "members.csv", mimeType: "text/csv", buffer: Buffer.from(file, "utf8") });
    await poll(() => page.getByTestId("import-encoding").innerText()).toContain("utf-8");
    expect(await page.getByTestId("import-rows").innerText()).toContain("2");
    expect(await page.getByTestId("import-mapped").innerText()).toContain("手机号");
    expect(await page.getByTestId("import-ignored").innerText()).toContain("备注");

    // Default store, then import.
    await page.getByRole("combobox", { name: "默认门店（文件未写门店的行）" }).click();
    await page.getByRole("option", { name: store.name, exact: true }).click();
    await page.getByRole("button", { name: "开始导入" }).click();

    await poll(() => page.getByTestId("import-summary").count()).toBe(1);
    expect(await page.getByTestId("import-created").innerText()).toMatch(/新建: 1$/);
    expect(await page.getByTestId("import-failed").innerText()).toMatch(/失败: 1$/);
    expect(await page.getByTestId("import-errors").innerText()).toMatch(/\b3\b/);
    await screenshot(page, "members-3-import");

    // The API holds the good row, in the default store, joined by import; the bad one nowhere.
    const imported = await ok(
      gql(
        journey.server,
        "query ($phone: String!) { memberByPhone(phone: $phone) { name gender channel homeStore { id } } }",
        { phone: good },
        { token },
      ),
    );
    expect(imported.memberByPhone).toMatchObject({
      name,
      gender: "female",
      channel: "import",
      homeStore: { id: store.id },
    });

    // The error report downloads as CSV.
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: UI_TIMEOUT }),
      page.getByRole("button", { name: "下载错误报告" }).click(),
    ]);
    const report = await readFile((await download.path())!, "utf8");
    expect(report).toContain("行号,列,原因");
    expect(report).toMatch(/\r\n3,phone,/);
  });

  test("a clerk sees masked phones in the list", async () => {
    const clerkToken = await signIn(journey.server, journey.demo.clerk.username, journey.demo.clerk.password);
    const visible = await newestMembers(clerkToken);
    expect(visible.length).toBeGreaterThan(0);

    const page = await openConsole();
    await logIn(page, journey.demo.clerk.username, journey.demo.clerk.password);
    await poll(async () => (await columnTexts(page, "手机号")).length).toBe(visible.length);
    const phones = await columnTexts(page, "手机号");
    // Masked, and grouped the Chinese way: 138****8000 shows as 138 **** 8000.
    for (const phone of phones) expect(phone).toMatch(/^1\d{2} \*{4} \d{4}$/);
    expect(phones).toEqual(visible.map((member) => formatPhone(member.phoneMasked)));
    // No export and no import for clerks.
    expect(await page.getByRole("button", { name: "导出" }).count()).toBe(0);
    expect(await page.getByRole("menuitem", { name: "导入会员" }).count()).toBe(0);
    await screenshot(page, "members-4-clerk-masked");
  });

  test("an owner erases a member after giving a reason, and the member is gone", async () => {
    const token = await ownerToken();
    const member = (await newestMembers(token))[5];
    const national = member.phone.replace(/^\+86/, "");

    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await page.goto(`${journey.server.url}/#/members/${member.id}/show`);
    await poll(() => page.getByTestId("member-code").innerText()).toBe(member.memberCode.match(/.{1,4}/g)!.join(" "));

    // The dialog warns and refuses to go on without a reason.
    await page.getByRole("button", { name: "删除会员" }).click();
    const dialog = page.getByRole("dialog");
    await poll(() => dialog.getByTestId("erase-warning").innerText()).toContain("不可撤销");
    const confirm = dialog.getByRole("button", { name: "永久删除" });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByTestId("erase-reason").fill("会员本人申请注销");
    await screenshot(page, "members-5-erase-dialog");
    await confirm.click();

    // Back on the list; the member is no longer there, nor findable by phone.
    await page.waitForURL(/#\/members(\?|$)/);
    await poll(() => page.getByText("会员已删除").count()).toBeGreaterThan(0);
    await poll(async () => (await newestMembers(token, 100)).some((found) => found.id === member.id)).toBe(false);
    expect(await memberByPhone(token, member.phone)).toBeNull();
    await poll(async () => (await columnTexts(page, "手机号")).length).toBeGreaterThan(0);
    expect(await columnTexts(page, "手机号")).not.toContain(formatPhone(member.phone));
    await page.getByPlaceholder("手机号或会员码").fill(national);
    await poll(() => page.locator("tbody tr").count()).toBe(0);
    const audit = await ok(
      gql(
        journey.server,
        "query ($id: ID!) { member(id: $id) { id auditLog(first: 1) { nodes { action source } } } }",
        { id: member.id },
        { token },
      ),
    );
    if (audit.member)
      expect(audit.member.auditLog.nodes[0]).toMatchObject({
        action: "erased",
        source: expect.stringContaining("会员本人申请注销"),
      });
  });
  test("a manager edits a member (refused over someone else's change), assigns a guide and records a consent decision", async () => {
    const managerToken = await signIn(journey.server, journey.demo.manager.username, journey.demo.manager.password);
    const member = (await newestMembers(managerToken))[1];
    const full = async () =>
      (
        await ok(
          gql(
            journey.server,
            "query ($id: ID!) { member(id: $id) { name version guideId guide { name } marketingSms { granted } } }",
            { id: member.id },
            { token: managerToken },
          ),
        )
      ).member;
    const newName = `改名${randomInt(100, 999)}`;

    const page = await openConsole();
    await logIn(page, journey.demo.manager.username, journey.demo.manager.password);
    await page.goto(`${journey.server.url}/#/members/${member.id}/show`);
    await poll(() => page.getByTestId("member-code").innerText()).toBe(member.memberCode.match(/.{1,4}/g)!.join(" "));

    // Edit the name: saved with the version it was read at.
    await page.getByRole("link", { name: "编辑" }).click();
    await page.waitForURL(new RegExp(`#/members/${member.id}$`));
    await poll(() => page.locator('input[name="name"]').inputValue()).toBe(member.name);
    await page.locator('input[name="name"]').fill(newName);
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(new RegExp(`#/members/${member.id}/show`));
    await poll(async () => (await full()).name).toBe(newName);

    // Someone else changes the member while the form is open: the save is refused, nothing overwritten.
    await page.getByRole("link", { name: "编辑" }).click();
    await poll(() => page.locator('input[name="name"]').inputValue()).toBe(newName);
    await ok(
      gql(
        journey.server,
        "mutation ($id: ID!) { updateMember(id: $id, input: { gender: male }) { version } }",
        { id: member.id },
        { token: managerToken },
      ),
    );
    await page.locator('input[name="name"]').fill("不应保存");
    const updates = callsOf(page, "updateMember");
    await page.getByRole("button", { name: "保存" }).click();
    // The refusal is shown and the form stays open.
    await page.locator(".RaNotification-error").waitFor();
    expect(await updates.answered()).toBe(1);
    expect(page.url()).toMatch(new RegExp(`#/members/${member.id}$`));
    expect((await full()).name).toBe(newName);

    // Unassign the guide, then assign the store's clerk.
    await page.goto(`${journey.server.url}/#/members/${member.id}/show`);
    await page.getByRole("combobox", { name: "导购" }).click();
    await page.getByRole("option", { name: "不指定导购" }).click();
    await poll(async () => (await full()).guideId).toBeNull();
    // The page shows the change once it has reloaded the member; choosing before that would pick
    // what the select still shows as chosen, and a select does not report choosing its own value.
    await poll(() => page.getByRole("combobox", { name: "导购" }).innerText()).toBe("不指定导购");
    await page.getByRole("combobox", { name: "导购" }).click();
    await page.getByRole("option", { name: /陈雨桐/ }).click();
    await poll(async () => (await full()).guide?.name).toBe("陈雨桐");

    // Record a consent decision with its source.
    const before = (await full()).marketingSms?.granted === true;
    await page.getByRole("switch", { name: "接收营销短信" }).click();
    await page.getByTestId("consent-source").fill("门店纸质表");
    await page.getByRole("dialog").getByRole("button", { name: "确认" }).click();
    await poll(async () => (await full()).marketingSms?.granted).toBe(!before);
    // The history reloads after each change (briefly empty), so every read of it is a wait.
    const history = async () => (await page.getByTestId("audit-entry").allInnerTexts()).join("\n");
    for (const action of ["门店纸质表", "分配导购", "修改资料"]) await poll(history).toContain(action);
    await screenshot(page, "members-6-manager-edits");
  });
});
