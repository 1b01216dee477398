/**
 * Coupons, stored value and referral in the console, in a real browser over
 * the local server and DynamoDB Local with the demo merchant: an owner makes
 * a 满减 coupon, issues it to a member by phone and uses it at the till; a
 * top-up by plan shows principal and bonus (and its refund gives the
 * principal back and takes the bonus); a manager issues and revokes a coupon
 * on the member page and issues to rows selected in the member list; an owner
 * edits a coupon's terms, pauses it and manages top-up plans; the checkout
 * settings save; an owner keeps the product list the tills pick from; a
 * clerk sees none of the owners' screens. Every journey checks the screen against what the API stored.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { gql, ok, signIn } from "../support/api.js";
import { choose, consoleJourney, logIn, memberPicker, poll, screenshot } from "../support/console.js";
import { shortId } from "../../admin/src/common/shortId.js";

const journey = consoleJourney({ members: 40, otherMembers: 3 });
const openConsole = () => journey.openConsole({ height: 1000 });

const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString("en-US")}.${String(fen % 100).padStart(2, "0")}`;

interface ApiMember {
  id: string;
  name: string;
  phone: string;
  homeStore: { id: string; name: string };
  storedValue: { principal: number; bonus: number; total: number };
}

const MEMBER_FIELDS = "id name phone homeStore { id name } storedValue { principal bonus total }";

async function visibleMembers(token: string, first = 40): Promise<ApiMember[]> {
  const data = await ok(
    gql(
      journey.server,
      `query ($first: Int) { members(first: $first) { nodes { ${MEMBER_FIELDS} } } }`,
      { first },
      { token },
    ),
  );
  return data.members.nodes;
}

const takeMember = memberPicker(visibleMembers);

async function coupon(token: string, code: string) {
  const data = await ok(
    gql(
      journey.server,
      "query ($code: String!) { coupon(code: $code) { code templateId memberId state redeemedOrderId redeemedDiscount revokedReason } }",
      { code },
      { token },
    ),
  );
  return data.coupon as {
    code: string;
    templateId: string;
    memberId: string;
    state: string;
    redeemedOrderId: string | null;
    redeemedDiscount: number | null;
    revokedReason: string | null;
  };
}

/** The member page with the wallet on the tab asked for. */
async function openWallet(page: Page, memberId: string, tab: "coupons" | "stored_value" | "referral") {
  await page.goto(`${journey.server.url}/#/members/${memberId}/show`);
  await page.getByTestId("wallet-section").waitFor();
  await page.getByTestId(`wallet-tab-${tab}`).click();
}

