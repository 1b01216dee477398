/**
 * 按人群发券: issue a coupon to everyone in a saved segment or carrying a tag,
 * at once and inside the caller's stores. Bounded: an audience of more than
 * MAX_AUDIENCE members is refused with a pointer to campaigns, which issue
 * to any number in the daily job. Idempotent by the request id: a repeat
 * issues nothing twice (each member's coupon has its own key), even when the
 * audience changed meanwhile. Every member given none is reported, with why.
 */
import { requireStaff, type Caller, type MerchantCaller } from "../core/access.js";
import { assertIssuable } from "../core/coupons/templates.js";
import { NotFoundError, ValidationError } from "../core/errors.js";
import type { SegmentFilter } from "../core/segments.js";
import { optionalText, requiredText } from "../core/validate.js";
import * as repo from "../data/coupons.js";
import * as loyaltyRepo from "../data/loyalty.js";
import * as marketing from "../data/marketing.js";
import { issueEach, type IssueResult } from "./coupons.js";
import type { Deps } from "./deps.js";
import { assertSameRequest, fingerprint, requestKey } from "./movement.js";
import { evaluate } from "./segmentMembers.js";

/** The most members one call issues to. */
export const MAX_AUDIENCE = 500;
/** The members given none that the answer lists one by one (all are counted). */
export const NOT_GIVEN_LISTED = 100;

export interface AudienceInput {
  templateId: string;
  audience: { segmentId?: string | null; tag?: string | null };
  requestId: string;
  note?: string | null;
}

export interface AudienceIssue {
  members: number;
  issued: number;
  alreadyIssued: number;
  notGiven: { reason: string; members: number }[];
  notGivenMembers: IssueResult[];
}

/** The audience's filter and the field that named it. */
async function audienceFilter(deps: Deps, staff: MerchantCaller, audience: AudienceInput["audience"]) {
  const segmentId = optionalText("audience.segmentId", audience?.segmentId, 64);
  const tag = optionalText("audience.tag", audience?.tag, 40);
  if (Boolean(segmentId) === Boolean(tag))
    throw new ValidationError("audience", "Name either a saved segment (segmentId) or a tag, not both");
  if (tag) return { field: "audience.tag", filter: { tags: [tag] } as SegmentFilter, print: `tag:${tag}` };
  const segment = await marketing.getSegment(deps.db, staff.merchantId, segmentId!);
  if (!segment) throw new NotFoundError("Segment", segmentId!);
  return { field: "audience.segmentId", filter: segment.filter as SegmentFilter, print: `segment:${segmentId}` };
}

/** The audience's member ids in the caller's stores, refused above MAX_AUDIENCE. */
async function audienceMembers(deps: Deps, staff: MerchantCaller, filter: SegmentFilter, field: string) {
  const ids: string[] = [];
  for await (const page of evaluate(deps, staff, filter)) {
    ids.push(...page.map((entry) => entry.member.id));
    if (ids.length > MAX_AUDIENCE)
      throw new ValidationError(
        field,
        `The audience holds more than ${MAX_AUDIENCE} members: issue to it with a campaign (a coupon without SMS), ` +
          `which reaches any number in the daily job`,
      );
  }
  return ids;
}

/** Owner or manager: issue one coupon of a template to each member of a segment or tag. */
export async function issueCouponsToAudience(deps: Deps, caller: Caller, input: AudienceInput): Promise<AudienceIssue> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const key = requestKey("requestId", input.requestId);
  optionalText("note", input.note, 200);
  const templateId = requiredText("templateId", input.templateId, 64);
  const { field, filter, print } = await audienceFilter(deps, staff, input.audience);
  const template = await repo.getTemplate(deps.db, staff.merchantId, templateId);
  if (!template) throw new NotFoundError("Coupon template", templateId);
  assertIssuable(template, deps.clock.now());
  const request = fingerprint({ operation: "issueCouponsToAudience", templateId, audience: print, note: input.note });
  const memberIds = await audienceMembers(deps, staff, filter, field);
  const taken = await loyaltyRepo.putRequestOnce(deps.db, staff.merchantId, "issue", key, request);
  if (taken !== undefined) assertSameRequest("requestId", key, taken, request);
  const results = await issueEach(deps, staff, templateId, memberIds, `audience:${key}`);
  return summary(results);
}

function summary(results: IssueResult[]): AudienceIssue {
  const notGivenMembers = results.filter((result) => !result.coupon);
  const reasons = new Map<string, number>();
  for (const result of notGivenMembers) reasons.set(result.error!.code, (reasons.get(result.error!.code) ?? 0) + 1);
  return {
    members: results.length,
    issued: results.filter((result) => result.coupon && result.created).length,
    alreadyIssued: results.filter((result) => result.coupon && !result.created).length,
    notGiven: [...reasons].map(([reason, members]) => ({ reason, members })).sort((a, b) => b.members - a.members),
    notGivenMembers: notGivenMembers.slice(0, NOT_GIVEN_LISTED),
  };
}
