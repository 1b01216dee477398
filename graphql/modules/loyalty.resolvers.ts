import * as loyalty from "../../functions/app/loyalty/index.js";
import type { CheckinRules } from "../../functions/core/points/checkin.js";
import type { PointsRules } from "../../functions/core/points/rules.js";
import type { Ladder } from "../../functions/core/points/tiers.js";
import { connection } from "../connection.js";
import type { PointsRulesInput, Resolvers } from "../generated/types.js";
import { orNull } from "../orNull.js";
import { checkedByService } from "../serviceInput.js";

/** The GraphQL rules input (flat member-day fields) as the core's shape. */
function rulesFromInput(input: PointsRulesInput): Partial<PointsRules> {
  const { memberDayDaysOfMonth, memberDayWeekdays, memberDayMultiplier, ...rest } = input;
  const memberDay = Object.fromEntries(
    Object.entries({
      daysOfMonth: memberDayDaysOfMonth,
      weekdays: memberDayWeekdays,
      multiplier: memberDayMultiplier,
    }).filter(([, value]) => value != null),
  );
  return checkedByService<Partial<PointsRules>>({
    ...rest,
    ...(Object.keys(memberDay).length ? { memberDay: memberDay as PointsRules["memberDay"] } : {}),
  });
}

export const resolvers: Resolvers = {
  Query: {
    loyaltyConfig: (_, __, { caller, deps }) => loyalty.loyaltyConfig(deps, caller),
    order: (_, args, { caller, deps }) => orNull(loyalty.getOrder(deps, caller, args.id)),
    rewards: async (_, args, { caller, deps }) =>
      connection(await loyalty.listRewards(deps, caller, args.first, args.after)),
    reward: (_, args, { caller, deps }) => orNull(loyalty.getReward(deps, caller, args.id)),
  },
  Mutation: {
    updatePointsRules: (_, args, { caller, deps }) =>
      loyalty.updatePointsRules(deps, caller, rulesFromInput(args.input)),
    updateTierLadder: (_, args, { caller, deps }) =>
      loyalty.updateTierLadder(deps, caller, checkedByService<Ladder>(args.input)),
    recordPurchase: (_, args, { caller, deps }) =>
      loyalty.recordPurchase(deps, caller, checkedByService<loyalty.RecordPurchaseInput>(args.input)),
    refundOrder: (_, args, { caller, deps }) => loyalty.refundOrder(deps, caller, args.input),
    redeemPoints: (_, args, { caller, deps }) => loyalty.redeemPoints(deps, caller, args),
    adjustPoints: (_, args, { caller, deps }) => loyalty.adjustPoints(deps, caller, args),
    setManualTier: (_, args, { caller, deps }) =>
      loyalty.setManualTier(deps, caller, args.memberId, args.tierId ?? null),
    updateCheckinRules: (_, args, { caller, deps }) =>
      loyalty.updateCheckinRules(deps, caller, checkedByService<Partial<CheckinRules>>(args.input)),
    checkIn: (_, args, { caller, deps }) => loyalty.checkInMember(deps, caller, args.memberId),
    createReward: (_, args, { caller, deps }) => loyalty.createReward(deps, caller, args.input),
    updateReward: (_, args, { caller, deps }) => loyalty.updateReward(deps, caller, args.id, args.input),
    redeemReward: (_, args, { caller, deps }) => loyalty.redeemReward(deps, caller, args),
  },
  Member: {
    // The member was shown to the caller already: its account comes with the other rows' in one read.
    account: async (member, _, { accountLoader }) => (await accountLoader(member.id))!,
    pointsLedger: async (member, args, { caller, deps }) =>
      connection(await loyalty.memberLedger(deps, caller, member.id, args.first, args.after)),
    orders: async (member, args, { caller, deps }) =>
      connection(await loyalty.memberOrders(deps, caller, member.id, args.first, args.after)),
    tierHistory: async (member, args, { caller, deps }) =>
      connection(await loyalty.memberTierChanges(deps, caller, member.id, args.first, args.after)),
    redemptions: async (member, args, { caller, deps }) =>
      connection(await loyalty.memberRedemptions(deps, caller, member.id, args.first, args.after)),
  },
  Order: {
    refunds: (o) =>
      o.refunds.map((r) => {
        const principal = r.storedValue?.principal ?? 0;
        const bonus = r.storedValue?.bonus ?? 0;
        return {
          ...r,
          storedValuePrincipal: principal,
          storedValueBonus: bonus,
          toPaymentMethod: r.amount - principal - bonus,
        };
      }),
  },
  OrderLine: {
    // Lines stored before kinds existed are products.
    kind: (line) => line.kind ?? "item",
  },
  MemberAccount: {
    nextExpiryAt: (account) => account.nextExpiry?.at ?? null,
    nextExpiryPoints: (account) => account.nextExpiry?.points ?? null,
  },
  LedgerEntry: {
    draws: (entry) => entry.draws ?? [],
    availableAfter: (entry) => entry.balanceAfter.available,
    pendingAfter: (entry) => entry.balanceAfter.pending,
  },
  PointsRules: {
    memberDayDaysOfMonth: (rules) => rules.memberDay.daysOfMonth,
    memberDayWeekdays: (rules) => rules.memberDay.weekdays,
    memberDayMultiplier: (rules) => rules.memberDay.multiplier,
  },
};
