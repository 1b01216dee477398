/**
 * The merchant's loyalty settings: read once for the page, and saved one
 * section at a time with that section's mutation. A refusal shows the API's
 * message as a notification and next to the input it names.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNotify } from "react-admin";
import type { Document } from "../dataProvider/document";
import { refusal } from "../dataProvider/errors";
import { useRequest, type GraphqlRequest } from "../dataProvider/useRequest";
import type {
  CheckinRulesInput,
  LoyaltyConfigFieldsFragment,
  LoyaltyConfigQuery,
  LoyaltyConfigQueryVariables,
  PointsRulesInput,
  TierLadderInput,
  UpdateCheckinRulesMutation,
  UpdateCheckinRulesMutationVariables,
  UpdatePointsRulesMutation,
  UpdatePointsRulesMutationVariables,
  UpdateTierLadderMutation,
  UpdateTierLadderMutationVariables,
} from "../generated/graphql";
import type { ApiLadder, CheckinValues, PointsRulesValues } from "./validation";

export interface LoyaltyConfig {
  rules: PointsRulesValues;
  ladder: ApiLadder;
  checkin: CheckinValues;
}

const CONFIG_FIELDS = /* GraphQL */ `
  fragment LoyaltyConfigFields on LoyaltyConfig {
    rules {
      pointsPerYuan
      growthPerYuan
      pendingDays
      lifetimeMonths
      memberDayDaysOfMonth
      memberDayWeekdays
      memberDayMultiplier
      excludedCategories
      excludedSkus
      clawbackPolicy
    }
    ladder {
      tiers {
        id
        name
        threshold
        discountPercent
        pointsMultiplier
        birthdayCouponTemplateId
      }
      reviewWindowDays
    }
    checkin {
      enabled
      points
      growth
      bonuses {
        day
        points
      }
      cycle
    }
  }
`;

const LOYALTY_CONFIG: Document<LoyaltyConfigQuery, LoyaltyConfigQueryVariables> = /* GraphQL */ `
  query loyaltyConfig {
    loyaltyConfig {
      ...LoyaltyConfigFields
    }
  }
  ${CONFIG_FIELDS}
`;

const SAVE_RULES: Document<UpdatePointsRulesMutation, UpdatePointsRulesMutationVariables> = /* GraphQL */ `
  mutation updatePointsRules($input: PointsRulesInput!) {
    saved: updatePointsRules(input: $input) {
      ...LoyaltyConfigFields
    }
  }
  ${CONFIG_FIELDS}
`;

const SAVE_TIERS: Document<UpdateTierLadderMutation, UpdateTierLadderMutationVariables> = /* GraphQL */ `
  mutation updateTierLadder($input: TierLadderInput!) {
    saved: updateTierLadder(input: $input) {
      ...LoyaltyConfigFields
    }
  }
  ${CONFIG_FIELDS}
`;

const SAVE_CHECKIN: Document<UpdateCheckinRulesMutation, UpdateCheckinRulesMutationVariables> = /* GraphQL */ `
  mutation updateCheckinRules($input: CheckinRulesInput!) {
    saved: updateCheckinRules(input: $input) {
      ...LoyaltyConfigFields
    }
  }
  ${CONFIG_FIELDS}
`;

const QUERY_KEY = ["loyaltyConfig"];

export function useLoyaltyConfig() {
  const request = useRequest();
  return useQuery({
    queryKey: QUERY_KEY,
    queryFn: async (): Promise<LoyaltyConfig> => (await request(LOYALTY_CONFIG)).loyaltyConfig,
  });
}

export type Section = "rules" | "tiers" | "checkin";

/** What each section's mutation takes. */
interface SectionInput {
  rules: PointsRulesInput;
  tiers: TierLadderInput;
  checkin: CheckinRulesInput;
}

type Saved = Promise<{ saved: LoyaltyConfigFieldsFragment }>;

/** Each section's mutation; every one answers with the whole saved settings. */
const SAVE: { [S in Section]: (request: GraphqlRequest, input: SectionInput[S]) => Saved } = {
  rules: (request, input) => request(SAVE_RULES, { input }),
  tiers: (request, input) => request(SAVE_TIERS, { input }),
  checkin: (request, input) => request(SAVE_CHECKIN, { input }),
};

/**
 * Save one section. Resolves to nothing when saved, or to the form errors
 * (the API's message at the input it names) when refused.
 */
export function useSaveLoyaltySection<S extends Section>(
  section: S,
  formField: (apiField: string) => string = (field) => field,
) {
  const request = useRequest();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const send = SAVE[section] as (request: GraphqlRequest, input: SectionInput[S]) => Saved;
  return async (input: SectionInput[S]): Promise<Record<string, string> | undefined> => {
    try {
      const data = await send(request, input);
      queryClient.setQueryData(QUERY_KEY, data.saved);
      notify(`resources.loyalty.saved.${section}`, { type: "success" });
      return undefined;
    } catch (error) {
      return refusal(error, notify, formField);
    }
  };
}
