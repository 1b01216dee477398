import * as holdouts from "../../functions/app/holdouts.js";
import type { Resolvers } from "../generated/types.js";

export const resolvers: Resolvers = {
  Query: {
    automationResults: (_, args, { caller, deps }) => holdouts.automationResults(deps, caller, args.attributionDays),
    campaignHoldoutResults: (_, args, { caller, deps }) =>
      holdouts.campaignHoldoutResults(deps, caller, args.id, args.attributionDays),
    wakeupImpact: (_, args, { caller, deps }) => holdouts.wakeupImpact(deps, caller, args.attributionDays),
  },
};
