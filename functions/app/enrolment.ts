/**
 * Enrolment as storefronts and the console call it: the member (idempotent by
 * phone, see members.ts) and then the welcome pack (注册有礼). Each welcome
 * coupon is issued under a key made of the member and the template, so a
 * retried enrolment completes a pack that an interruption left half-issued
 * and never issues one twice. Imports of existing members get no pack.
 */
import { requireMerchant, type Caller } from "../core/access.js";
import type { Coupon } from "../core/coupons/templates.js";
import type { EnrolmentInput } from "../core/members.js";
import type { Member } from "../core/model.js";
import { stockShortfall } from "../core/coupons/templates.js";
import { localDate } from "../core/time.js";
import * as couponRepo from "../data/coupons.js";
import { getLoyaltyConfig } from "../data/loyalty.js";
import { getMerchant } from "../data/merchants.js";
import { recordShortfall } from "../data/shortfalls.js";
import { issueOne } from "./coupons.js";
import type { Deps } from "./deps.js";
import { registerMember } from "./members.js";

/** A retried enrolment this soon after joining still completes the welcome pack. */
const WELCOME_WINDOW_MS = 24 * 3_600_000;

export async function enrolMember(
  deps: Deps,
  caller: Caller,
  input: EnrolmentInput,
): Promise<{ member: Member; created: boolean; welcomeCoupons: Coupon[] }> {
  const actor = requireMerchant(caller);
  const { member, created } = await registerMember(deps, caller, input);
  const recent = Date.parse(deps.clock.now()) - Date.parse(member.joinedAt) < WELCOME_WINDOW_MS;
  if (!created && !recent) return { member, created, welcomeCoupons: [] };
  const templateIds = (await getLoyaltyConfig(deps.db, actor.merchantId))?.welcomeTemplateIds ?? [];
  const welcomeCoupons: Coupon[] = [];
  for (const templateId of templateIds) {
    // A sold-out or paused template gives nothing; the member still joins, and the operator hears of it.
    const issued = await issueOne(
      deps,
      actor,
      templateId,
      member.id,
      "welcome",
      `welcome:${member.id}:${templateId}`,
    ).catch((error) => {
      if ((error as { kind?: string }).kind === "BAD_USER_INPUT" || (error as { kind?: string }).kind === "NOT_FOUND")
        return undefined;
      throw error;
    });
    if (issued?.coupon) welcomeCoupons.push(issued.coupon);
    else if (created) await countWelcomeShortfall(deps, member, templateId, issued?.error?.code);
  }
  return { member, created, welcomeCoupons };
}

/**
 * A welcome coupon not given to a new member, counted for the operator (after the enrolment, so advisory: a
 * failure is logged, never the enrolment's).
 */
async function countWelcomeShortfall(deps: Deps, member: Member, templateId: string, code: string | undefined) {
  try {
    const [template, merchant] = await Promise.all([
      couponRepo.getTemplate(deps.db, member.merchantId, templateId),
      getMerchant(deps.db, member.merchantId),
    ]);
    const now = deps.clock.now();
    const reason = code === "LIMIT_REACHED" ? code : (stockShortfall(template, now) ?? "OUT_OF_STOCK");
    const date = localDate(now, merchant?.timeZone ?? "Asia/Shanghai");
    const at = { merchantId: member.merchantId, date, storeId: member.homeStoreId ?? "-" };
    await recordShortfall(deps.db, { ...at, templateId, source: "welcome", reason });
  } catch (error) {
    const fields = { level: "error", message: "welcome shortfall not counted", memberId: member.id, templateId };
    console.error(JSON.stringify({ ...fields, error: String(error) }));
  }
}
