/**
 * The console's coupon-template form stops exactly what the API refuses (for
 * values near every limit, the form finds no error if and only if the core
 * parser accepts what the form would send), an edit sends only what changed,
 * and money and dates convert without rounding or drifting a day.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fenIn, yuanToFen } from "../../admin/src/common/fen.js";
import { localDate, startOfDay } from "../../admin/src/common/zonedDate.js";
import {
  couponValue,
  NEW_TEMPLATE,
  templateChanges,
  templateFormValues,
  templateInput,
  validateTemplate,
  type CouponTemplateRecord,
  type TemplateFormValues,
} from "../../admin/src/couponTemplates/fields.js";
import { parseTemplate, type TemplateInput } from "../../functions/core/coupons/templates.js";

const ZONE = "Asia/Shanghai";
const NOW = "2026-05-01T00:00:00.000Z";

const base = {
  id: "t1",
  merchantId: "m1",
  issued: 0,
  totalStock: null,
  perMemberLimit: null,
  status: "active" as const,
  createdAt: NOW,
  updatedAt: NOW,
};

/** Whether the core accepts the input. */
function accepted(input: Record<string, unknown>): boolean {
  try {
    parseTemplate(input as TemplateInput, base);
    return true;
  } catch {
    return false;
  }
}

const money = fc.oneof(
  fc.constantFrom(null, -1, 0, 0.5, 1, 99, 100, 1250.5, 5_000, 100_000_000, 100_000_001),
  fc.integer({ min: 0, max: 20_000 }),
);

const values: fc.Arbitrary<TemplateFormValues> = fc.record({
  name: fc.constantFrom("", "  ", "满50减10", "x".repeat(40), "x".repeat(41), "券".repeat(40)),
  description: fc.constantFrom(undefined, "", "门店可用", "d".repeat(200), "d".repeat(201)),
  kind: fc.constantFrom("threshold", "amount_off", "percent_off", "gift"),
  amountOff: money,
  threshold: money,
  maxDiscount: money,
  minSpend: money,
  percentOff: fc.constantFrom(null, 0, 1, 10, 99, 100, 10.5),
  giftSku: fc.constantFrom(null, "", " ", "topping", "s".repeat(64), "s".repeat(65)),
  // The form requires a priority where the API would default it.
  priority: fc.constantFrom(-1, 0, 100, 1000, 1001, 1.5),
  categories: fc.array(fc.constantFrom("tea", " ", "c".repeat(64), "c".repeat(65)), { maxLength: 3 }),
  stacking: fc.constantFrom("exclusive", "stackable"),
  validityType: fc.constantFrom("relative", "fixed"),
  validDays: fc.constantFrom(null, 0, 1, 30, 3650, 3651, 1.5),
  validFromDate: fc.constantFrom(null, "2026-05-31", "2026-06-01", "2026-06-30"),
  validUntilDate: fc.constantFrom(null, "2026-05-31", "2026-06-01", "2026-06-30"),
  unlimitedStock: fc.boolean(),
  // With the switch off the form requires a number where the API would keep "unlimited".
  totalStock: fc.constantFrom(-1, 0, 10, 10_000_000, 10_000_001, 2.5),
  perMemberLimit: fc.constantFrom(null, 0, 1, 1000, 1001, 1.5),
  status: fc.constantFrom("active", "paused"),
}) as fc.Arbitrary<TemplateFormValues>;

describe("the coupon-template form checks what the API checks", () => {
  it("finds no error exactly when the core accepts what would be sent", () => {
    fc.assert(
      fc.property(values, (form) => {
        const clean = Object.keys(validateTemplate({ ...form, storeIds: [], tierIds: [], issued: 0 })).length === 0;
        expect(clean).toBe(accepted(templateInput({ ...form, storeIds: [], tierIds: [] }, ZONE)));
      }),
      { numRuns: 3_000 },
    );
  });

  it("refuses a 满减 that takes off as much as its threshold, at the amount", () => {
    const errors = validateTemplate({ ...NEW_TEMPLATE, name: "满50减50", threshold: 5_000, amountOff: 5_000 });
    expect(errors).toEqual({ amountOff: "resources.couponTemplates.validation.below_threshold" });
  });

  it("refuses a total below what was already issued", () => {
    expect(
      validateTemplate({
        ...NEW_TEMPLATE,
        name: "满50减10",
        threshold: 5_000,
        amountOff: 1_000,
        unlimitedStock: false,
        totalStock: 4,
        issued: 5,
      }).totalStock,
    ).toEqual({
      message: "resources.couponTemplates.validation.below_issued",
      args: { issued: 5 },
    });
  });
});

