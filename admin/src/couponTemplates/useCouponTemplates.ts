/** Every coupon template of the merchant, for pickers (issue a coupon, the welcome pack, referral rewards). */
import { useQuery } from "@tanstack/react-query";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { AllCouponTemplatesQuery, AllCouponTemplatesQueryVariables } from "../generated/graphql";
import type { CouponTemplateRecord } from "./fields";

const ALL_TEMPLATES: Document<AllCouponTemplatesQuery, AllCouponTemplatesQueryVariables> = /* GraphQL */ `
  query allCouponTemplates($first: Int, $after: String) {
    couponTemplates(first: $first, after: $after) {
      nodes {
        id
        name
        description
        kind
        amountOff
        percentOff
        maxDiscount
        threshold
        giftSku
        minSpend
        storeIds
        tierIds
        categories
        stacking
        priority
        validityType
        validFrom
        validUntil
        validDays
        totalStock
        issued
        perMemberLimit
        status
        createdAt
        updatedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** A picker would be unusable long before this many. */
const MAX_PAGES = 20;

export function useCouponTemplates(enabled = true) {
  const request = useRequest();
  return useQuery({
    queryKey: ["couponTemplates", "all"],
    enabled,
    staleTime: 30_000,
    queryFn: async () => {
      const all: CouponTemplateRecord[] = [];
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const { couponTemplates }: AllCouponTemplatesQuery = await request(ALL_TEMPLATES, { first: 100, after });
        all.push(...couponTemplates.nodes);
        if (!couponTemplates.pageInfo.hasNextPage || !couponTemplates.pageInfo.endCursor) break;
        after = couponTemplates.pageInfo.endCursor;
      }
      return all;
    },
  });
}

/** A template can issue now: active, and a fixed validity not yet over, and stock left. */
export function canIssue(template: CouponTemplateRecord, now = new Date().toISOString()): boolean {
  return (
    template.status === "active" &&
    (template.validityType === "relative" || (template.validUntil ?? "") > now) &&
    (template.totalStock === null || template.issued < template.totalStock)
  );
}
