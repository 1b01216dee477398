/**
 * A member's loyalty account as the other loyalty services read it: the
 * one-request load every movement starts from, the view the API shows, and
 * the member's ledger, orders, redemptions and tier history.
 */
import { requireMerchant, type Caller, type MerchantCaller } from "../../core/access.js";
import { NotFoundError, ValidationError } from "../../core/errors.js";
import { contactOf } from "../../core/members.js";
import type { Member, Page } from "../../core/model.js";
import {
  newAccount,
  type Context,
  type LedgerEntry,
  type MemberAccount,
  type Order,
} from "../../core/points/account.js";
import type { Ladder } from "../../core/points/tiers.js";
import { balance } from "../../core/points/wallet.js";
import { svBalance } from "../../core/storedValue.js";
import { pageSize, requiredText } from "../../core/validate.js";
import * as repo from "../../data/loyalty.js";
import type { SvEntry } from "../../data/storedValue.js";
import type { Deps } from "../deps.js";
import { findMemberByCode, findMemberByPhone, getMember, visible } from "../members.js";
import { contextFor } from "./config.js";

/** Read a member's account with everything a movement needs; NOT_FOUND outside the caller's view. */
export async function load(deps: Deps, caller: MerchantCaller, memberId: string, wants: repo.ContextWants = {}) {
  const loaded = await repo.loadMemberContext(deps.db, caller.merchantId, memberId, wants);
  // The same visibility rule as every member read.
  if (!visible(caller, loaded.member ? { ...loaded.member, status: loaded.member.status ?? "active" } : undefined))
    throw new NotFoundError("Member", memberId);
  const ctx = contextFor(deps, caller, loaded.config, loaded.merchant.timeZone);
  const account = {
    ...(loaded.account ??
      newAccount(caller.merchantId, memberId, ctx.ladder.tiers[0].id, loaded.member && contactOf(loaded.member))),
    timeZone: ctx.timeZone,
    homeStoreId: loaded.member?.homeStoreId ?? null,
  };
  return { ...loaded, member: loaded.member, account, ctx };
}

export type Loaded = Awaited<ReturnType<typeof load>>;

export interface AccountView {
  memberId: string;
  available: number;
  pending: number;
  debt: number;
  shortfall: number;
  growth: number;
  tierId: string;
  tierName: string;
  manualTierId?: string;
  visits: number;
  lastVisitAt?: string;
  lifetimeSpend: number;
  earned: number;
  spent: number;
  expired: number;
  reversed: number;
  /** The soonest expiry among spendable points, and how many. */
  nextExpiry?: { at: string; points: number };
  /** Stored value left: principal and bonus, fen. */
  storedValue: { principal: number; bonus: number };
}

export function accountView(account: MemberAccount, ladder: Ladder, now: string): AccountView {
  const { available, pending, debt } = balance(account.wallet, now);
  const next = account.wallet.lots.find((lot) => lot.expiresAt > now);
  return {
    memberId: account.memberId,
    available,
    pending,
    debt,
    shortfall: account.wallet.shortfall,
    growth: account.growth,
    tierId: account.tierId,
    tierName: ladder.tiers.find((tier) => tier.id === account.tierId)?.name ?? account.tierId,
    manualTierId: account.manualTierId,
    visits: account.visits,
    lastVisitAt: account.lastVisitAt,
    lifetimeSpend: account.lifetimeSpend,
    earned: account.wallet.earned,
    spent: account.wallet.spent,
    expired: account.wallet.expired,
    reversed: account.wallet.reversed,
    storedValue: (({ principal, bonus }) => ({ principal, bonus }))(svBalance(account.storedValue)),
    nextExpiry: next
      ? {
          at: next.expiresAt,
          points: account.wallet.lots
            .filter((lot) => lot.expiresAt === next.expiresAt)
            .reduce((s, l) => s + l.remaining, 0),
        }
      : undefined,
  };
}

