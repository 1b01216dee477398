export const typeDefs = /* GraphQL */ `
  "Whether a store takes new members."
  enum StoreStatus {
    "Open."
    open
    "Closed: takes no new members."
    closed
  }

  "A physical store (门店) of the merchant."
  type Store {
    "Store id."
    id: ID!
    "Store name, e.g. 静安寺店."
    name: String!
    "City, e.g. 上海."
    city: String!
    "Region or district, e.g. 华东."
    region: String
    "Street address."
    address: String
    "Store phone in E.164."
    phone: String
    "open or closed; closed stores take no new members."
    status: StoreStatus!
    "When the store was created (ISO-8601 UTC)."
    createdAt: String!
    "When the store last changed (ISO-8601 UTC)."
    updatedAt: String!
  }

  "A page of stores."
  type StoreConnection {
    "The stores on this page."
    nodes: [Store!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A store's details; on update omitted fields stay."
  input StoreInput {
    "Store name (1–60 characters); required on create."
    name: String
    "City (1–40 characters); required on create."
    city: String
    "Region or district."
    region: String
    "Street address."
    address: String @text(max: 200)
    "Store phone."
    phone: String
    "open or closed (update only)."
    status: StoreStatus
  }

  extend type Query {
    "Stores the caller may see: all for owners, their own for managers and clerks."
    stores(first: Int, after: String @text(max: 1024)): StoreConnection!
    "One store, if the caller may see it."
    store(id: ID!): Store
  }

  extend type Mutation {
    "Owner: open a new store."
    createStore(input: StoreInput!): Store!
    "Owner, or a manager of this store: change a store's details."
    updateStore(id: ID!, input: StoreInput!): Store!
  }
`;
