/**
 * Stored value (储值): top-up plans, top-ups (idempotent by payment id),
 * refunds of a top-up, the ledger and the per-store liability. Paying from
 * the balance and giving it back on a refund happen inside recordPurchase and
 * refundOrder (loyalty/purchases.ts, loyalty/refunds.ts), in the purchase's own transaction.
 */
import {
  actorOf,
  assertStoreWritable,
  requireMerchant,
  requireStaff,
  storeScope,
  type Caller,
  type MerchantCaller,
} from "../core/access.js";
import { NotFoundError, ValidationError } from "../core/errors.js";
import { contactOf } from "../core/members.js";
import type { Page, Store } from "../core/model.js";
import { newAccount, type MemberAccount } from "../core/points/account.js";
import { DEFAULT_LADDER } from "../core/points/tiers.js";
import {
  DEFAULT_SV_RULES,
  parsePlan,
  parseSvRules,
  refundTopUp as refundLot,
  svBalance,
  topUp as addLot,
  type SvLot,
  type SvRules,
  type TopUpPlan,
  type TopUpPlanInput,
} from "../core/storedValue.js";
import { lookupId, pageSize, requiredText } from "../core/validate.js";
import { commit, type Write } from "../data/transaction.js";
import * as loyaltyRepo from "../data/loyalty.js";
import { getStore, listStores } from "../data/stores.js";
import * as repo from "../data/storedValue.js";
import { collectPages } from "../data/query.js";
import type { Deps } from "./deps.js";
import { loyaltyConfig } from "./loyalty/config.js";
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

export async function updateStoredValueRules(
  deps: Deps,
  caller: Caller,
  input: Partial<SvRules>,
): Promise<loyaltyRepo.LoyaltyConfig> {
  const owner = requireStaff(caller, ["owner"]);
  const current = await loyaltyConfig(deps, caller);
  const config = {
    ...current,
    storedValue: parseSvRules(input, current.storedValue ?? DEFAULT_SV_RULES),
    updatedAt: deps.clock.now(),
  };
  await loyaltyRepo.putLoyaltyConfig(deps.db, owner.merchantId, config);
  return config;
}

export async function listPlans(
  deps: Deps,
  caller: Caller,
  first?: number | null,
  after?: string | null,
): Promise<Page<TopUpPlan>> {
  const actor = requireMerchant(caller);
  return repo.listPlans(deps.db, actor.merchantId, pageSize(first), after);
}

/** One plan by id, for the console's edit page. */
export async function getPlan(deps: Deps, caller: Caller, id: string): Promise<TopUpPlan> {
  const actor = requireMerchant(caller);
  const plan = await repo.getPlan(deps.db, actor.merchantId, requiredText("id", id, 64));
  if (!plan) throw new NotFoundError("Top-up plan", id);
  return plan;
}

export async function createPlan(deps: Deps, caller: Caller, input: TopUpPlanInput): Promise<TopUpPlan> {
  const owner = requireStaff(caller, ["owner"]);
  const now = deps.clock.now();
  const plan = parsePlan(input, {
    id: deps.ids.code(8).toLowerCase(),
    merchantId: owner.merchantId,
    status: "active",
    createdAt: now,
    updatedAt: now,
  });
  await repo.putPlan(deps.db, plan);
  return plan;
}

export async function updatePlan(deps: Deps, caller: Caller, id: string, input: TopUpPlanInput): Promise<TopUpPlan> {
  const owner = requireStaff(caller, ["owner"]);
  return editWithRetry(
    "Top-up plan",
    id,
    () => repo.getPlan(deps.db, owner.merchantId, requiredText("id", id, 64), true),
    (current) => parsePlan(input, { ...current, updatedAt: deps.clock.now() }),
    (next, current) => repo.putPlan(deps.db, next, current.updatedAt),
  );
}

function defaultStore(actor: MerchantCaller, storeId?: string | null): string {
  const id =
    storeId ?? (actor.kind === "apiKey" ? actor.storeId : actor.storeIds.length === 1 ? actor.storeIds[0] : undefined);
  if (!id) throw new ValidationError("storeId", "storeId is required");
  assertStoreWritable(actor, id);
  return id;
}

