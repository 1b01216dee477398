/**
 * Coupons: templates, issuing (by hand, a storefront claim, the welcome pack,
 * the points mall, referrals), the member's wallet, and the checkout steps
 * before the purchase: quote, hold and release. Using a coupon happens inside
 * recordPurchase (see loyalty/purchases.ts), in the purchase's own transaction.
 */
import {
  assertStoreWritable,
  tillStoreId,
  requireMerchant,
  requireStaff,
  type Caller,
  type MerchantCaller,
} from "../core/access.js";
import { quote, type Quote } from "../core/coupons/quote.js";
import {
  assertIssuable,
  COUPON_CODE_LENGTH,
  hasStock,
  couponState,
  newCoupon,
  normaliseCouponCode,
  parseTemplate,
  type Coupon,
  type CouponSource,
  type CouponTemplate,
  type TemplateInput,
} from "../core/coupons/templates.js";
import { ConflictError, CouponRejectedError, NotFoundError, ValidationError } from "../core/errors.js";
import { contactOf } from "../core/members.js";
import type { Page, Recipient } from "../core/model.js";
import { parseLines } from "../core/points/account.js";
import type { PurchaseLine } from "../core/points/rules.js";
import { optionalText, pageSize, requiredText } from "../core/validate.js";
import * as repo from "../data/coupons.js";
import { commit, type Write } from "../data/transaction.js";
import { eventPut } from "../data/events.js";
import * as loyaltyRepo from "../data/loyalty.js";
import type { Deps } from "./deps.js";
import { getMember, visible } from "./members.js";
import {
  assertSameRequest,
  busy,
  editWithRetry,
  event,
  fingerprint,
  requestKey,
  retries,
  type RequestPrint,
} from "./movement.js";
import { loyaltyConfig } from "./loyalty/config.js";
import { checkStoreIds, checkTemplateIds, checkTierIds, refs } from "./references.js";

export async function listTemplates(
  deps: Deps,
  caller: Caller,
  first?: number | null,
  after?: string | null,
): Promise<Page<CouponTemplate>> {
  const actor = requireMerchant(caller);
  return repo.listTemplates(deps.db, actor.merchantId, pageSize(first), after);
}

export async function getTemplate(deps: Deps, caller: Caller, id: string): Promise<CouponTemplate> {
  const actor = requireMerchant(caller);
  const template = await repo.getTemplate(deps.db, actor.merchantId, requiredText("id", id, 64));
  if (!template) throw new NotFoundError("Coupon template", id);
  return template;
}

export async function createTemplate(deps: Deps, caller: Caller, input: TemplateInput): Promise<CouponTemplate> {
  const owner = requireStaff(caller, ["owner"]);
  const now = deps.clock.now();
  const template = parseTemplate(input, {
    id: deps.ids.code(8).toLowerCase(),
    merchantId: owner.merchantId,
    issued: 0,
    totalStock: null,
    perMemberLimit: null,
    status: "active",
    createdAt: now,
    updatedAt: now,
  });
  await checkTemplateScope(deps, owner, template);
  await repo.putTemplate(deps.db, template);
  return template;
}

/** The stores and tiers a template is limited to are the merchant's own. */
async function checkTemplateScope(deps: Deps, owner: MerchantCaller, template: CouponTemplate): Promise<void> {
  await checkStoreIds(deps, owner, refs("storeIds", template.storeIds));
  await checkTierIds(deps, owner.merchantId, refs("tierIds", template.tierIds));
}

/** Owner: change a template (pause it with status paused). Coupons already issued keep their terms. */
export async function updateTemplate(
  deps: Deps,
  caller: Caller,
  id: string,
  input: TemplateInput,
): Promise<CouponTemplate> {
  const owner = requireStaff(caller, ["owner"]);
  return editWithRetry(
    "Coupon template",
    id,
    () => repo.getTemplate(deps.db, owner.merchantId, id, true),
    async (current) => {
      const next = parseTemplate(input, { ...current, updatedAt: deps.clock.now() });
      await checkTemplateScope(deps, owner, next);
      return next;
    },
    (next, current) => repo.putTemplate(deps.db, next, current.updatedAt),
  );
}

export interface IssueResult {
  memberId: string;
  coupon?: Coupon;
  /** Why nothing was issued (OUT_OF_STOCK, LIMIT_REACHED, NOT_FOUND, PAUSED). */
  error?: { code: string; message: string };
  created: boolean;
}

/**
 * Whom a coupon is issued to: the member (or a recipient copied from it), whose contact the coupon copies
 * for its expiry reminder, or just an id and home store (the coupon then has no copy).
 */
