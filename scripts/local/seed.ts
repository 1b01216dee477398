/**
 * Demo data for `npm start` and the console tests: a tea chain with stores in
 * Shanghai and Hangzhou, staff, a POS key and ~200 members, plus a smaller
 * bakery so tenant isolation can be tried by hand. Everything goes through
 * the same application services the API uses.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { createApiKey } from "../../functions/app/apiKeys.js";
import { claimCoupon, createTemplate, updateCouponSettings } from "../../functions/app/coupons.js";
import { createReward, recordPurchase } from "../../functions/app/loyalty/index.js";
import { updateReferralRules } from "../../functions/app/referral.js";
import { recordService } from "../../functions/app/records.js";
import { createPlan, topUp } from "../../functions/app/storedValue.js";
import { registerMember, searchMembers } from "../../functions/app/members.js";
import { onboardMerchant } from "../../functions/app/merchants.js";
import { createStaff } from "../../functions/app/staff.js";
import type { Deps } from "../../functions/app/deps.js";
import { createStore } from "../../functions/app/stores.js";
import type { Caller } from "../../functions/core/access.js";
import type { Db } from "../../functions/data/db.js";
import { keys } from "../../functions/data/keys.js";
import { findLogin, getStaff } from "../../functions/data/staff.js";
import { listStores } from "../../functions/data/stores.js";
import { products } from "../../graphql/resources/products.js";
import { demoPeople } from "./demo-data.js";
import { holdoutDemo } from "./holdout-demo.js";
import { marketingDemo } from "./marketing-demo.js";
import { statsDemo } from "./stats-demo.js";
import { depsFor } from "./deps.js";
import { worklistDemo } from "./worklist-demo.js";

export interface Login {
  username: string;
  password: string;
}

export interface DemoInfo {
  merchantId: string;
  apiKey: string;
  owner: Login;
  manager: Login & { storeId: string };
  clerk: Login;
  operator: Login;
  stores: { id: string; name: string; city: string }[];
  other: { merchantId: string; apiKey: string; owner: Login };
  /** The demo merchant's webhook endpoint for the example till (till-demo.ts), once `npm start` made it. */
  till?: { endpointId: string; url: string; secret: string };
}

const DEMO_TAGS = [["奶茶控"], [], ["家庭客", "周末常客"], [], ["上班族"], ["奶茶控", "上班族"], [], ["学生"]];

export const DEMO_PASSWORD = "Regulars2026";
export const DEMO_LOGINS = {
  operator: "operator",
  owner: "demo-owner",
  manager: "demo-manager",
  clerk: "demo-clerk",
  otherOwner: "other-owner",
} as const;

/** True when the demo merchant is already in the table. */
/**
 * Whether the demo is there: "none", "complete", or "interrupted" (a first
 * start stopped while seeding, e.g. by Ctrl-C, leaving half a demo). A seed
 * marks its start and its end; a demo seeded before these marks existed
 * counts as complete once its second merchant is there.
 */
export async function demoState(db: Db): Promise<"none" | "complete" | "interrupted"> {
  const mark = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.localDemo(), ConsistentRead: true }),
  );
  if (mark.Item) return mark.Item.status === "complete" ? "complete" : "interrupted";
  if (!(await findLogin(db, DEMO_LOGINS.owner))) return "none";
  return (await findLogin(db, DEMO_LOGINS.otherOwner)) ? "complete" : "interrupted";
}

const markDemo = (db: Db, status: "seeding" | "complete") =>
  db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.localDemo(), entity: "localDemo", status, at: new Date().toISOString() },
    }),
  );

