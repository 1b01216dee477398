/**
 * What a campaign will cost before it is saved: the members its segment
 * reaches now, how many of them may get its SMS (consent, not opted out, a
 * phone), the billed parts of each message as rendered for that member, and
 * the price. With a holdout share, the SMS figures are what the treated part
 * is expected to get (the segment's figures × (1 − share), rounded): who is
 * held out is only known once the campaign has its id. The monthly SMS
 * allowance is not counted: the figures are what the campaign sends at most.
 */
import { requireStaff, type Caller } from "../core/access.js";
import { COUPON_CODE_LENGTH } from "../core/coupons/templates.js";
import { ValidationError } from "../core/errors.js";
import { parseHoldoutPercent } from "../core/holdout.js";
import {
  effectiveSignature,
  mayReceive,
  mentionsCoupon,
  parseTemplateBody,
  render,
  smsParts,
} from "../core/messaging/sms.js";
import { lookupId, optionalText } from "../core/validate.js";
import { getTemplate } from "../data/coupons.js";
import { getMerchant } from "../data/merchants.js";
import type { Deps } from "./deps.js";
import { getAutomation } from "./jobs/settings.js";
import { evaluate, getSegment } from "./segments.js";

export interface CampaignEstimateInput {
  segmentId: string;
  smsBody?: string | null;
  couponTemplateId?: string | null;
  /** The campaign's holdout share, percent (absent: none). */
  holdoutPercent?: number | null;
}

export interface CampaignEstimate {
  /** Members the segment holds now. */
  reach: number;
  /** Of them, members the holdout is expected to set aside: reach × share, rounded. */
  heldOut: number;
  /** Of them, members who may get the SMS. */
  smsMembers: number;
  /** Billed SMS parts in all. */
  smsParts: number;
  /** smsParts × the merchant's price per part, fen. */
  smsCost: number;
  pricePerPart: number;
  /** Items read to work it out. */
  itemsRead: number;
}

/** Owner or manager: a campaign's reach, SMS count and SMS cost for its segment, message and coupon, now. */
export async function estimateCampaign(
  deps: Deps,
  caller: Caller,
  input: CampaignEstimateInput,
): Promise<CampaignEstimate> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const segment = await getSegment(deps, caller, lookupId("Segment", input.segmentId));
  const body = input.smsBody ? parseTemplateBody("smsBody", input.smsBody) : undefined;
  const templateId = optionalText("couponTemplateId", input.couponTemplateId, 64);
  const share = parseHoldoutPercent("holdoutPercent", input.holdoutPercent ?? 0) / 100;
  if (mentionsCoupon(body) && !templateId)
    throw new ValidationError(
      "couponTemplateId",
      "The SMS shows a coupon ({coupon} or {couponCode}): choose the coupon",
    );
  const [automation, merchant, template] = await Promise.all([
    getAutomation(deps, staff.merchantId),
    getMerchant(deps.db, staff.merchantId),
    templateId ? getTemplate(deps.db, staff.merchantId, templateId) : undefined,
  ]);
  if (templateId && !template)
    throw new ValidationError("couponTemplateId", `Coupon template ${templateId} does not exist`);
  const signature = effectiveSignature(automation.sms, merchant?.name ?? "");
  const variables = {
    merchant: merchant?.name ?? "",
    coupon: template?.name ?? "",
    couponCode: "X".repeat(COUPON_CODE_LENGTH),
  };
  const estimate = { reach: 0, smsMembers: 0, smsParts: 0, pricePerPart: automation.sms.pricePerPart };
  const counter = { itemsRead: 0 };
  for await (const page of evaluate(deps, staff, segment.filter, counter)) {
    estimate.reach += page.length;
    for (const { member } of page) {
      if (!body || !signature || !member.phone || !mayReceive(member, "marketing").ok) continue;
      estimate.smsMembers++;
      estimate.smsParts += smsParts(render(body, { ...variables, name: member.name }, "marketing", signature));
    }
  }
  const treated = (n: number) => Math.round(n * (1 - share));
  const parts = treated(estimate.smsParts);
  return {
    ...estimate,
    heldOut: estimate.reach - treated(estimate.reach),
    smsMembers: treated(estimate.smsMembers),
    smsParts: parts,
    smsCost: parts * estimate.pricePerPart,
    itemsRead: counter.itemsRead,
  };
}
