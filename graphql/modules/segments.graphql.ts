export const typeDefs = /* GraphQL */ `
  "A member's lifecycle stage, from the days since the last visit."
  enum LifecycleStage {
    "No visit yet."
    new
    "Visited within silentDays (see LifecycleThresholds)."
    active
    "No visit for silentDays or more."
    silent
    "No visit for sleepingDays or more."
    sleeping
    "No visit for lostDays or more."
    lost
  }

  "How often a member buys, from the RFM frequency score."
  enum FrequencyClass {
    "Score 4–5."
    high
    "Score 2–3."
    medium
    "Score 1."
    low
  }

  "What a tag rule counts."
  enum TagRuleKind {
    "Purchases with a line in a category within a number of days."
    category_count
    "Lifetime spend."
    lifetime_spend
  }

  "RFM scores (1–5) and class."
  type Rfm {
    "Recency score: 5 = came most recently."
    r: Int!
    "Frequency score: 5 = most visits."
    f: Int!
    "Monetary score: 5 = most spend."
    m: Int!
    "高价值, 重要发展, 重要保持, 重要挽留, 一般价值, 一般发展, 一般保持 or 一般挽留."
    class: String!
    "high, medium or low."
    frequencyClass: FrequencyClass!
  }

  """
  A tag rule, evaluated after each purchase: category_count (≥ count purchases with a line in category within days) or
  lifetime_spend (≥ amount fen).
  """
  type TagRule {
    "Rule id."
    id: ID!
    "Tag it gives."
    tag: String!
    "category_count or lifetime_spend."
    kind: TagRuleKind!
    "category_count: the category."
    category: String
    "category_count: purchases needed."
    count: Int
    "category_count: the window in days."
    days: Int
    "lifetime_spend: fen."
    amount: Int
  }

  "A tag rule as entered."
  input TagRuleInput {
    "Tag."
    tag: String!
    "category_count or lifetime_spend."
    kind: TagRuleKind!
    "Category."
    category: String
    "Purchases."
    count: Int
    "Days."
    days: Int
    "Fen."
    amount: Int
  }

  "RFM thresholds (for scores 5, 4, 3, 2) and tag rules."
  type SegmentationSettings {
    "Days since the last visit for scores 5, 4, 3, 2."
    recencyDays: [Int!]!
    "Visits for scores 5, 4, 3, 2."
    frequency: [Int!]!
    "Lifetime spend (fen) for scores 5, 4, 3, 2."
    monetary: [Int!]!
    "Tag rules."
    tagRules: [TagRule!]!
  }

  "Changes to the segmentation settings; omitted fields stay."
  input SegmentationSettingsInput {
    "Four rising numbers."
    recencyDays: [Int!]
    "Four falling numbers."
    frequency: [Int!]
    "Four falling numbers (fen)."
    monetary: [Int!]
    "Tag rules (replaces the list)."
    tagRules: [TagRuleInput!]
  }

  "Who is in a segment: every given criterion must hold; within one, any value."
  type SegmentFilter {
    "Tiers."
    tierIds: [ID!]
    "Any of these tags."
    tags: [String!]
    "Lifecycle stages: new, active, silent, sleeping, lost."
    stages: [LifecycleStage!]
    "RFM classes."
    rfmClasses: [String!]
    "Home stores."
    storeIds: [ID!]
    "Birthday month (1–12)."
    birthdayMonth: Int
    "Marketing-SMS consent."
    marketingConsent: Boolean
    "Lifetime spend net of refunds at least this, fen."
    spendMin: Int
    "Lifetime spend at most this, fen."
    spendMax: Int
    "Stored value left (principal and bonus) at least this, fen."
    balanceMin: Int
    "Stored value left at most this, fen."
    balanceMax: Int
  }

  "A segment filter as entered."
  input SegmentFilterInput {
    "Tiers."
    tierIds: [ID!]
    "Tags."
    tags: [String!]
    "Stages."
    stages: [LifecycleStage!]
    "RFM classes."
    rfmClasses: [String!]
    "Stores."
    storeIds: [ID!]
    "Birthday month."
    birthdayMonth: Int
    "Consent."
    marketingConsent: Boolean
    "Lifetime spend net of refunds at least this, fen (0–100,000,000)."
    spendMin: Int
    "Lifetime spend at most this, fen; not below spendMin."
    spendMax: Int
    "Stored value left (principal and bonus) at least this, fen."
    balanceMin: Int
    "Stored value left at most this, fen; not below balanceMin."
    balanceMax: Int
  }

  "A saved segment."
  type Segment {
    "Segment id."
    id: ID!
    "Name."
    name: String!
    "Description."
    description: String
    "Filter."
    filter: SegmentFilter!
    "Created."
    createdAt: String!
    "Changed."
    updatedAt: String!
  }

  "A page of segments."
  type SegmentConnection {
    "Segments."
    nodes: [Segment!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A segment as entered."
  input SegmentInput {
    "Name."
    name: String
    "Description."
    description: String @text(max: 200, lines: true)
    "Filter."
    filter: SegmentFilterInput
  }

  "A member in a segment, with the facts it was judged on."
  type SegmentMember {
    "The member."
    member: Member!
    "Tier."
    tierId: ID!
    "Lifecycle stage."
    stage: LifecycleStage!
    "RFM."
    rfm: Rfm!
  }

  "A segment's size and first members, and what evaluating it read."
  type SegmentPreview {
    "Members matching."
    size: Int!
    "The first members (up to 20)."
    members: [SegmentMember!]!
    "Items read to evaluate it (its cost)."
    itemsRead: Int!
  }

  extend type Member {
    "Lifecycle stage: new, active, silent, sleeping or lost."
    stage: LifecycleStage!
    "RFM scores and class."
    rfm: Rfm!
  }

  extend type Query {
    "Owner or manager: RFM thresholds and tag rules."
    segmentationSettings: SegmentationSettings!
    "Owner or manager: saved segments."
    segments(first: Int, after: String @text(max: 1024)): SegmentConnection!
    "Owner or manager: one segment."
    segment(id: ID!): Segment
    "Owner or manager: size and first members of a filter (a saved segment's or a draft), in the caller's stores."
    segmentPreview(filter: SegmentFilterInput!): SegmentPreview!
  }

  extend type Mutation {
    "Owner: change RFM thresholds and tag rules."
    updateSegmentationSettings(input: SegmentationSettingsInput!): SegmentationSettings!
    "Owner or manager: create (no id) or change a saved segment."
    saveSegment(id: ID, input: SegmentInput!): Segment!
  }
`;
