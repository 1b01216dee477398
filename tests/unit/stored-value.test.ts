/** The stored-value wallet: draws, give-backs and top-up refunds conserve every fen. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  giveBack,
  pay,
  refundTopUp,
  returnShare,
  svBalance,
  topUp,
  usableBalance,
  type SvWallet,
} from "../../functions/core/storedValue.js";

const here = { storeId: "s1", city: "上海" };
const lot = (
  id: string,
  principal: number,
  bonus: number,
  extra: Partial<{ storeId: string; city: string; scope: "any" | "store" | "city"; at: string }> = {},
) => ({
  id,
  paymentId: `p-${id}`,
  storeId: "s1",
  city: "上海",
  scope: "any" as const,
  principal,
  bonus,
  at: `2026-01-0${id.length}T00:00:00Z`,
  ...extra,
});

describe("paying", () => {
  it("splits a payment proportionally inside a lot, and takes a whole lot exactly", () => {
    const wallet = topUp(undefined, lot("a", 20000, 5000));
    expect(pay(wallet, 10000, here, "proportional").draws).toEqual([
      { lotId: "a", storeId: "s1", principal: 8000, bonus: 2000 },
    ]);
    expect(pay(wallet, 25000, here, "proportional").draws).toEqual([
      { lotId: "a", storeId: "s1", principal: 20000, bonus: 5000 },
    ]);
    expect(pay(wallet, 10000, here, "bonus_first").draws[0]).toMatchObject({ principal: 5000, bonus: 5000 });
    expect(pay(wallet, 10000, here, "principal_first").draws[0]).toMatchObject({ principal: 10000, bonus: 0 });
  });

  it("uses store-only lots first, and never lots restricted to another store or city", () => {
    let wallet: SvWallet = topUp(undefined, lot("any", 1000, 0));
    wallet = topUp(wallet, lot("mine", 1000, 0, { scope: "store" }));
    wallet = topUp(wallet, lot("theirs", 1000, 0, { scope: "store", storeId: "s2", city: "杭州" }));
    wallet = topUp(wallet, lot("hz", 1000, 0, { scope: "city", storeId: "s3", city: "杭州" }));
    expect(usableBalance(wallet, here)).toBe(2000);
    expect(pay(wallet, 1500, here, "proportional").draws.map((d) => [d.lotId, d.principal])).toEqual([
      ["mine", 1000],
      ["any", 500],
    ]);
    expect(() => pay(wallet, 2001, here, "proportional")).toThrow(/Not enough stored value/);
  });

  it("random payments and refunds conserve principal and bonus to the fen, and never go below zero", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50000 }), fc.integer({ min: 0, max: 20000 })), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 30000 }), fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 3 })),
          { maxLength: 8 },
        ),
        fc.constantFrom("proportional" as const, "principal_first" as const, "bonus_first" as const),
        (lots, orders, rule) => {
          let wallet: SvWallet = { lots: [] };
          lots.forEach(([p, b], i) => (wallet = topUp(wallet, lot(`l${i}`, p, b, { at: `2026-01-01T00:00:0${i}Z` }))));
          const start = svBalance(wallet);
          let spentP = 0;
          let spentB = 0;
          for (const [amount, refundParts] of orders) {
            if (amount > usableBalance(wallet, here)) {
              expect(() => pay(wallet, amount, here, rule)).toThrow();
              continue;
            }
            const paid = pay(wallet, amount, here, rule);
            wallet = paid.wallet;
            expect(paid.draws.reduce((s, d) => s + d.principal + d.bonus, 0)).toBe(amount);
            spentP += paid.draws.reduce((s, d) => s + d.principal, 0);
            spentB += paid.draws.reduce((s, d) => s + d.bonus, 0);
            // Refund the order in parts (percent steps); the last part completes it.
            let returned = paid.draws.map(() => ({ principal: 0, bonus: 0 }));
            let refunded = 0;
            for (const part of [...refundParts, 100]) {
              refunded = Math.min(amount, refunded + Math.ceil((amount * part) / 100));
              const shares = returnShare(paid.draws, returned, refunded, amount);
              shares.forEach((s) => expect(s.principal >= 0 && s.bonus >= 0).toBe(true));
              wallet = giveBack(wallet, paid.draws, shares);
              returned = returned.map((r, i) => ({
                principal: r.principal + shares[i].principal,
                bonus: r.bonus + shares[i].bonus,
              }));
              spentP -= shares.reduce((s, x) => s + x.principal, 0);
              spentB -= shares.reduce((s, x) => s + x.bonus, 0);
            }
            for (const l of wallet.lots)
              expect(
                l.principalLeft >= 0 && l.bonusLeft >= 0 && l.principalLeft <= l.principal && l.bonusLeft <= l.bonus,
              ).toBe(true);
          }
          const end = svBalance(wallet);
          expect(end.principal + spentP).toBe(start.principal);
          expect(end.bonus + spentB).toBe(start.bonus);
          expect(end).toEqual(start);
        },
      ),
    );
  });
});

describe("refunding a top-up", () => {
  it("returns the principal left and forfeits the bonus left; under deduct_spent_bonus the spent bonus comes off", () => {
    const wallet = pay(topUp(undefined, lot("a", 10000, 2000)), 6000, here, "proportional").wallet;
    expect(refundTopUp(wallet, "a", "forfeit_bonus")).toMatchObject({
      principalReturned: 5000,
      principalKept: 0,
      bonusForfeited: 1000,
    });
    expect(refundTopUp(wallet, "a", "deduct_spent_bonus")).toMatchObject({
      principalReturned: 4000,
      principalKept: 1000,
      bonusForfeited: 1000,
    });
    const done = refundTopUp(wallet, "a", "forfeit_bonus").wallet;
    expect(svBalance(done).total).toBe(0);
    expect(() => refundTopUp(done, "a", "forfeit_bonus")).toThrow(/already refunded/);
  });
});
