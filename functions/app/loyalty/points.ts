/**
 * Points moved by hand or by rule: redemption for nothing but points, staff
 * adjustments and the daily expiry. Each is one transaction on the account,
 * idempotent by its request id.
 */
import { requireMerchant, requireStaff, type Caller, type MerchantCaller } from "../../core/access.js";
import { ValidationError } from "../../core/errors.js";
import {
  expirePoints,
  grantPoints,
  spendPoints,
  type Context,
  type LedgerEntry,
  type MemberAccount,
} from "../../core/points/account.js";
import { requiredText } from "../../core/validate.js";
import * as repo from "../../data/loyalty.js";
import type { Deps } from "../deps.js";
import { assertSameRequest, busy, event, fingerprint, requestKey, retries, type RequestPrint } from "../movement.js";
import { accountView, load, type AccountView } from "./account.js";

/** Apply a points movement under a request id, with retries; a repeat of the request id returns the first result. */
async function moveWithRequest(
  deps: Deps,
  caller: MerchantCaller,
  memberId: string,
  request: { scope: string; id: string; fingerprint: RequestPrint },
  move: (account: MemberAccount, ctx: Context) => { account: MemberAccount; entry: LedgerEntry },
): Promise<{ entry: LedgerEntry; account: AccountView; created: boolean }> {
  const replayed = async () => {
    const seen = await repo.getRequest(deps.db, caller.merchantId, request.scope, request.id);
    if (!seen) return undefined;
    assertSameRequest("requestId", request.id, seen.fingerprint, request.fingerprint);
    const { account, ctx } = await load(deps, caller, memberId);
    return {
      entry: (seen.result as { entry: LedgerEntry }).entry,
      account: accountView(account, ctx.ladder, ctx.now),
      created: false,
    };
  };
  const first = await replayed();
  if (first) return first;
  for (const retry = retries(); await retry.next();) {
    const { account, ctx } = await load(deps, caller, memberId);
    const result = move(account, ctx);
    const events = [
      event(deps, caller.merchantId, "PointsChanged", {
        memberId,
        type: result.entry.type,
        points: result.entry.points,
        ref: result.entry.ref,
      }),
    ];
    const outcome = await repo.writeAccountChange(
      deps.db,
      { ...request, result: { entry: result.entry } },
      { before: account, after: result.account, entries: [result.entry], events },
    );
    if (outcome === "written")
      return { entry: result.entry, account: accountView(result.account, ctx.ladder, ctx.now), created: true };
    if (outcome === "duplicate") return (await replayed())!;
  }
  throw busy();
}

const requestId = (value: unknown) => requestKey("requestId", value);

/** Redeem points (storefront or staff), idempotent by request id; never overdraws. */
export async function redeemPoints(
  deps: Deps,
  caller: Caller,
  input: { memberId: string; points: number; requestId: string; reason?: string | null },
) {
  const actor = requireMerchant(caller);
  const id = requestId(input.requestId);
  const reason = input.reason ? requiredText("reason", input.reason, 200) : undefined;
  return moveWithRequest(
    deps,
    actor,
    input.memberId,
    {
      scope: "points",
      id,
      fingerprint: fingerprint({ operation: "redeemPoints", memberId: input.memberId, points: input.points, reason }),
    },
    (account, ctx) => spendPoints(account, input.points, "redeem", `request:${id}`, ctx, reason),
  );
}

/** A staff adjustment (owners and managers) with a required reason; positive adds a lot, negative spends. */
export async function adjustPoints(
  deps: Deps,
  caller: Caller,
  input: { memberId: string; points: number; reason: string; requestId: string },
) {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const id = requestId(input.requestId);
  const reason = requiredText("reason", input.reason, 200);
  if (!Number.isSafeInteger(input.points) || input.points === 0 || Math.abs(input.points) > 10_000_000)
    throw new ValidationError("points", "points must be a whole number, not 0");
  return moveWithRequest(
    deps,
    staff,
    input.memberId,
    {
      scope: "points",
      id,
      fingerprint: fingerprint({ operation: "adjustPoints", memberId: input.memberId, points: input.points, reason }),
    },
    (account, ctx) =>
      input.points > 0
        ? grantPoints(account, input.points, `adjust:${id}`, ctx, reason)
        : spendPoints(account, -input.points, "adjust", `adjust:${id}`, ctx, reason),
  );
}

/** Expire a member's lots past expiry as of a date (the daily job's core step; safe to run twice). */
export async function expireMemberPoints(deps: Deps, caller: Caller, memberId: string, asOf: string) {
  const actor = requireMerchant(caller);
  const day = asOf.slice(0, 10);
  for (const retry = retries(); await retry.next();) {
    const { account, ctx } = await load(deps, actor, memberId);
    const result = expirePoints(account, asOf, ctx);
    if (!result.entry) return { expired: 0, account: accountView(account, ctx.ladder, ctx.now) };
    const outcome = await repo.writeAccountChange(
      deps.db,
      {
        scope: "expiry",
        id: `${memberId}:${day}:${account.version}`,
        fingerprint: fingerprint({ operation: "expiry", memberId, day }),
        result: { entry: result.entry },
      },
      { before: account, after: result.account, entries: [result.entry], events: [] },
    );
    if (outcome === "written")
      return { expired: -result.entry.points, account: accountView(result.account, ctx.ladder, ctx.now) };
  }
  throw busy();
}
