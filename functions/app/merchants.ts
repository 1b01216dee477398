/** Onboarding merchants (operators) and their settings (owners). */
import { requireMerchant, requireOperator, requireStaff, type Caller } from "../core/access.js";
import { ConflictError, NotFoundError } from "../core/errors.js";
import type { Merchant, Page, Staff } from "../core/model.js";
import { pageSize, password, requiredText, timeZone, username } from "../core/validate.js";
import { DEFAULT_LADDER, ladderBasis } from "../core/points/tiers.js";
import { putTierReviewState } from "../data/loyalty.js";
import * as repo from "../data/merchants.js";
import type { Deps } from "./deps.js";
import { newStore, type StoreInput } from "./stores.js";

export interface OnboardMerchantInput {
  name: string;
  timeZone?: string;
  firstStore: StoreInput;
  owner: { username: string; name: string; password: string };
}

/** Create a merchant with its first store and first owner (platform operator only). */
export async function onboardMerchant(deps: Deps, caller: Caller, input: OnboardMerchantInput) {
  requireOperator(caller);
  const now = deps.clock.now();
  const merchant: Merchant = {
    id: deps.ids.code(10).toLowerCase(),
    name: requiredText("name", input.name, 80),
    timeZone: timeZone("timeZone", input.timeZone ?? "Asia/Shanghai"),
    currency: "CNY",
    status: "active",
    createdAt: now,
    updatedAt: now,
  };
  const store = newStore(deps, merchant.id, input.firstStore ?? {}, "firstStore.");
  const ownerLogin = username("owner.username", input.owner?.username);
  const ownerName = requiredText("owner.name", input.owner?.name, 40);
  const ownerPassword = password("owner.password", input.owner?.password);

  const { subject } = await createSignIn(deps, {
    username: ownerLogin,
    password: ownerPassword,
    merchantId: merchant.id,
    role: "owner",
  });
  const owner: Staff = {
    id: subject,
    merchantId: merchant.id,
    username: ownerLogin,
    name: ownerName,
    role: "owner",
    storeIds: [],
    status: "active",
    createdAt: now,
    updatedAt: now,
  };
  const outcome = await repo.createMerchant(deps.db, merchant, store, owner).catch(async (error) => {
    await deps.identity.deleteUser(ownerLogin);
    throw error;
  });
  if (outcome === "login-taken") {
    await deps.identity.deleteUser(ownerLogin);
    throw new ConflictError(`The username ${ownerLogin} is taken`, { field: "owner.username" });
  }
  // A new merchant's accounts are dated for the tier review from the first, under the default ladder.
  await putTierReviewState(deps.db, merchant.id, { datedUnder: ladderBasis(DEFAULT_LADDER), at: now });
  return { merchant, store, owner };
}

/** Create a sign-in, turning "already exists" into a clear conflict. */
export async function createSignIn(deps: Deps, input: Parameters<Deps["identity"]["createUser"]>[0]) {
  try {
    return await deps.identity.createUser(input);
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "ConditionalCheckFailedException" || name === "UsernameExistsException") {
      throw new ConflictError(`The username ${input.username} is taken`, { field: "username" });
    }
    throw error;
  }
}

/** The caller's merchant settings. */
export async function getMerchantSettings(deps: Deps, caller: Caller): Promise<Merchant> {
  const { merchantId } = requireMerchant(caller);
  const merchant = await repo.getMerchant(deps.db, merchantId);
  if (!merchant) throw new NotFoundError("Merchant", merchantId);
  return merchant;
}

/** Change the merchant's name or time zone (owners). */
export async function updateMerchantSettings(
  deps: Deps,
  caller: Caller,
  input: { name?: string | null; timeZone?: string | null },
): Promise<Merchant> {
  requireStaff(caller, ["owner"]);
  const current = await getMerchantSettings(deps, caller);
  const updated: Merchant = {
    ...current,
    name: input.name == null ? current.name : requiredText("name", input.name, 80),
    timeZone: input.timeZone == null ? current.timeZone : timeZone("timeZone", input.timeZone),
    updatedAt: deps.clock.now(),
  };
  await repo.updateMerchant(deps.db, updated);
  return updated;
}

/** The operator's list of merchants. */
export function listMerchants(
  deps: Deps,
  caller: Caller,
  first?: number | null,
  after?: string | null,
): Promise<Page<Merchant>> {
  requireOperator(caller);
  return repo.listMerchants(deps.db, pageSize(first), after);
}
