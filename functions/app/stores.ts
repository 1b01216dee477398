/** Stores: owners create them; managers keep their own up to date. */
import {
  assertStoreVisible,
  assertStoreWritable,
  requireMerchant,
  requireStaff,
  storeScope,
  type Caller,
} from "../core/access.js";
import { NotFoundError, ValidationError } from "../core/errors.js";
import type { Page, Store } from "../core/model.js";
import { normalisePhone } from "../core/phone.js";
import { lookupId, optionalText, pageSize, requiredText } from "../core/validate.js";
import * as repo from "../data/stores.js";
import type { Deps } from "./deps.js";

export interface StoreInput {
  name?: string | null;
  city?: string | null;
  region?: string | null;
  address?: string | null;
  phone?: string | null;
  status?: "open" | "closed" | null;
}

function storeFields(input: StoreInput, prefix: string) {
  return {
    region: optionalText(`${prefix}region`, input.region, 40),
    address: optionalText(`${prefix}address`, input.address, 200),
    phone: input.phone ? normalisePhone(input.phone, `${prefix}phone`) : undefined,
  };
}

/** A new store record from validated input. */
export function newStore(deps: Pick<Deps, "clock" | "ids">, merchantId: string, input: StoreInput, prefix = ""): Store {
  const now = deps.clock.now();
  return {
    id: deps.ids.code(8).toLowerCase(),
    merchantId,
    name: requiredText(`${prefix}name`, input.name, 60),
    city: requiredText(`${prefix}city`, input.city, 40),
    ...storeFields(input, prefix),
    status: "open",
    createdAt: now,
    updatedAt: now,
  };
}

export async function createStore(deps: Deps, caller: Caller, input: StoreInput): Promise<Store> {
  const owner = requireStaff(caller, ["owner"]);
  const store = newStore(deps, owner.merchantId, input);
  await repo.putStore(deps.db, store, false);
  return store;
}

export async function updateStore(deps: Deps, caller: Caller, id: string, input: StoreInput): Promise<Store> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const current = await getStore(deps, caller, id);
  assertStoreWritable(staff, current.id);
  if (input.status != null && input.status !== "open" && input.status !== "closed") {
    throw new ValidationError("status", "status must be open or closed");
  }
  const merged = {
    ...current,
    ...Object.fromEntries(Object.entries(input).filter(([, value]) => value != null)),
  } as StoreInput;
  const updated: Store = {
    ...current,
    name: requiredText("name", merged.name, 60),
    city: requiredText("city", merged.city, 40),
    ...storeFields(merged, ""),
    status: merged.status ?? current.status,
    updatedAt: deps.clock.now(),
  };
  await repo.putStore(deps.db, updated, true);
  return updated;
}

/** One store the caller may see, or NOT_FOUND. */
export async function getStore(deps: Deps, caller: Caller, id: string): Promise<Store> {
  const merchantCaller = requireMerchant(caller);
  assertStoreVisible(merchantCaller, id, "Store", id);
  const store = await repo.getStore(deps.db, merchantCaller.merchantId, lookupId("Store", id));
  if (!store) throw new NotFoundError("Store", id);
  return store;
}

/** Stores the caller may see: all for owners, their own for managers, clerks and store keys. */
export async function listStores(
  deps: Deps,
  caller: Caller,
  first?: number | null,
  after?: string | null,
): Promise<Page<Store>> {
  const merchantCaller = requireMerchant(caller);
  const scope = storeScope(merchantCaller);
  if (!scope) return repo.listStores(deps.db, merchantCaller.merchantId, pageSize(first), after);
  if (after) return { items: [], next: null };
  const stores = await Promise.all(scope.map((id) => repo.getStore(deps.db, merchantCaller.merchantId, id)));
  return { items: stores.filter((store): store is Store => Boolean(store)), next: null };
}
