/**
 * One program's results against its holdout group: the treated and held-out members side by side (how many, who
 * bought, the rate, revenue per member), then what the program brought (incremental conversions and revenue with
 * their 95 % interval), what it cost, the net, and the verdict.
 */
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import type { ReactNode } from "react";
import { useTranslate } from "react-admin";
import type { HoldoutResults } from "./api";
import { EstimateText } from "./EstimateText";
import { formatCount, formatMoney, formatRate } from "./format";
import { VerdictChip } from "./Verdict";

const H = "resources.holdouts";

/** The two groups' figures, a row each: the name, then treated and held out. */
function groupRows(results: HoldoutResults): [string, string, string][] {
  return [
    ["members", formatCount(results.treated), formatCount(results.heldOut)],
    ["converted", formatCount(results.treatedConverted), formatCount(results.heldOutConverted)],
    ["conversionRate", formatRate(results.treatedConversionRate), formatRate(results.heldOutConversionRate)],
    ["revenuePerMember", formatMoney(results.treatedRevenuePerMember), formatMoney(results.heldOutRevenuePerMember)],
  ];
}

function Groups({ results }: { results: HoldoutResults }) {
  const translate = useTranslate();
  const f = (name: string) => translate(`${H}.columns.${name}`);
  return (
    <Table size="small" sx={{ maxWidth: 520 }} aria-label={translate(`${H}.title`)}>
      <TableHead>
        <TableRow>
          <TableCell />
          <TableCell align="right">{f("treated")}</TableCell>
          <TableCell align="right">{f("heldOut")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {groupRows(results).map(([name, treated, heldOut]) => (
          <TableRow key={name} data-testid={`holdout-row-${name}`}>
            <TableCell component="th" scope="row">
              {f(name)}
            </TableCell>
            <TableCell align="right" data-testid="holdout-treated">
              {treated}
            </TableCell>
            <TableCell align="right" data-testid="holdout-held-out">
              {heldOut}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Figure({ name, value, note }: { name: string; value: ReactNode; note?: string }) {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 170 }}>
      <Typography variant="body2" color="text.secondary">
        {translate(`${H}.columns.${name}`)}
      </Typography>
      <Typography variant="h6" component="p" data-testid={`holdout-${name}`}>
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

export function HoldoutComparison({ results }: { results: HoldoutResults }) {
  const translate = useTranslate();
  return (
    <Box data-testid="holdout-comparison" data-window={results.attributionDays}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="holdout-window-shown">
        {translate(`${H}.window.shown`, { days: results.attributionDays, percent: results.holdoutPercent })}
      </Typography>
      <Groups results={results} />
      <Box sx={{ display: "flex", flexWrap: "wrap", gap: 3, mt: 2 }}>
        <Figure name="incrementalConversions" value={<EstimateText estimate={results.incrementalConversions} />} />
        <Figure name="incrementalRevenue" value={<EstimateText estimate={results.incrementalRevenue} money />} />
        <Figure
          name="cost"
          value={formatMoney(results.cost)}
          note={translate(`${H}.cost_detail`, {
            parts: formatCount(results.smsParts),
            sms: formatMoney(results.smsCost),
            coupons: formatMoney(results.couponDiscounts),
          })}
        />
        <Figure name="netRevenue" value={<EstimateText estimate={results.netRevenue} money />} />
      </Box>
      <Box sx={{ display: "flex", alignItems: "center", flexWrap: "wrap", gap: 1, mt: 2 }}>
        <VerdictChip verdict={results.verdict} />
        <Typography variant="body2" data-testid="holdout-verdict-detail">
          {translate(`${H}.verdict_detail.${results.verdict}`)}
        </Typography>
      </Box>
    </Box>
  );
}
