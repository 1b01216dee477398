/**
 * Holdout results (对照组): what an automation step, the whole wake-up ladder or a campaign brought, measured
 * against the members it held out, over an attribution window of 7, 14 or 30 days. Chain-wide counts, read by
 * owners and managers only (clerks never ask).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Permissions } from "../auth/permissions";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type {
  AutomationResultsQuery,
  AutomationResultsQueryVariables,
  CampaignHoldoutResultsQuery,
  CampaignHoldoutResultsQueryVariables,
  HoldoutFieldsFragment,
  WakeupImpactQuery,
  WakeupImpactQueryVariables,
} from "../generated/graphql";

/** The attribution windows the API takes, days (core/holdout.ts WINDOWS). */
export const WINDOWS = [7, 14, 30] as const;
export type AttributionDays = (typeof WINDOWS)[number];
export const DEFAULT_WINDOW: AttributionDays = 14;

export type HoldoutResults = HoldoutFieldsFragment;
export type HoldoutEstimate = NonNullable<HoldoutResults["incrementalConversions"]>;
export type Verdict = HoldoutResults["verdict"];

/** Who may read results: owners and managers. */
export const canReadResults = (permissions: Permissions | undefined) =>
  permissions?.role === "owner" || permissions?.role === "manager";

const HOLDOUT_FIELDS = /* GraphQL */ `
  fragment HoldoutFields on HoldoutResults {
    program
    holdoutPercent
    attributionDays
    treated
    heldOut
    treatedConverted
    heldOutConverted
    treatedConversionRate
    heldOutConversionRate
    treatedRevenuePerMember
    heldOutRevenuePerMember
    incrementalConversions {
      value
      low
      high
    }
    incrementalRevenue {
      value
      low
      high
    }
    smsParts
    smsCost
    couponsIssued
    couponsRedeemed
    couponDiscounts
    cost
    netRevenue {
      value
      low
      high
    }
    verdict
  }
`;

const AUTOMATION_RESULTS: Document<AutomationResultsQuery, AutomationResultsQueryVariables> = /* GraphQL */ `
  query automationResults($attributionDays: Int) {
    automationResults(attributionDays: $attributionDays) {
      ...HoldoutFields
    }
  }
  ${HOLDOUT_FIELDS}
`;

const CAMPAIGN_HOLDOUT_RESULTS: Document<CampaignHoldoutResultsQuery, CampaignHoldoutResultsQueryVariables> =
  /* GraphQL */ `
    query campaignHoldoutResults($id: ID!, $attributionDays: Int) {
      campaignHoldoutResults(id: $id, attributionDays: $attributionDays) {
        ...HoldoutFields
      }
    }
    ${HOLDOUT_FIELDS}
  `;

const WAKEUP_IMPACT: Document<WakeupImpactQuery, WakeupImpactQueryVariables> = /* GraphQL */ `
  query wakeupImpact($attributionDays: Int) {
    wakeupImpact(attributionDays: $attributionDays) {
      ...HoldoutFields
    }
  }
  ${HOLDOUT_FIELDS}
`;

/** Each wake-up step's, the birthday greeting's and the coupon-expiry reminder's results. */
export function useAutomationResults(attributionDays: AttributionDays) {
  const request = useRequest();
  return useQuery({
    queryKey: ["holdouts", "automations", attributionDays],
    queryFn: async () => (await request(AUTOMATION_RESULTS, { attributionDays })).automationResults,
    placeholderData: keepPreviousData,
  });
}

/** The query key of a campaign's results: its holdout comparison sits under it, so one refresh reads both. */
export const campaignResultsKey = (id: string) => ["campaigns", "results", id];

/** A campaign's results against its holdout group. */
export function useCampaignHoldoutResults(id: string, attributionDays: AttributionDays) {
  const request = useRequest();
  return useQuery({
    queryKey: [...campaignResultsKey(id), "holdout", attributionDays],
    queryFn: async () => (await request(CAMPAIGN_HOLDOUT_RESULTS, { id, attributionDays })).campaignHoldoutResults,
    // While another window loads, the last one stays on screen (never another campaign's).
    placeholderData: (previous: HoldoutResults | undefined) =>
      previous?.program === `campaign:${id}` ? previous : undefined,
  });
}

/** The whole wake-up ladder's results, for the dashboard; asked only when `enabled` (an owner or manager). */
export function useWakeupImpact(attributionDays: AttributionDays, enabled: boolean) {
  const request = useRequest();
  return useQuery({
    queryKey: ["holdouts", "wakeup", attributionDays],
    queryFn: async () => (await request(WAKEUP_IMPACT, { attributionDays })).wakeupImpact,
    enabled,
    staleTime: 5 * 60_000,
  });
}
