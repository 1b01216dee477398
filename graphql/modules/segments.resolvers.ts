import * as segments from "../../functions/app/segments.js";
import type { Member } from "../../functions/core/model.js";
import { parseSegmentFilter } from "../../functions/core/segments.js";
import type { Context } from "../context.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";
import { orNull } from "../orNull.js";

/** A member's stage and RFM, read once however many of the two fields a query asks for. */
const memberFacts = new WeakMap<Member, ReturnType<typeof segments.memberFacts>>();
function factsOf(member: Member, { caller, deps }: Context) {
  if (!memberFacts.has(member)) memberFacts.set(member, segments.memberFacts(deps, caller, member.id));
  return memberFacts.get(member)!;
}

export const resolvers: Resolvers = {
  Query: {
    segmentationSettings: (_, __, { caller, deps }) => segments.segmentationSettings(deps, caller),
    segments: async (_, args, { caller, deps }) =>
      connection(await segments.listSegments(deps, caller, args.first, args.after)),
    segment: (_, args, { caller, deps }) => orNull(segments.getSegment(deps, caller, args.id)),
    segmentPreview: (_, args, { caller, deps }) =>
      segments.previewSegment(deps, caller, parseSegmentFilter(args.filter ?? {})),
  },
  Mutation: {
    updateSegmentationSettings: (_, args, { caller, deps }) => {
      const { recencyDays, frequency, monetary, tagRules } = args.input;
      const rfm = Object.fromEntries(Object.entries({ recencyDays, frequency, monetary }).filter(([, v]) => v != null));
      return segments.updateSegmentationSettings(deps, caller, { rfm, tagRules });
    },
    saveSegment: (_, args, { caller, deps }) => segments.saveSegment(deps, caller, args.id, args.input),
  },
  Member: {
    stage: async (member, _, context) => (await factsOf(member, context)).stage,
    rfm: async (member, _, context) => (await factsOf(member, context)).rfm,
  },
  SegmentationSettings: {
    recencyDays: (s) => s.rfm.recencyDays,
    frequency: (s) => s.rfm.frequency,
    monetary: (s) => s.rfm.monetary,
  },
};
