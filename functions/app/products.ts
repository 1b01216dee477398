/**
 * Products: the owner (or a manager) keeps the list; every till of the chain
 * reads it to pick what was sold. The SKU is the id and never changes.
 */
import { requireMerchant, requireStaff, type Caller } from "../core/access.js";
import { ConflictError, NotFoundError } from "../core/errors.js";
import type { Page } from "../core/model.js";
import { parseProduct, type Product, type ProductInput } from "../core/products.js";
import { lookupId, pageSize } from "../core/validate.js";
import * as repo from "../data/products.js";
import type { Deps } from "./deps.js";
import { editWithRetry } from "./movement.js";

const EDITORS = ["owner", "manager"] as const;

export async function listProducts(
  deps: Deps,
  caller: Caller,
  first?: number | null,
  after?: string | null,
): Promise<Page<Product>> {
  const actor = requireMerchant(caller);
  return repo.listProducts(deps.db, actor.merchantId, pageSize(first), after);
}

/** One product of the caller's merchant; NOT_FOUND for a SKU it does not have (another merchant's included). */
export async function getProduct(deps: Deps, caller: Caller, sku: string): Promise<Product> {
  const actor = requireMerchant(caller);
  const found = await repo.getProduct(deps.db, actor.merchantId, lookupId("Product", sku));
  if (!found) throw new NotFoundError("Product", sku);
  return found;
}

/** Owner or manager: add a product; a SKU already on the list is CONFLICT. */
export async function createProduct(deps: Deps, caller: Caller, input: ProductInput): Promise<Product> {
  const editor = requireStaff(caller, EDITORS);
  const now = deps.clock.now();
  const product = parseProduct(input, {
    merchantId: editor.merchantId,
    status: "active",
    createdAt: now,
    updatedAt: now,
  });
  if (!(await repo.putProduct(deps.db, product)))
    throw new ConflictError(`A product with SKU ${product.sku} is already on the list`, { field: "sku" });
  return product;
}

/** Owner or manager: change a product's name, category, price or status (not its SKU). */
export async function updateProduct(deps: Deps, caller: Caller, sku: string, input: ProductInput): Promise<Product> {
  const editor = requireStaff(caller, EDITORS);
  const id = lookupId("Product", sku);
  return editWithRetry(
    "Product",
    id,
    () => repo.getProduct(deps.db, editor.merchantId, id, true),
    (current) => parseProduct({ ...input, sku: undefined }, { ...current, updatedAt: deps.clock.now() }),
    (next, current) => repo.putProduct(deps.db, next, current.updatedAt),
  );
}