export type CouponHolder = { id: string; homeStoreId?: string | null } & Partial<Omit<Recipient, "id" | "homeStoreId">>;

const copyOf = (holder: CouponHolder) =>
  holder.status && holder.phone !== undefined && holder.name !== undefined && holder.version !== undefined
    ? contactOf(holder as Recipient)
    : undefined;

/**
 * The transaction items and events of issuing coupons of one template (one
 * per member named, booked to the member's home store), for callers that
 * issue inside a bigger transaction.
 */
export function issueWithin(
  deps: Deps,
  template: CouponTemplate,
  members: CouponHolder[],
  timeZone: string,
  source: CouponSource,
  ref: string,
  program?: string,
): { coupons: Coupon[]; items: Write[] } {
  const now = deps.clock.now();
  const coupons = members.map((member) => ({
    ...newCoupon(template, deps.ids.code(COUPON_CODE_LENGTH), member.id, now, source, ref),
    ...(program ? { program } : {}),
    storeId: member.homeStoreId ?? null,
    ...(copyOf(member) ? { contact: copyOf(member) } : {}),
  }));
  const events = coupons.map((coupon) =>
    event(deps, template.merchantId, "CouponIssued", {
      code: coupon.code,
      templateId: template.id,
      memberId: coupon.memberId,
      source,
      ref,
    }),
  );
  return {
    coupons,
    items: [
      ...repo.issueItems(deps.db, template, coupons, timeZone),
      ...events.map((issued) => eventPut(deps.db, issued)),
    ],
  };
}

/** A refusal to issue, as the bulk issue reports it per member. */
const refused = (memberId: string, code: string, message: string): IssueResult => ({
  memberId,
  error: { code, message },
  created: false,
});

/** One attempt at issuing: a refusal, the written coupon, or the labels of the failed conditions. */
async function tryIssue(
  deps: Deps,
  actor: MerchantCaller,
  request: { templateId: string; memberId: string; source: CouponSource; key: string; print: RequestPrint },
): Promise<IssueResult | { failed: string[] }> {
  const { templateId, memberId, key } = request;
  const { template, member, timeZone } = await repo.loadIssueContext(deps.db, actor.merchantId, templateId, memberId);
  if (!template) throw new NotFoundError("Coupon template", templateId);
  if (!visible(actor, member)) return refused(memberId, "NOT_FOUND", `Member ${memberId} was not found`);
  assertIssuable(template, deps.clock.now());
  const { name } = template;
  if (!hasStock(template, deps.clock.now())) return refused(memberId, "OUT_OF_STOCK", `${name} has no coupons left`);
  const issued = issueWithin(deps, template, [member!], timeZone, request.source, `request:${key}`);
  const [coupon] = issued.coupons;
  const record = loyaltyRepo.requestPut(
    deps.db,
    actor.merchantId,
    { scope: "coupon", id: key, fingerprint: request.print },
    { code: coupon.code },
  );
  const result = await commit(deps.db, [record, ...issued.items]);
  if (result.written) return { memberId, coupon, created: true };
  if (result.failed.includes("limit")) {
    const most = `the most allowed`;
    const message = `This member already has ${template.perMemberLimit} coupon(s) of ${template.name}, ${most}`;
    return refused(memberId, "LIMIT_REACHED", message);
  }
  return { failed: result.failed };
}

/**
 * Issue one coupon to one member under a request key: a repeat returns the
 * first coupon. Stock and the member's limit hold under any concurrency.
 */
export async function issueOne(
  deps: Deps,
  actor: MerchantCaller,
  templateId: string,
  memberId: string,
  source: CouponSource,
  key: string,
): Promise<IssueResult> {
  const print = fingerprint({ operation: "issueCoupon", templateId, memberId });
  const replay = async (): Promise<IssueResult | undefined> => {
    const seen = await loyaltyRepo.getRequest(deps.db, actor.merchantId, "coupon", key);
    if (!seen) return undefined;
    assertSameRequest("requestId", key, seen.fingerprint, print);
    const coupon = await repo.getCoupon(deps.db, actor.merchantId, (seen.result as { code: string }).code, true);
    return { memberId, coupon, created: false };
  };
  const first = await replay();
  if (first) return first;
  for (const retry = retries(); await retry.next();) {
    const outcome = await tryIssue(deps, actor, { templateId, memberId, source, key, print });
    if (!("failed" in outcome)) return outcome;
    if (outcome.failed.includes("request")) return (await replay())!;
    // stock (sold out or template changed since read), code (taken) or a conflict: read again and retry.
  }
  throw busy("The coupon template");
}

