/**
 * A member's recommendations as the API serves them (graphql/modules/recommendations):
 * read with react-query under the members key, so react-admin's refresh reloads them with the page.
 */
import { useQuery } from "@tanstack/react-query";
import { useRequest } from "../../dataProvider/useRequest";

export const RECOMMENDATION_FIELDS = "sku name category score reason fromSkus count lastBoughtAt";

export interface Recommendation {
  sku: string;
  name: string | null;
  category: string | null;
  score: number;
  reason: "history" | "similar";
  fromSkus: string[];
  count: number;
  lastBoughtAt: string | null;
}

export function useMemberRecommendations(memberId: string | undefined, limit = 8) {
  const request = useRequest();
  return useQuery({
    queryKey: ["members", "recommendations", memberId ?? "", limit],
    enabled: Boolean(memberId),
    queryFn: async () =>
      (
        await request<{ member: { recommendations: Recommendation[] } | null }>(
          `query memberRecommendations($id: ID!, $limit: Int) { member(id: $id) { id recommendations(limit: $limit) { ${RECOMMENDATION_FIELDS} } } }`,
          { id: memberId, limit },
        )
      ).member?.recommendations ?? [],
  });
}
