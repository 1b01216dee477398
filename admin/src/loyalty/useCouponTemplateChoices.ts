/**
 * The merchant's coupon templates as select choices (birthday coupons of a
 * tier, coupon rewards of the points mall), labelled with what they are worth.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslate } from "react-admin";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { CouponTemplateChoicesQuery, CouponTemplateChoicesQueryVariables } from "../generated/graphql";
import { formatFen } from "./money";

const TEMPLATE_CHOICES: Document<CouponTemplateChoicesQuery, CouponTemplateChoicesQueryVariables> = /* GraphQL */ `
  query couponTemplateChoices($first: Int, $after: String) {
    couponTemplates(first: $first, after: $after) {
      nodes {
        id
        name
        kind
        amountOff
        percentOff
        threshold
        status
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

type TemplateSummary = CouponTemplateChoicesQuery["couponTemplates"]["nodes"][number];

const PAGE = 100;
/** Enough for any real catalogue; the select would be unusable long before. */
const MAX_PAGES = 20;

export function useCouponTemplateChoices(keep: readonly (string | null | undefined)[] = []) {
  const request = useRequest();
  const translate = useTranslate();
  const { data = [], isPending } = useQuery({
    queryKey: ["couponTemplates", "choices"],
    staleTime: 60_000,
    queryFn: async () => {
      const all: TemplateSummary[] = [];
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const { couponTemplates }: CouponTemplateChoicesQuery = await request(TEMPLATE_CHOICES, { first: PAGE, after });
        all.push(...couponTemplates.nodes);
        if (!couponTemplates.pageInfo.hasNextPage || !couponTemplates.pageInfo.endCursor) break;
        after = couponTemplates.pageInfo.endCursor;
      }
      return all;
    },
  });

  const label = (template: TemplateSummary) => {
    const args = {
      name: template.name,
      amount: formatFen(template.amountOff ?? 0),
      threshold: formatFen(template.threshold ?? 0),
      percent: template.percentOff ?? 0,
    };
    const known = ["amount_off", "threshold", "percent_off", "gift"].includes(template.kind);
    const text = known ? translate(`resources.rewards.coupon.${template.kind}`, args) : template.name;
    return template.status === "active" ? text : translate("resources.rewards.coupon.paused", { label: text });
  };
  const choices = data.map((template) => ({ id: template.id, name: label(template) }));
  // A stored id the list does not hold (deleted or beyond the pages read) still shows, as itself.
  for (const id of keep) if (id && !choices.some((choice) => choice.id === id)) choices.push({ id, name: id });
  return { choices, isPending };
}
