export const typeDefs = /* GraphQL */ `
  "When a campaign runs."
  enum CampaignKind {
    "On one local date."
    once
    "On a day of every month (会员日)."
    monthly
  }

  "A campaign (营销活动): once on a date, or on a day of every month (会员日), aimed at a saved segment."
  type Campaign {
    "Campaign id."
    id: ID!
    "Name."
    name: String!
    "The saved segment it reaches."
    segmentId: ID!
    "once or monthly."
    kind: CampaignKind!
    "once: the local date."
    date: String
    "monthly: the day of the month (1–28)."
    dayOfMonth: Int
    "monthly: first date."
    from: String
    "monthly: last date."
    until: String
    "Coupon template given to each member reached."
    couponTemplateId: ID
    "SMS template sent to each member reached (consent, quiet hours and the cap apply)."
    smsBody: String
    "Points multiplier for every purchase on the campaign's days."
    pointsMultiplier: Float
    "A purchase within this many days of being reached counts as converted."
    conversionDays: Int!
    "Percent (0–50) of the segment held out each run: sent nothing, so campaignHoldoutResults can show what it brings."
    holdoutPercent: Int!
    "active or paused."
    status: ActiveOrPaused!
    "Created."
    createdAt: String!
  }

  "A page of campaigns."
  type CampaignConnection {
    "Campaigns."
    nodes: [Campaign!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A campaign as entered; omitted fields stay on update."
  input CampaignInput {
    "Name."
    name: String
    "Saved segment."
    segmentId: ID
    "once or monthly."
    kind: CampaignKind
    "once: date."
    date: String @date
    "monthly: day of month."
    dayOfMonth: Int
    "monthly: from."
    from: String @date
    "monthly: until."
    until: String @date
    "Coupon template."
    couponTemplateId: ID
    "SMS template."
    smsBody: String @text(max: 300, lines: true)
    "Points multiplier (1–10)."
    pointsMultiplier: Float
    "Conversion window in days (1–90)."
    conversionDays: Int
    "Percent (0–50) held out, 10 unless set; 0 turns the holdout off."
    holdoutPercent: Int
    "active or paused."
    status: ActiveOrPaused
  }

  "What a campaign achieved."
  type CampaignResults {
    "Members reached."
    reached: Int!
    "Coupons issued."
    couponsIssued: Int!
    """
    Members reached without the campaign's coupon: its template had sold out, was paused or ended, or the member had
    reached its limit (see couponShortfalls for the days and reasons).
    """
    couponsNotGiven: Int!
    "Of those, redeemed."
    couponsRedeemed: Int!
    "Members who bought within the conversion window."
    converted: Int!
    "Their purchases in the window, fen, net of refunds."
    revenue: Int!
  }

  """
  What a campaign would reach and cost now, before it is saved (the monthly SMS allowance not counted: at most). With
  a holdout share, the SMS figures are the treated part's, expected: the segment's × (1 − share), rounded.
  """
  type CampaignEstimate {
    "Members the segment holds now (0: the campaign would reach no one)."
    reach: Int!
    "Of them, members the holdout is expected to set aside (reach × share, rounded; 0 without one)."
    heldOut: Int!
    "Of them, members who may get the SMS (consent given, not opted out, a phone)."
    smsMembers: Int!
    "Billed SMS parts in all, each message rendered for its member (70 characters a part, 67 when longer)."
    smsParts: Int!
    "smsParts × pricePerPart, fen."
    smsCost: Int!
    "The merchant's price per part, fen (SMS rules)."
    pricePerPart: Int!
    "Items read to work it out."
    itemsRead: Int!
  }

  "A campaign draft to estimate."
  input CampaignEstimateInput {
    "The segment it targets."
    segmentId: ID!
    "Its SMS template, if it sends one."
    smsBody: String @text(max: 300, lines: true)
    "The coupon it gives, if any (needed when the SMS shows {coupon} or {couponCode})."
    couponTemplateId: ID
    "Its holdout share, percent (0–50; absent: none)."
    holdoutPercent: Int
  }

  extend type Query {
    "Owner or manager: a draft campaign's reach, SMS count and SMS cost, before saving it."
    campaignEstimate(input: CampaignEstimateInput!): CampaignEstimate!
    "Owner or manager: campaigns."
    campaigns(first: Int, after: String @text(max: 1024)): CampaignConnection!
    "Owner or manager: one campaign."
    campaign(id: ID!): Campaign
    "Owner or manager: a campaign's results."
    campaignResults(id: ID!): CampaignResults!
  }

  extend type Mutation {
    "Owner: create (no id) or change a campaign."
    saveCampaign(id: ID, input: CampaignInput!): Campaign!
  }
`;
