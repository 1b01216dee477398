/**
 * What the campaign being edited would reach and cost now, before it is
 * saved: the segment's members, and with an SMS how many get it, the billed
 * parts and the price (campaignEstimate). An empty audience is a warning.
 */
import { Alert, Typography } from "@mui/material";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useWatch } from "react-hook-form";
import { useTranslate } from "react-admin";
import { useDebounced } from "../common/useDebounced";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { CampaignEstimateQuery, CampaignEstimateQueryVariables } from "../generated/graphql";
import { formatFen } from "../members/loyalty/money";
import { holdoutPercent as holdoutPercentProblem } from "../holdouts/percent";

const C = "resources.campaigns";

const ESTIMATE: Document<CampaignEstimateQuery, CampaignEstimateQueryVariables> = /* GraphQL */ `
  query campaignEstimate($input: CampaignEstimateInput!) {
    campaignEstimate(input: $input) {
      reach
      heldOut
      smsMembers
      smsParts
      smsCost
    }
  }
`;

/** The draft's segment, SMS, coupon and holdout, settled for half a second so typing does not ask on every key. */
function useDraft() {
  const segmentId = useWatch({ name: "segmentId" }) as string | undefined;
  const smsBody = (useWatch({ name: "smsBody" }) as string | undefined)?.trim() || undefined;
  const couponTemplateId = (useWatch({ name: "couponTemplateId" }) as string | undefined) || undefined;
  const share = useWatch({ name: "holdoutPercent" }) as unknown;
  // A share the form refuses is left out: the estimate then counts every member.
  const holdoutPercent = holdoutPercentProblem(share) ? undefined : (share as number);
  return useDebounced({ segmentId, smsBody, couponTemplateId, holdoutPercent }, 500);
}

export function CampaignEstimate() {
  const translate = useTranslate();
  const request = useRequest();
  const draft = useDraft();
  const estimate = useQuery({
    queryKey: ["campaignEstimate", JSON.stringify(draft)],
    enabled: Boolean(draft.segmentId),
    placeholderData: keepPreviousData,
    // A draft the API refuses (e.g. an SMS showing a coupon not chosen yet) has no estimate; the form says why.
    retry: false,
    queryFn: async () =>
      (await request(ESTIMATE, { input: { ...draft, segmentId: draft.segmentId! } })).campaignEstimate,
  });
  if (!draft.segmentId || !estimate.data) return null;
  const { reach, heldOut, smsMembers, smsParts, smsCost } = estimate.data;
  return (
    <div data-testid="campaign-reach">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(`${C}.reach_now`, { size: reach.toLocaleString() })}
        {heldOut > 0 && ` ${translate(`${C}.held_out_expected`, { size: heldOut.toLocaleString() })}`}
      </Typography>
      {draft.smsBody && (
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="campaign-sms-cost">
          {translate(`${C}.sms_cost`, {
            members: smsMembers.toLocaleString(),
            parts: smsParts,
            cost: formatFen(smsCost),
          })}
        </Typography>
      )}
      {reach === 0 && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="campaign-empty">
          {translate(`${C}.empty_audience`)}
        </Alert>
      )}
    </div>
  );
}