const record: CouponTemplateRecord = {
  id: "t1",
  name: "夏日满100减20",
  description: null,
  kind: "threshold",
  amountOff: 2_000,
  percentOff: null,
  maxDiscount: null,
  threshold: 10_000,
  giftSku: null,
  minSpend: 0,
  storeIds: ["s1"],
  tierIds: [],
  categories: ["tea"],
  stacking: "exclusive",
  priority: 100,
  validityType: "fixed",
  validFrom: "2026-05-31T16:00:00.000Z",
  validUntil: "2026-06-30T16:00:00.000Z",
  validDays: null,
  totalStock: 500,
  issued: 120,
  perMemberLimit: 2,
  status: "active",
  createdAt: NOW,
  updatedAt: NOW,
};

describe("an edit sends only what changed", () => {
  it("reads fixed validity as the first and last valid day in the merchant's time zone, and sends nothing when nothing changed", () => {
    const form = templateFormValues(record, ZONE);
    expect(form).toMatchObject({ validFromDate: "2026-06-01", validUntilDate: "2026-06-30", unlimitedStock: false });
    expect(templateChanges(form, record, ZONE)).toEqual({});
  });

  it("sends a new name alone, never the stock total it read", () => {
    expect(templateChanges({ ...templateFormValues(record, ZONE), name: "夏日满100减25" }, record, ZONE)).toEqual({
      name: "夏日满100减25",
    });
  });

  it("clears a limit with null, lifts the total with unlimitedStock, and moves validity by whole days", () => {
    const changed = templateChanges(
      { ...templateFormValues(record, ZONE), perMemberLimit: null, unlimitedStock: true, validUntilDate: "2026-07-31" },
      record,
      ZONE,
    );
    expect(changed).toEqual({
      perMemberLimit: null,
      unlimitedStock: true,
      validFrom: "2026-05-31T16:00:00.000Z",
      validUntil: "2026-07-31T16:00:00.000Z",
    });
    const stored = {
      ...base,
      name: record.name,
      kind: "threshold" as const,
      threshold: 10_000,
      amountOff: 2_000,
      minSpend: 0,
      storeIds: ["s1"],
      tierIds: [],
      categories: ["tea"],
      stacking: "exclusive" as const,
      priority: 100,
      issued: 120,
      totalStock: 500,
      perMemberLimit: 2,
      validity: { type: "fixed" as const, from: record.validFrom!, until: record.validUntil! },
    };
    expect(parseTemplate(changed as TemplateInput, stored)).toMatchObject({
      perMemberLimit: null,
      totalStock: null,
      validity: { type: "fixed", from: "2026-05-31T16:00:00.000Z", until: "2026-07-31T16:00:00.000Z" },
    });
  });

  it("sends every amount of a new kind, and switches validity to days", () => {
    const changed = templateChanges(
      {
        ...templateFormValues(record, ZONE),
        kind: "percent_off",
        percentOff: 12,
        maxDiscount: null,
        validityType: "relative",
        validDays: 14,
      },
      record,
      ZONE,
    );
    expect(changed).toEqual({ kind: "percent_off", percentOff: 12, maxDiscount: null, validDays: 14 });
  });
});

describe("money and dates", () => {
  it("turns typed yuan into whole fen without floating-point drift, and leaves a third decimal for the check to refuse", () => {
    expect([yuanToFen(0.29), yuanToFen("12.34"), yuanToFen(1_000_000), yuanToFen(""), yuanToFen(null)]).toEqual([
      29,
      1_234,
      100_000_000,
      null,
      null,
    ]);
    expect(fenIn(yuanToFen(1.005), 1)).toBe("resources.couponTemplates.validation.money_decimals");
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000_000 }), (fen) => yuanToFen(fen / 100) === fen));
  });

  it("starts a day at local midnight and reads an instant back as its local day", () => {
    expect(startOfDay("2026-06-01", ZONE)).toBe("2026-05-31T16:00:00.000Z");
    expect(startOfDay("2026-03-29", "Europe/Berlin")).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDay("2026-03-30", "Europe/Berlin")).toBe("2026-03-29T22:00:00.000Z");
    expect(localDate("2026-05-31T16:00:00.000Z", ZONE)).toBe("2026-06-01");
    expect(localDate("2026-05-31T15:59:59.999Z", ZONE)).toBe("2026-05-31");
  });

  it("says what a coupon is worth", () => {
    const say = (key: string, options?: Record<string, unknown>) =>
      `${key.split(".").pop()}:${JSON.stringify(options ?? {})}`;
    expect(couponValue({ kind: "threshold", threshold: 10_000, amountOff: 2_000, minSpend: 0 }, say)).toBe(
      'threshold:{"threshold":"100","amount":"20"}',
    );
    expect(couponValue({ kind: "percent_off", percentOff: 15, maxDiscount: 3_050, minSpend: 0 }, say)).toBe(
      'percent_off_capped:{"zhe":"8.5","percent":15,"cap":"30.50"}',
    );
  });
});
