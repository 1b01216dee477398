export const typeDefs = /* GraphQL */ `
  """
  Queries. Every query acts inside the caller's merchant, except those marked operator-only.
  """
  type Query {
    "The API's version; needs no credentials."
    version: String!
  }

  "Mutations. Every mutation is validated completely before anything is written."
  type Mutation

  "Whether something that can be paused (a reward, coupon template, top-up plan or campaign) is on."
  enum ActiveOrPaused {
    "On."
    active
    "Paused: it issues, sells or runs nothing until resumed."
    paused
  }

  "Where a cursor-paginated listing stands."
  type PageInfo {
    "True when another page follows."
    hasNextPage: Boolean!
    "Pass as after to get the next page; null on the last page."
    endCursor: String
  }
`;
