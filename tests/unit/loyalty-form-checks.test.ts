/**
 * The console's loyalty forms stop exactly what the API refuses: for any
 * values (near every limit), the form finds no error if and only if the
 * core parser accepts what the form would send.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rewardInput, type RewardFormValues } from "../../admin/src/rewards/fields.js";
import {
  ladderField,
  ladderInput,
  pointsRulesField,
  rewardRules,
  validateCheckin,
  validateLadder,
  validatePointsRules,
  withTierIds,
  type CheckinValues,
  type LadderValues,
  type PointsRulesValues,
} from "../../admin/src/loyalty/validation.js";
import { parseCheckinRules } from "../../functions/core/points/checkin.js";
import { parseReward } from "../../functions/core/points/rewards.js";
import { parseRules, type PointsRules } from "../../functions/core/points/rules.js";
import { parseLadder, type Ladder } from "../../functions/core/points/tiers.js";

const RUNS = 2_000;

/** Numbers at and around every limit the rules have, and some ordinary ones. */
const edgy = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    0.5,
    1,
    1.5,
    7,
    10,
    10.5,
    20,
    21,
    29,
    30,
    31,
    32,
    89,
    90,
    91,
    99.5,
    100,
    100.5,
    101,
    119,
    120,
    121,
    365,
    366,
    367,
    999,
    1000,
    1001,
    1094,
    1095,
    1096,
    10_000,
    10_001,
    100_000,
    100_001,
    9_999_999,
    10_000_000,
    10_000_001,
  ),
  fc.integer({ min: -3, max: 130 }),
);

/** Usually a valid value, so that a lone bad field (the interesting case) comes up often. */
const mostly = <T>(valid: T, other: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(valid), weight: 4 }, { arbitrary: other, weight: 1 });

const accepts = (parse: () => unknown) => {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
};
const clean = (errors: Record<string, unknown>) => Object.keys(errors).length === 0;

describe("points rules", () => {
  const values = fc.record({
    pointsPerYuan: mostly(1, edgy),
    growthPerYuan: mostly(1, edgy),
    pendingDays: mostly(7, edgy),
    lifetimeMonths: mostly(12, edgy),
    memberDayDaysOfMonth: mostly([8], fc.array(edgy, { maxLength: 3 })),
    memberDayWeekdays: mostly([], fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 3 })),
    memberDayMultiplier: mostly(2, edgy),
    excludedCategories: fc.array(fc.string(), { maxLength: 3 }),
    excludedSkus: fc.array(fc.string(), { maxLength: 3 }),
    clawbackPolicy: mostly("debt", fc.constantFrom("debt", "cap", "forgive")),
  });

  it("the form and the API agree on every rules object", () => {
    fc.assert(
      fc.property(values, (rules) => {
        const { memberDayDaysOfMonth, memberDayWeekdays, memberDayMultiplier, ...rest } = rules;
        const core = {
          ...rest,
          memberDay: {
            daysOfMonth: memberDayDaysOfMonth,
            weekdays: memberDayWeekdays,
            multiplier: memberDayMultiplier,
          },
        } as PointsRules;
        expect(clean(validatePointsRules(rules as PointsRulesValues))).toBe(accepts(() => parseRules(core)));
      }),
      { numRuns: RUNS },
    );
  });

  it("an emptied input is required (the API would keep the old value silently)", () => {
    expect(validatePointsRules({ pointsPerYuan: null } as unknown as PointsRulesValues).pointsPerYuan).toBe(
      "resources.loyalty.validation.required",
    );
  });

  it("refuses more exclusions than the API keeps", () => {
    const many = Array.from({ length: 101 }, (_, i) => `c${i}`);
    expect(
      validatePointsRules({ excludedCategories: many } as unknown as PointsRulesValues).excludedCategories,
    ).toEqual({ message: "resources.loyalty.validation.max_items", args: { max: 100 } });
  });

  it("maps the API's member-day fields to the form's", () => {
    expect(
      ["memberDay.multiplier", "memberDay.daysOfMonth", "memberDay.weekdays", "pendingDays"].map(pointsRulesField),
    ).toEqual(["memberDayMultiplier", "memberDayDaysOfMonth", "memberDayWeekdays", "pendingDays"]);
  });
});

