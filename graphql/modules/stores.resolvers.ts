import * as stores from "../../functions/app/stores.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";
import { orNull } from "../orNull.js";

export const resolvers: Resolvers = {
  Query: {
    stores: async (_, args, { caller, deps }) =>
      connection(await stores.listStores(deps, caller, args.first, args.after)),
    store: (_, args, { caller, deps }) => orNull(stores.getStore(deps, caller, args.id)),
  },
  Mutation: {
    createStore: (_, args, { caller, deps }) => stores.createStore(deps, caller, args.input),
    updateStore: (_, args, { caller, deps }) => stores.updateStore(deps, caller, args.id, args.input),
  },
};
