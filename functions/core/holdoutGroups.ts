/**
 * Who a program holds out (core/holdout.ts): a hash of the merchant, the program and the member, so every run,
 * retry or rerun decides the same way. Apart from holdout.ts, which the console shares, because it needs Node's
 * crypto.
 */
import { createHash } from "node:crypto";
import type { Group, ProgramId } from "./holdout.js";

/** Where a member falls in [0, 1) for a program: the same for every run. */
export function bucket(merchantId: string, program: ProgramId, memberId: string): number {
  const digest = createHash("sha256").update(`${merchantId}\u0000${program}\u0000${memberId}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** The member's group in a program holding out `percent` of its members. */
export function groupOf(merchantId: string, program: ProgramId, memberId: string, percent: number): Group {
  return percent > 0 && bucket(merchantId, program, memberId) < percent / 100 ? "h" : "t";
}
