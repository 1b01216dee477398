export const typeDefs = /* GraphQL */ `
  "Whether a product is offered at the tills."
  enum ProductStatus {
    "Offered: tills show it in their pick list."
    active
    "Kept on the list but not offered."
    paused
  }

  "A product (商品) the merchant keeps on its list, so a till picks what was sold instead of typing it."
  type Product {
    "The product's SKU (its id)."
    id: ID!
    "The product's code at the till, e.g. TOY-001; never changes."
    sku: ID!
    "Name shown at the till, e.g. 积木城堡."
    name: String!
    "Category the points rules and coupons know it by, e.g. toys."
    category: String
    "List price, fen."
    price: Int!
    "active (offered at the tills) or paused."
    status: ProductStatus!
    "When the product was added (ISO-8601 UTC)."
    createdAt: String!
    "When the product last changed (ISO-8601 UTC)."
    updatedAt: String!
  }

  "A page of products, by SKU."
  type ProductConnection {
    "The products on this page."
    nodes: [Product!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A product's details; on update omitted fields stay and the SKU cannot change."
  input ProductInput {
    "SKU (1–64 letters, digits or . _ : / @ + = -); required on create, ignored on update."
    sku: ID
    "Name (1–40 characters); required on create."
    name: String
    "Category (up to 32 characters); empty clears it."
    category: String
    "List price, fen (0 to 100,000,000); required on create."
    price: Int
    "active or paused; a new product is active."
    status: String
  }

  extend type Query {
    "The merchant's products by SKU (every staff member and API key may read them)."
    products(first: Int, after: String @text(max: 1024)): ProductConnection!
    "One product by SKU."
    product(id: ID!): Product
  }

  extend type Mutation {
    "Owner or manager: add a product; a SKU already on the list is CONFLICT."
    createProduct(input: ProductInput!): Product!
    "Owner or manager: change a product's name, category, price or status."
    updateProduct(id: ID!, input: ProductInput!): Product!
  }
`;
