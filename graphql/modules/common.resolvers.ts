import type { Resolvers } from "../generated/types.js";

export const resolvers: Resolvers = {
  Query: {
    version: () => process.env.APP_VERSION ?? "0.1.0",
  },
};
