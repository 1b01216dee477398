import * as apiKeys from "../../functions/app/apiKeys.js";
import type { Resolvers } from "../generated/types.js";

export const resolvers: Resolvers = {
  Query: {
    apiKeys: (_, __, { caller, deps }) => apiKeys.listApiKeys(deps, caller),
  },
  Mutation: {
    createApiKey: (_, args, { caller, deps }) => apiKeys.createApiKey(deps, caller, args.input),
    revokeApiKey: (_, args, { caller, deps }) => apiKeys.revokeApiKey(deps, caller, args.id),
    setApiKeyRateLimit: (_, args, { caller, deps }) =>
      apiKeys.setApiKeyRateLimit(deps, caller, args.id, args.rateLimitPerSecond),
  },
};
