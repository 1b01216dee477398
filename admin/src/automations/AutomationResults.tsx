/**
 * 效果对比: each wake-up step's, the birthday greeting's and the coupon-expiry reminder's results against their
 * holdout groups (automationResults), over the attribution window picked: a row a program with the two groups side
 * by side, what it brought beyond them, what it cost, the net and the verdict. Owners and managers.
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
import { useState, type ReactNode } from "react";
import { useTranslate } from "react-admin";
import { DEFAULT_WINDOW, useAutomationResults, type AttributionDays, type HoldoutResults } from "../holdouts/api";
import { EstimateText } from "../holdouts/EstimateText";
import { formatCount, formatMoney, formatRate } from "../holdouts/format";
import { useProgramName, VerdictChip } from "../holdouts/Verdict";
import { WindowPicker } from "../holdouts/WindowPicker";
import { errorMessage } from "../members/loyalty/api";

const H = "resources.holdouts";

export function AutomationResults() {
  const translate = useTranslate();
  const [days, setDays] = useState<AttributionDays>(DEFAULT_WINDOW);
  const results = useAutomationResults(days);
  const shown = results.data?.[0]?.attributionDays;
  return (
    <Box data-testid="automation-results">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate(`${H}.automations_hint`)}
      </Typography>
      <Box sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 2, mb: 1 }}>
        <WindowPicker value={days} onChange={setDays} />
        {shown && (
          <Typography variant="body2" color="text.secondary" data-testid="holdout-window-shown" data-days={shown}>
            {translate(`${H}.window.purchases`, { days: shown })}
          </Typography>
        )}
      </Box>
      <Box sx={{ height: 4, mb: 1 }}>{results.isFetching && <LinearProgress />}</Box>
      {results.error && <Alert severity="error">{errorMessage(results.error)}</Alert>}
      {results.data && <ResultsTable rows={results.data} />}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 2 }}>
        {translate(`${H}.method`)}
      </Typography>
    </Box>
  );
}

const nowrap = { whiteSpace: "nowrap" } as const;

/** Two groups' figures in one cell: treated / held out. */
const pair = (treated: string, heldOut: string) => `${treated} / ${heldOut}`;

const COLUMNS = [
  "holdoutPercent",
  "members_pair",
  "conversionRate_pair",
  "revenuePerMember_pair",
  "incrementalConversions",
  "incrementalRevenue",
  "cost",
  "netRevenue",
] as const;

function ResultsTable({ rows }: { rows: HoldoutResults[] }) {
  const translate = useTranslate();
  const f = (name: string) => translate(`${H}.columns.${name}`);
  return (
    <Box sx={{ overflowX: "auto" }}>
      <Table size="small" aria-label={translate(`${H}.automations_title`)}>
        <TableHead>
          <TableRow>
            <TableCell>{f("program")}</TableCell>
            {COLUMNS.map((name) => (
              <TableCell key={name} align="right">
                {f(name)}
              </TableCell>
            ))}
            <TableCell>{f("verdict")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <ResultRow key={row.program} row={row} />
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** One program: the two groups, what it brought (the 95 % interval on hover), its cost and net, the verdict. */
function ResultRow({ row }: { row: HoldoutResults }) {
  const translate = useTranslate();
  const programName = useProgramName();
  const cost = translate(`${H}.cost_detail`, {
    parts: formatCount(row.smsParts),
    sms: formatMoney(row.smsCost),
    coupons: formatMoney(row.couponDiscounts),
  });
  const cells: [string, ReactNode, string?][] = [
    ["holdout", `${row.holdoutPercent}%`],
    ["members", pair(formatCount(row.treated), formatCount(row.heldOut))],
    ["rates", pair(formatRate(row.treatedConversionRate), formatRate(row.heldOutConversionRate))],
    ["revenue-per-member", pair(formatMoney(row.treatedRevenuePerMember), formatMoney(row.heldOutRevenuePerMember))],
    ["incremental-conversions", <EstimateText estimate={row.incrementalConversions} />],
    ["incremental-revenue", <EstimateText estimate={row.incrementalRevenue} money />],
    ["cost", formatMoney(row.cost), cost],
    ["net", <EstimateText estimate={row.netRevenue} money />],
  ];
  return (
    <TableRow data-testid="automation-result" data-program={row.program} data-window={row.attributionDays}>
      <TableCell component="th" scope="row" sx={nowrap} data-testid="result-program">
        {programName(row.program)}
      </TableCell>
      {cells.map(([name, content, title]) => (
        <TableCell
          key={name}
          align="right"
          title={title}
          sx={typeof content === "string" ? nowrap : undefined}
          data-testid={`result-${name}`}
        >
          {content}
        </TableCell>
      ))}
      <TableCell>
        <VerdictChip verdict={row.verdict} />
      </TableCell>
    </TableRow>
  );
}
