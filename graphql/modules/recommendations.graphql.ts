export const typeDefs = /* GraphQL */ `
  "Why a product is recommended."
  enum RecommendationReason {
    "The member buys it again and again (their own history: how often × how recently)."
    history
    "Members who bought the member's products in the same order also bought it."
    similar
  }

  "A product to offer a member (智能推荐), e.g. at the till."
  type Recommendation {
    "The product's SKU."
    sku: String!
    "Its name as last sold, if known."
    name: String
    "Its category as last sold, if known."
    category: String
    "Strength from 0 to 1, relative to the strongest recommendation of the same reason."
    score: Float!
    "history (buy again) or similar (members who bought the same also bought this)."
    reason: RecommendationReason!
    "The member's own SKUs it came from, strongest first (for history, the SKU itself)."
    fromSkus: [String!]!
    "The member's recent orders with it (history), or the co-purchases behind it (similar)."
    count: Int!
    "When the member last bought it (history only)."
    lastBoughtAt: String
  }

  extend type Member {
    """
    Products to offer this member, best first: from their last 50 orders and what members who bought the same products
    also bought. limit: 1 to 20.
    """
    recommendations(limit: Int = 5): [Recommendation!]!
  }
`;
