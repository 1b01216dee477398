/**
 * The merchant's products (商品): the short list an owner keeps so a till can
 * pick what was sold instead of typing a SKU, a name and a price.
 */
import { ValidationError } from "./errors.js";
import { oneOf, optionalText, requiredText } from "./validate.js";

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

/** A product from input, over the stored one when updating (the SKU never changes). */
export function parseProduct(input: ProductInput, base: Omit<Product, "name" | "price" | "sku"> & Partial<Product>) {
  const sku = base.sku ?? requiredText("sku", input.sku, 64);
  if (!SKU.test(sku)) throw new ValidationError("sku", "sku is 1 to 64 letters, digits or . _ : / @ + = -");
  const price = input.price ?? base.price;
  if (!Number.isSafeInteger(price) || (price as number) < 0 || (price as number) > 100_000_000)
    throw new ValidationError("price", "price must be a whole number of fen from 0 to 100000000");
  const product: Product = {
    ...base,
    sku,
    name: requiredText("name", input.name ?? base.name, 40),
    category: input.category === undefined ? base.category : optionalText("category", input.category, 32),
    price: price as number,
    status: oneOf("status", input.status ?? base.status, ["active", "paused"] as const),
  };
  return product;
}
