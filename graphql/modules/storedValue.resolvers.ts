import * as loyalty from "../../functions/app/loyalty/index.js";
import * as storedValue from "../../functions/app/storedValue.js";
import { DEFAULT_SV_RULES, type SvRules } from "../../functions/core/storedValue.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";
import { orNull } from "../orNull.js";
import { checkedByService } from "../serviceInput.js";

export const resolvers: Resolvers = {
  Query: {
    topUpPlans: async (_, args, { caller, deps }) =>
      connection(await storedValue.listPlans(deps, caller, args.first, args.after)),
    topUpPlan: (_, args, { caller, deps }) => orNull(storedValue.getPlan(deps, caller, args.id)),
    storedValueLiability: (_, args, { caller, deps }) => storedValue.storedValueLiability(deps, caller, args.storeId),
  },
  Mutation: {
    updateStoredValueRules: (_, args, { caller, deps }) =>
      storedValue.updateStoredValueRules(deps, caller, checkedByService<Partial<SvRules>>(args.input)),
    createTopUpPlan: (_, args, { caller, deps }) => storedValue.createPlan(deps, caller, args.input),
    updateTopUpPlan: (_, args, { caller, deps }) => storedValue.updatePlan(deps, caller, args.id, args.input),
    topUpStoredValue: (_, args, { caller, deps }) => storedValue.topUp(deps, caller, args),
    refundTopUp: (_, args, { caller, deps }) => storedValue.refundTopUp(deps, caller, args),
  },
  Member: {
    storedValue: async (member, _, { caller, deps }) => {
      const { principal, bonus } = (await loyalty.memberAccount(deps, caller, member.id)).storedValue;
      return { principal, bonus, total: principal + bonus };
    },
    storedValueTopUps: (member, _, { caller, deps }) => storedValue.memberSvLots(deps, caller, member.id),
    storedValueLedger: async (member, args, { caller, deps }) =>
      connection(await storedValue.memberSvLedger(deps, caller, member.id, args.first, args.after)),
  },
  LoyaltyConfig: {
    storedValue: (c) => c.storedValue ?? DEFAULT_SV_RULES,
  },
  MemberAccount: {
    storedValuePrincipal: (account) => account.storedValue?.principal ?? 0,
    storedValueBonus: (account) => account.storedValue?.bonus ?? 0,
  },
  Order: {
    storedValueAmount: (o) => o.storedValue?.amount ?? 0,
  },
  StoredValueEntry: {
    principalAfter: (e) => e.balanceAfter.principal,
    bonusAfter: (e) => e.balanceAfter.bonus,
  },
};
