import { estimateCampaign } from "../../functions/app/campaignEstimate.js";
import * as campaigns from "../../functions/app/campaigns.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";
import { orNull } from "../orNull.js";

export const resolvers: Resolvers = {
  Query: {
    campaigns: async (_, args, { caller, deps }) =>
      connection(await campaigns.listCampaigns(deps, caller, args.first, args.after)),
    campaign: (_, args, { caller, deps }) => orNull(campaigns.getCampaign(deps, caller, args.id)),
    campaignResults: (_, args, { caller, deps }) => campaigns.campaignResults(deps, caller, args.id),
    campaignEstimate: (_, args, { caller, deps }) => estimateCampaign(deps, caller, args.input),
  },
  Mutation: {
    saveCampaign: (_, args, { caller, deps }) => campaigns.saveCampaign(deps, caller, args.id, args.input),
  },
  Campaign: {
    kind: (c) => c.schedule.kind,
    date: (c) => (c.schedule.kind === "once" ? c.schedule.date : null),
    dayOfMonth: (c) => (c.schedule.kind === "monthly" ? c.schedule.dayOfMonth : null),
    from: (c) => (c.schedule.kind === "monthly" ? c.schedule.from : null),
    until: (c) => (c.schedule.kind === "monthly" ? (c.schedule.until ?? null) : null),
  },
};
