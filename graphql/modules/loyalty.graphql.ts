export const typeDefs = /* GraphQL */ `
  "What a refund does when the points it takes back were already spent."
  enum ClawbackPolicy {
    "A negative balance, repaid by later earnings."
    debt
    "Stop at zero and record the shortfall."
    cap
  }

  "What a points-mall reward gives."
  enum RewardKind {
    "An item handed over in store."
    gift
    "A coupon of the reward's template."
    coupon
  }

  "What moved points."
  enum LedgerEntryType {
    "A purchase earned them."
    earn
    "Redeemed at a till."
    redeem
    "Adjusted by staff."
    adjust
    "Expired."
    expire
    "Taken back by a refund."
    reverse
    "A check-in (签到)."
    checkin
    "A points-mall reward bought."
    reward
    "A referral reward."
    referral
  }

  "What an order line is."
  enum PurchaseLineKind {
    "A product (the default): it counts towards the member's history and the recommendations."
    item
    """
    The amount of a sale recorded without products (输入消费金额), at most one per order, qty 1 and unitPrice the
    amount. It earns points and counts towards spend like any line, but names no product: recommendations and
    co-purchase counts leave it out.
    """
    amount
  }

  "How much of an order was refunded."
  enum OrderStatus {
    "Nothing refunded."
    paid
    "Some lines or units refunded."
    partially_refunded
    "Everything refunded."
    refunded
  }

  "How purchases earn: points (积分) and growth value (成长值)."
  type PointsRules {
    "Points per ¥1 of eligible spend."
    pointsPerYuan: Float!
    "Growth value per ¥1 of spend."
    growthPerYuan: Float!
    "Days a purchase's points stay pending (the return window); 0 = at once."
    pendingDays: Int!
    "Months after earning that points expire."
    lifetimeMonths: Int!
    "Member day (会员日) days of the month."
    memberDayDaysOfMonth: [Int!]!
    "Member day weekdays, 1 = Monday … 7 = Sunday."
    memberDayWeekdays: [Int!]!
    "Points multiplier on a member day."
    memberDayMultiplier: Float!
    "Categories that earn no points."
    excludedCategories: [String!]!
    "SKUs that earn no points."
    excludedSkus: [String!]!
    """
    debt (negative balance repaid by later earnings) or cap (stop at zero and record the shortfall) when a refund
    finds the points spent.
    """
    clawbackPolicy: ClawbackPolicy!
  }

  "A tier (会员等级) of the ladder."
  type Tier {
    "Tier id."
    id: ID!
    "Name, e.g. 金卡."
    name: String!
    "Growth value needed."
    threshold: Int!
    "Discount at checkout, percent."
    discountPercent: Float!
    "Points multiplier."
    pointsMultiplier: Float!
    "Coupon template given on the member's birthday (used once coupons land)."
    birthdayCouponTemplateId: ID
  }

  "The tier ladder."
  type TierLadder {
    "Tiers from the lowest."
    tiers: [Tier!]!
    "Days of growth a review looks back over."
    reviewWindowDays: Int!
  }

  "A streak bonus."
  type CheckinBonus {
    "Streak day that earns it."
    day: Int!
    "Extra points."
    points: Int!
  }

  "Check-in (签到) rules."
  type CheckinRules {
    "Whether members can check in."
    enabled: Boolean!
    "Points per check-in."
    points: Int!
    "Growth per check-in."
    growth: Int!
    "Streak bonuses."
    bonuses: [CheckinBonus!]!
    "Start the streak again after the longest bonus day."
    cycle: Boolean!
  }

  "The merchant's loyalty settings."
  type LoyaltyConfig {
    "Points rules."
    rules: PointsRules!
    "Tier ladder."
    ladder: TierLadder!
    "Check-in rules."
    checkin: CheckinRules!
  }

  "A streak bonus as entered."
  input CheckinBonusInput {
    "Streak day."
    day: Int!
    "Extra points."
    points: Int!
  }

  "Changes to the check-in rules; omitted fields stay."
  input CheckinRulesInput {
    "On or off."
    enabled: Boolean
    "Points per check-in."
    points: Int
    "Growth per check-in."
    growth: Int
    "Streak bonuses (replaces the list)."
    bonuses: [CheckinBonusInput!]
    "Restart the streak after the longest bonus day."
    cycle: Boolean
  }

  "The result of a check-in."
  type CheckinPayload {
    "Local date checked in (merchant's time zone)."
    date: String!
    "Consecutive days."
    streak: Int!
    "Points given (including the bonus)."
    points: Int!
    "Streak bonus included in points."
    bonus: Int!
    "False when the member had already checked in today: nothing changed."
    created: Boolean!
    "The account after it."
    account: MemberAccount!
  }

  "A points-mall (积分商城) reward."
  type Reward {
    "Reward id."
    id: ID!
    "Name."
    name: String!
    "Description."
    description: String
    "gift (an item handed over in store) or coupon (a coupon of couponTemplateId is issued)."
    kind: RewardKind!
    "coupon rewards: the template issued."
    couponTemplateId: ID
    "Points it costs."
    pointsCost: Int!
    "Units left; null = unlimited."
    stock: Int
    "Most units per member; null = no limit."
    perMemberLimit: Int
    "active or paused."
    status: ActiveOrPaused!
    "Created (ISO-8601 UTC)."
    createdAt: String!
    "Changed (ISO-8601 UTC)."
    updatedAt: String!
  }

  "A change of tier."
  type TierChange {
    "When (ISO-8601 UTC)."
    at: String!
    "Tier before."
    from: ID!
    "Tier after."
    to: ID!
    "growth, review or manual."
    reason: String!
  }

  "A page of tier changes."
  type TierChangeConnection {
    "Changes, newest first."
    nodes: [TierChange!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A page of rewards."
  type RewardConnection {
    "Rewards."
    nodes: [Reward!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A reward as entered; omitted fields stay on update."
  input RewardInput {
    "Name."
    name: String
    "Description."
    description: String @text(max: 200, lines: true)
    "gift or coupon."
    kind: RewardKind
    "coupon rewards: the template to issue."
    couponTemplateId: ID
    "Points it costs."
    pointsCost: Int
    "Units in stock."
    stock: Int
    "True for unlimited stock."
    unlimited: Boolean
    "Most units per member."
    perMemberLimit: Int
    "active or paused."
    status: ActiveOrPaused
  }

  "A reward a member took."
  type Redemption {
    "Redemption id."
    id: ID!
    "Reward id."
    rewardId: ID!
    "Reward name at the time."
    rewardName: String!
    "Points paid."
    points: Int!
    "When (ISO-8601 UTC)."
    at: String!
    "The caller's request id."
    requestId: String!
    "coupon rewards: the coupon issued."
    couponCode: String
  }

  "A page of redemptions."
  type RedemptionConnection {
    "Redemptions, newest first."
    nodes: [Redemption!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "The result of buying a reward."
  type RedeemRewardPayload {
    "The redemption."
    redemption: Redemption!
    "The account after it."
    account: MemberAccount!
    "False when this request id was already used: nothing changed."
    created: Boolean!
  }

  "Changes to the points rules; omitted fields stay."
  input PointsRulesInput {
    "Points per ¥1."
    pointsPerYuan: Float
    "Growth per ¥1."
    growthPerYuan: Float
    "Pending days."
    pendingDays: Int
    "Lifetime in months."
    lifetimeMonths: Int
    "Member day days of month."
    memberDayDaysOfMonth: [Int!]
    "Member day weekdays."
    memberDayWeekdays: [Int!]
    "Member day multiplier."
    memberDayMultiplier: Float
    "Excluded categories."
    excludedCategories: [String!]
    "Excluded SKUs."
    excludedSkus: [String!]
    "debt or cap."
    clawbackPolicy: ClawbackPolicy
  }

  "A tier as entered."
  input TierInput {
    "Id (a–z 0–9 _ -)."
    id: ID!
    "Name."
    name: String!
    "Growth threshold."
    threshold: Int!
    "Discount percent."
    discountPercent: Float!
    "Points multiplier."
    pointsMultiplier: Float!
    "Birthday coupon template."
    birthdayCouponTemplateId: ID
  }

  "A whole ladder."
  input TierLadderInput {
    "Tiers from the lowest (threshold 0) upwards."
    tiers: [TierInput!]!
    "Review window in days."
    reviewWindowDays: Int!
  }

  "A member's points, growth and tier."
  type MemberAccount {
    "Member id."
    memberId: ID!
    "Points spendable now."
    available: Int!
    "Points still in the return window."
    pending: Int!
    "Points owed after a refund of spent points."
    debt: Int!
    "Points a refund could not recover under the cap policy."
    shortfall: Int!
    "Lifetime growth value."
    growth: Int!
    "Current tier id."
    tierId: ID!
    "Current tier name."
    tierName: String!
    "A tier granted by hand: the floor."
    manualTierId: ID
    "Visits (purchases)."
    visits: Int!
    "Last visit (ISO-8601 UTC)."
    lastVisitAt: String
    "Lifetime spend in fen, net of refunds."
    lifetimeSpend: Int!
    "Lifetime points earned."
    earned: Int!
    "Lifetime points spent."
    spent: Int!
    "Lifetime points expired."
    expired: Int!
    "Lifetime points taken back by refunds."
    reversed: Int!
    "When the next points expire (ISO-8601 UTC)."
    nextExpiryAt: String
    "How many points expire then."
    nextExpiryPoints: Int
  }

  "A lot drawn by a movement."
  type LotDraw {
    "Lot id."
    lotId: ID!
    "Points drawn."
    amount: Int!
  }

  "One movement of points (append-only)."
  type LedgerEntry {
    "Entry id."
    id: ID!
    "When (ISO-8601 UTC)."
    at: String!
    "earn, redeem, adjust, expire, reverse, checkin, reward or referral."
    type: LedgerEntryType!
    "Signed points."
    points: Int!
    "Lots drawn."
    draws: [LotDraw!]!
    "The order, refund or request it belongs to."
    ref: String!
    "Why (adjustments and redemptions)."
    reason: String
    "Who."
    actor: String!
    "Debt repaid from this earning."
    debtRepaid: Int
    "Debt added by this reversal."
    debtAdded: Int
    "Points not recovered (cap policy)."
    shortfall: Int
    "Spendable points after."
    availableAfter: Int!
    "Pending points after."
    pendingAfter: Int!
  }

  "A page of ledger entries."
  type LedgerConnection {
    "Entries, newest first."
    nodes: [LedgerEntry!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "An order line with what it earned and what was refunded."
  type OrderLine {
    "A product, or the amount of a sale without products."
    kind: PurchaseLineKind!
    "SKU."
    sku: String!
    "Name."
    name: String!
    "Category."
    category: String!
    "Quantity."
    qty: Int!
    "Unit price in fen."
    unitPrice: Int!
    "qty × unitPrice in fen."
    amount: Int!
    "Points earned."
    points: Int!
    "Growth earned."
    growth: Int!
    "Units refunded."
    refundedQty: Int!
    "Points taken back."
    refundedPoints: Int!
  }

  "A recorded purchase."
  type Order {
    "The storefront's order id."
    id: ID!
    "Member id."
    memberId: ID!
    "Store id."
    storeId: ID!
    "When (ISO-8601 UTC)."
    at: String!
    "Payment method."
    paymentMethod: String!
    "Paid total in fen."
    total: Int!
    "Points earned."
    points: Int!
    "Growth earned."
    growth: Int!
    "Lines."
    lines: [OrderLine!]!
    "paid, partially_refunded or refunded."
    status: OrderStatus!
    "Whether it fell on a member day."
    memberDay: Boolean!
    "Its refunds, oldest first, each with where its money goes back."
    refunds: [OrderRefund!]!
  }

  "One refund of an order: what it took back and where the money goes."
  type OrderRefund {
    "The refund id (the caller's idempotency key)."
    id: ID!
    "When (ISO-8601 UTC)."
    at: String!
    "Lines and units refunded."
    lines: [RefundedLine!]!
    "Refunded amount, fen: what the refunded units were paid."
    amount: Int!
    "Points taken back."
    points: Int!
    "Part of the amount returned to the member's stored value as principal, fen."
    storedValuePrincipal: Int!
    "Part of the amount returned to the member's stored value as bonus, fen."
    storedValueBonus: Int!
    "What the till returns by the order's payment method, fen: the amount less what went back to stored value."
    toPaymentMethod: Int!
  }

  "Units of one line in a refund."
  type RefundedLine {
    "SKU."
    sku: String!
    "Units."
    qty: Int!
  }

  "A page of orders."
  type OrderConnection {
    "Orders, newest first."
    nodes: [Order!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A purchase line as recorded."
  input PurchaseLineInput {
    "A product, or the amount of a sale without products."
    kind: PurchaseLineKind = item
    "SKU (for an amount line, any reference of the caller's, e.g. AMOUNT)."
    sku: String!
    "Name."
    name: String!
    "Category (for points exclusions and tag rules)."
    category: String
    "Quantity."
    qty: Int!
    "Unit price in fen."
    unitPrice: Int!
  }

  "A purchase from a storefront or the console."
  input RecordPurchaseInput {
    "The storefront's order id: the idempotency key."
    orderId: String! @key
    "Member id (or phone, or member code)."
    memberId: ID
    "Member phone."
    phone: String
    "Member code or scanned card payload."
    memberCode: String
    "Store; defaults to a store key's or single-store staff's store."
    storeId: ID
    "Lines; they must add up to the total."
    lines: [PurchaseLineInput!]!
    "Paid total in fen."
    total: Int!
    "Payment method, e.g. wechat, alipay, cash, card."
    paymentMethod: String!
    "When it happened (ISO-8601); now by default."
    at: String @instant
  }

  "The result of recording a purchase or a refund."
  type PurchasePayload {
    "The order."
    order: Order!
    "The member's points and tier after it."
    account: MemberAccount!
    "False when this order id (or refund id) was already recorded: nothing changed."
    created: Boolean!
  }

  "Units of a line to refund."
  input RefundLineInput {
    "SKU."
    sku: String!
    "Units."
    qty: Int!
  }

  "A refund, full or partial."
  input RefundInput {
    "The refund's own id: the idempotency key."
    refundId: String! @key
    "The order."
    orderId: String! @key
    "Lines and units to refund."
    lines: [RefundLineInput!]!
  }

  "A points movement's result."
  type PointsPayload {
    "The ledger entry."
    entry: LedgerEntry!
    "The account after it."
    account: MemberAccount!
    "False when this request id was already used: nothing changed."
    created: Boolean!
  }

  extend type Member {
    "Points, growth and tier."
    account: MemberAccount!
    "Points ledger, newest first."
    pointsLedger(first: Int, after: String @text(max: 1024)): LedgerConnection!
    "Orders, newest first."
    orders(first: Int, after: String @text(max: 1024)): OrderConnection!
    "Rewards taken from the points mall, newest first."
    redemptions(first: Int, after: String @text(max: 1024)): RedemptionConnection!
    "Tier history, newest first."
    tierHistory(first: Int, after: String @text(max: 1024)): TierChangeConnection!
  }

  extend type Query {
    "The merchant's points rules and tier ladder."
    loyaltyConfig: LoyaltyConfig!
    "One order by the storefront's order id."
    order(id: ID!): Order
    "Points-mall rewards."
    rewards(first: Int, after: String @text(max: 1024)): RewardConnection!
    "One points-mall reward; null when the caller's merchant has none with that id."
    reward(id: ID!): Reward
  }

  extend type Mutation {
    "Owner: change the points rules."
    updatePointsRules(input: PointsRulesInput!): LoyaltyConfig!
    "Owner: replace the tier ladder."
    updateTierLadder(input: TierLadderInput!): LoyaltyConfig!
    "Record a purchase; idempotent by orderId."
    recordPurchase(input: RecordPurchaseInput!): PurchasePayload!
    "Refund lines of an order; idempotent by refundId; takes back what those lines earned."
    refundOrder(input: RefundInput!): PurchasePayload!
    "Redeem points; idempotent by requestId; never overdraws."
    redeemPoints(
      memberId: ID!
      points: Int!
      requestId: String! @key
      reason: String @text(max: 200, lines: true)
    ): PointsPayload!
    "Owner or manager: add (positive) or remove (negative) points with a reason; idempotent by requestId."
    adjustPoints(
      memberId: ID!
      points: Int! @range(min: -100000000, max: 100000000)
      reason: String! @text(max: 200, lines: true)
      requestId: String! @key
    ): PointsPayload!
    "Owner: grant a tier by hand as a floor (null removes the floor; the tier then follows growth at the next review)."
    setManualTier(memberId: ID!, tierId: ID): MemberAccount!
    "Owner: change the check-in rules."
    updateCheckinRules(input: CheckinRulesInput!): LoyaltyConfig!
    "Check a member in for today (merchant's time zone); a second tap the same day changes nothing."
    checkIn(memberId: ID!): CheckinPayload!
    "Owner: add a reward to the points mall."
    createReward(input: RewardInput!): Reward!
    "Owner: change a reward (stock, cost, pause)."
    updateReward(id: ID!, input: RewardInput!): Reward!
    "Buy a reward with points; idempotent by requestId; stock is never oversold."
    redeemReward(memberId: ID!, rewardId: ID!, requestId: String! @key): RedeemRewardPayload!
  }
`;
