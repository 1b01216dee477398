import * as worklist from "../../functions/app/worklist.js";
import { formatCouponCode } from "../../functions/core/coupons/templates.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";

export const resolvers: Resolvers = {
  Query: {
    guideWorklist: (_, args, { caller, deps }) => worklist.guideWorklist(deps, caller, args),
  },
  Mutation: {
    logContact: (_, args, { caller, deps }) => worklist.logContact(deps, caller, args.input),
  },
  Member: {
    contacts: async (member, args, { caller, deps }) =>
      connection(await worklist.memberContacts(deps, caller, member, args.first, args.after)),
  },
  WorklistCoupon: {
    code: (entry) => entry.coupon.code,
    displayCode: (entry) => formatCouponCode(entry.coupon.code),
    templateId: (entry) => entry.coupon.templateId,
    templateName: (entry) => entry.coupon.terms.name,
    validUntil: (entry) => entry.coupon.validUntil,
  },
  WorklistNewMember: {
    joinedAt: (entry) => entry.member.joinedAt,
  },
};
