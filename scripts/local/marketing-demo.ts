/**
 * The demo's marketing set up as a shop would: a signature (【茶香里】), a
 * birthday coupon for every tier (richer for higher tiers) and a coupon on
 * the wake-up ladder's 60-day step, whose message names it.
 */
import { updateAutomation } from "../../functions/app/jobs/settings.js";
import { createTemplate } from "../../functions/app/coupons.js";
import { loyaltyConfig, updateTierLadder } from "../../functions/app/loyalty/config.js";
import type { Deps } from "../../functions/app/deps.js";
import type { Caller } from "../../functions/core/access.js";
import { DEFAULT_LADDER } from "../../functions/core/points/tiers.js";

/** Each tier's birthday coupon: a drink for everyone, money off rising with the tier. */
const BIRTHDAY_COUPONS: Record<string, Parameters<typeof createTemplate>[2]> = {
  regular: { name: "生日饮品券", kind: "gift", giftSku: "milk-tea", validDays: 30, perMemberLimit: 1 },
  silver: { name: "银卡生日立减15元", kind: "amount_off", amountOff: 1_500, minSpend: 3_000, validDays: 30 },
  gold: { name: "金卡生日立减30元", kind: "amount_off", amountOff: 3_000, minSpend: 5_000, validDays: 30 },
  black: { name: "黑卡生日立减50元", kind: "amount_off", amountOff: 5_000, minSpend: 5_000, validDays: 30 },
};

export async function marketingDemo(deps: Deps, owner: Caller): Promise<void> {
  const ladder = (await loyaltyConfig(deps, owner)).ladder ?? DEFAULT_LADDER;
  const tiers = [];
  for (const tier of ladder.tiers) {
    const coupon = BIRTHDAY_COUPONS[tier.id];
    const template = coupon ? await createTemplate(deps, owner, coupon) : undefined;
    tiers.push({ ...tier, ...(template ? { birthdayCouponTemplateId: template.id } : {}) });
  }
  await updateTierLadder(deps, owner, { ...ladder, tiers });
  const comeBack = await createTemplate(deps, owner, {
    name: "回归礼满50减15",
    kind: "threshold",
    threshold: 5_000,
    amountOff: 1_500,
    validDays: 14,
    perMemberLimit: 1,
  });
  await updateAutomation(deps, owner, {
    sms: { signature: "【茶香里】" },
    birthday: { body: "亲爱的{name}，{merchant}祝您生日快乐！送您一张{coupon}，30天内到店可用。" },
    wakeup: {
      steps: [
        { days: 30, body: "{name}，好久不见，{merchant}想您了，欢迎回来坐坐。" },
        {
          days: 60,
          body: "{name}，{merchant}上了新品，送您一张{coupon}，14天内有效，回来尝尝吧！",
          couponTemplateId: comeBack.id,
        },
      ],
    },
  });
}
