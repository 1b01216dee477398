/** The points wallet's rules, by example and by property (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  balance,
  clawback,
  earn,
  emptyWallet,
  expire,
  reconciles,
  spend,
  type ClawbackPolicy,
  type Wallet,
} from "../../functions/core/points/wallet.js";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();
const lot = (
  id: string,
  amount: number,
  earnedDay: number,
  options: { pendingDays?: number; lifeDays?: number; source?: string } = {},
) => ({
  id,
  amount,
  earnedAt: day(earnedDay),
  availableAt: day(earnedDay + (options.pendingDays ?? 0)),
  expiresAt: day(earnedDay + (options.lifeDays ?? 365)),
  source: options.source ?? `order:${id}`,
});

describe("points are lots", () => {
  it("spending draws the soonest-expiring lot first", () => {
    let w = earn(emptyWallet(), lot("late", 100, 0, { lifeDays: 300 })).wallet;
    w = earn(w, lot("soon", 50, 1, { lifeDays: 30 })).wallet;
    const { wallet, draws } = spend(w, 70, day(2));
    expect(draws).toEqual([
      { lotId: "soon", amount: 50 },
      { lotId: "late", amount: 20 },
    ]);
    expect(wallet.lots.map((l) => [l.id, l.remaining])).toEqual([["late", 80]]);
  });

  it("expiry removes only what is left of a lot", () => {
    let w = earn(emptyWallet(), lot("a", 100, 0, { lifeDays: 10 })).wallet;
    w = spend(w, 60, day(1)).wallet;
    const { wallet, expired } = expire(w, day(10));
    expect(expired).toEqual([{ lotId: "a", amount: 40 }]);
    expect(wallet).toMatchObject({ earned: 100, spent: 60, expired: 40, lots: [] });
    expect(reconciles(wallet)).toBe(true);
  });

  it("pending points cannot be spent until the return window closes", () => {
    const w = earn(emptyWallet(), lot("p", 100, 0, { pendingDays: 7 })).wallet;
    expect(balance(w, day(3))).toEqual({ available: 0, pending: 100, debt: 0 });
    expect(() => spend(w, 1, day(3))).toThrow(/Not enough points/);
    expect(balance(w, day(7))).toEqual({ available: 100, pending: 0, debt: 0 });
  });

  it("a refund inside the pending window just cancels the pending points", () => {
    let w = earn(emptyWallet(), lot("other", 30, 0)).wallet;
    w = earn(w, lot("o1", 100, 1, { pendingDays: 7 })).wallet;
    const result = clawback(w, 100, "order:o1", "debt", day(3));
    expect(result.draws).toEqual([{ lotId: "o1", amount: 100 }]);
    expect(balance(result.wallet, day(3))).toEqual({ available: 30, pending: 0, debt: 0 });
  });

  it("a clawback after the points were spent goes into debt, repaid by the next earnings", () => {
    let w = earn(emptyWallet(), lot("o1", 100, 0)).wallet;
    w = spend(w, 80, day(1)).wallet;
    const result = clawback(w, 100, "order:o1", "debt", day(2));
    expect(result).toMatchObject({ debtAdded: 80, shortfall: 0 });
    expect(balance(result.wallet, day(2))).toEqual({ available: 0, pending: 0, debt: 80 });
    const repaid = earn(result.wallet, lot("o2", 50, 3));
    expect(repaid.repaid).toBe(50);
    expect(balance(repaid.wallet, day(3))).toEqual({ available: 0, pending: 0, debt: 30 });
    expect(reconciles(repaid.wallet)).toBe(true);
  });

  it("under the cap policy the shortfall is recorded, never silent, and the balance stays at zero", () => {
    let w = earn(emptyWallet(), lot("o1", 100, 0)).wallet;
    w = spend(w, 80, day(1)).wallet;
    const result = clawback(w, 100, "order:o1", "cap", day(2));
    expect(result).toMatchObject({ debtAdded: 0, shortfall: 80 });
    expect(result.wallet).toMatchObject({ shortfall: 80, debt: 0, reversed: 20 });
    expect(balance(result.wallet, day(2)).available).toBe(0);
    expect(reconciles(result.wallet)).toBe(true);
  });

  it("takes the order's own lot first, then other lots", () => {
    let w = earn(emptyWallet(), lot("o1", 100, 0)).wallet;
    w = earn(w, lot("o2", 100, 1)).wallet;
    w = spend(w, 150, day(2)).wallet; // o1 empty, o2 has 50
    const result = clawback(w, 60, "order:o2", "debt", day(3));
    expect(result.draws).toEqual([{ lotId: "o2", amount: 50 }]);
    expect(result.debtAdded).toBe(10);
  });

  it("refuses zero, negative and fractional amounts", () => {
    expect(() => spend(emptyWallet(), 0, day(0))).toThrow(/above 0/);
    expect(() => earn(emptyWallet(), lot("x", -5, 0))).toThrow(/above 0/);
    expect(() => spend(emptyWallet(), 1.5, day(0))).toThrow(/whole number/);
  });
});

type Op =
  | { kind: "earn"; amount: number; pendingDays: number; lifeDays: number }
  | { kind: "spend"; amount: number }
  | { kind: "refund"; order: number; amount: number }
  | { kind: "expire" }
  | { kind: "wait"; days: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("earn" as const),
    amount: fc.integer({ min: 1, max: 500 }),
    pendingDays: fc.integer({ min: 0, max: 7 }),
    lifeDays: fc.integer({ min: 8, max: 400 }),
  }),
  fc.record({ kind: fc.constant("spend" as const), amount: fc.integer({ min: 1, max: 600 }) }),
  fc.record({
    kind: fc.constant("refund" as const),
    order: fc.integer({ min: 0, max: 30 }),
    amount: fc.integer({ min: 1, max: 500 }),
  }),
  fc.record({ kind: fc.constant("expire" as const) }),
  fc.record({ kind: fc.constant("wait" as const), days: fc.integer({ min: 1, max: 120 }) }),
);

describe("properties over random earn / redeem / refund / expire sequences", () => {
  it.each(["debt", "cap"] as ClawbackPolicy[])(
    "policy %s: balance = sum of open lots, never below the floor, the ledger identity holds",
    (policy) => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
          let wallet: Wallet = emptyWallet();
          let today = 0;
          let orders = 0;
          const earnedBy = new Map<number, number>();
          for (const step of ops) {
            const now = day(today);
            const before = balance(wallet, now);
            if (step.kind === "earn") {
              const id = orders++;
              earnedBy.set(id, step.amount);
              wallet = earn(wallet, lot(`o${id}`, step.amount, today, step)).wallet;
            } else if (step.kind === "spend") {
              if (step.amount > before.available) {
                expect(() => spend(wallet, step.amount, now)).toThrow(/Not enough points/);
              } else {
                wallet = spend(wallet, step.amount, now).wallet;
                expect(balance(wallet, now).available).toBe(before.available - step.amount);
              }
            } else if (step.kind === "refund" && earnedBy.has(step.order)) {
              const amount = Math.min(step.amount, earnedBy.get(step.order)!);
              earnedBy.set(step.order, earnedBy.get(step.order)! - amount);
              if (amount > 0) {
                const result = clawback(wallet, amount, `order:o${step.order}`, policy, now);
                expect(result.draws.reduce((s, d) => s + d.amount, 0) + result.debtAdded + result.shortfall).toBe(
                  amount,
                );
                wallet = result.wallet;
              }
            } else if (step.kind === "expire") {
              wallet = expire(wallet, now).wallet;
            } else if (step.kind === "wait") today += step.days;

            const after = balance(wallet, day(today));
            const live = wallet.lots.filter((l) => l.expiresAt > day(today)).reduce((s, l) => s + l.remaining, 0);
            expect(after.available + after.pending).toBe(live);
            expect(after.available).toBeGreaterThanOrEqual(0);
            expect(wallet.lots.every((l) => l.remaining > 0)).toBe(true);
            if (policy === "cap") expect(wallet.debt).toBe(0);
            expect(reconciles(wallet)).toBe(true);
          }
        }),
        { numRuns: 400 },
      );
    },
  );
});
