/**
 * Stored value (储值). Every top-up is a lot holding principal (the money the
 * member paid) and bonus (what the plan added, 充300送60), each tracked apart
 * because a refund returns principal only. A lot may be restricted to the
 * store or the city where it was bought (仅限本店). Paying draws restricted
 * lots first (they are the least useful elsewhere), then the oldest; inside a
 * lot, principal and bonus are drawn by the merchant's rule (proportional by
 * default). Pure: amounts are integer fen; nothing here reads or writes storage.
 */
import { DomainError, ValidationError } from "./errors.js";
import { oneOf, requiredText } from "./validate.js";

export type SvScope = "any" | "store" | "city";

export interface SvLot {
  id: string;
  /** The top-up's payment id: its idempotency key. */
  paymentId: string;
  planId?: string;
  /** Where it was bought: liability is booked to this store. */
  storeId: string;
  city: string;
  scope: SvScope;
  principal: number;
  bonus: number;
  principalLeft: number;
  bonusLeft: number;
  at: string;
  status: "open" | "refunded";
}

export interface SvWallet {
  lots: SvLot[];
}

/** One lot's part of a payment. */
export interface SvDraw {
  lotId: string;
  storeId: string;
  principal: number;
  bonus: number;
}

export interface SvRules {
  /** How a payment splits between principal and bonus inside a lot. */
  drawRule: "proportional" | "principal_first" | "bonus_first";
  /**
   * On refunding a top-up: forfeit the unused bonus, or also deduct the bonus already spent from the principal
   * returned.
   */
  refundRule: "forfeit_bonus" | "deduct_spent_bonus";
  /** Top-ups must match a plan. */
  requirePlan: boolean;
}

export const DEFAULT_SV_RULES: SvRules = { drawRule: "proportional", refundRule: "forfeit_bonus", requirePlan: false };

export function parseSvRules(input: Partial<SvRules>, base: SvRules = DEFAULT_SV_RULES): SvRules {
  return {
    drawRule: oneOf("drawRule", input.drawRule ?? base.drawRule, [
      "proportional",
      "principal_first",
      "bonus_first",
    ] as const),
    refundRule: oneOf("refundRule", input.refundRule ?? base.refundRule, [
      "forfeit_bonus",
      "deduct_spent_bonus",
    ] as const),
    requirePlan:
      typeof (input.requirePlan ?? base.requirePlan) === "boolean"
        ? (input.requirePlan ?? base.requirePlan)
        : (() => {
            throw new ValidationError("requirePlan", "requirePlan must be true or false");
          })(),
  };
}

/** A top-up plan: pay this, get that bonus. */
export interface TopUpPlan {
  id: string;
  merchantId: string;
  name: string;
  pay: number;
  bonus: number;
  scope: SvScope;
  status: "active" | "paused";
  createdAt: string;
  updatedAt: string;
}

export interface TopUpPlanInput {
  name?: string | null;
  pay?: number | null;
  bonus?: number | null;
  scope?: string | null;
  status?: string | null;
}

function fen(field: string, value: unknown, min: number): number {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > 100_000_000)
    throw new ValidationError(field, `${field} must be a whole number of fen from ${min} to 100000000`);
  return value as number;
}

export function parsePlan(
  input: TopUpPlanInput,
  base: Omit<TopUpPlan, "name" | "pay" | "bonus" | "scope"> & Partial<TopUpPlan>,
): TopUpPlan {
  return {
    ...base,
    name: requiredText("name", input.name ?? base.name, 40),
    pay: fen("pay", input.pay ?? base.pay, 1),
    bonus: fen("bonus", input.bonus ?? base.bonus ?? 0, 0),
    scope: oneOf("scope", input.scope ?? base.scope ?? "any", ["any", "store", "city"] as const),
    status: oneOf("status", input.status ?? base.status, ["active", "paused"] as const),
  };
}

export class InsufficientStoredValue extends DomainError {
  constructor(wanted: number, available: number) {
    super(
      "INSUFFICIENT_BALANCE",
      `Not enough stored value here: ¥${(wanted / 100).toFixed(2)} wanted, ¥${(available / 100).toFixed(2)} usable`,
      { wanted, available, field: "storedValueAmount" },
    );
  }
}

export const emptySvWallet = (): SvWallet => ({ lots: [] });

export function svBalance(wallet: SvWallet | undefined): { principal: number; bonus: number; total: number } {
  let principal = 0;
  let bonus = 0;
  for (const lot of wallet?.lots ?? []) {
    principal += lot.principalLeft;
    bonus += lot.bonusLeft;
  }
  return { principal, bonus, total: principal + bonus };
}

const usableAt = (lot: SvLot, where: { storeId: string; city: string }) =>
  lot.scope === "any" || (lot.scope === "store" ? lot.storeId === where.storeId : lot.city === where.city);

/** What a member can pay with in this store. */
export function usableBalance(wallet: SvWallet | undefined, where: { storeId: string; city: string }): number {
  return (wallet?.lots ?? [])
    .filter((lot) => usableAt(lot, where))
    .reduce((sum, lot) => sum + lot.principalLeft + lot.bonusLeft, 0);
}

