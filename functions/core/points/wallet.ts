/**
 * The points wallet: points are lots. Each earn is a lot with its own expiry
 * (and, for purchases, a pending window before it can be spent); spending
 * draws the lot that expires soonest first; expiry removes only what is left
 * of a lot; a clawback takes back an order's points from its own lot first,
 * then from the rest, and what cannot be found becomes a debt or a recorded
 * shortfall, as the merchant's policy says. Pure: no storage, no clock.
 */
import { DomainError, ValidationError } from "../errors.js";

export interface Lot {
  id: string;
  /** Points the lot was earned with. */
  amount: number;
  /** Points still in the lot. */
  remaining: number;
  earnedAt: string;
  /** Spendable from this instant (end of the return window for purchases). */
  availableAt: string;
  /** Gone after this instant. */
  expiresAt: string;
  /** What earned it: order:{id}, checkin:{date}, adjust:{id}, reward… */
  source: string;
}

export interface Wallet {
  /** Open lots (remaining > 0), soonest-expiring first. */
  lots: Lot[];
  /** Points owed after a clawback found too little (policy "debt"); repaid by the next earnings. */
  debt: number;
  /** Lifetime totals, for reports and reconciliation. */
  earned: number;
  spent: number;
  expired: number;
  reversed: number;
  /** Points a clawback could not find under policy "cap" (recorded, never silent). */
  shortfall: number;
}

export type ClawbackPolicy = "debt" | "cap";

export interface Draw {
  lotId: string;
  amount: number;
}

export const emptyWallet = (): Wallet => ({
  lots: [],
  debt: 0,
  earned: 0,
  spent: 0,
  expired: 0,
  reversed: 0,
  shortfall: 0,
});

/** Insufficient points: a stable code for the API. */
export class InsufficientPoints extends DomainError {
  constructor(wanted: number, available: number) {
    super("INSUFFICIENT_BALANCE", `Not enough points: ${wanted} wanted, ${available} available`, { wanted, available });
  }
}

function positiveWhole(field: string, value: number) {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new ValidationError(field, `${field} must be a whole number above 0`);
}

const order = (a: Lot, b: Lot) =>
  a.expiresAt.localeCompare(b.expiresAt) || a.earnedAt.localeCompare(b.earnedAt) || a.id.localeCompare(b.id);

/** Spendable now: past its pending window, not yet expired. */
export function isSpendable(lot: Lot, now: string): boolean {
  return lot.availableAt <= now && lot.expiresAt > now && lot.remaining > 0;
}

export interface Balance {
  /** Spendable now. */
  available: number;
  /** Earned but still inside the return window. */
  pending: number;
  debt: number;
}

/** The balance is always the sum of open lots (minus nothing: debt is shown apart). */
export function balance(wallet: Wallet, now: string): Balance {
  let available = 0;
  let pending = 0;
  for (const lot of wallet.lots) {
    if (lot.expiresAt <= now) continue;
    if (lot.availableAt <= now) available += lot.remaining;
    else pending += lot.remaining;
  }
  return { available, pending, debt: wallet.debt };
}

function withLots(wallet: Wallet, lots: Lot[]): Wallet {
  return { ...wallet, lots: lots.filter((lot) => lot.remaining > 0).sort(order) };
}

/** Earn a lot; an outstanding debt is repaid from it first. */
export function earn(wallet: Wallet, lot: Omit<Lot, "remaining">): { wallet: Wallet; repaid: number } {
  positiveWhole("points", lot.amount);
  if (lot.expiresAt <= lot.availableAt)
    throw new ValidationError("expiresAt", "A lot must expire after it becomes available");
  const repaid = Math.min(wallet.debt, lot.amount);
  const next = withLots({ ...wallet, debt: wallet.debt - repaid, earned: wallet.earned + lot.amount }, [
    ...wallet.lots,
    { ...lot, remaining: lot.amount - repaid },
  ]);
  return { wallet: next, repaid };
}