async function openStore(deps: Deps, merchantId: string, storeId: string): Promise<Store> {
  const store = await getStore(deps.db, merchantId, storeId);
  if (!store) throw new ValidationError("storeId", `Store ${storeId} does not exist`);
  if (store.status !== "open") throw new ValidationError("storeId", `Store ${store.name} is closed`);
  return store;
}

/**
 * A movement under a request key on one member's account, with retries; a repeat of the key returns the first result.
 */
async function svMove<T>(
  deps: Deps,
  actor: MerchantCaller,
  memberId: string,
  request: { scope: string; id: string; fingerprint: RequestPrint },
  move: (
    account: MemberAccount,
    ctx: { now: string; newId: () => string; actor: string; rules: SvRules },
  ) => { after: MemberAccount; items: Write[]; result: T; events: ReturnType<typeof event>[] },
): Promise<{ result: T; balance: { principal: number; bonus: number; total: number }; created: boolean }> {
  const replay = async () => {
    const seen = await loyaltyRepo.getRequest(deps.db, actor.merchantId, request.scope, request.id);
    if (!seen) return undefined;
    assertSameRequest("paymentId", request.id, seen.fingerprint, request.fingerprint);
    const account = await loyaltyRepo.getAccount(deps.db, actor.merchantId, memberId, true);
    return { result: (seen.result as { value: T }).value, balance: svBalance(account?.storedValue), created: false };
  };
  const first = await replay();
  if (first) return first;
  for (const retry = retries(); await retry.next();) {
    const loaded = await loyaltyRepo.loadMemberContext(deps.db, actor.merchantId, memberId);
    if (!visible(actor, loaded.member)) throw new NotFoundError("Member", memberId);
    const account = {
      ...(loaded.account ??
        newAccount(
          actor.merchantId,
          memberId,
          (loaded.config?.ladder ?? DEFAULT_LADDER).tiers[0].id,
          loaded.member && contactOf(loaded.member),
        )),
      timeZone: loaded.merchant.timeZone ?? "Asia/Shanghai",
      homeStoreId: loaded.member?.homeStoreId ?? null,
    };
    const moved = move(account, {
      now: deps.clock.now(),
      newId: () => deps.ids.id(),
      actor: actorOf(actor).actor,
      rules: loaded.config?.storedValue ?? DEFAULT_SV_RULES,
    });
    const written = await commit(deps.db, [
      loyaltyRepo.requestPut(deps.db, actor.merchantId, request, { value: moved.result }),
      ...loyaltyRepo.changeItems(deps.db, { before: account, after: moved.after, entries: [], events: moved.events }),
      ...moved.items,
    ]);
    if (written.written) return { result: moved.result, balance: svBalance(moved.after.storedValue), created: true };
    if (written.failed.includes("request")) return (await replay())!;
  }
  throw busy();
}

/** A top-up's result is its lot as created. */
export type TopUpResult = SvLot;

type SvMove<T> = Parameters<typeof svMove<T>>[4];
type TopUpInput = {
  memberId: string;
  paymentId: string;
  amount: number;
  planId?: string | null;
  storeId?: string | null;
};

/**
 * The plan a top-up follows: the one named, or the active plan of exactly this amount (required if the merchant says
 * so).
 */
async function topUpPlan(deps: Deps, caller: Caller, merchantId: string, input: TopUpInput) {
  const config = await loyaltyConfig(deps, caller);
  let plan: TopUpPlan | undefined;
  if (input.planId) {
    plan = await repo.getPlan(deps.db, merchantId, requiredText("planId", input.planId, 64));
    if (!plan) throw new NotFoundError("Top-up plan", input.planId);
    if (plan.status !== "active") throw new ValidationError("planId", `Plan ${plan.name} is paused`);
    if (plan.pay !== input.amount)
      throw new ValidationError("amount", `Plan ${plan.name} is a top-up of ${plan.pay} fen, not ${input.amount}`);
  } else {
    const plans = await collectPages((cursor) => repo.listPlans(deps.db, merchantId, 100, cursor));
    plan = plans.find((candidate) => candidate.status === "active" && candidate.pay === input.amount);
  }
  if (!plan && (config.storedValue ?? DEFAULT_SV_RULES).requirePlan)
    throw new ValidationError(
      "amount",
      `No top-up plan is for ${input.amount} fen; this merchant tops up by plan only`,
    );
  return plan;
}

