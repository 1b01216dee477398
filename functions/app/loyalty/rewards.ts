/** The rewards catalogue (积分商城) and buying a reward with points. */
import { requireMerchant, requireStaff, type Caller, type MerchantCaller } from "../../core/access.js";
import { hasStock } from "../../core/coupons/templates.js";
import { ConflictError, NotFoundError, ValidationError } from "../../core/errors.js";
import { spendPoints } from "../../core/points/account.js";
import { parseReward, type Reward, type RewardInput } from "../../core/points/rewards.js";
import { pageSize, requiredText } from "../../core/validate.js";
import * as couponRepo from "../../data/coupons.js";
import * as repo from "../../data/loyalty.js";
import type { Write } from "../../data/transaction.js";
import { issueWithin } from "../coupons.js";
import type { Deps } from "../deps.js";
import {
  assertSameRequest,
  busy,
  editWithRetry,
  event,
  fingerprint,
  requestKey,
  retries,
  type RequestPrint,
} from "../movement.js";
import { checkTemplateIds, refs } from "../references.js";
import { accountView, load, type AccountView, type Loaded } from "./account.js";
import { timeZoneOf } from "./config.js";

export async function listRewards(deps: Deps, caller: Caller, first?: number | null, after?: string | null) {
  const actor = requireMerchant(caller);
  return repo.listRewards(deps.db, actor.merchantId, pageSize(first), after);
}

/** One reward of the caller's merchant; NOT_FOUND for an id it does not have (another merchant's included). */
export async function getReward(deps: Deps, caller: Caller, id: string): Promise<Reward> {
  const actor = requireMerchant(caller);
  const reward = await repo.getReward(deps.db, actor.merchantId, requiredText("id", id, 64));
  if (!reward) throw new NotFoundError("Reward", id);
  return reward;
}

/** The template a reward names, in its input or as it stands, is the merchant's. */
async function assertRewardTemplate(deps: Deps, merchantId: string, reward: Reward, input: RewardInput) {
  await checkTemplateIds(deps, merchantId, refs("couponTemplateId", input.couponTemplateId ?? reward.couponTemplateId));
}

export async function createReward(deps: Deps, caller: Caller, input: RewardInput): Promise<Reward> {
  const owner = requireStaff(caller, ["owner"]);
  const now = deps.clock.now();
  const reward = parseReward(input, {
    id: deps.ids.code(8).toLowerCase(),
    merchantId: owner.merchantId,
    kind: "gift",
    stock: null,
    perMemberLimit: null,
    status: "active",
    createdAt: now,
    updatedAt: now,
  });
  await assertRewardTemplate(deps, owner.merchantId, reward, input);
  await repo.putReward(deps.db, reward);
  return reward;
}

export async function updateReward(deps: Deps, caller: Caller, id: string, input: RewardInput): Promise<Reward> {
  const owner = requireStaff(caller, ["owner"]);
  return editWithRetry(
    "Reward",
    id,
    () => repo.getReward(deps.db, owner.merchantId, id, true),
    async (current) => {
      const next = parseReward(input, { ...current, updatedAt: deps.clock.now() });
      await assertRewardTemplate(deps, owner.merchantId, next, input);
      return next;
    },
    (next, current) => repo.putReward(deps.db, next, { updatedAt: current.updatedAt, stock: current.stock }),
  );
}

type RewardRequest = { scope: string; id: string; fingerprint: RequestPrint };
type Redeemed = { redemption: repo.Redemption; account: AccountView; created: boolean };

/** A repeated redemption request: the first answer, or undefined when the request id is new. */
async function replayRedemption(deps: Deps, actor: MerchantCaller, memberId: string, request: RewardRequest) {
  const seen = await repo.getRequest(deps.db, actor.merchantId, request.scope, request.id);
  if (!seen) return undefined;
  assertSameRequest("requestId", request.id, seen.fingerprint, request.fingerprint);
  const { account, ctx } = await load(deps, actor, memberId);
  return {
    redemption: (seen.result as { redemption: repo.Redemption }).redemption,
    account: accountView(account, ctx.ladder, ctx.now),
    created: false,
  };
}

