/**
 * References an input makes to the merchant's own objects (stores, coupon
 * templates, tiers), checked before anything is written, so that no setting,
 * template, segment or hold ever stores an id that names nothing or another
 * merchant's object. A store-scoped caller may only name its own stores.
 */
import { assertStoreWritable, type MerchantCaller } from "../core/access.js";
import { ValidationError } from "../core/errors.js";
import { DEFAULT_LADDER } from "../core/points/tiers.js";
import { getTemplates } from "../data/coupons.js";
import { getLoyaltyConfig } from "../data/loyalty.js";
import { getStores } from "../data/stores.js";
import type { Deps } from "./deps.js";

/** One id an input names, with the field that names it (`storeIds.2`). */
export interface Ref {
  field: string;
  id: string;
}

/** The refs of a field holding one id, a list of ids, or nothing. */
export function refs(field: string, ids: readonly string[] | string | null | undefined): Ref[] {
  if (ids == null) return [];
  return typeof ids === "string" ? [{ field, id: ids }] : ids.map((id, index) => ({ field: `${field}.${index}`, id }));
}

/** Each store exists in the caller's merchant and is within the caller's stores; one BatchGetItem. */
export async function checkStoreIds(deps: Deps, caller: MerchantCaller, wanted: Ref[]): Promise<void> {
  for (const ref of wanted) assertStoreWritable(caller, ref.id);
  await checkStoresExist(deps, caller.merchantId, wanted);
}

/** Each store exists in the merchant (whoever may act for it); one BatchGetItem. */
export async function checkStoresExist(deps: Deps, merchantId: string, wanted: Ref[]): Promise<void> {
  if (!wanted.length) return;
  const found = await getStores(
    deps.db,
    merchantId,
    wanted.map((ref) => ref.id),
  );
  const missing = wanted.find((ref) => !found.has(ref.id));
  if (missing) throw new ValidationError(missing.field, `Store ${missing.id} does not exist`);
}

/** Each coupon template exists in the merchant; one BatchGetItem. */
export async function checkTemplateIds(deps: Deps, merchantId: string, wanted: Ref[]): Promise<void> {
  if (!wanted.length) return;
  const found = await getTemplates(
    deps.db,
    merchantId,
    wanted.map((ref) => ref.id),
  );
  const missing = wanted.find((ref) => !found.has(ref.id));
  if (missing) throw new ValidationError(missing.field, `Coupon template ${missing.id} does not exist`);
}

/** Each tier is on the merchant's ladder; one GetItem (the loyalty configuration). */
export async function checkTierIds(deps: Deps, merchantId: string, wanted: Ref[]): Promise<void> {
  if (!wanted.length) return;
  const ladder = (await getLoyaltyConfig(deps.db, merchantId))?.ladder ?? DEFAULT_LADDER;
  const missing = wanted.find((ref) => !ladder.tiers.some((tier) => tier.id === ref.id));
  if (missing)
    throw new ValidationError(
      missing.field,
      `Tier ${missing.id} is not on the tier ladder (${ladder.tiers.map((tier) => tier.id).join(", ")})`,
    );
}