/** Draw from spendable lots, soonest-expiring first. */
function draw(
  lots: Lot[],
  amount: number,
  now: string,
  only?: (lot: Lot) => boolean,
): { lots: Lot[]; draws: Draw[]; missing: number } {
  let left = amount;
  const draws: Draw[] = [];
  const next = lots.map((lot) => ({ ...lot }));
  for (const lot of next.sort(order)) {
    if (left === 0) break;
    if (!isSpendable(lot, now) || (only && !only(lot))) continue;
    const take = Math.min(lot.remaining, left);
    lot.remaining -= take;
    left -= take;
    draws.push({ lotId: lot.id, amount: take });
  }
  return { lots: next, draws, missing: left };
}

/** Spend points (redeem, a reward, a negative adjustment): all or nothing. */
export function spend(wallet: Wallet, amount: number, now: string): { wallet: Wallet; draws: Draw[] } {
  positiveWhole("points", amount);
  const { available } = balance(wallet, now);
  if (available < amount) throw new InsufficientPoints(amount, available);
  const { lots, draws } = draw(wallet.lots, amount, now);
  return { wallet: withLots({ ...wallet, spent: wallet.spent + amount }, lots), draws };
}

/** Remove what is left of every lot that has expired by `asOf`. */
export function expire(wallet: Wallet, asOf: string): { wallet: Wallet; expired: Draw[] } {
  const expired: Draw[] = [];
  const lots = wallet.lots.map((lot) => {
    if (lot.expiresAt > asOf || lot.remaining === 0) return lot;
    expired.push({ lotId: lot.id, amount: lot.remaining });
    return { ...lot, remaining: 0 };
  });
  const total = expired.reduce((sum, entry) => sum + entry.amount, 0);
  return { wallet: withLots({ ...wallet, expired: wallet.expired + total }, lots), expired };
}

export interface Clawback {
  wallet: Wallet;
  /** Taken from lots (the source's own lots first, pending ones included). */
  draws: Draw[];
  /** Added to the debt (policy "debt"). */
  debtAdded: number;
  /** Not recovered (policy "cap"), recorded on the wallet. */
  shortfall: number;
}

/**
 * Take back points an order earned (a refund): from that order's own lots
 * (even while pending), then from other spendable lots soonest-expiring
 * first; what is still missing becomes debt or a recorded shortfall.
 */
export function clawback(
  wallet: Wallet,
  amount: number,
  source: string,
  policy: ClawbackPolicy,
  now: string,
): Clawback {
  positiveWhole("points", amount);
  let left = amount;
  const draws: Draw[] = [];
  const lots = wallet.lots.map((lot) => ({ ...lot }));
  for (const lot of lots.filter((candidate) => candidate.source === source && candidate.expiresAt > now).sort(order)) {
    const take = Math.min(lot.remaining, left);
    if (!take) continue;
    lot.remaining -= take;
    left -= take;
    draws.push({ lotId: lot.id, amount: take });
  }
  const rest = draw(lots, left, now);
  draws.push(...rest.draws);
  left = rest.missing;
  const debtAdded = policy === "debt" ? left : 0;
  const shortfall = policy === "cap" ? left : 0;
  const next = withLots(
    {
      ...wallet,
      debt: wallet.debt + debtAdded,
      shortfall: wallet.shortfall + shortfall,
      reversed: wallet.reversed + amount - shortfall,
    },
    rest.lots,
  );
  return { wallet: next, draws, debtAdded, shortfall };
}

/**
 * The ledger identity every wallet keeps: everything earned is still in a lot,
 * or was spent, expired or reversed — less the debt, since reversed points that
 * no lot held are owed rather than gone. earned = in lots + spent + expired + reversed − debt.
 */
export function reconciles(wallet: Wallet): boolean {
  const inLots = wallet.lots.reduce((sum, lot) => sum + lot.remaining, 0);
  return (
    wallet.earned === inLots + wallet.spent + wallet.expired + wallet.reversed - wallet.debt &&
    wallet.debt >= 0 &&
    wallet.lots.every((lot) => lot.remaining > 0 && lot.remaining <= lot.amount)
  );
}
