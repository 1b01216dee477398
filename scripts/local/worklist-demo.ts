/**
 * Demo data for the guide worklist (导购工作台): members of the demo clerk
 * (the guide) that land in every section on the day the demo is seeded, in
 * the merchant's time zone: a birthday two days from today, a big spender
 * gone silent, a member who joined yesterday, and a coupon lapsing in four days.
 */
import type { Caller } from "../../functions/core/access.js";
import { claimCoupon, listTemplates } from "../../functions/app/coupons.js";
import { recordPurchase } from "../../functions/app/loyalty/index.js";
import { registerMember } from "../../functions/app/members.js";
import { addDays, localDate, startOfLocalDay } from "../../functions/core/time.js";
import type { Db } from "../../functions/data/db.js";
import { getMerchant } from "../../functions/data/merchants.js";
import { depsFor } from "./deps.js";

/** The demo guide's worklist members, by name (the console journey looks for them). */
export const WORKLIST_DEMO = {
  birthday: { name: "苏晓满", phone: "+8617100000001" },
  slipping: { name: "钱多多", phone: "+8617100000002" },
  newMember: { name: "林新月", phone: "+8617100000003" },
} as const;

const DAY = 86_400_000;

export async function worklistDemo(
  db: Db,
  owner: Caller,
  merchantId: string,
  storeId: string,
  guideId: string,
): Promise<void> {
  const timeZone = (await getMerchant(db, merchantId))?.timeZone ?? "Asia/Shanghai";
  const now = Date.now();
  const today = localDate(new Date(now).toISOString(), timeZone);
  const noon = (date: string) => new Date(Date.parse(startOfLocalDay(date, timeZone)) + 12 * 3_600_000).toISOString();
  const enrol = async (person: { name: string; phone: string }, joinedAt: string, birthday?: string) => {
    const [, month, day] = (birthday ?? "").split("-").map(Number);
    return (
      await registerMember(
        depsFor(db, { now: () => joinedAt }),
        owner,
        {
          phone: person.phone,
          name: person.name,
          gender: "female",
          homeStoreId: storeId,
          guideId,
          birthday: birthday ? { month, day } : undefined,
          marketingSmsConsent: true,
        },
        { joinedAt },
      )
    ).member;
  };

  const birthday = await enrol(WORKLIST_DEMO.birthday, new Date(now - 120 * DAY).toISOString(), addDays(today, 2));
  const slipping = await enrol(WORKLIST_DEMO.slipping, new Date(now - 300 * DAY).toISOString());
  for (const [i, daysAgo] of [200, 120, 45].entries()) {
    const at = noon(addDays(today, -daysAgo));
    await recordPurchase(depsFor(db, { now: () => at }), owner, {
      orderId: `demo-worklist-${merchantId}-${i}`,
      memberId: slipping.id,
      storeId,
      paymentMethod: "wechat",
      at,
      total: 30_000,
      lines: [{ sku: "beans", name: "咖啡豆 250g", category: "retail", qty: 3, unitPrice: 10_000 }],
    });
  }
  await enrol(WORKLIST_DEMO.newMember, new Date(now - DAY).toISOString());

  // A coupon of the birthday member that lapses four days from now: issued as long ago as its validity, less four days.
  const templates = await listTemplates(depsFor(db), owner, 100);
  const template = templates.items.find(
    (t) => t.validity.type === "relative" && t.validity.days > 4 && t.status === "active",
  );
  if (template && template.validity.type === "relative") {
    const issuedAt = new Date(now - (template.validity.days - 4) * DAY).toISOString();
    await claimCoupon(depsFor(db, { now: () => issuedAt }), owner, {
      templateId: template.id,
      memberId: birthday.id,
      requestId: `demo-worklist-${birthday.id}`,
    });
  }
}