describe("tier ladder", () => {
  const tier = fc.record({
    tierId: mostly("", fc.constantFrom("gold", "silver", "Gold", "a".repeat(21), "vip_1", "tier2")),
    name: mostly("金卡", fc.constantFrom("", "  ", "名".repeat(20), "名".repeat(21), "Black")),
    threshold: fc.oneof(edgy, fc.constantFrom(0, 0, 5_000, 50_000)),
    discountPercent: mostly(5, edgy),
    pointsMultiplier: mostly(1.5, edgy),
    birthdayCouponTemplateId: mostly("", fc.constantFrom("tpl1", "x".repeat(65))),
  });
  const ladder = fc.record({
    tiers: fc.array(tier, { minLength: 0, maxLength: 22 }),
    reviewWindowDays: mostly(365, edgy),
  });
  /** Ladders that pass more often: ascending thresholds from 0, sensible tiers. */
  const plausible = fc
    .record({
      tiers: fc.array(
        fc.record({
          tierId: fc.constantFrom("", "gold", "vip_1", "Bad!"),
          name: fc.constantFrom("银卡", "", "名".repeat(21)),
          step: fc.integer({ min: -1, max: 2_000 }),
          discountPercent: fc.constantFrom(0, 5, 100, 101),
          pointsMultiplier: fc.constantFrom(1, 2.5, 0.5, 11),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      reviewWindowDays: fc.constantFrom(29, 30, 365, 1095, 1096),
    })
    .map(({ tiers, reviewWindowDays }) => {
      let threshold = 0;
      return {
        tiers: tiers.map(({ step, ...rest }, index) => ({
          ...rest,
          threshold: index === 0 ? (step < 0 ? 1 : 0) : (threshold += step),
        })),
        reviewWindowDays,
      };
    });

  it("the form and the API agree on every ladder", () => {
    for (const arbitrary of [ladder, plausible]) {
      fc.assert(
        fc.property(arbitrary, (values) => {
          expect(clean(validateLadder(values as LadderValues))).toBe(
            accepts(() => parseLadder(ladderInput(values as LadderValues) as Ladder)),
          );
        }),
        { numRuns: RUNS },
      );
    }
  });

  it("new tiers get ids no other tier has", () => {
    const ids = withTierIds([
      { tierId: "tier2" },
      { tierId: "" },
      { tierId: "" },
      { tierId: "tier3" },
    ] as LadderValues["tiers"]).map((t) => t.tierId);
    expect(ids).toEqual(["tier2", "tier4", "tier5", "tier3"]);
  });

  it("says where thresholds go wrong, and maps the API's tier ids to the form's", () => {
    const errors = validateLadder({
      tiers: [
        { tierId: "a", name: "普通", threshold: 10, discountPercent: 0, pointsMultiplier: 1 },
        { tierId: "b", name: "银卡", threshold: 5, discountPercent: 0, pointsMultiplier: 1 },
      ],
      reviewWindowDays: 365,
    });
    expect(errors.tiers).toEqual([
      { threshold: "resources.loyalty.validation.first_threshold" },
      { threshold: { message: "resources.loyalty.validation.rising_threshold", args: { previous: 10 } } },
    ]);
    expect([ladderField("tiers.3.id"), ladderField("tiers.3.threshold"), ladderField("reviewWindowDays")]).toEqual([
      "tiers.3.tierId",
      "tiers.3.threshold",
      "reviewWindowDays",
    ]);
  });
});

describe("check-in rules", () => {
  const values = fc.record({
    enabled: fc.boolean(),
    points: mostly(5, edgy),
    growth: mostly(1, edgy),
    bonuses: fc.array(fc.record({ day: edgy, points: mostly(50, edgy) }), { maxLength: 4 }),
    cycle: fc.boolean(),
  });

  it("the form and the API agree on every check-in rule set", () => {
    fc.assert(
      fc.property(values, (checkin) => {
        expect(clean(validateCheckin(checkin as CheckinValues))).toBe(accepts(() => parseCheckinRules(checkin)));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("rewards", () => {
  const values = fc.record({
    name: mostly("保温杯", fc.constantFrom("", " ", "名".repeat(40), "名".repeat(41))),
    description: fc.constantFrom("", "门店领取", "字".repeat(200), "字".repeat(201)),
    kind: fc.constantFrom("gift", "coupon"),
    couponTemplateId: mostly("tpl1", fc.constantFrom("", "x".repeat(65))),
    pointsCost: mostly(300, edgy),
    unlimited: fc.boolean(),
    stock: mostly(5, edgy),
    perMemberLimit: fc.oneof(fc.constant(null), edgy),
    status: fc.constantFrom("active", "paused"),
  });
  const base = {
    id: "r1",
    merchantId: "m1",
    kind: "gift" as const,
    stock: null,
    perMemberLimit: null,
    status: "active" as const,
    createdAt: "",
    updatedAt: "",
  };

  it("the form and the API agree on every new reward", () => {
    fc.assert(
      fc.property(values, (reward) => {
        const formClean = Object.entries(rewardRules).every(
          ([field, check]) => check((reward as Record<string, unknown>)[field], reward) === undefined,
        );
        expect(formClean).toBe(accepts(() => parseReward(rewardInput(reward as RewardFormValues) as never, base)));
      }),
      { numRuns: RUNS },
    );
  });
});
