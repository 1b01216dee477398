export const typeDefs = /* GraphQL */ `
  "How a member joined."
  enum Channel {
    "Scanned a QR code (扫码)."
    qr
    "Tap-to-join (碰一碰)."
    tap
    "WeChat mini program."
    mini_program
    "At the till."
    pos
    "Online shop."
    online
    "Imported from another system."
    import
    "Invited by a member."
    referral
    "Entered by staff in the console."
    staff
  }

  "Gender as the member gave it."
  enum Gender {
    female
    male
    unknown
  }

  "A birthday; the year is optional."
  type Birthday {
    "Month 1–12."
    month: Int!
    "Day of month."
    day: Int!
    "Year, when given."
    year: Int
  }

  "A recorded consent decision."
  type Consent {
    "Whether consent is given."
    granted: Boolean!
    "When it was recorded (ISO-8601 UTC)."
    at: String!
    "Where it was recorded."
    channel: Channel!
  }

  "A member (会员) of the merchant's whole chain."
  type Member {
    "Member id."
    id: ID!
    "Phone in E.164, unique within the merchant."
    phone: String!
    "Name."
    name: String!
    "Gender."
    gender: Gender!
    "Birthday, when given."
    birthday: Birthday
    "Home store (归属门店)."
    homeStoreId: ID!
    "The home store."
    homeStore: Store
    "Guide (导购) staff id."
    guideId: ID
    "How the member joined."
    channel: Channel!
    "Card code for QR / barcode; unique and unguessable."
    memberCode: String!
    "Consent to marketing SMS."
    marketingSms: Consent
    "When the member joined (ISO-8601 UTC)."
    joinedAt: String!
    "When the profile last changed (ISO-8601 UTC)."
    updatedAt: String!
  }

  "A page of members."
  type MemberConnection {
    "The members on this page."
    nodes: [Member!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A birthday as entered."
  input BirthdayInput {
    "Month 1–12."
    month: Int!
    "Day of month."
    day: Int!
    "Year (optional)."
    year: Int
  }

  "Enrolment of a member by phone."
  input RegisterMemberInput {
    "Mobile number: 13800138000, +86 138 0013 8000 or any +E.164 number."
    phone: String!
    "Name (1–40 characters)."
    name: String!
    "Gender."
    gender: Gender
    "Birthday; month and day are needed for birthday care."
    birthday: BirthdayInput
    "Home store; defaults to the store of a store-scoped key or single-store staff."
    homeStoreId: ID
    "Guide (导购) staff id."
    guideId: ID
    "Join channel; pos for API keys and staff for the console by default."
    channel: Channel
    "Consent to marketing SMS, recorded with time and channel."
    marketingSmsConsent: Boolean
  }

  "The result of enrolment."
  type RegisterMemberPayload {
    "The member: new, or the existing one with this phone."
    member: Member!
    "False when the phone already belonged to a member."
    created: Boolean!
  }

  extend type Query {
    "One member by id."
    member(id: ID!): Member
    "Till look-up by phone (2 reads); null when not a member."
    memberByPhone(phone: String!): Member
    "Till look-up by scanned member code (2 reads); null when unknown."
    memberByCode(code: String!): Member
    "Members newest first; of one store when storeId is given (managers and clerks: their store)."
    members(storeId: ID, first: Int, after: String): MemberConnection!
  }

  extend type Mutation {
    "Enrol a member by phone; idempotent: the same phone returns the same member."
    registerMember(input: RegisterMemberInput!): RegisterMemberPayload!
  }
`;
