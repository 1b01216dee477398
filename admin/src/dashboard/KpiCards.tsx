/**
 * The dashboard's headline figures for the period, each compared with the period just before (环比): cards that wrap
 * on narrow screens.
 */
import ArrowDownwardIcon from "@mui/icons-material/ArrowDownward";
import ArrowUpwardIcon from "@mui/icons-material/ArrowUpward";
import { Box, Card, CardContent, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import { formatFen } from "../common/fen";
import type { Dashboard } from "./api";
import { relativeChange, shareChange, type Change } from "./change";
import { formatCount, formatShare } from "./charts";

const K = "resources.dashboard.kpi";

const COLOR = { up: "success.main", down: "error.main", flat: "text.secondary" } as const;

/** 环比: the change against the previous period, an arrow up (green) or down (red); "—" with nothing to compare. */
function KpiChange({ id, change, title }: { id: string; change: Change | null; title: string }) {
  const translate = useTranslate();
  const Arrow = change?.direction === "up" ? ArrowUpwardIcon : change?.direction === "down" ? ArrowDownwardIcon : null;
  return (
    <Typography
      variant="caption"
      component="p"
      title={title}
      data-testid={`kpi-${id}-change`}
      data-direction={change?.direction ?? "none"}
      sx={{
        display: "flex",
        alignItems: "center",
        gap: 0.25,
        color: change ? COLOR[change.direction] : "text.secondary",
      }}
    >
      {Arrow && <Arrow aria-hidden sx={{ fontSize: "inherit" }} />}
      {translate(`${K}.change`, {
        change: !change ? "—" : change.points ? translate(`${K}.change_points`, { value: change.value }) : change.value,
      })}
    </Typography>
  );
}

interface KpiProps {
  id: string;
  label: string;
  value: string;
  detail?: string;
  /** Against the previous period; undefined: not compared. */
  change?: Change | null;
  /** What the change is against, e.g. "vs 2026-04-01 – 2026-04-30". */
  changeTitle?: string;
}

function Kpi({ id, label, value, detail, change, changeTitle = "" }: KpiProps) {
  return (
    <Card variant="outlined" data-testid={`kpi-${id}`} sx={{ flex: "1 1 160px", minWidth: 0 }}>
      <CardContent sx={{ "&:last-child": { pb: 2 } }}>
        <Typography variant="body2" color="text.secondary" noWrap title={label}>
          {label}
        </Typography>
        <Typography
          variant="h5"
          component="p"
          data-testid={`kpi-${id}-value`}
          sx={{ fontWeight: 600, my: 0.5, wordBreak: "break-all" }}
        >
          {value}
        </Typography>
        {detail && (
          <Typography variant="caption" color="text.secondary" data-testid={`kpi-${id}-detail`}>
            {detail}
          </Typography>
        )}
        {change !== undefined && <KpiChange id={id} change={change} title={changeTitle} />}
      </CardContent>
    </Card>
  );
}

/** The cards' words, and each figure against the same figure of the previous period. */
function useKpiText(data: Dashboard) {
  const translate = useTranslate();
  const t = (key: string, args?: Record<string, unknown>) => translate(`${K}.${key}`, args);
  const changeTitle = t("change_title", { from: data.previous.from, to: data.previous.to });
  const vs = (current: number, previous: number) => ({ change: relativeChange(current, previous), changeTitle });
  return { t, vs, changeTitle };
}

export function KpiCards({ data }: { data: Dashboard }) {
  return (
    <Box
      sx={{ display: "flex", flexWrap: "wrap", gap: 2 }}
      data-testid="dashboard-kpis"
      data-from={data.from}
      data-to={data.to}
      data-store-id={data.storeId ?? ""}
    >
      <FlowKpis data={data} />
      <BalanceKpis data={data} />
      <BuyerKpis data={data} />
    </Box>
  );
}

/** Members, joins, orders and revenue of the period. */
function FlowKpis({ data }: { data: Dashboard }) {
  const { t, vs } = useKpiText(data);
  const totals = data.totals;
  const before = data.previous.totals;
  const perDay = (value: number) => t("per_day", { value: (value / Math.max(1, data.days.length)).toFixed(1) });
  return (
    <>
      <Kpi
        id="members"
        label={t("members")}
        value={formatCount(totals.members)}
        {...vs(totals.members, before.members)}
      />
      <Kpi
        id="joined"
        label={t("joined")}
        value={formatCount(totals.joined)}
        detail={perDay(totals.joined)}
        {...vs(totals.joined, before.joined)}
      />
      <Kpi
        id="orders"
        label={t("orders")}
        value={formatCount(totals.orders)}
        detail={perDay(totals.orders)}
        {...vs(totals.orders, before.orders)}
      />
      <Kpi
        id="revenue"
        label={t("revenue")}
        value={formatFen(totals.revenue)}
        detail={totals.refunded ? t("refunded", { amount: formatFen(totals.refunded) }) : undefined}
        {...vs(totals.revenue, before.revenue)}
      />
    </>
  );
}

/** What the members hold: points outstanding, stored value, open coupons. */
function BalanceKpis({ data }: { data: Dashboard }) {
  const { t, vs } = useKpiText(data);
  const totals = data.totals;
  const before = data.previous.totals;
  return (
    <>
      <Kpi
        id="points"
        label={t("points")}
        value={formatCount(totals.pointsOutstanding)}
        detail={t("points_flow", {
          issued: formatCount(totals.pointsIssued),
          redeemed: formatCount(totals.pointsRedeemed),
        })}
        {...vs(totals.pointsOutstanding, before.pointsOutstanding)}
      />
      <Kpi
        id="stored-value"
        label={t("storedValue")}
        value={formatFen(totals.storedValuePrincipal)}
        detail={t("storedValue_bonus", { bonus: formatFen(totals.storedValueBonus) })}
        {...vs(totals.storedValuePrincipal, before.storedValuePrincipal)}
      />
      <Kpi
        id="coupons"
        label={t("coupons")}
        value={formatCount(totals.couponsOpen)}
        detail={t("coupons_value", { value: formatFen(totals.couponsOpenValue) })}
        {...vs(totals.couponsOpen, before.couponsOpen)}
      />
    </>
  );
}

/** Repurchase rate (its change in percentage points) and the order values (the member's compared). */
function BuyerKpis({ data }: { data: Dashboard }) {
  const { t, changeTitle } = useKpiText(data);
  const totals = data.totals;
  const money = (fen: number | null) => (fen === null ? "—" : formatFen(fen));
  return (
    <>
      <Kpi
        id="repurchase"
        label={t("repurchase")}
        value={data.repurchaseRate === null ? "—" : formatShare(data.repurchaseRate)}
        detail={t("repurchase_detail", {
          repeat: formatCount(totals.repeatBuyers),
          buyers: formatCount(totals.buyers),
        })}
        change={shareChange(data.repurchaseRate, data.previous.repurchaseRate)}
        changeTitle={changeTitle}
      />
      <Kpi
        id="order-value"
        label={t("orderValue")}
        value={`${money(data.memberOrderValue)} / ${money(data.anonymousOrderValue)}`}
        change={relativeChange(data.memberOrderValue, data.previous.memberOrderValue)}
        changeTitle={t("change_title_member", { from: data.previous.from, to: data.previous.to })}
      />
    </>
  );
}
