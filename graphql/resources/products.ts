/**
 * Products (商品): the short list an owner keeps so a till can pick what was
 * sold instead of typing a SKU, a name and a price. A declared resource
 * (functions/core/resource.ts): this file is its whole server-side contract.
 */
import { ValidationError } from "../../functions/core/errors.js";
import { defineResource, type RecordFields } from "../../functions/core/resource.js";
import { oneOf, optionalText, requiredText } from "../../functions/core/validate.js";

export interface Product {
  merchantId: string;
  /** The product's code at the till; its id. */
  sku: string;
  name: string;
  /** The category the points rules and coupons know it by (e.g. toys). */
  category?: string;
  /** List price, fen. */
  price: number;
  status: "active" | "paused";
  createdAt: string;
  updatedAt: string;
}

export interface ProductInput {
  sku?: string | null;
  name?: string | null;
  category?: string | null;
  price?: number | null;
  status?: string | null;
}

const SKU = /^[A-Za-z0-9._:/@+=-]{1,64}$/;

/** A product's fields from input, over the current one when updating (the SKU never changes). */
export function parseProduct(input: ProductInput, current: Product | undefined): RecordFields<Product> {
  const sku = current?.sku ?? requiredText("sku", input.sku, 64);
  if (!SKU.test(sku)) throw new ValidationError("sku", "sku is 1 to 64 letters, digits or . _ : / @ + = -");
  const price = input.price ?? current?.price;
  if (!Number.isSafeInteger(price) || (price as number) < 0 || (price as number) > 100_000_000)
    throw new ValidationError("price", "price must be a whole number of fen from 0 to 100000000");
  return {
    sku,
    name: requiredText("name", input.name ?? current?.name, 40),
    category: input.category === undefined ? current?.category : optionalText("category", input.category, 32),
    price: price as number,
    status: oneOf("status", input.status ?? current?.status ?? "active", ["active", "paused"] as const),
  };
}

const typeDefs = /* GraphQL */ `
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
    "Offered at the tills or not; a new product is active."
    status: ProductStatus
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

export const products = defineResource({
  name: "products",
  type: "Product",
  storage: "PRODUCT",
  id: "sku",
  editors: ["owner", "manager"],
  parse: parseProduct,
  duplicate: (sku) => `A product with SKU ${sku} is already on the list`,
  typeDefs,
});
