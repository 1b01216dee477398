/**
 * Campaigns: saved per merchant, run by the daily job on their days (a coupon
 * and/or an SMS to every member of their segment, once per member per day,
 * with a recipient record for the results), and a points multiplier the
 * purchase applies on those days (it rides in the loyalty config every
 * purchase reads). Results — reached, coupons redeemed, converted (a purchase
 * within N days of being reached) and attributed revenue — are computed from
 * the recipient records, one Query of the member's orders per recipient.
 */
import { requireStaff, type Caller } from "../core/access.js";
import { campaignHoldout, parseCampaign, runsOn, type Campaign, type CampaignInput } from "../core/campaigns.js";
import type { Coupon } from "../core/coupons/templates.js";
import { NotFoundError } from "../core/errors.js";
import type { Page } from "../core/model.js";
import type { Order } from "../core/points/account.js";
import { pageSize, requiredText } from "../core/validate.js";
import { getCoupons } from "../data/coupons.js";
import type { Write } from "../data/transaction.js";
import { ordersBetween, putLoyaltyConfig } from "../data/loyalty.js";
import * as marketing from "../data/marketing.js";
import { collectPages } from "../data/query.js";
import type { Deps } from "./deps.js";
import { actOnce } from "./jobs/actOnce.js";
import type { JobContext } from "./jobs/context.js";
import { loyaltyConfig } from "./loyalty/config.js";
import { systemCaller } from "./messaging.js";
import { evaluate, getSegment } from "./segments.js";
import { checkTemplateIds, refs } from "./references.js";

export type { Recipient } from "../data/marketing.js";

export async function listCampaigns(
  deps: Deps,
  caller: Caller,
  first?: number | null,
  after?: string | null,
): Promise<Page<Campaign>> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  return marketing.listCampaigns(deps.db, staff.merchantId, pageSize(first), after);
}

export async function getCampaign(deps: Deps, caller: Caller, id: string): Promise<Campaign> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const found = await marketing.getCampaign(deps.db, staff.merchantId, requiredText("id", id, 64));
  if (!found) throw new NotFoundError("Campaign", id);
  return found;
}

/** The points multipliers of active campaigns, kept in the loyalty config so a purchase needs no extra read. */
async function syncBoosts(deps: Deps, caller: Caller, merchantId: string) {
  const all = await collectPages((cursor) => listCampaigns(deps, caller, 100, cursor));
  const config = await loyaltyConfig(deps, caller);
  const campaignBoosts = all
    .filter((c) => c.status === "active" && c.pointsMultiplier && c.pointsMultiplier > 1)
    .map((c) => ({ id: c.id, schedule: c.schedule, multiplier: c.pointsMultiplier! }));
  await putLoyaltyConfig(deps.db, merchantId, { ...config, campaignBoosts });
}

/** Owner: create (no id) or change a campaign. Its segment and coupon template must exist. */
export async function saveCampaign(
  deps: Deps,
  caller: Caller,
  id: string | null | undefined,
  input: CampaignInput,
): Promise<Campaign> {
  const owner = requireStaff(caller, ["owner"]);
  const now = deps.clock.now();
  const base = id
    ? await getCampaign(deps, caller, id)
    : {
        id: deps.ids.code(8).toLowerCase(),
        merchantId: owner.merchantId,
        status: "active" as const,
        createdAt: now,
        updatedAt: now,
      };
  const campaign = parseCampaign(input, { ...base, updatedAt: now });
  await getSegment(deps, caller, campaign.segmentId);
  await checkTemplateIds(deps, owner.merchantId, refs("couponTemplateId", campaign.couponTemplateId));
  await marketing.putCampaign(deps.db, campaign);
  await syncBoosts(deps, caller, owner.merchantId);
  return campaign;
}

/** The daily job's step: every campaign that runs today reaches its segment, once per member. */
export async function runCampaigns(ctx: JobContext): Promise<void> {
  const { deps, merchant, date } = ctx;
  const caller = systemCaller(merchant.id, "job:campaigns");
  const campaigns = (await collectPages((cursor) => marketing.listCampaigns(deps.db, merchant.id, 100, cursor))).filter(
    (c) => runsOn(c, date) && (c.smsBody || c.couponTemplateId),
  );
  for (const campaign of campaigns) {
    const segment = await marketing.getSegment(deps.db, merchant.id, campaign.segmentId);
    if (!segment) continue;
    const counter = { itemsRead: 0 };
    for await (const page of evaluate(deps, caller, segment.filter as Record<string, unknown>, counter)) {
      for (const { member } of page) {
        await actOnce(
          ctx,
          member,
          `campaign#${campaign.id}#${date}`,
          {
            program: `campaign:${campaign.id}`,
            holdoutPercent: campaignHoldout(campaign),
            couponTemplateId: campaign.couponTemplateId,
            couponSource: "campaign",
            sms: campaign.smsBody ? { body: campaign.smsBody, purpose: `campaign:${campaign.id}` } : undefined,
          },
          (coupon?: Coupon): Write[] => [
            marketing.recipientPut(deps.db, merchant.id, campaign.id, {
              memberId: member.id,
              date,
              reachedAt: deps.clock.now(),
              couponCode: coupon?.code,
              sms: Boolean(campaign.smsBody && member.marketingSms?.granted),
            }),
          ],
        );
      }
    }
    ctx.result.itemsRead += counter.itemsRead;
  }
}

export interface CampaignResults {
  reached: number;
  couponsIssued: number;
  /** Members reached without the campaign's coupon (its template sold out, paused, or the member's limit). */
  couponsNotGiven: number;
  couponsRedeemed: number;
  converted: number;
  /** Fen, net of refunds, of the purchases inside each recipient's conversion window. */
  revenue: number;
}

/** Owner or manager: a campaign's results. */
export async function campaignResults(deps: Deps, caller: Caller, id: string): Promise<CampaignResults> {
  const campaign = await getCampaign(deps, caller, id);
  const merchantId = campaign.merchantId;
  const recipients = await marketing.listRecipients(deps.db, merchantId, campaign.id);
  const codes = recipients.flatMap((r) => (r.couponCode ? [r.couponCode] : []));
  const coupons = codes.length ? (await getCoupons(deps.db, merchantId, codes)).coupons : new Map<string, Coupon>();
  let converted = 0;
  let revenue = 0;
  for (const recipient of recipients) {
    const until = new Date(Date.parse(recipient.reachedAt) + campaign.conversionDays * 86_400_000).toISOString();
    const orders: Pick<Order, "total" | "refunds">[] = [];
    const window = ordersBetween(deps.db, merchantId, recipient.memberId, recipient.reachedAt, `${until}~`, [
      "total",
      "refunds",
    ]);
    for await (const page of window) orders.push(...(page as Pick<Order, "total" | "refunds">[]));
    if (orders.length) converted++;
    revenue += orders.reduce((sum, order) => sum + order.total - order.refunds.reduce((s, r) => s + r.amount, 0), 0);
  }
  return {
    reached: recipients.length,
    couponsIssued: codes.length,
    couponsNotGiven: campaign.couponTemplateId ? recipients.length - codes.length : 0,
    couponsRedeemed: [...coupons.values()].filter((c) => c.status === "redeemed").length,
    converted,
    revenue,
  };
}
