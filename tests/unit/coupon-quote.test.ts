/** The checkout quote: every template kind, every refusal, and the order coupons stack in. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, quote, type RejectionReason } from "../../functions/core/coupons/quote.js";
import {
  couponState,
  formatCouponCode,
  newCoupon,
  normaliseCouponCode,
  parseTemplate,
  type Coupon,
  type CouponTemplate,
  type TemplateInput,
} from "../../functions/core/coupons/templates.js";
import type { PurchaseLine } from "../../functions/core/points/rules.js";

const NOW = "2026-06-10T04:00:00.000Z";
const ctx = { memberId: "m1", storeId: "s1", tierId: "silver", now: NOW };

let seq = 0;
function template(input: TemplateInput): CouponTemplate {
  seq++;
  return parseTemplate(
    { name: `券${seq}`, validDays: 30, ...input },
    {
      id: `t${seq}`,
      merchantId: "shop",
      issued: 0,
      totalStock: null,
      perMemberLimit: null,
      status: "active",
      createdAt: NOW,
      updatedAt: NOW,
    },
  );
}
function coupon(input: TemplateInput, over: Partial<Coupon> = {}): Coupon {
  const t = template(input);
  return { ...newCoupon(t, `CODE${seq}`, "m1", "2026-06-01T00:00:00.000Z", "manual", "test"), ...over };
}
const basket: PurchaseLine[] = [
  { sku: "milk", name: "牛奶", category: "dairy", qty: 2, unitPrice: 1500 },
  { sku: "toy", name: "积木", category: "toys", qty: 1, unitPrice: 8000 },
  { sku: "bag", name: "购物袋", category: "misc", qty: 1, unitPrice: 100 },
];
// subtotal 11100
const run = (
  coupons: Coupon[],
  lines = basket,
  extra: Partial<typeof ctx> & { holdId?: string } = {},
  codes = coupons.map((c) => c.code),
) => quote(lines, codes, new Map(coupons.map((c) => [c.code, c])), { ...ctx, ...extra });

describe("each kind of coupon", () => {
  const cases: { name: string; input: TemplateInput; discount: number }[] = [
    { name: "代金券 amount off ¥20", input: { kind: "amount_off", amountOff: 2000 }, discount: 2000 },
    {
      name: "代金券 larger than the basket takes the basket",
      input: { kind: "amount_off", amountOff: 50000 },
      discount: 11100,
    },
    { name: "折扣券 12% off", input: { kind: "percent_off", percentOff: 12 }, discount: 1332 },
    {
      name: "折扣券 30% off capped at ¥20",
      input: { kind: "percent_off", percentOff: 30, maxDiscount: 2000 },
      discount: 2000,
    },
    { name: "满减 满100减20 on ¥111", input: { kind: "threshold", threshold: 10000, amountOff: 2000 }, discount: 2000 },
    { name: "兑换券 one 牛奶 free", input: { kind: "gift", giftSku: "milk" }, discount: 1500 },
    {
      name: "category coupon only on toys: 50% off",
      input: { kind: "percent_off", percentOff: 50, categories: ["toys"] },
      discount: 4000,
    },
  ];
  for (const { name, input, discount } of cases) {
    it(name, () => {
      const c = coupon(input);
      const q = run([c]);
      expect(q.rejected).toEqual([]);
      expect(q).toMatchObject({ subtotal: 11100, discount, total: 11100 - discount });
      expect(q.steps[0]).toMatchObject({ code: c.code, discount, totalAfter: 11100 - discount });
      expect(q.steps[0].lines.reduce((s, l) => s + l.discount, 0)).toBe(discount);
      expect(Object.values(q.lineDiscounts).reduce((s, d) => s + d, 0)).toBe(discount);
    });
  }

  it("a category coupon puts its whole discount on that category's lines", () => {
    const q = run([coupon({ kind: "amount_off", amountOff: 1000, categories: ["toys"] })]);
    expect(q.lineDiscounts).toEqual({ milk: 0, toy: 1000, bag: 0 });
  });
});

describe("refusals", () => {
  const cases: {
    name: string;
    make: () => { coupons: Coupon[]; codes?: string[] };
    reason: RejectionReason;
    applied?: number;
  }[] = [
    { name: "unknown code", make: () => ({ coupons: [], codes: ["NOPE12345"] }), reason: "NOT_FOUND" },
    {
      name: "the same code twice",
      make: () => {
        const c = coupon({ kind: "amount_off", amountOff: 100 });
        return { coupons: [c], codes: [c.code, c.code] };
      },
      reason: "DUPLICATE",
      applied: 100,
    },
    {
      name: "another member's coupon",
      make: () => ({ coupons: [coupon({ kind: "amount_off", amountOff: 100 }, { memberId: "m2" })] }),
      reason: "NOT_YOURS",
    },
    {
      name: "already used",
      make: () => ({ coupons: [coupon({ kind: "amount_off", amountOff: 100 }, { status: "redeemed" })] }),
      reason: "ALREADY_REDEEMED",
    },
    {
      name: "revoked",
      make: () => ({ coupons: [coupon({ kind: "amount_off", amountOff: 100 }, { status: "revoked" })] }),
      reason: "REVOKED",
    },
    {
      name: "expired",
      make: () => ({
        coupons: [coupon({ kind: "amount_off", amountOff: 100 }, { validUntil: "2026-06-10T03:59:59.000Z" })],
      }),
      reason: "EXPIRED",
    },
    {
      name: "not valid yet",
      make: () => ({
        coupons: [coupon({ kind: "amount_off", amountOff: 100 }, { validFrom: "2026-06-11T00:00:00.000Z" })],
      }),
      reason: "NOT_YET_VALID",
    },
    {
      name: "held by another checkout",
      make: () => ({
        coupons: [
          coupon(
            { kind: "amount_off", amountOff: 100 },
            { status: "reserved", reservation: { holdId: "other", until: "2026-06-10T04:05:00.000Z" } },
          ),
        ],
      }),
      reason: "RESERVED",
    },
    {
      name: "wrong store",
      make: () => ({ coupons: [coupon({ kind: "amount_off", amountOff: 100, storeIds: ["s2"] })] }),
      reason: "WRONG_STORE",
    },
    {
      name: "wrong tier",
      make: () => ({ coupons: [coupon({ kind: "amount_off", amountOff: 100, tierIds: ["gold"] })] }),
      reason: "WRONG_TIER",
    },
    {
      name: "below the minimum spend",
      make: () => ({ coupons: [coupon({ kind: "amount_off", amountOff: 100, minSpend: 20000 })] }),
      reason: "BELOW_MIN_SPEND",
    },
    {
      name: "满减 below its threshold",
      make: () => ({ coupons: [coupon({ kind: "threshold", threshold: 20000, amountOff: 3000 })] }),
      reason: "BELOW_MIN_SPEND",
    },
    {
      name: "gift SKU not in the basket",
      make: () => ({ coupons: [coupon({ kind: "gift", giftSku: "cake" })] }),
      reason: "NO_ELIGIBLE_ITEMS",
    },
    {
      name: "no line in the coupon's categories",
      make: () => ({ coupons: [coupon({ kind: "amount_off", amountOff: 100, categories: ["wine"] })] }),
      reason: "NO_ELIGIBLE_ITEMS",
    },
  ];
  for (const { name, make, reason, applied = 0 } of cases) {
    it(name, () => {
      const { coupons, codes } = make();
      const q = run(coupons, basket, {}, codes);
      expect(q.rejected.map((r) => r.reason)).toEqual([reason]);
      expect(q.discount).toBe(applied);
      expect(q.total).toBe(11100 - applied);
    });
  }

  it("a lapsed hold frees the coupon, and the holding checkout may use its own hold", () => {
    const lapsed = coupon(
      { kind: "amount_off", amountOff: 100 },
      { status: "reserved", reservation: { holdId: "other", until: "2026-06-10T03:00:00.000Z" } },
    );
    expect(couponState(lapsed, NOW)).toBe("issued");
    expect(run([lapsed]).rejected).toEqual([]);
    const mine = coupon(
      { kind: "amount_off", amountOff: 100 },
      { status: "reserved", reservation: { holdId: "till-1", until: "2026-06-10T04:05:00.000Z" } },
    );
    expect(run([mine], basket, { holdId: "till-1" }).rejected).toEqual([]);
  });
});

describe("stacking and order of application", () => {
  it("stackable coupons apply by priority, each on what the earlier ones left", () => {
    const percent = coupon({ kind: "percent_off", percentOff: 10, stacking: "stackable", priority: 20 });
    const amount = coupon({ kind: "amount_off", amountOff: 1100, stacking: "stackable", priority: 10 });
    // Given percent first, but amount has the lower priority: 11100 − 1100 = 10000, then 10% = 1000.
    const q = run([percent, amount]);
    expect(q.steps.map((s) => [s.code, s.eligibleAmount, s.discount, s.totalAfter])).toEqual([
      [amount.code, 11100, 1100, 10000],
      [percent.code, 10000, 1000, 9000],
    ]);
  });

  it("the same priority keeps the order given", () => {
    const a = coupon({ kind: "amount_off", amountOff: 500, stacking: "stackable" });
    const b = coupon({ kind: "percent_off", percentOff: 50, stacking: "stackable" });
    expect(run([b, a]).steps.map((s) => s.code)).toEqual([b.code, a.code]);
    expect(run([b, a]).total).toBe(11100 - 5550 - 500);
  });

  it("an exclusive coupon stands alone: later coupons are refused with the reason", () => {
    const exclusive = coupon({ kind: "amount_off", amountOff: 3000, stacking: "exclusive", priority: 1 });
    const stackable = coupon({ kind: "amount_off", amountOff: 500, stacking: "stackable", priority: 5 });
    const q = run([stackable, exclusive]);
    expect(q.steps.map((s) => s.code)).toEqual([exclusive.code]);
    expect(q.rejected).toEqual([expect.objectContaining({ code: stackable.code, reason: "NOT_STACKABLE" })]);
  });

  it("an exclusive coupon after a stackable one is refused", () => {
    const stackable = coupon({ kind: "amount_off", amountOff: 500, stacking: "stackable", priority: 1 });
    const exclusive = coupon({ kind: "amount_off", amountOff: 3000, stacking: "exclusive", priority: 5 });
    const q = run([exclusive, stackable]);
    expect(q.steps.map((s) => s.code)).toEqual([stackable.code]);
    expect(q.rejected.map((r) => [r.code, r.reason])).toEqual([[exclusive.code, "NOT_STACKABLE"]]);
  });

  it("two coupons of one template: the second is refused", () => {
    const first = coupon({ kind: "amount_off", amountOff: 500, stacking: "stackable" });
    const second: Coupon = { ...first, code: "SECOND123" };
    expect(run([first, second]).rejected.map((r) => r.reason)).toEqual(["SAME_TEMPLATE"]);
  });

  it("a 满减 measured after an earlier coupon can fall below its threshold", () => {
    const amount = coupon({ kind: "amount_off", amountOff: 2000, stacking: "stackable", priority: 1 });
    const threshold = coupon({
      kind: "threshold",
      threshold: 10000,
      amountOff: 1000,
      stacking: "stackable",
      priority: 2,
    });
    const q = run([amount, threshold]);
    expect(q.steps.map((s) => s.code)).toEqual([amount.code]);
    expect(q.rejected.map((r) => r.reason)).toEqual(["BELOW_MIN_SPEND"]);
  });
});

describe("allocation", () => {
  it("splits exactly and never puts more on a line than it costs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (weights, seed) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const amount = sum ? seed % (sum + 1) : 0;
          const parts = allocate(amount, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          parts.forEach((part, i) => expect(part).toBeLessThanOrEqual(weights[i]));
          parts.forEach((part) => expect(part).toBeGreaterThanOrEqual(0));
        },
      ),
    );
  });
});

describe("templates and codes", () => {
  it("refuses templates that make no sense", () => {
    const base = {
      id: "t",
      merchantId: "shop",
      issued: 0,
      totalStock: null,
      perMemberLimit: null,
      status: "active" as const,
      createdAt: NOW,
      updatedAt: NOW,
    };
    expect(() =>
      parseTemplate({ name: "x", kind: "threshold", threshold: 1000, amountOff: 1000, validDays: 3 }, base),
    ).toThrow(/less than its threshold/);
    expect(() => parseTemplate({ name: "x", kind: "percent_off", percentOff: 100, validDays: 3 }, base)).toThrow(
      /percentOff/,
    );
    expect(() => parseTemplate({ name: "x", kind: "amount_off", amountOff: 100 }, base)).toThrow(/validDays/);
    expect(() =>
      parseTemplate(
        { name: "x", kind: "amount_off", amountOff: 100, validFrom: "2026-07-01", validUntil: "2026-06-01" },
        base,
      ),
    ).toThrow(/after validFrom/);
    expect(() => parseTemplate({ name: "x", kind: "bogus", validDays: 3 }, base)).toThrow(/kind/);
    expect(() =>
      parseTemplate(
        { name: "x", kind: "amount_off", amountOff: 100, validDays: 3, totalStock: 5 },
        { ...base, issued: 9 },
      ),
    ).toThrow(/already issued/);
  });

  it("codes read aloud in groups and are typed back with or without dashes", () => {
    expect(formatCouponCode("7KQ2MX9HRT")).toBe("7KQ2M-X9HRT");
    expect(normaliseCouponCode(" 7kq2m-x9hrt ")).toBe("7KQ2MX9HRT");
    expect(() => normaliseCouponCode("7KQ2M_X9HRT")).toThrow();
  });
});
