/**
 * Campaign conversion on the dashboard: fetched apart from the figures (the
 * API measures it on demand, one query per member reached), so the rest of
 * the dashboard does not wait for it.
 */
import {
  Alert,
  Box,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import { formatFen } from "../common/fen";
import { useRequest } from "../dataProvider/useRequest";
import { errorMessage } from "../members/loyalty/api";
import { DASHBOARD_CAMPAIGNS_QUERY, type CampaignFigures, type DashboardVariables } from "./api";
import { formatCount, formatShare } from "./charts";
import { ChartCard } from "./DashboardCharts";

const C = "resources.dashboard.charts.campaigns";

export function CampaignConversion({ variables }: { variables: DashboardVariables }) {
  const translate = useTranslate();
  const request = useRequest();
  const { data, error, isPending } = useQuery({
    queryKey: ["dashboard-campaigns", variables],
    queryFn: async (): Promise<CampaignFigures[]> =>
      (await request(DASHBOARD_CAMPAIGNS_QUERY, { ...variables })).dashboard.campaigns,
    staleTime: 5 * 60_000,
  });
  const f = (name: string) => translate(`${C}.${name}`);
  return (
    <ChartCard title={f("title")} wide testId="chart-campaigns">
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {f("hint")}
      </Typography>
      {isPending && <LinearProgress aria-label={f("title")} />}
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      {data && data.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {f("empty")}
        </Typography>
      )}
      {data && data.length > 0 && <ConversionTable rows={data} />}
    </ChartCard>
  );
}

/** Each campaign's members reached and converted, its conversion rate (a bar and a share) and its revenue. */
function ConversionTable({ rows }: { rows: CampaignFigures[] }) {
  const translate = useTranslate();
  const f = (name: string) => translate(`${C}.${name}`);
  return (
    <Box sx={{ overflowX: "auto" }}>
      <Table size="small" aria-label={f("title")}>
        <TableHead>
          <TableRow>
            <TableCell>{f("campaign")}</TableCell>
            <TableCell align="right">{f("reached")}</TableCell>
            <TableCell align="right">{f("converted")}</TableCell>
            <TableCell sx={{ minWidth: 160 }}>{f("rate")}</TableCell>
            <TableCell align="right">{f("revenue")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.campaign.id} data-testid="campaign-conversion-row">
              <TableCell>
                <Link to={`/campaigns/${row.campaign.id}/show`}>{row.campaign.name}</Link>
              </TableCell>
              <TableCell align="right">{formatCount(row.reached)}</TableCell>
              <TableCell align="right">{formatCount(row.converted)}</TableCell>
              <TableCell>
                <ConversionRate row={row} />
              </TableCell>
              <TableCell align="right">{formatFen(row.revenue)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** A campaign's conversion rate: a bar out of 100% and the share (— when nobody was reached). */
function ConversionRate({ row }: { row: CampaignFigures }) {
  const translate = useTranslate();
  const share = row.conversionRate === null ? "—" : formatShare(row.conversionRate);
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
      <Box
        component="svg"
        viewBox="0 0 100 10"
        role="img"
        aria-label={`${row.campaign.name} ${translate(`${C}.rate`)}`}
        sx={{ width: 100, height: 10, flexShrink: 0 }}
      >
        <title>{share}</title>
        <rect x={0} y={0} width={100} height={10} fill="#eeeeee" />
        <rect data-mark="bar" x={0} y={0} width={(row.conversionRate ?? 0) * 100} height={10} fill="#009e73" />
      </Box>
      <span>{share}</span>
    </Box>
  );
}