export async function memberAccount(deps: Deps, caller: Caller, memberId: string): Promise<AccountView> {
  const actor = requireMerchant(caller);
  const { account, ctx } = await load(deps, actor, memberId);
  return accountView(account, ctx.ladder, ctx.now);
}

/**
 * The account views of members the caller was already shown (a list's rows),
 * by member id, in one read for them all. A member without an account yet has
 * the first tier and nothing else.
 */
export async function memberAccounts(
  deps: Deps,
  caller: Caller,
  memberIds: string[],
): Promise<Map<string, AccountView>> {
  const actor = requireMerchant(caller);
  const loaded = await repo.loadAccountsContext(deps.db, actor.merchantId, memberIds);
  const ctx = contextFor(deps, actor, loaded.config, loaded.timeZone);
  const byId = new Map(loaded.accounts.map((account) => [account.memberId, account]));
  return new Map(
    memberIds.map((id) => {
      const account = byId.get(id) ?? newAccount(actor.merchantId, id, ctx.ladder.tiers[0].id);
      return [id, accountView(account, ctx.ladder, ctx.now)];
    }),
  );
}

export async function resolveMember(
  deps: Deps,
  caller: Caller,
  input: { memberId?: string | null; phone?: string | null; memberCode?: string | null },
): Promise<Member> {
  const found = input.memberId
    ? ({ id: input.memberId } as Member)
    : input.phone
      ? await findMemberByPhone(deps, caller, input.phone)
      : input.memberCode
        ? await findMemberByCode(deps, caller, input.memberCode)
        : undefined;
  if (found === undefined) throw new ValidationError("memberId", "Give memberId, phone or memberCode");
  if (!found) throw new NotFoundError("Member", input.memberId ?? input.phone ?? input.memberCode ?? "");
  return found;
}

export function svEntry(
  ctx: Context,
  memberId: string,
  type: SvEntry["type"],
  principal: number,
  bonus: number,
  storeId: string,
  ref: string,
  wallet: MemberAccount["storedValue"],
  extra: Partial<SvEntry> = {},
): SvEntry {
  const after = svBalance(wallet);
  return {
    id: ctx.newId(),
    memberId,
    at: ctx.now,
    type,
    principal,
    bonus,
    storeId,
    ref,
    actor: ctx.actor,
    ...extra,
    balanceAfter: { principal: after.principal, bonus: after.bonus },
  };
}

export async function memberLedger(
  deps: Deps,
  caller: Caller,
  memberId: string,
  first?: number | null,
  after?: string | null,
): Promise<Page<LedgerEntry>> {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listLedger(deps.db, actor.merchantId, memberId, pageSize(first), after);
}

export async function memberOrders(
  deps: Deps,
  caller: Caller,
  memberId: string,
  first?: number | null,
  after?: string | null,
): Promise<Page<Order>> {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listOrders(deps.db, actor.merchantId, memberId, pageSize(first), after);
}

export async function getOrder(deps: Deps, caller: Caller, orderId: string): Promise<Order> {
  const actor = requireMerchant(caller);
  const order = await repo.getOrder(deps.db, actor.merchantId, requiredText("orderId", orderId, 64));
  if (!order) throw new NotFoundError("Order", orderId);
  await getMember(deps, actor, order.memberId);
  return order;
}

export async function memberRedemptions(
  deps: Deps,
  caller: Caller,
  memberId: string,
  first?: number | null,
  after?: string | null,
) {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listRedemptions(deps.db, actor.merchantId, memberId, pageSize(first), after);
}

export async function memberTierChanges(
  deps: Deps,
  caller: Caller,
  memberId: string,
  first?: number | null,
  after?: string | null,
) {
  const actor = requireMerchant(caller);
  await getMember(deps, actor, memberId);
  return repo.listTierChanges(deps.db, actor.merchantId, memberId, pageSize(first), after);
}
