/** Resolvers: short adapters from GraphQL arguments to the application services. */
import * as apiKeys from "../functions/app/apiKeys.js";
import * as members from "../functions/app/members.js";
import * as merchants from "../functions/app/merchants.js";
import * as staff from "../functions/app/staff.js";
import * as stores from "../functions/app/stores.js";
import { storeScope } from "../functions/core/access.js";
import { NotFoundError } from "../functions/core/errors.js";
import type { Member } from "../functions/core/model.js";
import { connection } from "./connection.js";
import type { Context } from "./context.js";

type Args = Record<string, any>;
type Resolver = (parent: any, args: Args, context: Context) => unknown;

/** Turn NOT_FOUND into null for nullable single-item queries. */
async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export const resolvers: Record<string, Record<string, Resolver>> = {
  Query: {
    version: () => process.env.APP_VERSION ?? "0.1.0",
    viewer: async (_, __, { caller, deps }) => {
      if (caller.kind === "staff") {
        return { kind: "staff", staff: await staff.me(deps, caller), merchantId: caller.merchantId, role: caller.role, storeIds: storeScope(caller) ?? null };
      }
      if (caller.kind === "apiKey") return { kind: "apiKey", merchantId: caller.merchantId, storeIds: storeScope(caller) ?? null };
      return { kind: caller.kind };
    },
    merchant: (_, __, { caller, deps }) => merchants.getMerchantSettings(deps, caller),
    merchants: async (_, args, { caller, deps }) => connection(await merchants.listMerchants(deps, caller, args.first, args.after)),
    stores: async (_, args, { caller, deps }) => connection(await stores.listStores(deps, caller, args.first, args.after)),
    store: (_, args, { caller, deps }) => orNull(stores.getStore(deps, caller, args.id)),
    staffMembers: async (_, args, { caller, deps }) => connection(await staff.listStaff(deps, caller, args.first, args.after)),
    staff: (_, args, { caller, deps }) => orNull(staff.getStaff(deps, caller, args.id)),
    apiKeys: (_, __, { caller, deps }) => apiKeys.listApiKeys(deps, caller),
    member: (_, args, { caller, deps }) => orNull(members.getMember(deps, caller, args.id)),
    memberByPhone: (_, args, { caller, deps }) => members.findMemberByPhone(deps, caller, args.phone),
    memberByCode: (_, args, { caller, deps }) => members.findMemberByCode(deps, caller, args.code),
    members: async (_, args, { caller, deps }) => connection(await members.listMembers(deps, caller, args)),
  },
  Mutation: {
    onboardMerchant: (_, args, { caller, deps }) => merchants.onboardMerchant(deps, caller, args.input),
    updateMerchant: (_, args, { caller, deps }) => merchants.updateMerchantSettings(deps, caller, args.input),
    createStore: (_, args, { caller, deps }) => stores.createStore(deps, caller, args.input),
    updateStore: (_, args, { caller, deps }) => stores.updateStore(deps, caller, args.id, args.input),
    createStaff: (_, args, { caller, deps }) => staff.createStaff(deps, caller, args.input),
    updateStaff: (_, args, { caller, deps }) => staff.updateStaff(deps, caller, args.id, args.input),
    createApiKey: (_, args, { caller, deps }) => apiKeys.createApiKey(deps, caller, args.input),
    revokeApiKey: (_, args, { caller, deps }) => apiKeys.revokeApiKey(deps, caller, args.id),
    registerMember: (_, args, { caller, deps }) => members.registerMember(deps, caller, args.input),
  },
  Member: {
    homeStore: (member: Member, _, { storeLoader }) => storeLoader(member.homeStoreId),
  },
};
