/**
 * A member's recommendations as the API serves them (graphql/modules/recommendations):
 * read with react-query under the members key, so react-admin's refresh reloads them with the page.
 */
import { useQuery } from "@tanstack/react-query";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { MemberRecommendationsQuery, MemberRecommendationsQueryVariables } from "../../generated/graphql";

const MEMBER_RECOMMENDATIONS: Document<MemberRecommendationsQuery, MemberRecommendationsQueryVariables> =
  /* GraphQL */ `
    query memberRecommendations($id: ID!, $limit: Int) {
      member(id: $id) {
        id
        recommendations(limit: $limit) {
          sku
          name
          category
          score
          reason
          fromSkus
          count
          lastBoughtAt
        }
      }
    }
  `;

export type Recommendation = NonNullable<MemberRecommendationsQuery["member"]>["recommendations"][number];

export function useMemberRecommendations(memberId: string | undefined, limit = 8) {
  const request = useRequest();
  return useQuery({
    queryKey: ["members", "recommendations", memberId ?? "", limit],
    enabled: Boolean(memberId),
    queryFn: async () =>
      (await request(MEMBER_RECOMMENDATIONS, { id: memberId!, limit })).member?.recommendations ?? [],
  });
}
