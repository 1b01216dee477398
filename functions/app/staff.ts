/** Staff: owners manage everyone; managers manage clerks of their own stores. */
import { requireMerchant, requireStaff, type Caller } from "../core/access.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../core/errors.js";
import { ROLES, type Page, type Role, type Staff } from "../core/model.js";
import { lookupId, oneOf, pageSize, password, requiredText, username } from "../core/validate.js";
import * as repo from "../data/staff.js";
import type { Deps } from "./deps.js";
import { createSignIn } from "./merchants.js";
import { checkStoresExist, refs } from "./references.js";

export interface CreateStaffInput {
  username: string;
  name: string;
  password: string;
  role: Role;
  storeIds?: string[] | null;
}

export interface UpdateStaffInput {
  name?: string | null;
  role?: Role | null;
  storeIds?: string[] | null;
  status?: "active" | "disabled" | null;
}

/** Check a role and its stores: owners need none, others at least one existing store. */
async function checkAssignment(
  deps: Deps,
  merchantId: string,
  role: Role,
  storeIds: string[] | null | undefined,
): Promise<string[]> {
  if (role === "owner") return [];
  const ids = [...new Set(storeIds ?? [])];
  if (ids.length === 0) throw new ValidationError("storeIds", "A manager or clerk needs at least one store");
  if (ids.length > 50) throw new ValidationError("storeIds", "storeIds may list at most 50 stores");
  await checkStoresExist(deps, merchantId, refs("storeIds", ids));
  return ids;
}

/** A manager may only hand out the clerk role, and only in their own stores. */
function checkManagerGrant(actor: Extract<Caller, { kind: "staff" }>, role: Role, storeIds: string[]) {
  if (actor.role === "owner") return;
  if (role !== "clerk") throw new ForbiddenError("A manager may only manage clerks");
  const outside = storeIds.find((id) => !actor.storeIds.includes(id));
  if (outside) throw new ForbiddenError(`You may not assign staff to store ${outside}`);
}

export async function createStaff(deps: Deps, caller: Caller, input: CreateStaffInput): Promise<Staff> {
  const actor = requireStaff(caller, ["owner", "manager"]);
  const login = username("username", input.username);
  const name = requiredText("name", input.name, 40);
  const secret = password("password", input.password);
  const role = oneOf("role", input.role, ROLES);
  const storeIds = await checkAssignment(deps, actor.merchantId, role, input.storeIds);
  checkManagerGrant(actor, role, storeIds);

  const { subject } = await createSignIn(deps, {
    username: login,
    password: secret,
    merchantId: actor.merchantId,
    role,
  });
  const now = deps.clock.now();
  const staff: Staff = {
    id: subject,
    merchantId: actor.merchantId,
    username: login,
    name,
    role,
    storeIds,
    status: "active",
    createdAt: now,
    updatedAt: now,
  };
  const outcome = await repo.createStaff(deps.db, staff).catch(async (error) => {
    await deps.identity.deleteUser(login);
    throw error;
  });
  if (outcome === "login-taken") {
    await deps.identity.deleteUser(login);
    throw new ValidationError("username", `The username ${login} is taken`);
  }
  return staff;
}

/** Staff the caller may see: everyone for owners, staff sharing a store for managers, themselves for clerks. */
function visibleTo(actor: Extract<Caller, { kind: "staff" }>, staff: Staff): boolean {
  if (actor.role === "owner" || actor.staffId === staff.id) return true;
  if (actor.role === "clerk") return false;
  return staff.role !== "owner" && staff.storeIds.some((id) => actor.storeIds.includes(id));
}

export async function getStaff(deps: Deps, caller: Caller, id: string): Promise<Staff> {
  const actor = requireStaff(caller, ROLES);
  const staff = await repo.getStaff(deps.db, actor.merchantId, lookupId("Staff", id));
  if (!staff || !visibleTo(actor, staff)) throw new NotFoundError("Staff", id);
  return staff;
}

export async function updateStaff(deps: Deps, caller: Caller, id: string, input: UpdateStaffInput): Promise<Staff> {
  const actor = requireStaff(caller, ["owner", "manager"]);
  const current = await getStaff(deps, caller, id);
  if (current.id === actor.staffId && (input.role != null || input.status === "disabled")) {
    throw new ForbiddenError("You may not change your own role or disable yourself");
  }
  const role = input.role == null ? current.role : oneOf("role", input.role, ROLES);
  const storeIds = await checkAssignment(deps, actor.merchantId, role, input.storeIds ?? current.storeIds);
  checkManagerGrant(actor, current.role, current.storeIds);
  checkManagerGrant(actor, role, storeIds);
  const status = input.status == null ? current.status : oneOf("status", input.status, ["active", "disabled"] as const);
  const updated: Staff = {
    ...current,
    name: input.name == null ? current.name : requiredText("name", input.name, 40),
    role,
    storeIds,
    status,
    updatedAt: deps.clock.now(),
  };
  if (role !== current.role) await deps.identity.setRole(current.username, current.role, role);
  if (status !== current.status) await deps.identity.setEnabled(current.username, status === "active");
  await repo.putStaff(deps.db, updated);
  await deps.callers?.forgetStaff(actor.merchantId, current.id);
  return updated;
}

export async function listStaff(
  deps: Deps,
  caller: Caller,
  first?: number | null,
  after?: string | null,
): Promise<Page<Staff>> {
  const actor = requireStaff(caller, ROLES);
  const page = await repo.listStaff(deps.db, actor.merchantId, pageSize(first), after);
  return { ...page, items: page.items.filter((staff) => visibleTo(actor, staff)) };
}

/** The signed-in caller's own staff record. */
export async function me(deps: Deps, caller: Caller): Promise<Staff | undefined> {
  const merchantCaller = requireMerchant(caller);
  if (merchantCaller.kind !== "staff") return undefined;
  return repo.getStaff(deps.db, merchantCaller.merchantId, merchantCaller.staffId);
}
