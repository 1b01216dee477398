export const typeDefs = /* GraphQL */ `
  "What a coupon takes off."
  enum CouponKind {
    "代金券: amountOff fen off."
    amount_off
    "折扣券: percentOff percent off, up to maxDiscount."
    percent_off
    "满减: amountOff fen off once the qualifying spend reaches threshold."
    threshold
    "兑换券: one unit of giftSku free."
    gift
  }

  "Whether a coupon may share an order with other coupons."
  enum CouponStacking {
    "Alone on an order."
    exclusive
    "With other stackable coupons."
    stackable
  }

  "How a template sets its coupons' validity."
  enum ValidityType {
    "From validFrom to validUntil."
    fixed
    "validDays from issue."
    relative
  }

  "Where a coupon stands."
  enum CouponState {
    "Usable."
    issued
    "Held for a checkout until reservedUntil."
    reserved
    "Used."
    redeemed
    "Past its validity."
    expired
    "Revoked by staff."
    revoked
  }

  "Why a coupon was issued."
  enum CouponSource {
    "Issued by staff."
    manual
    "Claimed (领券)."
    claim
    "The welcome pack (注册有礼)."
    welcome
    "Bought in the points mall."
    reward
    "A referral reward."
    referral
    "Birthday care."
    birthday
    "The wake-up ladder."
    wakeup
    "A campaign."
    campaign
  }

  "Why a checkout refused a coupon."
  enum QuoteRejectionReason {
    "The same code was given twice."
    DUPLICATE
    "No such coupon."
    NOT_FOUND
    "The coupon belongs to another member."
    NOT_YOURS
    "The coupon was already used."
    ALREADY_REDEEMED
    "The coupon was revoked."
    REVOKED
    "The coupon has expired."
    EXPIRED
    "The coupon is not valid yet."
    NOT_YET_VALID
    "Another checkout is holding the coupon."
    RESERVED
    "The coupon is not valid in this store."
    WRONG_STORE
    "The coupon is not for this member's tier."
    WRONG_TIER
    "Only one coupon of a template per order."
    SAME_TEMPLATE
    "The coupon cannot be combined with another coupon on the order."
    NOT_STACKABLE
    "Nothing in the basket qualifies for the coupon."
    NO_ELIGIBLE_ITEMS
    "The qualifying spend is below the coupon's minimum."
    BELOW_MIN_SPEND
  }

  """
  A coupon template (券模板). kind: amount_off (代金券), percent_off (折扣券, with an
  optional cap), threshold (满减: spend threshold, take amountOff), gift (兑换券: one
  unit of giftSku free). Amounts are fen.
  """
  type CouponTemplate {
    "Template id."
    id: ID!
    "Name shown to members and staff."
    name: String!
    "Description."
    description: String
    "amount_off, percent_off, threshold or gift."
    kind: CouponKind!
    "amount_off and threshold: fen off."
    amountOff: Int
    "percent_off: percent off the qualifying amount."
    percentOff: Int
    "percent_off: the most it takes off, fen."
    maxDiscount: Int
    "threshold: the qualifying spend needed (满 X), fen."
    threshold: Int
    "gift: the SKU given free (one unit)."
    giftSku: String
    "Minimum qualifying spend, fen (0 = none)."
    minSpend: Int!
    "Valid only in these stores (empty = all)."
    storeIds: [ID!]!
    "Only for these tiers (empty = all)."
    tierIds: [ID!]!
    "Only lines in these categories qualify (empty = all)."
    categories: [String!]!
    "exclusive (alone on an order) or stackable (with other stackable coupons)."
    stacking: CouponStacking!
    "Order of application at checkout: lower first."
    priority: Int!
    "fixed (validFrom–validUntil) or relative (validDays from issue)."
    validityType: ValidityType!
    "Fixed validity start."
    validFrom: String
    "Fixed validity end."
    validUntil: String
    "Relative validity: days from issue."
    validDays: Int
    "Coupons that may ever be issued; null = unlimited."
    totalStock: Int
    "Coupons issued so far."
    issued: Int!
    "Coupons one member may get over time; null = no limit."
    perMemberLimit: Int
    "active or paused (a paused template issues nothing; coupons already out stay valid)."
    status: ActiveOrPaused!
    "Created."
    createdAt: String!
    "Last changed."
    updatedAt: String!
  }

  "A page of coupon templates."
  type CouponTemplateConnection {
    "Templates, newest first."
    nodes: [CouponTemplate!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A template as entered; omitted fields stay on update. Give validDays, or validFrom and validUntil."
  input CouponTemplateInput {
    "Name."
    name: String
    "Description."
    description: String @text(max: 200, lines: true)
    "amount_off, percent_off, threshold or gift."
    kind: CouponKind
    "Fen off (amount_off, threshold)."
    amountOff: Int
    "Percent off (percent_off), 1–99."
    percentOff: Int
    "Cap for percent_off, fen."
    maxDiscount: Int
    "Qualifying spend for threshold (满 X), fen."
    threshold: Int
    "Free SKU for gift."
    giftSku: String
    "Minimum qualifying spend, fen."
    minSpend: Int
    "Stores (empty = all)."
    storeIds: [ID!] @size(max: 200)
    "Tiers (empty = all)."
    tierIds: [ID!]
    "Categories (empty = all)."
    categories: [String!]
    "exclusive or stackable."
    stacking: CouponStacking
    "Order of application: lower first."
    priority: Int
    "Fixed validity start (ISO-8601)."
    validFrom: String @instant
    "Fixed validity end (ISO-8601)."
    validUntil: String @instant
    "Days valid from issue."
    validDays: Int
    "Total that may be issued."
    totalStock: Int
    "True for no total limit."
    unlimitedStock: Boolean
    "Per-member limit; null for none."
    perMemberLimit: Int
    "active or paused."
    status: ActiveOrPaused
  }

  "A coupon in a member's wallet."
  type Coupon {
    "The code a till scans or types (10 readable characters)."
    code: ID!
    "The code in groups of five, as printed."
    displayCode: String!
    "Template it came from."
    templateId: ID!
    "Name."
    name: String!
    "Kind (see CouponTemplate)."
    kind: CouponKind!
    "Fen off (amount_off, threshold)."
    amountOff: Int
    "Percent off (percent_off)."
    percentOff: Int
    "Cap (percent_off)."
    maxDiscount: Int
    "Qualifying spend (threshold)."
    threshold: Int
    "Free SKU (gift)."
    giftSku: String
    "Minimum qualifying spend."
    minSpend: Int!
    "exclusive or stackable."
    stacking: CouponStacking!
    "Owner."
    memberId: ID!
    "issued, reserved, redeemed, expired or revoked."
    state: CouponState!
    "Valid from."
    validFrom: String!
    "Valid until."
    validUntil: String!
    "Issued at."
    issuedAt: String!
    "manual, claim, welcome, reward, referral, birthday, wakeup or campaign."
    source: CouponSource!
    "While reserved: until when."
    reservedUntil: String
    "The order that used it."
    redeemedOrderId: String
    "When it was used."
    redeemedAt: String
    "What it took off."
    redeemedDiscount: Int
    "Why it was revoked."
    revokedReason: String
  }

  "A page of coupons."
  type CouponConnection {
    "Coupons, newest first."
    nodes: [Coupon!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "One member's result of issuing."
  type IssueCouponResult {
    "Member."
    memberId: ID!
    "The coupon, when one was issued (or had been, for a repeated request)."
    coupon: Coupon
    "Why none was issued: OUT_OF_STOCK, LIMIT_REACHED, NOT_FOUND."
    errorCode: String
    "The reason in words."
    errorMessage: String
    "False when this request had already issued it."
    created: Boolean!
  }

  "Who a coupon is issued to at once: a saved segment or a tag (exactly one)."
  input CouponAudienceInput {
    "A saved segment: its members now."
    segmentId: ID
    "A tag: the members carrying it now."
    tag: String @text(max: 40)
  }

  "How many members were given no coupon for one reason."
  type NotGivenCount {
    "OUT_OF_STOCK, LIMIT_REACHED or NOT_FOUND."
    reason: String!
    "Members."
    members: Int!
  }

  "How issuing to an audience went: every member is counted, none skipped silently."
  type IssueToAudiencePayload {
    "Members in the audience (inside the caller's stores)."
    members: Int!
    "Coupons this call issued."
    issued: Int!
    "Members this request id had already given a coupon (a repeated request issues nothing twice)."
    alreadyIssued: Int!
    "Members given none, counted by reason, most first."
    notGiven: [NotGivenCount!]!
    "Members given none, each with the reason (the first 100)."
    notGivenMembers: [IssueCouponResult!]!
  }

  "Why a coupon could not be given."
  enum ShortfallReason {
    "The template's stock ran out."
    OUT_OF_STOCK
    "The template was paused."
    PAUSED
    "The template's fixed validity had ended."
    EXPIRED
    "The template no longer exists."
    TEMPLATE_GONE
    "The member already had as many of the template's coupons as allowed."
    LIMIT_REACHED
  }

  "Members a coupon could not be given to automatically on one day: by home store, template, occasion and reason."
  type CouponShortfall {
    "Local day (YYYY-MM-DD)."
    date: String!
    "The members' home store; null for members without one."
    storeId: ID
    "Template."
    templateId: ID!
    "Its name (its id when it no longer exists)."
    templateName: String!
    "How the coupon would have been given: birthday, wakeup, campaign, welcome, referral."
    source: CouponSource!
    "Why it was not."
    reason: ShortfallReason!
    "Members who went without."
    members: Int!
  }

  "The result of claiming a coupon."
  type ClaimCouponPayload {
    "The coupon."
    coupon: Coupon!
    "False when this request id was already used: nothing changed."
    created: Boolean!
  }

  "A basket to quote or hold coupons for."
  input BasketInput {
    "Member id."
    memberId: ID!
    "Store; defaults to a store key's or single-store staff's store."
    storeId: ID
    "Lines at full price."
    lines: [PurchaseLineInput!]!
    "Coupon codes, in any order (they apply by priority)."
    couponCodes: [String!]
    "A hold whose reserved coupons may be used."
    holdId: String @key
  }

  "One line's share of a coupon's discount."
  type LineDiscount {
    "SKU."
    sku: String!
    "Fen."
    discount: Int!
  }

  "One applied coupon in the quote."
  type QuoteStep {
    "Coupon code."
    code: String!
    "Template."
    templateId: ID!
    "Coupon name."
    name: String!
    "Kind."
    kind: CouponKind!
    "The qualifying amount when it applied, fen."
    eligibleAmount: Int!
    "What it took off, fen."
    discount: Int!
    "The basket's total after this step, fen."
    totalAfter: Int!
    "Where the discount landed."
    lines: [LineDiscount!]!
  }

  """
  A refused coupon. reason: DUPLICATE, NOT_FOUND, NOT_YOURS, ALREADY_REDEEMED, REVOKED,
  EXPIRED, NOT_YET_VALID, RESERVED, WRONG_STORE, WRONG_TIER, SAME_TEMPLATE, NOT_STACKABLE,
  NO_ELIGIBLE_ITEMS, BELOW_MIN_SPEND.
  """
  type QuoteRejection {
    "Coupon code."
    code: String!
    "Stable reason code."
    reason: QuoteRejectionReason!
    "The reason in words."
    message: String!
  }

  "A checkout quote: nothing is changed by quoting."
  type CheckoutQuote {
    "Lines at full price, fen."
    subtotal: Int!
    "All coupons' discount, fen."
    discount: Int!
    "What to charge (the total to send to recordPurchase), fen."
    total: Int!
    "Applied coupons in order of application."
    steps: [QuoteStep!]!
    "Refused coupons with their reasons."
    rejected: [QuoteRejection!]!
  }

  "Coupons held for a checkout."
  type CouponHold {
    "The hold id to pass to recordPurchase (or release)."
    holdId: String!
    "Held until."
    until: String!
    "The quote the hold was made for."
    quote: CheckoutQuote!
  }

  extend input RecordPurchaseInput {
    "Coupon codes to use; every one must apply (quote first) or nothing is recorded (COUPON_REJECTED)."
    couponCodes: [String!]
    "The hold that reserved the coupons."
    holdId: String @key
    "Part of the total paid from stored value, fen."
    storedValueAmount: Int
  }

  "A coupon used on an order."
  type OrderCoupon {
    "Code."
    code: String!
    "Template."
    templateId: ID!
    "Name."
    name: String!
    "What it took off, fen."
    discount: Int!
  }

  extend type Order {
    "Lines at full price, fen (equals total when no coupon was used)."
    subtotal: Int!
    "Coupon discount, fen."
    discount: Int!
    "Coupons used."
    coupons: [OrderCoupon!]!
    "Whether a full refund gave the coupons back."
    couponsRestored: Boolean!
  }

  extend type OrderLine {
    "Coupon discount on this line, fen."
    discount: Int!
  }

  extend type LoyaltyConfig {
    "Coupon templates every new member gets (注册有礼)."
    welcomeCouponTemplateIds: [ID!]!
    "Whether a full refund gives the order's coupons back."
    restoreCouponsOnFullRefund: Boolean!
  }

  extend type RegisterMemberPayload {
    "Welcome-pack coupons given with this enrolment."
    welcomeCoupons: [Coupon!]!
  }

  extend type Member {
    "The coupon wallet, newest first."
    coupons(first: Int, after: String @text(max: 1024)): CouponConnection!
  }

  extend type Query {
    "Coupon templates, newest first."
    couponTemplates(first: Int, after: String @text(max: 1024)): CouponTemplateConnection!
    "One coupon template."
    couponTemplate(id: ID!): CouponTemplate
    "One coupon by code (dashes and spaces ignored)."
    coupon(code: String!): Coupon
    """
    Quote a basket with coupons: each coupon's discount step by step, and every refusal with its reason. Changes
    nothing.
    """
    quoteCheckout(input: BasketInput!): CheckoutQuote!
    """
    Owner or manager: the members a coupon could not be given to automatically (birthday, wake-up, campaigns, the
    welcome pack, referrals) on the local days from..to (at most 92), oldest first; managers see their stores'
    members. One Query.
    """
    couponShortfalls(from: String! @date, to: String! @date): [CouponShortfall!]!
  }

  extend type Mutation {
    "Owner: create a coupon template."
    createCouponTemplate(input: CouponTemplateInput!): CouponTemplate!
    "Owner: change a template (status paused stops issuing)."
    updateCouponTemplate(id: ID!, input: CouponTemplateInput!): CouponTemplate!
    "Owner: the welcome pack and the refund policy for coupons."
    updateCouponSettings(welcomeTemplateIds: [ID!], restoreCouponsOnFullRefund: Boolean): LoyaltyConfig!
    "Owner or manager: issue coupons to members (≤ 200); idempotent by requestId; each member's result on its own."
    issueCoupons(
      templateId: ID!
      memberIds: [ID!]! @size(max: 200)
      requestId: String! @key
      note: String @text(max: 200, lines: true)
    ): [IssueCouponResult!]!
    """
    Owner or manager: issue one coupon to each member of a saved segment or a tag (按人群发券), inside the caller's
    stores; at most 500 members (a larger audience is refused: a campaign issues to any number). Idempotent by
    requestId. Every member given none is counted and listed with the reason.
    """
    issueCouponsToAudience(
      templateId: ID!
      audience: CouponAudienceInput!
      requestId: String! @key
      note: String @text(max: 200, lines: true)
    ): IssueToAudiencePayload!
    """
    Claim a coupon for a member (领券, storefront or staff); idempotent by requestId; stock and per-member limits hold
    under any concurrency.
    """
    claimCoupon(templateId: ID!, memberId: ID!, requestId: String! @key): ClaimCouponPayload!
    "Owner or manager: revoke an unused coupon."
    revokeCoupon(code: String!, reason: String! @text(max: 200, lines: true)): Coupon!
    """
    Hold coupons for a checkout for 1–30 minutes (default 5); all must apply or none is held; the same holdId extends
    the hold.
    """
    reserveCoupons(input: BasketInput!, holdId: String! @key, minutes: Int): CouponHold!
    "Release a hold's coupons."
    releaseCoupons(memberId: ID!, holdId: String! @key, couponCodes: [String!]!): [Coupon!]!
  }
`;