describe("coupons, stored value and referral in the console", () => {
  test(
    "an owner creates a 满50减10 coupon, issues it to a member by phone, uses it on a " +
      "purchase and sees it redeemed in the wallet",
    async () => {
      const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
      const member = await takeMember(token);
      const name = `满50减10-${randomBytes(2).toString("hex")}`;

      const page = await openConsole();
      await logIn(page, journey.demo.owner.username, journey.demo.owner.password);

      // Create the template: 满减 is the default kind; a 满减 that takes off the whole threshold is refused in the form.
      await page.getByRole("menuitem", { name: "优惠券", exact: true }).click();
      await page.waitForURL(/#\/couponTemplates/);
      await page.locator('a[href="#/couponTemplates/create"]').click();
      await page.locator(`input[name="name"]`).fill(name);
      await page.locator(`input[name="threshold"]`).fill("50");
      await page.locator(`input[name="amountOff"]`).fill("50");
      await page.getByRole("button", { name: "保存" }).click();
      await poll(() => page.getByText("满减金额须小于门槛金额").count()).toBe(1);
      await page.locator(`input[name="amountOff"]`).fill("10");
      await poll(() => page.getByTestId("template-value-preview").innerText()).toBe("会员看到：满50减10");
      await screenshot(page, "coupons-1-template-form");
      await page.getByRole("button", { name: "保存" }).click();
      await page.waitForURL(/#\/couponTemplates$/);
      const row = page.locator("tbody tr", { hasText: name });
      await poll(() => row.getByTestId("template-value").innerText()).toBe("满50减10");
      await poll(() => row.getByTestId("template-issued").innerText()).toBe("0 / 不限");
      const templates = await ok(
        gql(
          journey.server,
          "{ couponTemplates(first: 50) { nodes { id name kind threshold amountOff validityType validDays totalStock status } } }",
          {},
          { token },
        ),
      );
      const template = templates.couponTemplates.nodes.find((candidate: { name: string }) => candidate.name === name);
      expect(template).toMatchObject({
        kind: "threshold",
        threshold: 5_000,
        amountOff: 1_000,
        validityType: "relative",
        validDays: 30,
        totalStock: null,
        status: "active",
      });

      // Issue it from the template list to the member found by phone.
      await row.getByTestId("template-issue").click();
      const issue = page.getByRole("dialog");
      await issue.getByTestId("issue-find").fill(member.phone.replace(/^\+86/, ""));
      await issue.getByTestId("issue-find-add").click();
      await poll(() => issue.getByTestId("issue-member").allInnerTexts()).toEqual([`${member.name} · ${member.phone}`]);
      await issue.getByTestId("issue-submit").click();
      await issue.getByTestId("issue-confirm").click();
      await poll(() => issue.getByTestId("issue-result-state").allInnerTexts()).toEqual(["已发放"]);
      const displayCode = await issue.getByTestId("issue-result-code").innerText();
      await screenshot(page, "coupons-2-issued");
      await issue.getByTestId("issue-close").click();
      await poll(() => row.getByTestId("template-issued").innerText()).toBe("1 / 不限");
      const code = displayCode.replace(/-/g, "");
      expect(await coupon(token, code)).toMatchObject({
        templateId: template.id,
        memberId: member.id,
        state: "issued",
      });

      // The wallet shows it usable.
      await openWallet(page, member.id, "coupons");
      const walletRow = page.locator(`[data-testid="coupon-row"][data-code="${code}"]`);
      await poll(() => walletRow.getByTestId("coupon-state").innerText()).toBe("可用");

      // Record a purchase of ¥68 with the code: the quote takes ¥10 off, the order is charged ¥58.
      await page.getByTestId("record-purchase").click();
      const dialog = page.getByRole("dialog");
      await poll(() => dialog.getByRole("combobox", { name: "消费门店" }).innerText()).toBe(member.homeStore.name);
      await choose(page, "支付方式", "微信支付");
      await dialog.getByTestId("line-sku-0").fill("latte");
      await dialog.getByTestId("line-name-0").fill("拿铁");
      await dialog.getByTestId("line-category-0").fill("coffee");
      await dialog.getByTestId("line-qty-0").fill("1");
      await dialog.getByTestId("line-price-0").fill("68");
      // A code nobody holds is refused with its reason, and nothing can be sent until it is removed.
      await dialog.getByTestId("checkout-code").fill("ZZZZZ-ZZZZZ");
      await dialog.getByTestId("checkout-code-add").click();
      await poll(() => dialog.getByTestId("quote-rejection").innerText()).toBe("ZZZZZZZZZZ 不能使用：没有这张券");
      expect(await dialog.getByTestId("quote-rejection").getAttribute("data-reason")).toBe("NOT_FOUND");
      await dialog.getByTestId("purchase-submit").click();
      await poll(() => dialog.getByTestId("purchase-invalid").count()).toBe(1);
      await dialog.getByTestId("checkout-code-chip").locator(".MuiChip-deleteIcon").click();
      await poll(() => dialog.getByTestId("quote-rejection").count()).toBe(0);
      await dialog.getByTestId("checkout-code").fill(displayCode);
      await dialog.getByTestId("checkout-code-add").click();
      await poll(() => dialog.getByTestId("quote-step-discount").allInnerTexts()).toEqual(["-¥10.00"]);
      await poll(() => dialog.getByTestId("checkout-total").innerText()).toBe("应付：¥58.00");
      expect(await dialog.getByTestId("purchase-total").innerText()).toBe("合计：¥68.00");
      await screenshot(page, "coupons-3-checkout-quote");
      await dialog.getByTestId("purchase-submit").click();
      await poll(() => dialog.getByTestId("purchase-result").count()).toBe(1);
      expect(await dialog.getByTestId("purchase-checkout").innerText()).toBe("优惠 ¥10.00，储值支付 ¥0.00");
      await dialog.getByRole("button", { name: "关闭" }).click();

      // The wallet shows it used, on the order.
      await poll(() => walletRow.getByTestId("coupon-state").innerText()).toBe("已使用");
      const redeemed = await coupon(token, code);
      expect(redeemed).toMatchObject({ state: "redeemed", redeemedDiscount: 1_000 });
      // The order shown short, its full id a hover away.
      const used = walletRow.getByTestId("coupon-used");
      expect(await used.innerText()).toContain(`订单 ${shortId(redeemed.redeemedOrderId!)}`);
      expect(await used.locator(`[title="${redeemed.redeemedOrderId}"]`).count()).toBe(1);
      await screenshot(page, "coupons-4-wallet-redeemed");
      const order = await ok(
        gql(
          journey.server,
          "query ($id: ID!) { order(id: $id) { id memberId subtotal discount total coupons { code discount } } }",
          { id: redeemed.redeemedOrderId },
          { token },
        ),
      );
      expect(order.order).toMatchObject({
        memberId: member.id,
        subtotal: 6_800,
        discount: 1_000,
        total: 5_800,
        coupons: [{ code, discount: 1_000 }],
      });
    },
  );

  test(
    "a top-up by plan shows principal and bonus on the member page, and refunding it " +
      "returns the principal and takes the bonus back",
    async () => {
      const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
      const member = await takeMember(token);
      const before = member.storedValue;
      const plans = await ok(
        gql(journey.server, "{ topUpPlans(first: 20) { nodes { id name pay bonus } } }", {}, { token }),
      );
      const plan = plans.topUpPlans.nodes.find((candidate: { name: string }) => candidate.name === "充300送60");

      const page = await openConsole();
      await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
      await openWallet(page, member.id, "stored_value");
      await poll(() => page.getByTestId("sv-principal").innerText()).toBe(yuan(before.principal));

      // Top up by plan, after a confirmation.
      await page.getByTestId("sv-top-up-open").click();
      const dialog = page.getByRole("dialog");
      await dialog.locator(`[data-testid="top-up-plan"][data-plan-id="${plan.id}"]`).click();
      await dialog.getByTestId("top-up-next").click();
      await poll(() => dialog.getByTestId("top-up-confirm-text").innerText()).toBe(
        `为 ${member.name} 在 ${member.homeStore.name} 充值 ¥300.00，赠送 ¥60.00？`,
      );
      await dialog.getByTestId("top-up-confirm").click();
      await poll(() => dialog.getByTestId("top-up-added").innerText()).toBe("本金 +¥300.00，赠送金 +¥60.00");
      await dialog.getByTestId("top-up-close").click();

      const after = { principal: before.principal + 30_000, bonus: before.bonus + 6_000 };
      await poll(() => page.getByTestId("sv-principal").innerText()).toBe(yuan(after.principal));
      await poll(() => page.getByTestId("sv-bonus").innerText()).toBe(yuan(after.bonus));
      await poll(() => page.getByTestId("sv-total").innerText()).toBe(yuan(after.principal + after.bonus));
      const stored = await ok(
        gql(
          journey.server,
          "query ($id: ID!) { member(id: $id) { storedValue { principal bonus total } " +
            "storedValueTopUps { paymentId planId principal bonus principalLeft bonusLeft " +
            "status } } }",
          { id: member.id },
          { token },
        ),
      );
      expect(stored.member.storedValue).toEqual({ ...after, total: after.principal + after.bonus });
      const topUp = stored.member.storedValueTopUps[0];
      expect(topUp).toMatchObject({
        planId: plan.id,
        principal: 30_000,
        bonus: 6_000,
        principalLeft: 30_000,
        bonusLeft: 6_000,
        status: "open",
      });
      const topUpRow = page.locator(`[data-testid="sv-top-up"][data-payment-id="${topUp.paymentId}"]`);
      await poll(() => topUpRow.getByTestId("sv-top-up-principal").innerText()).toBe("¥300.00 / ¥300.00");
      await poll(() => topUpRow.getByTestId("sv-top-up-bonus").innerText()).toBe("¥60.00 / ¥60.00");
      await poll(() => page.locator('[data-testid="sv-entry"][data-type="topup"]').count()).toBeGreaterThan(0);
      await screenshot(page, "coupons-5-topped-up");

      // Refund it: a reason, a confirmation, then what went back and what was taken.
      await topUpRow.getByTestId("sv-top-up-refund").click();
      await dialog.getByTestId("refund-top-up-reason").fill("会员误充");
      await dialog.getByTestId("refund-top-up-next").click();
      await dialog.getByTestId("refund-top-up-confirm").click();
      await poll(() => dialog.getByTestId("refund-principal-returned").innerText()).toBe("退还本金 ¥300.00");
      expect(await dialog.getByTestId("refund-bonus-forfeited").innerText()).toBe("收回赠送金 ¥60.00");
      await dialog.getByTestId("refund-top-up-close").click();
      await poll(() => page.getByTestId("sv-principal").innerText()).toBe(yuan(before.principal));
      const refunded = await ok(
        gql(
          journey.server,
          "query ($id: ID!) { member(id: $id) { storedValue { principal bonus total } } }",
          { id: member.id },
          { token },
        ),
      );
      expect(refunded.member.storedValue).toEqual(before);
      await screenshot(page, "coupons-6-top-up-refunded");
    },
  );

  test(
    "a manager issues a coupon from the member page and revokes it with a reason, and " +
      "issues to members selected in the list",
    async () => {
      const token = await signIn(journey.server, journey.demo.manager.username, journey.demo.manager.password);
      const member = await takeMember(token, (candidate) => candidate.homeStore.id === journey.demo.manager.storeId);

      const page = await openConsole();
      await logIn(page, journey.demo.manager.username, journey.demo.manager.password);
      await openWallet(page, member.id, "coupons");
      await page.getByTestId("wallet-issue").click();
      const dialog = page.getByRole("dialog");
      await choose(page, "优惠券", /^会员日九折/);
      await dialog.getByTestId("issue-submit").click();
      await dialog.getByTestId("issue-confirm").click();
      await poll(() => dialog.getByTestId("issue-result-state").allInnerTexts()).toEqual(["已发放"]);
      const code = (await dialog.getByTestId("issue-result-code").innerText()).replace(/-/g, "");
      await dialog.getByTestId("issue-close").click();

      const row = page.locator(`[data-testid="coupon-row"][data-code="${code}"]`);
      await poll(() => row.getByTestId("coupon-state").innerText()).toBe("可用");
      await row.getByTestId("coupon-revoke").click();
      await expect.poll(() => dialog.getByTestId("revoke-next").isDisabled()).toBe(true);
      await dialog.getByTestId("revoke-reason").fill("发错会员");
      await dialog.getByTestId("revoke-next").click();
      await poll(() => dialog.getByTestId("revoke-confirm-text").innerText()).toContain("发错会员");
      await dialog.getByTestId("revoke-confirm").click();
      await poll(() => row.getByTestId("coupon-state").innerText()).toBe("已作废");
      expect(await coupon(token, code)).toMatchObject({
        memberId: member.id,
        state: "revoked",
        revokedReason: "发错会员",
      });
      await screenshot(page, "coupons-7-revoked");

      // From the member list: the selected rows get one coupon each.
      await page.goto(`${journey.server.url}/#/members`);
      const checkboxes = page.locator('tbody tr input[type="checkbox"]');
      await poll(() => checkboxes.count()).toBeGreaterThan(1);
      await checkboxes.nth(0).check();
      await checkboxes.nth(1).check();
      await page.getByTestId("members-issue").click();
      await poll(() => dialog.getByTestId("issue-member").count()).toBe(2);
      await choose(page, "优惠券", /^会员日九折/);
      await dialog.getByTestId("issue-submit").click();
      await dialog.getByTestId("issue-confirm").click();
      await poll(() => dialog.getByTestId("issue-result-state").allInnerTexts()).toEqual(["已发放", "已发放"]);
      const results = dialog.getByTestId("issue-result");
      const ids = await results.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-member-id")));
      expect(new Set(ids).size).toBe(2);
      for (const [index, id] of ids.entries()) {
        const displayCode = await results.nth(index).getByTestId("issue-result-code").innerText();
        expect(await coupon(token, displayCode.replace(/-/g, ""))).toMatchObject({ state: "issued", memberId: id });
      }
      await screenshot(page, "coupons-7b-bulk-issued");
      await dialog.getByTestId("issue-close").click();
      // Issued: the selection is cleared.
      await poll(() => page.locator('tbody tr input[type="checkbox"]:checked').count()).toBe(0);
    },
  );

  test("an owner changes a coupon's stock, limit and dates, pauses it, and adds and changes a top-up plan", async () => {
    const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
    const name = `限量立减5元-${randomBytes(2).toString("hex")}`;
    const created = await ok(
      gql(
        journey.server,
        "mutation ($input: CouponTemplateInput!) { createCouponTemplate(input: $input) { id } }",
        { input: { name, kind: "amount_off", amountOff: 500, validDays: 30, totalStock: 100, perMemberLimit: 2 } },
        { token },
      ),
    );
    const id = created.createCouponTemplate.id;
    const day = (offset: number) =>
      new Intl.DateTimeFormat("en-CA", {
        timeZone: "Asia/Shanghai",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      }).format(new Date(Date.now() + offset * 86_400_000));
    const [from, until, after] = [day(0), day(30), day(31)];

    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);

    // Edit: a smaller total, no per-member limit, fixed dates (the last day inclusive, in the merchant's time zone).
    await page.goto(`${journey.server.url}/#/couponTemplates/${id}`);
    await poll(() => page.locator('input[name="name"]').inputValue()).toBe(name);
    await poll(() => page.locator('input[name="amountOff"]').inputValue()).toBe("5");
    await page.locator('input[name="totalStock"]').fill("50");
    await page.locator('input[name="perMemberLimit"]').fill("");
    await page.getByLabel("固定日期").check();
    await page.locator('input[name="validFromDate"]').fill(from);
    await page.locator('input[name="validUntilDate"]').fill(until);
    await screenshot(page, "coupons-11-template-edit");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/#\/couponTemplates$/);
    const read = async () =>
      (
        await ok(
          gql(
            journey.server,
            "query ($id: ID!) { couponTemplate(id: $id) { name amountOff totalStock " +
              "perMemberLimit validityType validFrom validUntil validDays status } }",
            { id },
            { token },
          ),
        )
      ).couponTemplate;
    expect(await read()).toEqual({
      name,
      amountOff: 500,
      totalStock: 50,
      perMemberLimit: null,
      validityType: "fixed",
      validFrom: new Date(`${from}T00:00:00+08:00`).toISOString(),
      validUntil: new Date(`${after}T00:00:00+08:00`).toISOString(),
      validDays: null,
      status: "active",
    });

    // Pause from the list: it stops issuing.
    const row = page.locator("tbody tr", { hasText: name });
    await poll(() => row.getByTestId("template-issued").innerText()).toBe("0 / 50");
    await row.getByTestId("template-toggle").click();
    await poll(() => row.getByTestId("template-status").innerText()).toBe("已暂停");
    expect(await row.getByTestId("template-issue").isDisabled()).toBe(true);
    expect((await read()).status).toBe("paused");

    // A top-up plan: create, then change its bonus on the edit page.
    const planName = `充1000送300-${randomBytes(2).toString("hex")}`;
    await page.getByRole("menuitem", { name: "储值方案" }).click();
    await page.locator('a[href="#/topUpPlans/create"]').click();
    await page.locator('input[name="name"]').fill(planName);
    await page.locator('input[name="pay"]').fill("1000");
    await page.locator('input[name="bonus"]').fill("300");
    await page.getByLabel("仅限充值城市").check();
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/#\/topUpPlans$/);
    const planRow = page.locator("tbody tr", { hasText: planName });
    await poll(() => planRow.innerText()).toContain("¥1,000.00");
    const plans = async () =>
      (
        await ok(
          gql(journey.server, "{ topUpPlans(first: 50) { nodes { id name pay bonus scope status } } }", {}, { token }),
        )
      ).topUpPlans.nodes.find((plan: { name: string }) => plan.name === planName);
    const plan = await plans();
    expect(plan).toMatchObject({ pay: 100_000, bonus: 30_000, scope: "city", status: "active" });
    await planRow.click();
    await page.waitForURL(new RegExp(`#/topUpPlans/${plan.id}$`));
    await poll(() => page.locator('input[name="bonus"]').inputValue()).toBe("300");
    await page.locator('input[name="bonus"]').fill("350");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/#\/topUpPlans$/);
    expect(await plans()).toEqual({ ...plan, bonus: 35_000 });
    await screenshot(page, "coupons-12-plans");
  });

  test("an owner sees the demo's products, adds one for the tills and changes its price", async () => {
    const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
    const sku = `mug-${randomBytes(2).toString("hex")}`;
    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);

    // The demo's menu is the product list.
    await page.getByRole("menuitem", { name: "商品" }).click();
    await page.waitForURL(/#\/products$/);
    await poll(() => page.locator("tbody tr", { hasText: "招牌奶茶" }).innerText()).toContain("¥18.00");

    // Add one: the SKU, a name, a category and a price in yuan.
    await page.locator('a[href="#/products/create"]').click();
    await page.locator('input[name="sku"]').fill(sku);
    await page.locator('input[name="name"]').fill("随行杯");
    await page.locator('input[name="category"]').fill("retail");
    await page.locator('input[name="price"]').fill("59");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/#\/products$/);
    const row = page.locator("tbody tr", { hasText: sku });
    await poll(() => row.innerText()).toContain("¥59.00");
    const product = async () =>
      (
        await ok(
          gql(
            journey.server,
            "query ($id: ID!) { product(id: $id) { sku name category price status } }",
            { id: sku },
            { token },
          ),
        )
      ).product;
    expect(await product()).toEqual({ sku, name: "随行杯", category: "retail", price: 5900, status: "active" });

    // Change its price and take it off sale; the SKU cannot be changed.
    await row.click();
    await page.waitForURL(new RegExp(`#/products/${sku}$`));
    await poll(() => page.locator('input[name="price"]').inputValue()).toBe("59");
    expect(await page.locator('input[name="sku"]').isDisabled()).toBe(true);
    await page.locator('input[name="price"]').fill("49.5");
    await page.getByLabel("停售").check();
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/#\/products$/);
    expect(await product()).toEqual({ sku, name: "随行杯", category: "retail", price: 4950, status: "paused" });
    await poll(() => page.locator("tbody tr", { hasText: sku }).innerText()).toContain("停售");
    await screenshot(page, "coupons-13-products");
  });

  test("an owner changes the referral rules on the checkout settings page, and sees referrals and the liability per store", async () => {
    const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
    const page = await openConsole();
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);

    await page.getByRole("menuitem", { name: "储值 · 券 · 推荐规则" }).click();
    await page.waitForURL(/#\/checkout-settings/);
    const referral = page.getByTestId("settings-referral");
    await referral.locator(`input[name="referrerPoints"]`).fill("300");
    await page.locator("form", { has: referral }).getByRole("button", { name: "保存" }).click();
    await poll(() => page.getByText("推荐有礼规则已保存").count()).toBeGreaterThan(0);
    const config = await ok(
      gql(
        journey.server,
        "{ loyaltyConfig { referral { enabled referrerPoints refereePoints } storedValue { drawRule } } }",
        {},
        { token },
      ),
    );
    expect(config.loyaltyConfig.referral).toEqual({ enabled: true, referrerPoints: 300, refereePoints: 100 });
    await screenshot(page, "coupons-8-checkout-settings");

    await page.getByRole("menuitem", { name: "负债报表" }).click();
    const liability = await ok(
      gql(
        journey.server,
        "{ storedValueLiability { stores { store { id } principal bonus } principal bonus } }",
        {},
        { token },
      ),
    );
    await poll(() => page.getByTestId("liability-row").count()).toBe(liability.storedValueLiability.stores.length);
    const total = liability.storedValueLiability.principal + liability.storedValueLiability.bonus;
    await poll(() => page.getByTestId("liability-total").innerText()).toContain(yuan(total));

    await page.getByRole("menuitem", { name: "推荐记录" }).click();
    await page.getByTestId("referrals-page").waitFor();
    await screenshot(page, "coupons-9-referrals");
  });

  test("a clerk sees no coupon-template, top-up plan or checkout-settings menu, and cannot open the settings page", async () => {
    const page = await openConsole();
    await logIn(page, journey.demo.clerk.username, journey.demo.clerk.password);
    await page.getByRole("menuitem", { name: "会员", exact: true }).waitFor();
    const menu = await page.getByRole("menuitem").allInnerTexts();
    expect(menu.map((item) => item.trim())).not.toContain("优惠券");
    expect(menu.map((item) => item.trim())).not.toContain("储值方案");
    expect(menu.map((item) => item.trim())).not.toContain("储值 · 券 · 推荐规则");
    expect(
      await page.locator('a[href="#/couponTemplates"], a[href="#/checkout-settings"], a[href="#/topUpPlans"]').count(),
    ).toBe(0);

    await page.goto(`${journey.server.url}/#/checkout-settings`);
    await poll(() => page.getByText("未找到").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("checkout-settings").count()).toBe(0);
    await screenshot(page, "coupons-10-clerk-menu");
  });
});
