import * as members from "../../functions/app/members.js";
import * as referral from "../../functions/app/referral.js";
import { storeScope } from "../../functions/core/access.js";
import { DEFAULT_REFERRAL, type ReferralRules } from "../../functions/core/referral.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";
import { orNull } from "../orNull.js";
import { checkedByService } from "../serviceInput.js";

export const resolvers: Resolvers = {
  Query: {
    referrals: async (_, args, { caller, deps }) =>
      connection(await referral.listReferrals(deps, caller, null, args.first, args.after)),
  },
  Mutation: {
    updateReferralRules: (_, args, { caller, deps }) =>
      referral.updateReferralRules(deps, caller, checkedByService<Partial<ReferralRules>>(args.input)),
  },
  Member: {
    inviteCode: (member) => member.memberCode,
    referral: (member, _, { caller, deps }) => referral.memberReferral(deps, caller, member.id),
    referrals: async (member, args, { caller, deps }) =>
      connection(await referral.listReferrals(deps, caller, member.id, args.first, args.after)),
  },
  LoyaltyConfig: {
    referral: (c) => c.referral ?? DEFAULT_REFERRAL,
  },
  Order: {
    referral: (o) => o.referral ?? null,
  },
  Referral: {
    member: (r, _, { caller, deps }) => orNull(members.getMember(deps, caller, r.memberId)),
    referrer: (r, _, { caller, deps }) => orNull(members.getMember(deps, caller, r.referrerId)),
    // A store's staff may see that a member of theirs was invited from another store, not by whom.
    referrerId: (r, _, { caller }) => {
      const scope = caller.kind === "staff" || caller.kind === "apiKey" ? storeScope(caller) : undefined;
      return !scope || (r.referrerStoreId && scope.includes(r.referrerStoreId)) ? r.referrerId : null;
    },
  },
};