/** The reward as it stands, if it can be redeemed now. */
async function redeemable(deps: Deps, merchantId: string, rewardId: string): Promise<Reward> {
  const reward = await repo.getReward(deps.db, merchantId, rewardId, true);
  if (!reward) throw new NotFoundError("Reward", rewardId);
  if (reward.status !== "active") throw new ValidationError("rewardId", `${reward.name} is paused`);
  if (reward.stock !== null && reward.stock < 1)
    throw new ConflictError(`${reward.name} is out of stock`, { field: "rewardId", reason: "OUT_OF_STOCK" });
  return reward;
}

/** A coupon reward's coupon, issued in the redemption's transaction. */
async function rewardCoupon(deps: Deps, reward: Reward, loaded: Loaded, request: RewardRequest) {
  const merchantId = loaded.account.merchantId;
  const template = await couponRepo.getTemplate(deps.db, merchantId, reward.couponTemplateId!, true);
  if (!hasStock(template, loaded.ctx.now))
    throw new ConflictError(`${reward.name}: its coupons are not available any more`, {
      field: "rewardId",
      reason: "OUT_OF_STOCK",
    });
  return issueWithin(
    deps,
    template,
    [loaded.member ?? { id: loaded.account.memberId }],
    timeZoneOf(loaded.merchant),
    "reward",
    `reward:${reward.id}:${request.id}`,
  );
}

/** One attempt at a redemption: the outcome of its transaction. */
async function tryRedeem(deps: Deps, actor: MerchantCaller, reward: Reward, memberId: string, request: RewardRequest) {
  const loaded = await load(deps, actor, memberId);
  const { account, ctx } = loaded;
  const spent = spendPoints(
    account,
    reward.pointsCost,
    "reward",
    `reward:${reward.id}:${request.id}`,
    ctx,
    reward.name,
  );
  const redemption: repo.Redemption = {
    id: deps.ids.id(),
    memberId,
    rewardId: reward.id,
    rewardName: reward.name,
    points: reward.pointsCost,
    at: ctx.now,
    requestId: request.id,
  };
  let issue: Write[] = [];
  if (reward.kind === "coupon") {
    const issued = await rewardCoupon(deps, reward, loaded, request);
    redemption.couponCode = issued.coupons[0].code;
    issue = issued.items;
  }
  const events = [
    event(deps, actor.merchantId, "RewardRedeemed", {
      memberId,
      rewardId: reward.id,
      points: reward.pointsCost,
      redemptionId: redemption.id,
      couponCode: redemption.couponCode ?? null,
    }),
  ];
  const change = { before: account, after: spent.account, entries: [spent.entry], events };
  const outcome = await repo.writeRewardRedemption(deps.db, reward, redemption, request, change, issue);
  return { outcome, redemption, account: accountView(spent.account, ctx.ladder, ctx.now) };
}

/** Buy a reward with points: stock never oversold, balance never overdrawn, idempotent by request id. */
export async function redeemReward(
  deps: Deps,
  caller: Caller,
  input: { memberId: string; rewardId: string; requestId: string },
): Promise<Redeemed> {
  const actor = requireMerchant(caller);
  const id = requestKey("requestId", input.requestId);
  const request = {
    scope: "reward",
    id,
    fingerprint: fingerprint({ operation: "redeemReward", memberId: input.memberId, rewardId: input.rewardId }),
  };
  const first = await replayRedemption(deps, actor, input.memberId, request);
  if (first) return first;
  for (const retry = retries(); await retry.next();) {
    const reward = await redeemable(deps, actor.merchantId, input.rewardId);
    const { outcome, redemption, account } = await tryRedeem(deps, actor, reward, input.memberId, request);
    if (outcome === "written") return { redemption, account, created: true };
    if (outcome === "duplicate") return (await replayRedemption(deps, actor, input.memberId, request))!;
    // "coupon-out": the template ran out or changed since read; the next round re-reads it.
    if (outcome === "limit")
      throw new ConflictError(
        `This member already took ${reward.name} ${reward.perMemberLimit} time(s), the most allowed`,
        { field: "rewardId", reason: "LIMIT_REACHED" },
      );
  }
  throw busy();
}