export function topUp(
  wallet: SvWallet | undefined,
  lot: Omit<SvLot, "principalLeft" | "bonusLeft" | "status">,
): SvWallet {
  return {
    lots: [...(wallet?.lots ?? []), { ...lot, principalLeft: lot.principal, bonusLeft: lot.bonus, status: "open" }],
  };
}

/** Split `take` from one lot into principal and bonus by the rule. */
function split(lot: SvLot, take: number, rule: SvRules["drawRule"]): { principal: number; bonus: number } {
  let bonus: number;
  if (rule === "bonus_first") bonus = Math.min(take, lot.bonusLeft);
  else if (rule === "principal_first") bonus = Math.max(0, take - lot.principalLeft);
  else
    bonus =
      take === lot.principalLeft + lot.bonusLeft
        ? lot.bonusLeft
        : Math.min(lot.bonusLeft, Math.round((take * lot.bonusLeft) / (lot.principalLeft + lot.bonusLeft)));
  return { principal: take - bonus, bonus };
}

const scopeRank = { store: 0, city: 1, any: 2 } as const;

/** Pay `amount` here: never more than the usable balance. */
export function pay(
  wallet: SvWallet | undefined,
  amount: number,
  where: { storeId: string; city: string },
  rule: SvRules["drawRule"],
): { wallet: SvWallet; draws: SvDraw[] } {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new ValidationError("storedValueAmount", "storedValueAmount must be a whole number of fen above 0");
  const usable = usableBalance(wallet, where);
  if (amount > usable) throw new InsufficientStoredValue(amount, usable);
  const lots = (wallet?.lots ?? []).map((lot) => ({ ...lot }));
  const order = lots
    .filter((lot) => usableAt(lot, where) && lot.principalLeft + lot.bonusLeft > 0)
    .sort((a, b) => scopeRank[a.scope] - scopeRank[b.scope] || a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const draws: SvDraw[] = [];
  let left = amount;
  for (const lot of order) {
    if (!left) break;
    const take = Math.min(left, lot.principalLeft + lot.bonusLeft);
    const part = split(lot, take, rule);
    lot.principalLeft -= part.principal;
    lot.bonusLeft -= part.bonus;
    draws.push({ lotId: lot.id, storeId: lot.storeId, ...part });
    left -= take;
  }
  return { wallet: { lots }, draws };
}

/**
 * Give back part of a payment (an order refund): `refunded` of the order's
 * `total` is now refunded in all; each draw returns its share, the last
 * refund returns exactly what is left. `returned` is what earlier refunds gave back.
 */
export function returnShare(
  draws: SvDraw[],
  returned: { principal: number; bonus: number }[],
  refunded: number,
  total: number,
): { principal: number; bonus: number }[] {
  const whole = refunded >= total;
  return draws.map((draw, i) => ({
    principal:
      (whole ? draw.principal : Math.floor((draw.principal * refunded) / total)) - (returned[i]?.principal ?? 0),
    bonus: (whole ? draw.bonus : Math.floor((draw.bonus * refunded) / total)) - (returned[i]?.bonus ?? 0),
  }));
}

/** Put amounts back into the lots they were drawn from. */
export function giveBack(
  wallet: SvWallet | undefined,
  draws: SvDraw[],
  amounts: { principal: number; bonus: number }[],
): SvWallet {
  const lots = (wallet?.lots ?? []).map((lot) => ({ ...lot }));
  draws.forEach((draw, i) => {
    const lot = lots.find((candidate) => candidate.id === draw.lotId);
    if (!lot) throw new Error(`Stored-value lot ${draw.lotId} is missing`);
    lot.principalLeft += amounts[i].principal;
    lot.bonusLeft += amounts[i].bonus;
  });
  return { lots };
}

/**
 * Refund a top-up: the principal still in the lot goes back to the member
 * (less the bonus already spent under deduct_spent_bonus); the unused bonus is
 * taken back. The lot is closed.
 */
export function refundTopUp(
  wallet: SvWallet | undefined,
  lotId: string,
  rule: SvRules["refundRule"],
): { wallet: SvWallet; principalReturned: number; principalKept: number; bonusForfeited: number; lot: SvLot } {
  const lots = (wallet?.lots ?? []).map((lot) => ({ ...lot }));
  const lot = lots.find((candidate) => candidate.id === lotId);
  if (!lot) throw new ValidationError("paymentId", "No such top-up");
  if (lot.status === "refunded") throw new ValidationError("paymentId", "This top-up was already refunded");
  const bonusSpent = lot.bonus - lot.bonusLeft;
  const principalReturned =
    rule === "deduct_spent_bonus" ? Math.max(0, lot.principalLeft - bonusSpent) : lot.principalLeft;
  const result = {
    principalReturned,
    principalKept: lot.principalLeft - principalReturned,
    bonusForfeited: lot.bonusLeft,
  };
  lot.principalLeft = 0;
  lot.bonusLeft = 0;
  lot.status = "refunded";
  return { wallet: { lots }, ...result, lot };
}
