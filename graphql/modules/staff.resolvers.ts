import * as staff from "../../functions/app/staff.js";
import { storeScope } from "../../functions/core/access.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";
import { orNull } from "../orNull.js";

export const resolvers: Resolvers = {
  Query: {
    viewer: async (_, __, { caller, deps }) => {
      if (caller.kind === "staff") {
        return {
          kind: "staff",
          staff: await staff.me(deps, caller),
          merchantId: caller.merchantId,
          role: caller.role,
          storeIds: storeScope(caller) ?? null,
        };
      }
      if (caller.kind === "apiKey")
        return { kind: "apiKey", merchantId: caller.merchantId, storeIds: storeScope(caller) ?? null };
      return { kind: caller.kind };
    },
    staffMembers: async (_, args, { caller, deps }) =>
      connection(await staff.listStaff(deps, caller, args.first, args.after)),
    staff: (_, args, { caller, deps }) => orNull(staff.getStaff(deps, caller, args.id)),
  },
  Mutation: {
    createStaff: (_, args, { caller, deps }) => staff.createStaff(deps, caller, args.input),
    updateStaff: (_, args, { caller, deps }) => staff.updateStaff(deps, caller, args.id, args.input),
  },
};
