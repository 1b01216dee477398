/** The identity port: where staff sign-ins live (Cognito in AWS, the local issuer on a laptop). */
import type { Role } from "../../core/model.js";

export interface NewSignIn {
  username: string;
  password: string;
  /** Undefined for platform operators. */
  merchantId?: string;
  role: Role | "operator";
}

export interface IdentityProvider {
  /** Create a sign-in and return its subject (the token's `sub`, used as the staff id). */
  createUser(input: NewSignIn): Promise<{ subject: string }>;
  /** Move a sign-in to another role group. */
  setRole(username: string, from: Role, to: Role): Promise<void>;
  /** Allow or refuse sign-in. */
  setEnabled(username: string, enabled: boolean): Promise<void>;
  /** Remove a sign-in (used to roll back a half-created staff member). */
  deleteUser(username: string): Promise<void>;
}

/** Claim names shared by Cognito ID tokens and the local issuer. */
export const CLAIMS = {
  merchantId: "custom:merchantId",
  groups: "cognito:groups",
  username: "cognito:username",
  tokenUse: "token_use",
} as const;
