import * as recommendations from "../../functions/app/recommendations.js";
import type { Resolvers } from "../generated/types.js";

export const resolvers: Resolvers = {
  Member: {
    recommendations: (member, args, { caller, deps }) =>
      recommendations.memberRecommendations(deps, caller, member.id, args.limit),
  },
};
