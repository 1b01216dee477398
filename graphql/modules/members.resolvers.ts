import { enrolMember } from "../../functions/app/enrolment.js";
import { importMembers } from "../../functions/app/memberImport.js";
import * as members from "../../functions/app/members.js";
import { seesMaskedPhones } from "../../functions/core/access.js";
import { cardPayload } from "../../functions/core/card.js";
import { maskPhone } from "../../functions/core/phone.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";
import { orNull } from "../orNull.js";

export const resolvers: Resolvers = {
  Query: {
    member: (_, args, { caller, deps }) => orNull(members.getMember(deps, caller, args.id)),
    memberByPhone: (_, args, { caller, deps }) => members.findMemberByPhone(deps, caller, args.phone),
    memberByCode: (_, args, { caller, deps }) => members.findMemberByCode(deps, caller, args.code),
    members: async (_, args, { caller, deps }) =>
      connection(
        await members.searchMembers(
          deps,
          caller,
          { storeId: args.storeId, ...(args.filter ?? {}) },
          args.first,
          args.after,
        ),
      ),
    memberTags: (_, __, { caller, deps }) => members.memberTags(deps, caller),
    memberDataExport: async (_, args, { caller, deps }) =>
      JSON.stringify(await members.exportMemberData(deps, caller, args.id), null, 2),
  },
  Mutation: {
    registerMember: (_, args, { caller, deps }) => enrolMember(deps, caller, args.input),
    updateMember: (_, args, { caller, deps }) =>
      members.updateMember(deps, caller, args.id, args.input, args.expectedVersion),
    setMarketingConsent: (_, args, { caller, deps }) => members.setMarketingConsent(deps, caller, args.id, args.input),
    addMemberTags: (_, args, { caller, deps }) => members.addMemberTags(deps, caller, args.id, args.tags),
    removeMemberTags: (_, args, { caller, deps }) => members.removeMemberTags(deps, caller, args.id, args.tags),
    assignGuide: (_, args, { caller, deps }) => members.assignGuide(deps, caller, args.memberIds, args.guideId ?? null),
    eraseMember: (_, args, { caller, deps }) => members.eraseMember(deps, caller, args.id, args.reason),
    importMembers: (_, args, { caller, deps }) => importMembers(deps, caller, args.input),
  },
  Member: {
    phone: (member, _, { caller }) => (seesMaskedPhones(caller) ? maskPhone(member.phone) : member.phone),
    phoneMasked: (member) => maskPhone(member.phone),
    cardPayload: (member) => cardPayload(member.memberCode),
    homeStore: (member, _, { storeLoader }) => storeLoader(member.homeStoreId),
    guide: (member, _, { caller, staffLoader }) =>
      member.guideId && caller.kind === "staff" ? staffLoader(member.guideId) : null,
    auditLog: async (member, args, { caller, deps }) =>
      connection(await members.memberAudit(deps, caller, member.id, args.first, args.after)),
  },
  AuditEntry: {
    changes: (entry, _, { caller }) =>
      Object.entries(entry.changes ?? {}).map(([field, [before, after]]) => {
        const show = (value: unknown) =>
          value == null
            ? null
            : JSON.stringify(
                field === "phone" && seesMaskedPhones(caller) && typeof value === "string" && value.startsWith("+")
                  ? maskPhone(value)
                  : value,
              );
        return { field, before: show(before), after: show(after) };
      }),
  },
};