/** The top-up as a stored-value movement: a new lot, its ledger entry, the liability and the event. */
function topUpMove(
  deps: Deps,
  merchantId: string,
  input: TopUpInput & { storeId: string },
  store: Store | undefined,
  plan: TopUpPlan | undefined,
): SvMove<TopUpResult> {
  const { memberId, paymentId, storeId } = input;
  return (account, ctx) => {
    const lot = {
      id: ctx.newId(),
      paymentId,
      planId: plan?.id,
      storeId,
      city: store!.city,
      scope: plan?.scope ?? ("any" as const),
      principal: input.amount,
      bonus: plan?.bonus ?? 0,
      at: ctx.now,
    };
    const wallet = addLot(account.storedValue, lot);
    const balance = svBalance(wallet);
    const entry: repo.SvEntry = {
      id: ctx.newId(),
      memberId,
      at: ctx.now,
      type: "topup",
      principal: lot.principal,
      bonus: lot.bonus,
      storeId,
      ref: `payment:${paymentId}`,
      actor: ctx.actor,
      balanceAfter: { principal: balance.principal, bonus: balance.bonus },
    };
    const { principal, bonus } = lot;
    const toppedUp = { memberId, paymentId, storeId, principal, bonus, planId: plan?.id ?? null };
    return {
      after: { ...account, storedValue: wallet, version: account.version + 1 },
      items: [
        repo.svEntryItem(deps.db, merchantId, entry),
        ...repo.liabilityItems(deps.db, merchantId, repo.byStore([lot], 1)),
      ],
      result: wallet.lots.at(-1)!,
      events: [event(deps, merchantId, "StoredValueToppedUp", toppedUp)],
    };
  };
}

/**
 * Top up a member's stored value, idempotent by the payment id. The amount
 * matches a plan (chosen by planId, or the plan with exactly this amount) and
 * the plan's bonus is added; without a plan there is no bonus, unless the
 * merchant requires a plan.
 */
export async function topUp(deps: Deps, caller: Caller, input: TopUpInput) {
  const actor = requireMerchant(caller);
  const paymentId = requestKey("paymentId", input.paymentId);
  const memberId = requiredText("memberId", input.memberId, 64);
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || input.amount > 100_000_000)
    throw new ValidationError("amount", "amount must be a whole number of fen above 0");
  const storeId = defaultStore(actor, input.storeId);
  const seen = await loyaltyRepo.getRequest(deps.db, actor.merchantId, "topup", paymentId);
  const store = seen ? undefined : await openStore(deps, actor.merchantId, storeId);
  const plan = seen ? undefined : await topUpPlan(deps, caller, actor.merchantId, input);
  const { amount, planId } = input;
  const print = fingerprint({ operation: "topUpStoredValue", memberId, amount, planId, storeId });
  const move = topUpMove(deps, actor.merchantId, { ...input, memberId, paymentId, storeId }, store, plan);
  const moved = await svMove(deps, actor, memberId, { scope: "topup", id: paymentId, fingerprint: print }, move);
  return { topUp: moved.result, balance: moved.balance, created: moved.created };
}

export interface TopUpRefundResult {
  paymentId: string;
  principalReturned: number;
  principalKept: number;
  bonusForfeited: number;
  at: string;
}

