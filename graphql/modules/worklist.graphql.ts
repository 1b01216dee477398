export const typeDefs = /* GraphQL */ `
  "How a guide reached a member."
  enum ContactChannel {
    "A phone call."
    CALL
    "WeChat."
    WECHAT
    "A text message."
    SMS
    "In store."
    VISIT
    "Another way."
    OTHER
  }

  "A guide's note of having reached a member."
  type ContactNote {
    "Note id."
    id: ID!
    "The member contacted."
    memberId: ID!
    "When it was logged (ISO-8601 UTC)."
    at: String!
    "How: CALL, WECHAT, SMS, VISIT or OTHER."
    channel: ContactChannel!
    "What was said or agreed (≤ 500 characters)."
    note: String!
    "The staff member who logged it."
    staffId: ID!
    "Their login name at the time."
    staffUsername: String!
  }

  "A page of contact notes, newest first."
  type ContactNoteConnection {
    "Notes on this page."
    nodes: [ContactNote!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A contact note as entered."
  input LogContactInput {
    "The member contacted."
    memberId: ID!
    "How: CALL, WECHAT, SMS, VISIT or OTHER."
    channel: ContactChannel!
    "What was said or agreed: 1–500 characters."
    note: String! @text(max: 500, lines: true)
    "The caller's idempotency key (1–64 of letters, digits and . _ : @ / -): a repeat returns the first note."
    requestId: ID!
  }

  "The outcome of logContact."
  type LogContactPayload {
    "The note (the first one when the request was repeated)."
    contact: ContactNote!
    "False when this requestId had already logged the note."
    created: Boolean!
  }

  "A high-value member going quiet: silent or sleeping by the merchant's lifecycle thresholds."
  type WorklistSlipping {
    "The member."
    member: Member!
    "silent or sleeping, from the days since the last visit."
    stage: LifecycleStage!
    "Local days since the last visit."
    daysSinceVisit: Int!
    "The last visit (ISO-8601 UTC)."
    lastVisitAt: String
    "Lifetime spend in fen (the list is sorted by it, highest first)."
    lifetimeSpend: Int!
    "Visits so far."
    visits: Int!
    "RFM class."
    rfmClass: String!
    "Tier id."
    tierId: ID!
  }

  "A member whose birthday falls in the next 7 local days."
  type WorklistBirthday {
    "The member."
    member: Member!
    "The birthday's local date this year (YYYY-MM-DD; 29 February is kept on the 28th in other years)."
    date: String!
    "0 = today, up to 6."
    daysAway: Int!
  }

  "A coupon of one of the guide's members lapsing in the next 7 local days."
  type WorklistCoupon {
    "The member holding it."
    member: Member!
    "Coupon code."
    code: String!
    "The code in groups, as printed."
    displayCode: String!
    "Template id."
    templateId: ID!
    "The template's name as issued."
    templateName: String!
    "The last instant it can be used (ISO-8601 UTC)."
    validUntil: String!
    "Its last usable local day (YYYY-MM-DD)."
    lastDay: String!
    "Local days left after today (0 = lapses today)."
    daysLeft: Int!
  }

  "A member who joined in the last 7 local days and has no contact note yet."
  type WorklistNewMember {
    "The member."
    member: Member!
    "When they joined (ISO-8601 UTC)."
    joinedAt: String!
    "Local days since joining (0 = today)."
    daysAgo: Int!
  }

  "A guide's worklist (导购工作台) for one local day."
  type GuideWorklist {
    "The guide."
    guide: Staff!
    "The local date it is for (YYYY-MM-DD, merchant's time zone)."
    today: String!
    "The merchant's time zone."
    timeZone: String!
    "The guide's members in the caller's view."
    rosterSize: Int!
    "High-value members slipping into sleep, most valuable first."
    slipping: [WorklistSlipping!]!
    "Birthdays in the next 7 local days, soonest first."
    birthdays: [WorklistBirthday!]!
    "Coupons lapsing in the next 7 local days, soonest first."
    expiringCoupons: [WorklistCoupon!]!
    "Members who joined in the last 7 local days and were not contacted yet, newest first."
    newMembers: [WorklistNewMember!]!
  }

  extend type Member {
    "Staff: contact notes about this member, newest first."
    contacts(first: Int, after: String @text(max: 1024)): ContactNoteConnection!
  }

  extend type Query {
    """
    Staff: a guide's worklist. Clerks: their own (another guideId is FORBIDDEN); managers: their own or a guide of
    their stores; owners: any guide. today (YYYY-MM-DD) defaults to the merchant's local date.
    """
    guideWorklist(guideId: ID, today: String @date): GuideWorklist!
  }

  extend type Mutation {
    "Staff: log that a member was contacted; idempotent by requestId; audited."
    logContact(input: LogContactInput!): LogContactPayload!
  }
`;