function failIssue(result: IssueResult): Coupon {
  if (result.coupon) return result.coupon;
  const { code, message } = result.error!;
  if (code === "NOT_FOUND") throw new NotFoundError("Member", result.memberId);
  throw new ConflictError(message, { field: "templateId", reason: code });
}

/** A storefront (or staff) claims a coupon for a member (领券); idempotent by requestId. */
export async function claimCoupon(
  deps: Deps,
  caller: Caller,
  input: { templateId: string; memberId: string; requestId: string },
): Promise<{ coupon: Coupon; created: boolean }> {
  const actor = requireMerchant(caller);
  const key = requestKey("requestId", input.requestId);
  const result = await issueOne(
    deps,
    actor,
    requiredText("templateId", input.templateId, 64),
    requiredText("memberId", input.memberId, 64),
    "claim",
    `claim:${key}`,
  );
  return { coupon: failIssue(result), created: result.created };
}

/**
 * Owner or manager: issue by hand to one member or a list (≤ 200); each member's result on its own; idempotent by
 * requestId.
 */
export async function issueCoupons(
  deps: Deps,
  caller: Caller,
  input: { templateId: string; memberIds: string[]; requestId: string; note?: string | null },
): Promise<IssueResult[]> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const key = requestKey("requestId", input.requestId);
  optionalText("note", input.note, 200);
  if (!Array.isArray(input.memberIds) || !input.memberIds.length || input.memberIds.length > 200)
    throw new ValidationError("memberIds", "Give 1–200 member ids");
  const memberIds = [...new Set(input.memberIds.map((id) => requiredText("memberIds", id, 64)))];
  const templateId = requiredText("templateId", input.templateId, 64);
  if (!(await repo.getTemplate(deps.db, staff.merchantId, templateId)))
    throw new NotFoundError("Coupon template", templateId);
  // The whole list is one request: its key must name the same template, members and note again.
  const print = fingerprint({
    operation: "issueCoupons",
    templateId,
    memberIds: [...memberIds].sort(),
    note: input.note,
  });
  const taken = await loyaltyRepo.putRequestOnce(deps.db, staff.merchantId, "issue", key, print);
  if (taken !== undefined) assertSameRequest("requestId", key, taken, print);
  return issueEach(deps, staff, templateId, memberIds, `manual:${key}`);
}

/**
 * Issue one coupon of a template to each member, by hand (source manual), each under `${keyPrefix}:{memberId}`
 * so a repeat issues nothing twice; each member's result on its own.
 */
export async function issueEach(
  deps: Deps,
  actor: MerchantCaller,
  templateId: string,
  memberIds: string[],
  keyPrefix: string,
): Promise<IssueResult[]> {
  const results: IssueResult[] = new Array(memberIds.length);
  let next = 0;
  // A few at a time: one template item takes every issue, so more parallelism only adds contention.
  await Promise.all(
    Array.from({ length: Math.min(4, memberIds.length) }, async () => {
      for (let i = next++; i < memberIds.length; i = next++)
        results[i] = await issueOne(deps, actor, templateId, memberIds[i], "manual", `${keyPrefix}:${memberIds[i]}`);
    }),
  );
  return results;
}

/** The member's wallet, newest first. */
export async function memberCoupons(
  deps: Deps,
  caller: Caller,
  memberId: string,
  first?: number | null,
  after?: string | null,
): Promise<Page<Coupon>> {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listMemberCoupons(deps.db, actor.merchantId, memberId, pageSize(first), after);
}

/** One coupon by code, if its member is in the caller's view. */
export async function couponByCode(deps: Deps, caller: Caller, code: string): Promise<Coupon | null> {
  const actor = requireMerchant(caller);
  const coupon = await repo.getCoupon(deps.db, actor.merchantId, normaliseCouponCode(code));
  if (!coupon) return null;
  const member = await loyaltyRepo.loadMemberContext(deps.db, actor.merchantId, coupon.memberId);
  return visible(actor, member.member) ? coupon : null;
}

