/**
 * Recording a purchase. The order id makes it idempotent: a retry (or a race
 * of retries) returns the first result and changes nothing. With coupons and
 * a stored-value payment, the order, the points, the coupons' use, the
 * stored-value draw and (on a referred member's first purchase) both
 * referral rewards are one transaction.
 */
import {
  assertStoreWritable,
  requireMerchant,
  tillStoreId,
  type Caller,
  type MerchantCaller,
} from "../../core/access.js";
import { quote, type Quote } from "../../core/coupons/quote.js";
import { ConflictError, CouponRejectedError, ValidationError } from "../../core/errors.js";
import type { Store } from "../../core/model.js";
import {
  newAccount,
  parseLines,
  parsePurchase,
  purchase,
  type Order,
  type PurchaseInput,
} from "../../core/points/account.js";
import { campaignMultiplier } from "../../core/campaigns.js";
import { localDate } from "../../core/time.js";
import { balance } from "../../core/points/wallet.js";
import { svBalance } from "../../core/storedValue.js";
import * as repo from "../../data/loyalty.js";
import { getStore } from "../../data/stores.js";
import { commit, type Write } from "../../data/transaction.js";
import { couponCodes } from "../coupons.js";
import type { Deps } from "../deps.js";
import { assertSameRequest, busy, event, fingerprint, requestKey, retries, type RequestPrint } from "../movement.js";
import { afterPurchase } from "../purchaseHooks.js";
import { attributePurchase } from "./attribution.js";
import { accountView, load, resolveMember, type AccountView, type Loaded } from "./account.js";
import { timeZoneOf } from "./config.js";
import { payStoredValue, useCoupons, type Assembly } from "./purchaseParts.js";
import { rewardReferral } from "./referralReward.js";

export interface RecordPurchaseInput extends Omit<PurchaseInput, "at" | "storeId"> {
  memberId?: string | null;
  phone?: string | null;
  memberCode?: string | null;
  storeId?: string | null;
  at?: string | null;
  /** Coupons to use (they must all apply; quote first). */
  couponCodes?: string[] | null;
  /** The checkout hold that reserved them, if any. */
  holdId?: string | null;
  /** The part of the total paid from stored value, fen. */
  storedValueAmount?: number | null;
}

export interface PurchaseResult {
  order: Order;
  account: AccountView;
  created: boolean;
}

/** A purchase request, checked: everything but what depends on the member's state. */
interface PurchaseRequest {
  orderId: string;
  storeId: string;
  codes: string[];
  holdId?: string;
  svAmount: number;
  draft: PurchaseInput;
  print: RequestPrint;
}

/** Everything a purchase asks for but its order id, as the caller sent it (the store as resolved). */
function purchasePrint(input: RecordPurchaseInput, storeId: string): RequestPrint {
  const { orderId: _orderId, storeId: _storeId, ...asked } = input;
  return fingerprint({ operation: "recordPurchase", ...asked, storeId });
}

function purchaseRequest(deps: Deps, actor: MerchantCaller, input: RecordPurchaseInput): PurchaseRequest {
  const storeId = tillStoreId(actor, input.storeId);
  const codes = couponCodes(input.couponCodes);
  const holdId = input.holdId ? requestKey("holdId", input.holdId) : undefined;
  const svAmount = input.storedValueAmount ?? 0;
  if (!Number.isSafeInteger(svAmount) || svAmount < 0)
    throw new ValidationError("storedValueAmount", "storedValueAmount must be a whole number of fen, 0 or more");
  const at = input.at ?? deps.clock.now();
  const draft = { ...input, storeId, at } as PurchaseInput;
  const lines = parseLines(draft.lines);
  const total = lines.reduce((sum, line) => sum + line.qty * line.unitPrice, 0);
  const orderId = parsePurchase({ ...draft, total }).orderId;
  if (new Date(at).toISOString() > new Date(Date.parse(deps.clock.now()) + 5 * 60_000).toISOString())
    throw new ValidationError("at", "at is in the future");
  return { orderId, storeId, codes, holdId, svAmount, draft, print: purchasePrint(input, storeId) };
}

/** A retried purchase: the same order id must describe the same purchase, in every parameter. */
async function replay(deps: Deps, caller: MerchantCaller, order: Order, request: PurchaseRequest) {
  const input = request.draft;
  if (order.fingerprint) assertSameRequest("orderId", order.id, order.fingerprint, request.print);
  else {
    // An order from before prints were kept: its total and lines must match.
    const same =
      order.total === input.total &&
      order.lines.length === input.lines.length &&
      order.lines.every((line, i) => line.sku === input.lines[i].sku && line.qty === input.lines[i].qty);
    if (!same)
      throw new ConflictError(`Order ${order.id} was already recorded with different contents`, { field: "orderId" });
  }
  const { ctx } = await load(deps, caller, order.memberId);
  const account: AccountView = {
    ...accountView(newAccount(order.merchantId, order.memberId, order.result.tierId), ctx.ladder, ctx.now),
    ...order.result.balance,
    tierId: order.result.tierId,
    tierName: ctx.ladder.tiers.find((t) => t.id === order.result.tierId)?.name ?? order.result.tierId,
    storedValue: order.result.storedValue ?? { principal: 0, bonus: 0 },
  };
  return { order, account, created: false };
}