async function enrol(
  db: Db,
  caller: Caller,
  people: ReturnType<typeof demoPeople>,
  storeIds: string[],
  guideId?: string,
) {
  const now = Date.now();
  const queue = people.map((person, index) => ({ person, index }));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { person, index } = next;
      const joinedAt = new Date(now - person.joinedDaysAgo * 86_400_000 - index * 60_000).toISOString();
      await registerMember(depsFor(db, { now: () => joinedAt }), caller, {
        phone: person.phone,
        name: person.name,
        gender: person.gender,
        birthday: person.birthday,
        homeStoreId: storeIds[index % storeIds.length],
        // The guide works at the first store only.
        guideId: index % storeIds.length === 0 && index % 2 === 0 ? guideId : undefined,
        tags: DEMO_TAGS[index % DEMO_TAGS.length],
        channel: (["qr", "pos", "mini_program", "tap", "online"] as const)[index % 5],
        marketingSmsConsent: person.marketingSmsConsent,
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Create the platform operator's local sign-in (idempotent). */
export async function ensureOperator(db: Db, password = DEMO_PASSWORD): Promise<Login> {
  try {
    await localIdentity(db).createUser({ username: DEMO_LOGINS.operator, password, role: "operator" });
  } catch (error) {
    if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
  }
  return { username: DEMO_LOGINS.operator, password };
}

const MENU = [
  { sku: "milk-tea", name: "招牌奶茶", category: "tea", unitPrice: 1800 },
  { sku: "fruit-tea", name: "满杯水果茶", category: "tea", unitPrice: 2200 },
  { sku: "latte", name: "拿铁", category: "coffee", unitPrice: 2800 },
  { sku: "cake", name: "芝士蛋糕", category: "bakery", unitPrice: 3200 },
  { sku: "beans", name: "咖啡豆 250g", category: "retail", unitPrice: 8800 },
];

/** Past purchases for the newest members, so points, tiers and orders have something to show. */
async function shop(db: Db, caller: Caller, merchantId: string, count: number) {
  const page = await searchMembers(depsFor(db), caller, {}, Math.min(count, 100));
  let n = 0;
  for (const member of page.items) {
    const visits = 1 + (n % 3);
    for (let v = 0; v < visits; v++) {
      const item = MENU[(n + v) % MENU.length];
      const qty = 1 + ((n + v) % 3);
      // Every second visit adds a side (e.g. tea with cake), so recommendations have co-purchases to show.
      const side = v % 2 === 1 ? [{ ...MENU[(n + v + 3) % MENU.length], qty: 1 }] : [];
      const at = new Date(
        Math.max(Date.parse(member.joinedAt), Date.now() - (v + 1) * 9 * 86_400_000 - n * 3_600_000),
      ).toISOString();
      await recordPurchase(depsFor(db, { now: () => at }), caller, {
        orderId: `demo-${merchantId}-${n}-${v}`,
        memberId: member.id,
        storeId: member.homeStoreId,
        paymentMethod: ["wechat", "alipay", "cash"][v % 3],
        at,
        total: qty * item.unitPrice + side.reduce((sum, line) => sum + line.unitPrice, 0),
        lines: [{ ...item, qty }, ...side],
      });
    }
    n++;
  }
}

/**
 * Coupons, stored value and referral for the demo: a 满减, a discount, a gift
 * and a welcome coupon; a coupon reward in the points mall; two top-up plans;
 * the referral programme on; a few members with coupons and balances.
 */
async function checkoutDemo(db: Db, owner: Caller, storeId: string) {
  const deps = depsFor(db);
  const { threshold, percent, gift, welcome } = await demoTemplates(deps, owner);
  await updateCouponSettings(deps, owner, { welcomeTemplateIds: [welcome.id] });
  await createReward(deps, owner, {
    name: "满100减20券",
    kind: "coupon",
    couponTemplateId: threshold.id,
    pointsCost: 200,
    perMemberLimit: 3,
  });
  const plan300 = await createPlan(deps, owner, { name: "充300送60", pay: 30_000, bonus: 6_000 });
  await createPlan(deps, owner, { name: "充500送120 (仅限本店)", pay: 50_000, bonus: 12_000, scope: "store" });
  await updateReferralRules(deps, owner, {
    enabled: true,
    referrerPoints: 200,
    refereePoints: 100,
    refereeTemplateId: welcome.id,
  });
  await demoWallets(deps, owner, [threshold, percent, gift], plan300, storeId);
}

/** The demo's coupon templates: a 满减, a member-day discount, a gift and the welcome coupon. */
async function demoTemplates(deps: Deps, owner: Caller) {
  const threshold = await createTemplate(deps, owner, {
    name: "满100减20",
    kind: "threshold",
    threshold: 10_000,
    amountOff: 2_000,
    validDays: 30,
    totalStock: 1_000,
    perMemberLimit: 3,
  });
  const percent = await createTemplate(deps, owner, {
    name: "会员日九折",
    kind: "percent_off",
    percentOff: 10,
    maxDiscount: 3_000,
    validDays: 14,
    stacking: "stackable",
    priority: 50,
  });
  const gift = await createTemplate(deps, owner, {
    name: "免费加料券",
    kind: "gift",
    giftSku: "topping",
    validDays: 60,
    stacking: "stackable",
    priority: 10,
  });
  const welcome = await createTemplate(deps, owner, {
    name: "新人立减10元",
    kind: "amount_off",
    amountOff: 1_000,
    minSpend: 3_000,
    validDays: 30,
    perMemberLimit: 1,
  });
  return { threshold, percent, gift, welcome };
}

/** A dozen members each with three coupons, and every other one with a top-up of the ¥300 plan. */
async function demoWallets(
  deps: Deps,
  owner: Caller,
  templates: { id: string }[],
  plan300: { id: string; pay: number },
  storeId: string,
) {
  const page = await searchMembers(deps, owner, {}, 12);
  for (const [i, member] of page.items.entries()) {
    for (const template of templates)
      await claimCoupon(deps, owner, {
        templateId: template.id,
        memberId: member.id,
        requestId: `demo-${template.id}-${member.id}`,
      });
    if (i % 2 === 0)
      await topUp(deps, owner, {
        memberId: member.id,
        paymentId: `demo-topup-${member.id}`,
        amount: plan300.pay,
        planId: plan300.id,
        storeId: member.homeStoreId ?? storeId,
      });
  }
}

type StaffCaller = Extract<Caller, { kind: "staff" }>;

/** The owner of a merchant just onboarded, as a caller. */
const ownerCaller = ({ merchant, owner }: Awaited<ReturnType<typeof onboardMerchant>>): StaffCaller => ({
  kind: "staff",
  merchantId: merchant.id,
  staffId: owner.id,
  username: owner.username,
  role: "owner",
  storeIds: [],
});

/** The tea house's two other stores, its manager (first store) and its clerk (first store, the guide). */
async function teaStoresAndStaff(deps: Deps, owner: Caller, firstStoreId: string) {
  const lujiazui = await createStore(deps, owner, {
    name: "陆家嘴店",
    city: "上海",
    region: "华东",
    address: "上海市浦东新区世纪大道8号",
  });
  const westLake = await createStore(deps, owner, {
    name: "西湖店",
    city: "杭州",
    region: "华东",
    address: "杭州市西湖区湖滨路28号",
  });
  await createStaff(deps, owner, {
    username: DEMO_LOGINS.manager,
    name: "周明",
    password: DEMO_PASSWORD,
    role: "manager",
    storeIds: [firstStoreId],
  });
  const clerk = await createStaff(deps, owner, {
    username: DEMO_LOGINS.clerk,
    name: "陈雨桐",
    password: DEMO_PASSWORD,
    role: "clerk",
    storeIds: [firstStoreId],
  });
  return { lujiazui, westLake, clerk };
}

/** The tea house's members, purchases, rewards, menu, checkout and marketing setup, worklist and a year of figures. */
async function teaActivity(
  db: Db,
  owner: StaffCaller,
  /** The tea house's stores, the first one first. */
  storeIds: string[],
  clerkId: string,
  options: { members?: number; purchases?: number; holdoutHistory?: boolean; walkIns?: boolean },
) {
  const deps = depsFor(db);
  await enrol(db, owner, demoPeople(options.members ?? 200, 2026), storeIds, clerkId);
  await shop(db, owner, owner.merchantId, options.purchases ?? 80);
  await createReward(deps, owner, { name: "品牌帆布袋", description: "门店领取", pointsCost: 300, stock: 50 });
  await createReward(deps, owner, { name: "任意中杯饮品", pointsCost: 500, unlimited: true, perMemberLimit: 2 });
  // The menu as the merchant's product list: the tills' pick list.
  const productList = recordService(products);
  for (const { unitPrice, ...item } of MENU) await productList.create(deps, owner, { ...item, price: unitPrice });
  // What the gift coupon (免费加料券) gives, so tills and wallets name it.
  await productList.create(deps, owner, { sku: "topping", name: "加料（珍珠/椰果）", category: "tea", price: 300 });
  await checkoutDemo(db, owner, storeIds[0]);
  await marketingDemo(deps, owner);
  if (options.holdoutHistory !== false) await holdoutDemo((now) => depsFor(db, { now: () => now }), owner);
  await worklistDemo(db, owner, owner.merchantId, storeIds[0], clerkId);
  await statsDemo((now) => depsFor(db, { now: () => now }), owner, storeIds, "Asia/Shanghai", options.walkIns);
}

export async function seedDemo(
  db: Db,
  /**
   * holdoutHistory: the past weeks of the ladder and a campaign, with their holdouts (holdout-demo.ts); walkIns: a
   * month of non-members' orders (stats-demo.ts). Both default on.
   */
  options: {
    members?: number;
    otherMembers?: number;
    purchases?: number;
    holdoutHistory?: boolean;
    walkIns?: boolean;
  } = {},
): Promise<DemoInfo> {
  const deps = depsFor(db);
  await markDemo(db, "seeding");
  const operator = await ensureOperator(db);
  const operatorCaller: Caller = { kind: "operator", subject: "seed" };

  const tea = await onboardMerchant(deps, operatorCaller, {
    name: "茶香里 Tea House",
    timeZone: "Asia/Shanghai",
    firstStore: { name: "静安寺店", city: "上海", region: "华东", address: "上海市静安区南京西路1618号" },
    owner: { username: DEMO_LOGINS.owner, name: "林晓岚", password: DEMO_PASSWORD },
  });
  const owner = ownerCaller(tea);
  const { lujiazui, westLake, clerk } = await teaStoresAndStaff(deps, owner, tea.store.id);
  const teaKey = await createApiKey(deps, owner, { name: "Demo POS (all stores)" });
  await teaActivity(db, owner, [tea.store.id, lujiazui.id, westLake.id], clerk.id, options);

  const bakery = await onboardMerchant(deps, operatorCaller, {
    name: "麦香面包工坊 Bakery",
    timeZone: "Asia/Shanghai",
    firstStore: { name: "武林店", city: "杭州", region: "华东" },
    owner: { username: DEMO_LOGINS.otherOwner, name: "何佳", password: DEMO_PASSWORD },
  });
  const bakeryOwner = ownerCaller(bakery);
  const bakeryKey = await createApiKey(deps, bakeryOwner, { name: "Bakery POS" });
  await enrol(db, bakeryOwner, demoPeople(options.otherMembers ?? 30, 7), [bakery.store.id]);
  await markDemo(db, "complete");

  return {
    merchantId: tea.merchant.id,
    apiKey: teaKey.secret,
    operator,
    owner: { username: DEMO_LOGINS.owner, password: DEMO_PASSWORD },
    manager: { username: DEMO_LOGINS.manager, password: DEMO_PASSWORD, storeId: tea.store.id },
    clerk: { username: DEMO_LOGINS.clerk, password: DEMO_PASSWORD },
    stores: [tea.store, lujiazui, westLake].map(({ id, name, city }) => ({ id, name, city })),
    other: {
      merchantId: bakery.merchant.id,
      apiKey: bakeryKey.secret,
      owner: { username: DEMO_LOGINS.otherOwner, password: DEMO_PASSWORD },
    },
  };
}

/** Rebuild the demo's details when its saved secrets are lost: new API keys, same data. */
export async function recoverDemo(db: Db): Promise<DemoInfo> {
  const deps = depsFor(db);
  const ownerOf = async (username: string): Promise<Extract<Caller, { kind: "staff" }>> => {
    const login = await findLogin(db, username);
    if (!login) throw new Error(`Demo login ${username} is missing; delete .local/dynamodb-data to reseed`);
    return {
      kind: "staff",
      merchantId: login.merchantId,
      staffId: login.staffId,
      username,
      role: "owner",
      storeIds: [],
    };
  };
  const tea = await ownerOf(DEMO_LOGINS.owner);
  const bakery = await ownerOf(DEMO_LOGINS.otherOwner);
  const managerLogin = await findLogin(db, DEMO_LOGINS.manager);
  const manager = managerLogin && (await getStaff(db, managerLogin.merchantId, managerLogin.staffId));
  const stores = await listStores(db, tea.merchantId, 100);
  const login = (username: string) => ({ username, password: DEMO_PASSWORD });
  return {
    merchantId: tea.merchantId,
    apiKey: (await createApiKey(deps, tea, { name: "Demo POS (reissued)" })).secret,
    operator: login(DEMO_LOGINS.operator),
    owner: login(DEMO_LOGINS.owner),
    manager: { ...login(DEMO_LOGINS.manager), storeId: manager?.storeIds[0] ?? "" },
    clerk: login(DEMO_LOGINS.clerk),
    stores: stores.items.map(({ id, name, city }) => ({ id, name, city })),
    other: {
      merchantId: bakery.merchantId,
      apiKey: (await createApiKey(deps, bakery, { name: "Bakery POS (reissued)" })).secret,
      owner: login(DEMO_LOGINS.otherOwner),
    },
  };
}
