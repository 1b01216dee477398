/** The dashboard (数据看板), the liability report and anonymous orders. */
export const typeDefs = /* GraphQL */ `
  "Members in a lifecycle stage."
  type StageCount {
    "new, active, silent, sleeping or lost."
    stage: LifecycleStage!
    "Members in it."
    members: Int!
  }

  "Members in a tier."
  type TierCount {
    "Tier id."
    tierId: ID!
    "Tier name."
    name: String!
    "Members in it (members who never earned count in the first tier)."
    members: Int!
  }

  """
  One local day of the dashboard (or, as totals, the whole range): flows are the day's, standing figures are at its
  end.
  """
  type DashboardDay {
    "Local date (YYYY-MM-DD) in the merchant's time zone; for totals, the range's last day."
    date: String!
    "Members at the end of the day."
    members: Int!
    "Members who joined."
    joined: Int!
    "Members by lifecycle stage at the end of the day."
    stages: [StageCount!]!
    "Member orders recorded."
    orders: Int!
    "Their paid total, fen."
    revenue: Int!
    "Refunded, fen."
    refunded: Int!
    "Non-member orders recorded by storefronts."
    anonymousOrders: Int!
    "Their total, fen."
    anonymousRevenue: Int!
    "Points earned (purchases, check-ins, referrals, positive adjustments)."
    pointsIssued: Int!
    "Points spent (redemptions, points mall, negative adjustments)."
    pointsRedeemed: Int!
    "Points expired."
    pointsExpired: Int!
    "Points taken back by refunds."
    pointsReversed: Int!
    "Points owed to members at the end of the day (pending included, debts deducted)."
    pointsOutstanding: Int!
    "Stored value owed: principal, fen."
    storedValuePrincipal: Int!
    "Stored value owed: bonus, fen."
    storedValueBonus: Int!
    "Coupons issued."
    couponsIssued: Int!
    "Coupons redeemed (net of coupons given back by refunds)."
    couponsRedeemed: Int!
    "Coupons still usable at the end of the day."
    couponsOpen: Int!
    "Their face value (amount-off coupons), fen."
    couponsOpenValue: Int!
    "Members who bought at least once."
    buyers: Int!
    "Members who bought at least twice."
    repeatBuyers: Int!
  }

  "Issue and use of one coupon template over the range."
  type CouponTemplateFigures {
    "Template id."
    templateId: ID!
    "Template name."
    name: String!
    "Coupons issued in the range."
    issued: Int!
    "Coupons redeemed in the range."
    redeemed: Int!
    "redeemed / issued; null when none were issued."
    redemptionRate: Float
  }

  "A campaign's measured results, for the dashboard."
  type CampaignFigures {
    "The campaign."
    campaign: Campaign!
    "Members reached."
    reached: Int!
    "Members who bought inside the conversion window."
    converted: Int!
    "converted / reached; null when nobody was reached."
    conversionRate: Float
    "Revenue inside the window, fen, net of refunds."
    revenue: Int!
  }

  """
  The period just before a dashboard's, to compare with (环比): as many days as the dashboard shows (from its first
  day to its last, at most today), ending the day before its first; summed the same way as its totals, for the same
  chain, store or manager's stores. Days before the merchant's first figures count as zeros.
  """
  type DashboardPeriod {
    "First day."
    from: String!
    "Last day: the day before the dashboard's first."
    to: String!
    "The period as one: flows summed, standing figures at its end (dated its last day)."
    totals: DashboardDay!
    "Average member order value, fen; null without member orders."
    memberOrderValue: Int
    "Average non-member order value, fen; null without non-member orders."
    anonymousOrderValue: Int
    "Members who bought twice or more / members who bought, at its end; null before any purchase."
    repurchaseRate: Float
  }

  """
  The dashboard for a range of local days, for the chain, one store or a
  manager's stores, served from counters kept as changes happen and daily
  roll-ups (never a scan of members).
  """
  type Dashboard {
    "First day."
    from: String!
    "Last day (at most today)."
    to: String!
    "The store shown; null for the chain (or all of a manager's stores)."
    storeId: ID
    "The merchant's time zone the days are in."
    timeZone: String!
    "Each day of the range up to today."
    days: [DashboardDay!]!
    "The range as one: flows summed, standing figures at its end."
    totals: DashboardDay!
    "Tier mix at the end of the range."
    tiers: [TierCount!]!
    "Coupon redemption by template over the range."
    coupons: [CouponTemplateFigures!]!
    "Average member order value, fen; null without member orders."
    memberOrderValue: Int
    "Average non-member order value, fen; null without non-member orders."
    anonymousOrderValue: Int
    "Members who bought twice or more / members who bought; null before any purchase."
    repurchaseRate: Float
    """
    The period just before this one, as long, for comparison (环比); read only when asked: from the roll-ups, 1 Query
    per store in view (the chain: 1).
    """
    previous: DashboardPeriod!
    "Conversion of the merchant's latest campaigns (up to 5), measured on demand: one query per member reached."
    campaigns: [CampaignFigures!]!
  }

  "What one store owes its members now."
  type LiabilityRow {
    "Store id (\\"-\\" for members without a home store)."
    storeId: ID!
    "Store name."
    storeName: String!
    "Points outstanding of members of this home store."
    points: Int!
    "Stored value bought here: principal, fen."
    storedValuePrincipal: Int!
    "Stored value bought here: bonus, fen."
    storedValueBonus: Int!
    "Open coupons of members of this home store."
    couponsOpen: Int!
    "Their face value (amount-off coupons), fen."
    couponsOpenValue: Int!
  }

  "The liability report: points, stored value and open coupons per store and in total; it reconciles with the ledgers."
  type LiabilityReport {
    "When it was read."
    asOf: String!
    "Today, local."
    date: String!
    "The merchant's time zone."
    timeZone: String!
    "Per store in view."
    stores: [LiabilityRow!]!
    "Total points outstanding."
    points: Int!
    "Total stored-value principal, fen."
    storedValuePrincipal: Int!
    "Total stored-value bonus, fen."
    storedValueBonus: Int!
    "Total open coupons."
    couponsOpen: Int!
    "Their face value, fen."
    couponsOpenValue: Int!
    "The same as CSV (amounts in yuan, two decimals), UTF-8."
    csv: String!
  }

  "A non-member order as recorded."
  type AnonymousOrder {
    "The storefront's order id."
    orderId: ID!
    "Store."
    storeId: ID!
    "Paid total, fen."
    total: Int!
    "When it was recorded."
    at: String!
    "False when this order id was already recorded: nothing changed."
    created: Boolean!
  }

  extend type Query {
    """
    Owner or manager: the dashboard from one local day to another (at most 366 days), for the chain, a store (storeId)
    or a manager's stores.
    """
    dashboard(from: String! @date, to: String! @date, storeId: ID): Dashboard!
    """
    Owner or manager: what is owed to members now (points, stored value, open coupons), per store in view; one store
    with storeId.
    """
    liabilityReport(storeId: ID): LiabilityReport!
  }

  extend type Mutation {
    """
    Storefront or staff: count an order from a customer who is not a member (for member vs non-member order value);
    idempotent by orderId.
    """
    recordAnonymousOrder(orderId: ID!, storeId: ID!, total: Int!): AnonymousOrder!
  }
`;
