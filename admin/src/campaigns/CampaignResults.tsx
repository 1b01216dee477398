/**
 * What a campaign achieved (campaignResults): members reached, coupons
 * issued and redeemed, members reached without the coupon (未发放: sold out,
 * paused, ended or at the limit; highlighted when any), members who bought
 * within the conversion window and what they spent (¥, net of refunds), with
 * the rates and a small funnel; below, the members reached against those held
 * out (CampaignHoldout). The refresh button reads both again.
 */
import RefreshIcon from "@mui/icons-material/Refresh";
import { Alert, Box, Button, Card, CardContent, Divider, LinearProgress, Typography } from "@mui/material";
import { useIsFetching, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslate } from "react-admin";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { CampaignResultsQuery, CampaignResultsQueryVariables } from "../generated/graphql";
import { campaignResultsKey } from "../holdouts/api";
import { formatFen } from "../loyalty/money";
import { errorMessage } from "../members/loyalty/api";
import { CampaignHoldout } from "./CampaignHoldout";

const R = "resources.campaigns.results";

export interface Results {
  reached: number;
  couponsIssued: number;
  couponsNotGiven: number;
  couponsRedeemed: number;
  converted: number;
  revenue: number;
}

const percent = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : "—");

function Figure({
  name,
  value,
  note,
  warn = false,
}: {
  name: keyof Results;
  value: string;
  note?: string;
  /** Something went wrong: the figure shows in the warning colour. */
  warn?: boolean;
}) {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 150 }}>
      <Typography variant="body2" color={warn ? "warning.main" : "text.secondary"}>
        {translate(`${R}.${name}`)}
      </Typography>
      <Typography
        variant="h5"
        color={warn ? "warning.main" : undefined}
        sx={warn ? { fontWeight: 600 } : undefined}
        data-testid={`result-${name}`}
        data-warn={warn ? "true" : "false"}
      >
        {value}
      </Typography>
      {note && (
        <Typography variant="caption" color="text.secondary">
          {note}
        </Typography>
      )}
    </Box>
  );
}

/** Each figure with its rate; coupons not given stand out when there are any. */
function Figures({ results }: { results: Results }) {
  const translate = useTranslate();
  const notGiven = results.couponsNotGiven > 0;
  return (
    <Box sx={{ display: "flex", flexWrap: "wrap", gap: 3 }}>
      <Figure name="reached" value={results.reached.toLocaleString()} />
      <Figure name="couponsIssued" value={results.couponsIssued.toLocaleString()} />
      <Figure
        name="couponsNotGiven"
        value={results.couponsNotGiven.toLocaleString()}
        note={notGiven ? translate(`${R}.couponsNotGiven_note`) : undefined}
        warn={notGiven}
      />
      <Figure
        name="couponsRedeemed"
        value={results.couponsRedeemed.toLocaleString()}
        note={translate(`${R}.redemption_rate`, { rate: percent(results.couponsRedeemed, results.couponsIssued) })}
      />
      <Figure
        name="converted"
        value={results.converted.toLocaleString()}
        note={translate(`${R}.conversion_rate`, { rate: percent(results.converted, results.reached) })}
      />
      <Figure name="revenue" value={formatFen(results.revenue)} />
    </Box>
  );
}

/** Reached → coupons issued → redeemed → converted, as bars against the largest. */
function Funnel({ results }: { results: Results }) {
  const translate = useTranslate();
  const steps = (["reached", "couponsIssued", "couponsRedeemed", "converted"] as const).map((name) => ({
    name,
    value: results[name],
  }));
  const top = Math.max(1, ...steps.map((step) => step.value));
  return (
    <Box sx={{ mt: 3, maxWidth: 640 }} data-testid="results-chart" role="img" aria-label={translate(`${R}.chart`)}>
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        {translate(`${R}.chart`)}
      </Typography>
      {steps.map((step) => (
        <Box
          key={step.name}
          sx={{ display: "grid", gridTemplateColumns: "110px 1fr 60px", alignItems: "center", gap: 1, mb: 0.5 }}
        >
          <Typography variant="body2" color="text.secondary">
            {translate(`${R}.${step.name}`)}
          </Typography>
          <Box sx={{ height: 14, bgcolor: "action.hover", borderRadius: 1 }}>
            <Box
              sx={{
                height: "100%",
                width: `${(step.value / top) * 100}%`,
                bgcolor: "primary.main",
                borderRadius: 1,
                minWidth: step.value ? 2 : 0,
              }}
            />
          </Box>
          <Typography variant="body2" sx={{ textAlign: "right" }}>
            {step.value.toLocaleString()}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

const CAMPAIGN_RESULTS: Document<CampaignResultsQuery, CampaignResultsQueryVariables> = /* GraphQL */ `
  query campaignResults($id: ID!) {
    campaignResults(id: $id) {
      reached
      couponsIssued
      couponsNotGiven
      couponsRedeemed
      converted
      revenue
    }
  }
`;

export function CampaignResults({ id, conversionDays }: { id: string; conversionDays: number }) {
  const translate = useTranslate();
  const request = useRequest();
  const queryClient = useQueryClient();
  const key = campaignResultsKey(id);
  const results = useQuery({
    queryKey: key,
    queryFn: async () => (await request(CAMPAIGN_RESULTS, { id })).campaignResults,
  });
  // The results and the holdout comparison (its key under theirs).
  const fetching = useIsFetching({ queryKey: key }) > 0;
  const data = results.data;

  return (
    <Card variant="outlined" data-testid="campaign-results">
      <CardContent>
        <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
          <Typography variant="h6">{translate(`${R}.title`)}</Typography>
          <Button
            size="small"
            startIcon={<RefreshIcon />}
            onClick={() => void queryClient.refetchQueries({ queryKey: key, type: "active" })}
            disabled={fetching}
            data-testid="results-refresh"
          >
            {translate("ra.action.refresh")}
          </Button>
        </Box>
        <Box sx={{ height: 4, mb: 1 }}>{fetching && <LinearProgress />}</Box>
        {results.error && <Alert severity="error">{errorMessage(results.error)}</Alert>}
        {data && data.reached === 0 && (
          <Alert severity="info" sx={{ mb: 2 }} data-testid="results-none">
            {translate(`${R}.none`)}
          </Alert>
        )}
        {data && (
          <>
            <Figures results={data} />
            <Funnel results={data} />
            <Typography variant="caption" color="text.secondary" sx={{ display: "block", mt: 2 }}>
              {translate(`${R}.note`, { days: conversionDays })}
            </Typography>
          </>
        )}
        <Divider sx={{ my: 2 }} />
        <CampaignHoldout id={id} />
      </CardContent>
    </Card>
  );
}
