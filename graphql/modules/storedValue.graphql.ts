export const typeDefs = /* GraphQL */ `
  "How a payment splits principal and bonus inside a top-up."
  enum DrawRule {
    "In the top-up's proportion."
    proportional
    "Principal first."
    principal_first
    "Bonus first."
    bonus_first
  }

  "What refunding a top-up takes back."
  enum TopUpRefundRule {
    "Unused bonus is taken back."
    forfeit_bonus
    "Also bonus already spent, deducted from the principal returned."
    deduct_spent_bonus
  }

  "Where a top-up's balance can be spent."
  enum StoredValueScope {
    "Any store."
    any
    "Only the store of the top-up (仅限本店)."
    store
    "Stores in its city."
    city
  }

  "Whether a top-up was refunded."
  enum TopUpStatus {
    "Not refunded."
    open
    "Refunded."
    refunded
  }

  "What moved stored value."
  enum StoredValueEntryType {
    "A top-up."
    topup
    "A payment."
    pay
    "An order refund giving a payment back."
    refund
    "A top-up refunded."
    topup_refund
  }

  "Stored-value (储值) rules."
  type StoredValueRules {
    "How a payment splits principal and bonus inside a top-up: proportional (default), principal_first or bonus_first."
    drawRule: DrawRule!
    """
    Refunding a top-up: forfeit_bonus (unused bonus taken back) or deduct_spent_bonus (also deduct bonus already spent
    from the principal returned).
    """
    refundRule: TopUpRefundRule!
    "Top-ups must match a plan."
    requirePlan: Boolean!
  }

  "Changes to the stored-value rules; omitted fields stay."
  input StoredValueRulesInput {
    "proportional, principal_first or bonus_first."
    drawRule: DrawRule
    "forfeit_bonus or deduct_spent_bonus."
    refundRule: TopUpRefundRule
    "Top-ups must match a plan."
    requirePlan: Boolean
  }

  "A top-up plan (充值方案), e.g. pay ¥300 get ¥60."
  type TopUpPlan {
    "Plan id."
    id: ID!
    "Name, e.g. 充300送60."
    name: String!
    "What the member pays, fen."
    pay: Int!
    "Bonus added, fen."
    bonus: Int!
    "Where the balance can be spent: any store, only the store of the top-up (仅限本店), or its city."
    scope: StoredValueScope!
    "active or paused."
    status: ActiveOrPaused!
  }

  "A page of plans."
  type TopUpPlanConnection {
    "Plans."
    nodes: [TopUpPlan!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A plan as entered; omitted fields stay on update."
  input TopUpPlanInput {
    "Name."
    name: String
    "Pay, fen."
    pay: Int
    "Bonus, fen."
    bonus: Int
    "any, store or city."
    scope: StoredValueScope
    "active or paused."
    status: ActiveOrPaused
  }

  "A top-up: what the member paid (principal) and got (bonus), and what is left of it."
  type StoredValueTopUp {
    "Lot id."
    id: ID!
    "The payment id (idempotency key)."
    paymentId: String!
    "Plan used."
    planId: ID
    "Store of the top-up (its liability)."
    storeId: ID!
    "City of that store."
    city: String!
    "any, store or city."
    scope: StoredValueScope!
    "Principal paid, fen."
    principal: Int!
    "Bonus given, fen."
    bonus: Int!
    "Principal left, fen."
    principalLeft: Int!
    "Bonus left, fen."
    bonusLeft: Int!
    "When."
    at: String!
    "open or refunded."
    status: TopUpStatus!
  }

  "A stored-value movement."
  type StoredValueEntry {
    "Entry id."
    id: ID!
    "When."
    at: String!
    "topup, pay, refund (an order refund giving a payment back) or topup_refund."
    type: StoredValueEntryType!
    "Change of principal, fen (signed)."
    principal: Int!
    "Change of bonus, fen (signed)."
    bonus: Int!
    "Store."
    storeId: ID!
    "order:{id}, refund:{id} or payment:{id}."
    ref: String!
    "Who."
    actor: String!
    "Top-up refund: principal handed back to the member."
    principalReturned: Int
    "Top-up refund: bonus taken back."
    bonusForfeited: Int
    "Principal after."
    principalAfter: Int!
    "Bonus after."
    bonusAfter: Int!
  }

  "A page of stored-value movements."
  type StoredValueEntryConnection {
    "Entries, newest first."
    nodes: [StoredValueEntry!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A member's stored-value balance."
  type StoredValueBalance {
    "Principal, fen."
    principal: Int!
    "Bonus, fen."
    bonus: Int!
    "Both, fen."
    total: Int!
  }

  "The result of a top-up."
  type TopUpPayload {
    "The top-up."
    topUp: StoredValueTopUp!
    "The balance after it."
    balance: StoredValueBalance!
    "False when this payment id was already recorded: nothing changed."
    created: Boolean!
  }

  "What refunding a top-up did."
  type TopUpRefund {
    "The top-up's payment id."
    paymentId: String!
    "Principal handed back to the member, fen."
    principalReturned: Int!
    "Principal kept against bonus already spent (deduct_spent_bonus), fen."
    principalKept: Int!
    "Unused bonus taken back, fen."
    bonusForfeited: Int!
    "When."
    at: String!
  }

  "The result of refunding a top-up."
  type TopUpRefundPayload {
    "What happened."
    refund: TopUpRefund!
    "The balance after it."
    balance: StoredValueBalance!
    "False when this top-up was already refunded: nothing changed."
    created: Boolean!
  }

  "One store's stored-value liability: what members can still spend."
  type StoreLiability {
    "Store."
    store: Store!
    "Principal, fen."
    principal: Int!
    "Bonus, fen."
    bonus: Int!
  }

  "Stored-value liability by store and in total."
  type StoredValueLiability {
    "Per store."
    stores: [StoreLiability!]!
    "Principal, fen."
    principal: Int!
    "Bonus, fen."
    bonus: Int!
  }

  extend type LoyaltyConfig {
    "Stored-value rules."
    storedValue: StoredValueRules!
  }

  extend type MemberAccount {
    "Stored value left: principal, fen."
    storedValuePrincipal: Int!
    "Stored value left: bonus, fen."
    storedValueBonus: Int!
  }

  extend type Order {
    "Part of the total paid from stored value, fen."
    storedValueAmount: Int!
  }

  extend type Member {
    "Stored-value balance."
    storedValue: StoredValueBalance!
    "Top-ups with what is left of each, newest first."
    storedValueTopUps: [StoredValueTopUp!]!
    "Stored-value movements, newest first."
    storedValueLedger(first: Int, after: String @text(max: 1024)): StoredValueEntryConnection!
  }

  extend type Query {
    "Top-up plans."
    topUpPlans(first: Int, after: String @text(max: 1024)): TopUpPlanConnection!
    "One top-up plan; null when the caller's merchant has none with this id."
    topUpPlan(id: ID!): TopUpPlan
    "Owner or manager: stored-value liability per store in view (one store with storeId)."
    storedValueLiability(storeId: ID): StoredValueLiability!
  }

  extend type Mutation {
    "Owner: change the stored-value rules."
    updateStoredValueRules(input: StoredValueRulesInput!): LoyaltyConfig!
    "Owner: add a top-up plan."
    createTopUpPlan(input: TopUpPlanInput!): TopUpPlan!
    "Owner: change a top-up plan."
    updateTopUpPlan(id: ID!, input: TopUpPlanInput!): TopUpPlan!
    """
    Top up a member's stored value; idempotent by paymentId. With planId (or an amount equal to a plan's) the plan's
    bonus is added.
    """
    topUpStoredValue(memberId: ID!, paymentId: String! @key, amount: Int!, planId: ID, storeId: ID): TopUpPayload!
    """
    Owner or manager: refund a top-up: its unused principal back to the member, its unused bonus taken back; once per
    top-up.
    """
    refundTopUp(
      memberId: ID!
      paymentId: String! @key
      reason: String! @text(max: 200, lines: true)
    ): TopUpRefundPayload!
  }
`;
