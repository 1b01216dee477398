/** Who is calling, and what each kind of caller may see and do. */
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "./errors.js";
import type { Role } from "./model.js";

export type Caller =
  | { kind: "anonymous" }
  | { kind: "operator"; subject: string }
  | { kind: "staff"; merchantId: string; staffId: string; username: string; role: Role; storeIds: string[] }
  | { kind: "apiKey"; merchantId: string; keyId: string; name?: string; storeId?: string; rateLimitPerSecond?: number };

export type MerchantCaller = Extract<Caller, { kind: "staff" | "apiKey" }>;

/** The caller's merchant; operators and anonymous callers have none. */
export function requireMerchant(caller: Caller): MerchantCaller {
  if (caller.kind === "anonymous") throw new UnauthenticatedError();
  if (caller.kind === "operator")
    throw new ForbiddenError("Platform operators do not act inside a merchant; sign in as the merchant's staff");
  return caller;
}

/** Staff with one of the given roles. */
export function requireStaff(caller: Caller, roles: readonly Role[]): Extract<Caller, { kind: "staff" }> {
  const merchantCaller = requireMerchant(caller);
  if (merchantCaller.kind !== "staff") throw new ForbiddenError("This needs a staff sign-in, not an API key");
  if (!roles.includes(merchantCaller.role)) {
    throw new ForbiddenError(`This needs the role ${roles.join(" or ")}; you are ${merchantCaller.role}`);
  }
  return merchantCaller;
}

export function requireOperator(caller: Caller): void {
  if (caller.kind === "anonymous") throw new UnauthenticatedError();
  if (caller.kind !== "operator") throw new ForbiddenError("Only a platform operator may do this");
}

/**
 * Stores the caller may see: undefined means every store of the merchant
 * (owners and chain-wide API keys).
 */
export function storeScope(caller: MerchantCaller): string[] | undefined {
  if (caller.kind === "apiKey") return caller.storeId ? [caller.storeId] : undefined;
  return caller.role === "owner" ? undefined : caller.storeIds;
}

/** True when the caller may see data of this store. */
export function canSeeStore(caller: MerchantCaller, storeId: string): boolean {
  const scope = storeScope(caller);
  return !scope || scope.includes(storeId);
}

/** Hide records of stores outside the caller's scope as not found. */
export function assertStoreVisible(caller: MerchantCaller, storeId: string, what: string, id: string): void {
  if (!canSeeStore(caller, storeId)) throw new NotFoundError(what, id);
}

/** Refuse writes that target a store outside the caller's scope. */
export function assertStoreWritable(caller: MerchantCaller, storeId: string): void {
  if (!canSeeStore(caller, storeId)) throw new ForbiddenError(`You may not act for store ${storeId}`);
}

/** The store a till's movement happens at: the one named, else the caller's only store (an API key's own). */
export function tillStoreId(caller: MerchantCaller, storeId: string | null | undefined): string {
  const found =
    storeId ??
    (caller.kind === "apiKey" ? caller.storeId : caller.storeIds.length === 1 ? caller.storeIds[0] : undefined);
  if (!found) throw new ValidationError("storeId", "storeId is required");
  return found;
}

/** How the caller appears in audit entries: an id and a readable name. */
export function actorOf(caller: Caller): { actor: string; actorName: string } {
  switch (caller.kind) {
    case "staff":
      return { actor: `staff:${caller.staffId}`, actorName: caller.username };
    case "apiKey":
      return { actor: `apiKey:${caller.keyId}`, actorName: caller.name ?? caller.keyId };
    case "operator":
      return { actor: `operator:${caller.subject}`, actorName: "operator" };
    default:
      return { actor: "anonymous", actorName: "anonymous" };
  }
}

/** Clerks see phones masked (138****1234); everyone else in scope sees them whole. */
export function seesMaskedPhones(caller: Caller): boolean {
  return caller.kind === "staff" && caller.role === "clerk";
}