/** Owner or manager: revoke an unused coupon with a reason. */
export async function revokeCoupon(
  deps: Deps,
  caller: Caller,
  input: { code: string; reason: string },
): Promise<Coupon> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const code = normaliseCouponCode(input.code);
  const reason = requiredText("reason", input.reason, 200);
  for (const retry = retries(); await retry.next();) {
    const coupon = await couponByCode(deps, staff, code);
    if (!coupon) throw new NotFoundError("Coupon", code);
    const now = deps.clock.now();
    const state = couponState(coupon, now);
    if (state === "revoked") return coupon;
    if (state === "redeemed" || state === "reserved")
      throw new ConflictError(`Coupon ${code} is ${state}; it cannot be revoked now`, {
        field: "code",
        reason: state.toUpperCase(),
      });
    const after: Coupon = {
      ...coupon,
      status: "revoked",
      reservation: undefined,
      revoked: { at: now, by: staff.username, reason },
      version: coupon.version + 1,
    };
    const merchant = await loyaltyRepo.loadMemberContext(deps.db, staff.merchantId, coupon.memberId);
    const revoked = event(deps, staff.merchantId, "CouponRevoked", { code, memberId: coupon.memberId, reason });
    const result = await commit(deps.db, [
      repo.couponChange(deps.db, coupon, after, merchant.merchant.timeZone ?? "Asia/Shanghai", deps.clock.now()),
      eventPut(deps.db, revoked),
    ]);
    if (result.written) return after;
  }
  throw busy("The coupon");
}

export interface BasketInput {
  memberId?: string | null;
  storeId?: string | null;
  lines: PurchaseLine[];
  couponCodes?: string[] | null;
  holdId?: string | null;
}

/** The member's context and the named coupons (and what else `wants` names), in one request. */
async function loadWithCoupons(
  deps: Deps,
  actor: MerchantCaller,
  memberId: string,
  codes: string[],
  wants: loyaltyRepo.ContextWants = {},
) {
  const loaded = await loyaltyRepo.loadMemberContext(deps.db, actor.merchantId, memberId, {
    ...wants,
    couponCodes: codes,
  });
  if (!visible(actor, loaded.member)) throw new NotFoundError("Member", memberId);
  return { loaded, coupons: loaded.coupons };
}

export const couponCodes = (codes: string[] | null | undefined) => {
  const list = (codes ?? []).map((code, i) => normaliseCouponCode(code, `couponCodes.${i}`));
  if (list.length > 10) throw new ValidationError("couponCodes", "At most 10 coupons per order");
  return list;
};

/** Read what a quote needs in one request: merchant, rules, member, account and the coupons. */
async function basketContext(deps: Deps, actor: MerchantCaller, input: BasketInput, holdId?: string) {
  const memberId = requiredText("memberId", input.memberId, 64);
  const storeId = tillStoreId(actor, input.storeId);
  assertStoreWritable(actor, storeId);
  const codes = couponCodes(input.couponCodes);
  const lines = parseLines(input.lines);
  // The store is read in the same BatchGetItem: it must be the merchant's.
  const { loaded, coupons } = await loadWithCoupons(deps, actor, memberId, codes, { storeId, holdId });
  if (!loaded.store) throw new ValidationError("storeId", `Store ${storeId} does not exist`);
  return { memberId, storeId, codes, lines, coupons, loaded };
}

/**
 * Quote a basket with coupons: the discount of each coupon step by step, and why each refused coupon was refused.
 * Changes nothing.
 */
export async function quoteCheckout(deps: Deps, caller: Caller, input: BasketInput): Promise<Quote> {
  const actor = requireMerchant(caller);
  const { memberId, storeId, codes, lines, coupons, loaded } = await basketContext(deps, actor, input);
  const tierId = loaded.account?.tierId ?? loaded.config?.ladder.tiers[0].id ?? "";
  return quote(lines, codes, coupons, {
    memberId,
    storeId,
    tierId,
    now: deps.clock.now(),
    holdId: input.holdId ?? undefined,
  });
}

/**
 * Hold coupons for a checkout for a few minutes so no other till can use
 * them. Every coupon must quote cleanly for the basket, or nothing is held.
 * A hold id names one member, store and set of coupons: repeating it with the
 * same ones extends the hold (the basket's lines may change as the till adds
 * items); with another member, store or coupons it is CONFLICT. The hold's
 * record is read in the quote's BatchGetItem and written with the coupons.
 */