/** The refund of a top-up as a stored-value movement (see refundTopUp). */
function refundMove(
  deps: Deps,
  staff: MerchantCaller,
  memberId: string,
  paymentId: string,
  reason: string,
): SvMove<TopUpRefundResult> {
  const merchantId = staff.merchantId;
  return (account, ctx) => {
    const lot = account.storedValue?.lots.find((candidate) => candidate.paymentId === paymentId);
    if (!lot) throw new NotFoundError("Top-up", paymentId);
    assertStoreWritable(staff, lot.storeId);
    const refunded = refundLot(account.storedValue, lot.id, ctx.rules.refundRule);
    const balance = svBalance(refunded.wallet);
    const { principalReturned, principalKept, bonusForfeited } = refunded;
    const removedPrincipal = principalReturned + principalKept;
    const entry: repo.SvEntry = {
      id: ctx.newId(),
      memberId,
      at: ctx.now,
      type: "topup_refund",
      principal: -removedPrincipal,
      bonus: -bonusForfeited,
      storeId: lot.storeId,
      ref: `payment:${paymentId}`,
      actor: ctx.actor,
      principalReturned,
      bonusForfeited,
      balanceAfter: { principal: balance.principal, bonus: balance.bonus },
    };
    const removed = repo.byStore([{ storeId: lot.storeId, principal: removedPrincipal, bonus: bonusForfeited }], -1);
    const figures = { principalReturned, principalKept, bonusForfeited };
    return {
      after: { ...account, storedValue: refunded.wallet, version: account.version + 1 },
      items: [repo.svEntryItem(deps.db, merchantId, entry), ...repo.liabilityItems(deps.db, merchantId, removed)],
      result: { paymentId, ...figures, at: ctx.now },
      events: [event(deps, merchantId, "StoredValueRefunded", { memberId, paymentId, ...figures, reason })],
    };
  };
}

/**
 * Owner or manager: refund a top-up. What is left of its principal goes back
 * to the member (less the bonus already spent, if the merchant says so); the
 * unused bonus is taken back. Idempotent by the payment id: a top-up is refunded once.
 */
export async function refundTopUp(
  deps: Deps,
  caller: Caller,
  input: { memberId: string; paymentId: string; reason: string },
) {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const paymentId = requestKey("paymentId", input.paymentId);
  const reason = requiredText("reason", input.reason, 200);
  const memberId = requiredText("memberId", input.memberId, 64);
  const print = fingerprint({ operation: "refundTopUp", memberId, reason: input.reason });
  const request = { scope: "topup-refund", id: paymentId, fingerprint: print };
  const moved = await svMove(deps, staff, memberId, request, refundMove(deps, staff, memberId, paymentId, reason));
  return { refund: moved.result, balance: moved.balance, created: moved.created };
}

export async function memberSvLedger(
  deps: Deps,
  caller: Caller,
  memberId: string,
  first?: number | null,
  after?: string | null,
): Promise<Page<repo.SvEntry>> {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listSvLedger(deps.db, actor.merchantId, memberId, pageSize(first), after);
}

/** The member's top-ups with what is left of each (lots), for the console's stored-value tab. */
export async function memberSvLots(deps: Deps, caller: Caller, memberId: string) {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  const account = await loyaltyRepo.getAccount(deps.db, actor.merchantId, memberId);
  return [...(account?.storedValue?.lots ?? [])].reverse();
}

/** Stored-value liability per store in the caller's view (owners: every store), principal and bonus apart. */
export async function storedValueLiability(deps: Deps, caller: Caller, storeId?: string | null) {
  const actor = requireStaff(caller, ["owner", "manager"]);
  const scope = storeScope(actor);
  const stores = storeId
    ? [await getStore(deps.db, actor.merchantId, lookupId("Store", storeId))].filter((store): store is Store =>
        Boolean(store),
      )
    : await collectPages((cursor) => listStores(deps.db, actor.merchantId, 100, cursor));
  const visibleStores = stores.filter((store) => !scope || scope.includes(store.id));
  if (storeId && !visibleStores.length) throw new NotFoundError("Store", storeId);
  const rows = await Promise.all(
    visibleStores.map(async (store) => ({
      store,
      ...(await repo.storeLiability(deps.db, actor.merchantId, store.id)),
    })),
  );
  return {
    stores: rows,
    principal: rows.reduce((sum, row) => sum + row.principal, 0),
    bonus: rows.reduce((sum, row) => sum + row.bonus, 0),
  };
}
