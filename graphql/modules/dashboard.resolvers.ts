import * as stats from "../../functions/app/stats.js";
import type { Resolvers } from "../generated/types.js";

export const resolvers: Resolvers = {
  Query: {
    dashboard: (_, args, { caller, deps }) => stats.dashboard(deps, caller, args),
    liabilityReport: (_, args, { caller, deps }) => stats.liabilityReport(deps, caller, args.storeId),
  },
  Mutation: {
    recordAnonymousOrder: (_, args, { caller, deps }) => stats.recordAnonymousOrder(deps, caller, args),
  },
  Dashboard: {
    // Measured on demand (see campaignResults): only when asked for.
    campaigns: (dashboard, _, { caller, deps }) => stats.dashboardCampaigns(deps, caller, dashboard.from, dashboard.to),
    // Read only when asked, for the dashboard's own scope (checked for this caller when it was read).
    previous: (dashboard, _, { caller, deps }) => stats.previousPeriod(deps, caller, dashboard),
  },
};
