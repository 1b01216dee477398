export const typeDefs = /* GraphQL */ `
  "A figure with its 95 % confidence interval."
  type Estimate {
    "The estimate."
    value: Float!
    "Lower bound of the 95 % interval."
    low: Float!
    "Upper bound of the 95 % interval."
    high: Float!
  }

  "What a program's results can say so far."
  enum HoldoutVerdict {
    "Fewer than 30 members in a group: not enough members yet to tell."
    TOO_FEW
    "The interval of incremental conversions includes zero: no effect shown either way yet."
    UNCLEAR
    "The interval lies above zero: the program brings members back."
    POSITIVE
    "The interval lies below zero: the program keeps members away."
    NEGATIVE
  }

  """
  What an automation step or campaign brought, measured against its holdout group: members it acted on are treated
  (sent its message and coupon) or held out (sent nothing), at random by a fixed hash; a purchase within the
  attribution window of being acted on converts the member. Revenue is purchase totals as recorded (refunds are not
  taken off). See docs/holdouts.md for the method.
  """
  type HoldoutResults {
    "wakeup:{days}, birthday, coupon-expiry, campaign:{id}, or wakeup (the whole wake-up ladder)."
    program: String!
    "The holdout share set now, percent (the ladder: its first step's)."
    holdoutPercent: Int!
    "The attribution window, days (7, 14 or 30)."
    attributionDays: Int!
    "Members treated (a member acted on twice counts twice)."
    treated: Int!
    "Members held out."
    heldOut: Int!
    "Treated members who bought within the window."
    treatedConverted: Int!
    "Held-out members who bought within the window."
    heldOutConverted: Int!
    "treatedConverted / treated; null with no treated member."
    treatedConversionRate: Float
    "heldOutConverted / heldOut; null with no held-out member."
    heldOutConversionRate: Float
    "Purchases within the window per treated member, fen; null with none."
    treatedRevenuePerMember: Float
    "Purchases within the window per held-out member, fen; null with none."
    heldOutRevenuePerMember: Float
    "Treated members who bought because of it: treated × (treated rate − held-out rate); null without both groups."
    incrementalConversions: Estimate
    "Revenue it brought, fen: treated × (revenue per treated − per held-out member); null without both groups."
    incrementalRevenue: Estimate
    "SMS parts billed for it."
    smsParts: Int!
    "smsParts × the merchant's price per part, fen."
    smsCost: Int!
    "Coupons it gave."
    couponsIssued: Int!
    "Of those, redeemed."
    couponsRedeemed: Int!
    "Discounts of its coupons redeemed, fen."
    couponDiscounts: Int!
    "smsCost + couponDiscounts, fen."
    cost: Int!
    "incrementalRevenue − cost, fen; null without both groups."
    netRevenue: Estimate
    "What the figures can say so far."
    verdict: HoldoutVerdict!
  }

  extend type Query {
    """
    Owner or manager: each wake-up step's, the birthday greeting's and the coupon-expiry reminder's results against
    their holdout groups, over a window of 7, 14 (default) or 30 days; chain-wide counts only, no member.
    """
    automationResults(attributionDays: Int): [HoldoutResults!]!
    "Owner or manager: a campaign's results against its holdout group (7, 14 or 30 days; default 14)."
    campaignHoldoutResults(id: ID!, attributionDays: Int): HoldoutResults!
    "Owner or manager: the whole wake-up ladder against its holdout groups, for the dashboard's card."
    wakeupImpact(attributionDays: Int): HoldoutResults!
  }
`;
