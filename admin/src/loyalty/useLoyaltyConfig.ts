/**
 * The merchant's loyalty settings: read once for the page, and saved one
 * section at a time with that section's mutation. A refusal shows the API's
 * message as a notification and next to the input it names.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNotify } from "react-admin";
import { refusal } from "../dataProvider/errors";
import { useRequest } from "../dataProvider/useRequest";
import type { ApiLadder, CheckinValues, PointsRulesValues } from "./validation";

export interface LoyaltyConfig {
  rules: PointsRulesValues;
  ladder: ApiLadder;
  checkin: CheckinValues;
}

const CONFIG_FIELDS = /* GraphQL */ `
  rules { pointsPerYuan growthPerYuan pendingDays lifetimeMonths memberDayDaysOfMonth memberDayWeekdays memberDayMultiplier excludedCategories excludedSkus clawbackPolicy }
  ladder { tiers { id name threshold discountPercent pointsMultiplier birthdayCouponTemplateId } reviewWindowDays }
  checkin { enabled points growth bonuses { day points } cycle }
`;

const QUERY_KEY = ["loyaltyConfig"];

export function useLoyaltyConfig() {
  const request = useRequest();
  return useQuery({
    queryKey: QUERY_KEY,
    queryFn: async () =>
      (await request<{ loyaltyConfig: LoyaltyConfig }>(`query loyaltyConfig { loyaltyConfig { ${CONFIG_FIELDS} } }`))
        .loyaltyConfig,
  });
}

export type Section = "rules" | "tiers" | "checkin";

const MUTATIONS: Record<Section, { name: string; inputType: string }> = {
  rules: { name: "updatePointsRules", inputType: "PointsRulesInput" },
  tiers: { name: "updateTierLadder", inputType: "TierLadderInput" },
  checkin: { name: "updateCheckinRules", inputType: "CheckinRulesInput" },
};

/**
 * Save one section. Resolves to nothing when saved, or to the form errors
 * (the API's message at the input it names) when refused.
 */
export function useSaveLoyaltySection(section: Section, formField: (apiField: string) => string = (field) => field) {
  const request = useRequest();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { name, inputType } = MUTATIONS[section];
  return async (input: Record<string, unknown>): Promise<Record<string, string> | undefined> => {
    try {
      const data = await request<Record<string, LoyaltyConfig>>(
        `mutation ${name}($input: ${inputType}!) { saved: ${name}(input: $input) { ${CONFIG_FIELDS} } }`,
        { input },
      );
      queryClient.setQueryData(QUERY_KEY, data.saved);
      notify(`resources.loyalty.saved.${section}`, { type: "success" });
      return undefined;
    } catch (error) {
      return refusal(error, notify, formField);
    }
  };
}