export async function reserveCoupons(
  deps: Deps,
  caller: Caller,
  input: BasketInput & { holdId: string; minutes?: number | null },
): Promise<{ quote: Quote; holdId: string; until: string }> {
  const actor = requireMerchant(caller);
  const holdId = requestKey("holdId", input.holdId);
  const minutes = input.minutes ?? 5;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 30)
    throw new ValidationError("minutes", "minutes must be a whole number from 1 to 30");
  for (const retry = retries(); await retry.next();) {
    const { memberId, storeId, codes, lines, coupons, loaded } = await basketContext(
      deps,
      actor,
      { ...input, holdId },
      holdId,
    );
    if (!codes.length) throw new ValidationError("couponCodes", "Name the coupons to hold");
    const print = fingerprint({ operation: "reserveCoupons", memberId, storeId, couponCodes: [...codes].sort() });
    const record = loaded.hold;
    if (record) assertSameRequest("holdId", holdId, record.fingerprint, print);
    const now = deps.clock.now();
    const tierId = loaded.account?.tierId ?? loaded.config?.ladder.tiers[0].id ?? "";
    const quoted = quote(lines, codes, coupons, { memberId, storeId, tierId, now, holdId });
    if (quoted.rejected.length)
      throw new CouponRejectedError(quoted.rejected[0].code, quoted.rejected[0].reason, quoted.rejected[0].message);
    const until = new Date(Date.parse(now) + minutes * 60_000).toISOString();
    const timeZone = loaded.merchant.timeZone ?? "Asia/Shanghai";
    const changes = quoted.steps.map((step) => {
      const coupon = coupons.get(step.code)!;
      return repo.couponChange(
        deps.db,
        coupon,
        { ...coupon, status: "reserved", reservation: { holdId, until }, version: coupon.version + 1 },
        timeZone,
        now,
      );
    });
    // The record outlives the hold by a day, so a late retry of a first reservation is still recognised.
    const recordExpires = new Date(Date.parse(until) + 86_400_000).toISOString();
    const result = await commit(
      deps.db,
      record ? changes : [...changes, repo.holdRecordPut(deps.db, actor.merchantId, holdId, print, recordExpires)],
    );
    if (result.written) return { quote: quoted, holdId, until };
  }
  throw busy("The coupon");
}

/**
 * Release a checkout's hold on coupons (those it holds; others are left alone).
 * Repeating it is harmless; naming another member than the hold's is CONFLICT.
 */
export async function releaseCoupons(
  deps: Deps,
  caller: Caller,
  input: { memberId: string; holdId: string; couponCodes: string[] },
): Promise<Coupon[]> {
  const actor = requireMerchant(caller);
  const holdId = requestKey("holdId", input.holdId);
  for (const retry = retries(); await retry.next();) {
    const memberId = requiredText("memberId", input.memberId, 64);
    const codes = couponCodes(input.couponCodes);
    const { loaded, coupons } = await loadWithCoupons(deps, actor, memberId, codes, { holdId });
    const record = loaded.hold;
    // A release may name any of the hold's coupons; the member must be the hold's.
    if (record)
      assertSameRequest("holdId", holdId, { memberId: record.fingerprint.memberId }, fingerprint({ memberId }));
    const timeZone = loaded.merchant.timeZone ?? "Asia/Shanghai";
    const held = codes
      .map((code) => coupons.get(code))
      .filter((coupon): coupon is Coupon =>
        Boolean(
          coupon &&
          coupon.memberId === memberId &&
          coupon.status === "reserved" &&
          coupon.reservation?.holdId === holdId,
        ),
      );
    if (!held.length)
      return codes
        .map((code) => coupons.get(code))
        .filter((coupon): coupon is Coupon => Boolean(coupon && coupon.memberId === memberId));
    const released = held.map((coupon) => ({
      ...coupon,
      status: "issued" as const,
      reservation: undefined,
      version: coupon.version + 1,
    }));
    const result = await commit(
      deps.db,
      held.map((coupon, i) => repo.couponChange(deps.db, coupon, released[i], timeZone, deps.clock.now())),
    );
    if (result.written) return released;
  }
  throw busy("The coupon");
}

/** Owner: the welcome pack (注册有礼) and whether a full refund gives coupons back. */
export async function updateCouponSettings(
  deps: Deps,
  caller: Caller,
  input: { welcomeTemplateIds?: string[] | null; restoreCouponsOnFullRefund?: boolean | null },
) {
  const owner = requireStaff(caller, ["owner"]);
  const current = await loyaltyConfig(deps, caller);
  let welcomeTemplateIds = current.welcomeTemplateIds ?? [];
  if (input.welcomeTemplateIds != null) {
    if (!Array.isArray(input.welcomeTemplateIds) || input.welcomeTemplateIds.length > 10)
      throw new ValidationError("welcomeTemplateIds", "A welcome pack has at most 10 coupons");
    welcomeTemplateIds = [
      ...new Set(input.welcomeTemplateIds.map((id, i) => requiredText(`welcomeTemplateIds.${i}`, id, 64))),
    ];
    await checkTemplateIds(deps, owner.merchantId, refs("welcomeTemplateIds", welcomeTemplateIds));
  }
  const config = {
    ...current,
    welcomeTemplateIds,
    restoreCouponsOnFullRefund: input.restoreCouponsOnFullRefund ?? current.restoreCouponsOnFullRefund ?? true,
    updatedAt: deps.clock.now(),
  };
  await loyaltyRepo.putLoyaltyConfig(deps.db, owner.merchantId, config);
  return config;
}
