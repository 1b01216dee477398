/** A coupon template's name, for a message preview's {coupon}. */
import { useQuery } from "@tanstack/react-query";
import { useRequest } from "../dataProvider/useRequest";

export function useCouponTemplateName(id: string | null | undefined): string | undefined {
  const request = useRequest();
  const { data } = useQuery({
    // Under couponTemplates: saving a template refreshes it with the rest.
    queryKey: ["couponTemplates", "name", id],
    enabled: Boolean(id),
    staleTime: 60_000,
    queryFn: async () =>
      (
        await request<{ couponTemplate: { name: string } | null }>(
          "query couponTemplateName($id: ID!) { couponTemplate(id: $id) { name } }",
          { id },
        )
      ).couponTemplate?.name ?? null,
  });
  return data ?? undefined;
}
