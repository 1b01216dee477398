import * as merchants from "../../functions/app/merchants.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";
import { checkedByService } from "../serviceInput.js";

export const resolvers: Resolvers = {
  Query: {
    merchant: (_, __, { caller, deps }) => merchants.getMerchantSettings(deps, caller),
    merchants: async (_, args, { caller, deps }) =>
      connection(await merchants.listMerchants(deps, caller, args.first, args.after)),
  },
  Mutation: {
    onboardMerchant: (_, args, { caller, deps }) =>
      merchants.onboardMerchant(deps, caller, checkedByService<merchants.OnboardMerchantInput>(args.input)),
    updateMerchant: (_, args, { caller, deps }) => merchants.updateMerchantSettings(deps, caller, args.input),
  },
};
