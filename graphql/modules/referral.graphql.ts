export const typeDefs = /* GraphQL */ `
  "The referral programme (推荐有礼): both members are rewarded when the new member's first purchase is recorded."
  type ReferralRules {
    "On or off."
    enabled: Boolean!
    "Points for the member who invited."
    referrerPoints: Int!
    "Points for the new member."
    refereePoints: Int!
    "Coupon template for the member who invited."
    referrerTemplateId: ID
    "Coupon template for the new member."
    refereeTemplateId: ID
  }

  "Changes to the referral rules; omitted fields stay."
  input ReferralRulesInput {
    "On or off."
    enabled: Boolean
    "Points for the inviter."
    referrerPoints: Int
    "Points for the new member."
    refereePoints: Int
    "Coupon template for the inviter (empty string removes it)."
    referrerTemplateId: ID
    "Coupon template for the new member (empty string removes it)."
    refereeTemplateId: ID
  }

  "Whether a referral was rewarded."
  enum ReferralStatus {
    "No purchase yet."
    pending
    "Both members were rewarded."
    rewarded
  }

  "A member who joined with another member's invite code."
  type Referral {
    "The new member."
    member: Member
    "The new member's id."
    memberId: ID!
    "The member who invited."
    referrer: Member
    "The inviter's id; null for staff of other stores when the inviter's home store is not theirs."
    referrerId: ID
    "The code used."
    inviteCode: String!
    "When the new member joined."
    at: String!
    "pending (no purchase yet) or rewarded."
    status: ReferralStatus!
    "When both were rewarded."
    rewardedAt: String
    "The purchase that completed it."
    orderId: String
    "Coupon given to the inviter."
    referrerCoupon: String
    "Coupon given to the new member."
    refereeCoupon: String
  }

  "A page of referrals."
  type ReferralConnection {
    "Referrals, newest first."
    nodes: [Referral!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  extend input RegisterMemberInput {
    "An existing member's invite code (or scanned card): the new member was referred by them."
    inviteCode: String @text(max: 200)
  }

  extend type LoyaltyConfig {
    "Referral rules."
    referral: ReferralRules!
  }

  "What a purchase's referral reward gave."
  type OrderReferral {
    "The inviter."
    referrerId: ID!
    "Points to the inviter."
    referrerPoints: Int!
    "Points to the new member."
    refereePoints: Int!
    "Coupon to the inviter."
    referrerCoupon: String
    "Coupon to the new member."
    refereeCoupon: String
  }

  extend type Order {
    "The referral this purchase completed, if any."
    referral: OrderReferral
  }

  extend type Member {
    "The code this member shares to invite friends (their member code)."
    inviteCode: String!
    "How this member was referred, if they were."
    referral: Referral
    "Members this member brought in, newest first (owners and managers)."
    referrals(first: Int, after: String @text(max: 1024)): ReferralConnection!
  }

  extend type Query {
    "Owner or manager: every referral, newest first."
    referrals(first: Int, after: String @text(max: 1024)): ReferralConnection!
  }

  extend type Mutation {
    "Owner: change the referral rules."
    updateReferralRules(input: ReferralRulesInput!): LoyaltyConfig!
  }
`;
