/** A coupon template's name, for a message preview's {coupon}. */
import { useQuery } from "@tanstack/react-query";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { CouponTemplateNameQuery, CouponTemplateNameQueryVariables } from "../generated/graphql";

const TEMPLATE_NAME: Document<CouponTemplateNameQuery, CouponTemplateNameQueryVariables> = /* GraphQL */ `
  query couponTemplateName($id: ID!) {
    couponTemplate(id: $id) {
      name
    }
  }
`;

export function useCouponTemplateName(id: string | null | undefined): string | undefined {
  const request = useRequest();
  const { data } = useQuery({
    // Under couponTemplates: saving a template refreshes it with the rest.
    queryKey: ["couponTemplates", "name", id],
    enabled: Boolean(id),
    staleTime: 60_000,
    queryFn: async () => (await request(TEMPLATE_NAME, { id: id! })).couponTemplate?.name ?? null,
  });
  return data ?? undefined;
}