/** The coupons' quote for the basket, refusing the purchase if any coupon does not apply. */
function quoteCoupons(request: PurchaseRequest, loaded: Loaded): Quote | undefined {
  if (!request.codes.length) return undefined;
  const { account, ctx } = loaded;
  const quoted = quote(parseLines(request.draft.lines), request.codes, loaded.coupons, {
    memberId: account.memberId,
    storeId: request.storeId,
    tierId: account.tierId,
    now: ctx.now,
    holdId: request.holdId,
  });
  const [rejected] = quoted.rejected;
  if (rejected) throw new CouponRejectedError(rejected.code, rejected.reason, rejected.message);
  return quoted;
}

/** The points side of the purchase: the order, the account after, and its events. */
function assemblePoints(deps: Deps, request: PurchaseRequest, loaded: Loaded, quoted: Quote | undefined): Assembly {
  const { account, ctx } = loaded;
  const merchantId = account.merchantId;
  const memberId = account.memberId;
  const parsed = parsePurchase(request.draft, quoted?.discount ?? 0);
  if (request.svAmount > parsed.total)
    throw new ValidationError(
      "storedValueAmount",
      `storedValueAmount (${request.svAmount}) is more than the total (${parsed.total})`,
    );
  const lines = parsed.lines.map((line) => ({ ...line, discount: quoted?.lineDiscounts[line.sku] || undefined }));
  const multiplier = campaignMultiplier(loaded.config?.campaignBoosts, localDate(parsed.at, ctx.timeZone));
  const result = purchase(account, { ...parsed, lines }, { ...ctx, campaignMultiplier: multiplier });
  const order: Order = { ...result.order, fingerprint: request.print };
  const recorded = {
    orderId: order.id,
    memberId,
    storeId: request.storeId,
    total: parsed.total,
    points: order.points,
    growth: order.growth,
    discount: quoted?.discount ?? 0,
    storedValue: request.svAmount,
  };
  const events = [event(deps, merchantId, "PurchaseRecorded", recorded)];
  if (result.tierChanged)
    events.push(event(deps, merchantId, "TierChanged", { memberId, ...result.tierChanged, reason: "growth" }));
  if (result.stageChanged)
    events.push(event(deps, merchantId, "LifecycleChanged", { memberId, ...result.stageChanged, reason: "purchase" }));
  if (order.points > 0) {
    const earned = { memberId, orderId: order.id, points: order.points, lotId: order.lotId ?? null };
    events.push(event(deps, merchantId, "PointsEarned", earned));
  }
  const timeZone = timeZoneOf(loaded.merchant);
  return {
    merchantId,
    memberId,
    order,
    after: result.account,
    entries: result.entries,
    writes: [],
    events,
    ctx,
    timeZone,
  };
}

/** The whole purchase as one change: the order, the account, and every part beside them. */
async function assemble(
  deps: Deps,
  actor: MerchantCaller,
  request: PurchaseRequest,
  store: Store,
  loaded: Loaded,
  referralCoupons: boolean,
): Promise<{ a: Assembly; writes: Write[] }> {
  const quoted = quoteCoupons(request, loaded);
  const a = assemblePoints(deps, request, loaded, quoted);
  if (quoted) useCoupons(deps, a, quoted, loaded.coupons);
  if (request.svAmount > 0) payStoredValue(deps, a, request.svAmount, store, loaded.config);
  attributePurchase(deps, a, loaded.exposures, loaded.coupons);
  const rules = loaded.config?.referral;
  if (loaded.referral?.status === "pending" && rules?.enabled)
    await rewardReferral(deps, actor, a, loaded.referral, rules, referralCoupons);
  a.order.result = {
    ...a.order.result,
    balance: balance(a.after.wallet, a.ctx.now),
    storedValue: a.after.storedValue ? svBalance(a.after.storedValue) : undefined,
  };
  const change = { before: loaded.account, after: a.after, entries: a.entries, events: a.events };
  const writes = [repo.orderPut(deps.db, a.order, a.ctx.now), ...repo.changeItems(deps.db, change), ...a.writes];
  return { a, writes };
}

/** Record a purchase (see the file's comment). */
export async function recordPurchase(deps: Deps, caller: Caller, input: RecordPurchaseInput): Promise<PurchaseResult> {
  const actor = requireMerchant(caller);
  const request = purchaseRequest(deps, actor, input);
  const existing = await repo.getOrder(deps.db, actor.merchantId, request.orderId, true);
  if (existing) return replay(deps, actor, existing, request);
  assertStoreWritable(actor, request.storeId);
  const store = await getStore(deps.db, actor.merchantId, request.storeId);
  if (!store) throw new ValidationError("storeId", `Store ${request.storeId} does not exist`);
  const member = await resolveMember(deps, caller, input);
  let referralCoupons = true;
  for (const retry = retries(); await retry.next();) {
    const loaded = await load(deps, actor, member.id, { couponCodes: request.codes, referral: true, exposures: true });
    const { a, writes } = await assemble(deps, actor, request, store, loaded, referralCoupons);
    const written = await commit(deps.db, writes);
    if (written.written) {
      await afterPurchase(deps, {
        merchantId: actor.merchantId,
        memberId: member.id,
        order: a.order,
        account: a.after,
        memberTags: loaded.member?.tags ?? [],
        tagRules: loaded.config?.segmentation?.tagRules ?? [],
      });
      return { order: a.order, account: accountView(a.after, a.ctx.ladder, a.ctx.now), created: true };
    }
    if (written.failed.includes("order"))
      return replay(deps, actor, (await repo.getOrder(deps.db, actor.merchantId, request.orderId, true))!, request);
    // A referral coupon's template ran out or hit its limit between read and write: reward without coupons.
    if (written.failed.some((label) => label === "stock" || label === "limit")) referralCoupons = false;
  }
  throw busy();
}
