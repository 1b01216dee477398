/** What the signed-in staff member may see, from the viewer query. */

export type Role = "owner" | "manager" | "clerk";

export interface Permissions {
  role: Role;
  /** Stores a manager or clerk works in; null for owners (all stores). */
  storeIds: string[] | null;
}

export const isOwner = (permissions: Permissions | undefined) => permissions?.role === "owner";

/** Managers and clerks start their lists on their own store. */
export const defaultStoreId = (permissions: Permissions | undefined): string | undefined =>
  permissions && permissions.role !== "owner" ? (permissions.storeIds?.[0] ?? undefined) : undefined;

/** The one store a manager or clerk works in, when there is exactly one: a new member's default home store. */
export const onlyStoreId = (permissions: Permissions | undefined): string | undefined =>
  permissions?.storeIds?.length === 1 ? permissions.storeIds[0] : undefined;
