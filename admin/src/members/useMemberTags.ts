/** The merchant's tags with member counts (memberTags), shared by the list filter and the member page. */
import { useQuery } from "@tanstack/react-query";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { MemberTagsQuery, MemberTagsQueryVariables } from "../generated/graphql";

const MEMBER_TAGS: Document<MemberTagsQuery, MemberTagsQueryVariables> = /* GraphQL */ `
  query memberTags {
    memberTags {
      name
      count
    }
  }
`;

export type TagCount = MemberTagsQuery["memberTags"][number];

export function useMemberTags(options: { enabled?: boolean } = {}) {
  const request = useRequest();
  return useQuery({
    queryKey: ["members", "memberTags"],
    enabled: options.enabled ?? true,
    queryFn: async () => (await request(MEMBER_TAGS)).memberTags,
  });
}
