export const typeDefs = /* GraphQL */ `
  "Whether a merchant's staff and keys may use the API."
  enum MerchantStatus {
    "In service."
    active
    "Suspended by the operator."
    suspended
  }

  "A merchant: a brand or chain with many stores. All its data is isolated from every other merchant."
  type Merchant {
    "Merchant id; every key of its data starts with it."
    id: ID!
    "Display name, e.g. 茶香里."
    name: String!
    "IANA time zone used for local dates (birthdays, check-ins, schedules), e.g. Asia/Shanghai."
    timeZone: String!
    "Currency of all amounts; amounts are integer fen."
    currency: String!
    "active or suspended."
    status: MerchantStatus!
    "When the merchant was onboarded (ISO-8601 UTC)."
    createdAt: String!
    "When the settings last changed (ISO-8601 UTC)."
    updatedAt: String!
  }

  "A page of merchants."
  type MerchantConnection {
    "The merchants on this page."
    nodes: [Merchant!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A new merchant's first owner."
  input OwnerInput {
    "Login name, 3–40 of a–z 0–9 . _ - @; unique on the platform."
    username: String!
    "Display name."
    name: String!
    "At least 8 characters with a letter and a digit."
    password: String!
  }

  "What the operator provides to onboard a merchant."
  input OnboardMerchantInput {
    "Merchant name (1–80 characters)."
    name: String!
    "IANA time zone; Asia/Shanghai when omitted."
    timeZone: String
    "The merchant's first store."
    firstStore: StoreInput!
    "The merchant's first owner."
    owner: OwnerInput!
  }

  "The result of onboarding."
  type OnboardMerchantPayload {
    "The new merchant."
    merchant: Merchant!
    "Its first store."
    store: Store!
    "Its first owner."
    owner: Staff!
  }

  "Changes to the merchant's settings; omitted fields stay."
  input UpdateMerchantInput {
    "New name."
    name: String
    "New IANA time zone."
    timeZone: String
  }

  extend type Query {
    "The caller's merchant."
    merchant: Merchant!
    "Operator only: all merchants on this deployment."
    merchants(first: Int, after: String @text(max: 1024)): MerchantConnection!
  }

  extend type Mutation {
    "Operator only: create a merchant with its first store and owner."
    onboardMerchant(input: OnboardMerchantInput!): OnboardMerchantPayload!
    "Owner: change the merchant's name or time zone."
    updateMerchant(input: UpdateMerchantInput!): Merchant!
  }
`;
