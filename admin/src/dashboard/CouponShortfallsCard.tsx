/**
 * 未发放的券 on the dashboard: the coupons that could not be given
 * automatically in the period (its last 92 days at most, what the API
 * answers at once), of the store picked, by template, occasion and reason,
 * with the last day it happened. Shown only when there are any; owners go
 * from a line to the template to add stock or resume it.
 */
import {
  Box,
  Button,
  Card,
  CardContent,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { usePermissions, useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import type { Permissions } from "../auth/permissions";
import {
  canFix,
  clipRange,
  MAX_SHORTFALL_DAYS,
  shortfallLines,
  useCouponShortfalls,
  type ShortfallLine,
} from "../couponTemplates/shortfalls";
import { formatCount } from "./charts";
import { validRange } from "./range";

const D = "resources.dashboard.shortfalls";
const T = "resources.couponTemplates";

export function CouponShortfallsCard({ from, to, storeId }: { from: string; to: string; storeId?: string }) {
  const translate = useTranslate();
  const range = validRange(from, to) ? clipRange(from, to) : undefined;
  const { data } = useCouponShortfalls(range);
  const lines = shortfallLines(data ?? [], storeId || undefined);
  if (!range || lines.length === 0) return null;
  return (
    <Card variant="outlined" data-testid="dashboard-shortfalls">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
          {translate(`${D}.title`)}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          {range.clipped
            ? translate(`${D}.clipped`, { days: MAX_SHORTFALL_DAYS, from: range.from, to: range.to })
            : translate(`${D}.hint`)}
        </Typography>
        <ShortfallTable lines={lines} />
      </CardContent>
    </Card>
  );
}

/** One row per template, occasion and reason: the members who went without and the last day. */
function ShortfallTable({ lines }: { lines: ShortfallLine[] }) {
  const translate = useTranslate();
  const { permissions } = usePermissions<Permissions>();
  const owner = permissions?.role === "owner";
  const f = (name: string) => translate(`${D}.${name}`);
  return (
    <Box sx={{ overflowX: "auto" }}>
      <Table size="small" aria-label={f("title")}>
        <TableHead>
          <TableRow>
            <TableCell>{f("template")}</TableCell>
            <TableCell>{f("source")}</TableCell>
            <TableCell>{f("reason")}</TableCell>
            <TableCell align="right">{f("members")}</TableCell>
            <TableCell>{f("last")}</TableCell>
            {owner && <TableCell />}
          </TableRow>
        </TableHead>
        <TableBody>
          {lines.map((line) => (
            <TableRow
              key={`${line.templateId}-${line.source}-${line.reason}`}
              data-testid="dashboard-shortfall"
              data-template-id={line.templateId}
              data-source={line.source}
              data-reason={line.reason}
            >
              <TableCell>{line.templateName}</TableCell>
              <TableCell>{translate(`${T}.sources.${line.source}`, { _: line.source })}</TableCell>
              <TableCell>{translate(`${T}.reasons.${line.reason}`, { _: line.reason })}</TableCell>
              <TableCell align="right" data-testid="dashboard-shortfall-members">
                {formatCount(line.members)}
              </TableCell>
              <TableCell>{line.lastDate}</TableCell>
              {owner && (
                <TableCell>
                  {canFix(line, owner) && (
                    <Button
                      size="small"
                      component={Link}
                      to={`/couponTemplates/${encodeURIComponent(line.templateId)}`}
                    >
                      {f("edit")}
                    </Button>
                  )}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
