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
    "active or paused."
    status: ActiveOrPaused
  }

  "What a campaign achieved."
  type CampaignResults {
    "Members reached."
    reached: Int!
    "Coupons issued."
    couponsIssued: Int!
    "Of those, redeemed."
    couponsRedeemed: Int!
    "Members who bought within the conversion window."
    converted: Int!
    "Their purchases in the window, fen, net of refunds."
    revenue: Int!
  }

  extend type Query {
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
