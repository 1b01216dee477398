/** The dashboard's headline figures for the period: cards that wrap on narrow screens. */
import { Box, Card, CardContent, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import { formatFen } from "../common/fen";
import type { Dashboard } from "./api";
import { formatCount, formatShare } from "./charts";

const K = "resources.dashboard.kpi";

function Kpi({ id, label, value, detail }: { id: string; label: string; value: string; detail?: string }) {
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
      </CardContent>
    </Card>
  );
}

export function KpiCards({ data }: { data: Dashboard }) {
  const translate = useTranslate();
  const t = (key: string, args?: Record<string, unknown>) => translate(`${K}.${key}`, args);
  const totals = data.totals;
  const perDay = (value: number) => t("per_day", { value: (value / Math.max(1, data.days.length)).toFixed(1) });
  const money = (fen: number | null) => (fen === null ? "—" : formatFen(fen));
  return (
    <Box
      sx={{ display: "flex", flexWrap: "wrap", gap: 2 }}
      data-testid="dashboard-kpis"
      data-from={data.from}
      data-to={data.to}
      data-store-id={data.storeId ?? ""}
    >
      <Kpi id="members" label={t("members")} value={formatCount(totals.members)} />
      <Kpi id="joined" label={t("joined")} value={formatCount(totals.joined)} detail={perDay(totals.joined)} />
      <Kpi id="orders" label={t("orders")} value={formatCount(totals.orders)} detail={perDay(totals.orders)} />
      <Kpi
        id="revenue"
        label={t("revenue")}
        value={formatFen(totals.revenue)}
        detail={totals.refunded ? t("refunded", { amount: formatFen(totals.refunded) }) : undefined}
      />
      <BalanceKpis data={data} />
      <Kpi
        id="repurchase"
        label={t("repurchase")}
        value={data.repurchaseRate === null ? "—" : formatShare(data.repurchaseRate)}
        detail={t("repurchase_detail", {
          repeat: formatCount(totals.repeatBuyers),
          buyers: formatCount(totals.buyers),
        })}
      />
      <Kpi
        id="order-value"
        label={t("orderValue")}
        value={`${money(data.memberOrderValue)} / ${money(data.anonymousOrderValue)}`}
      />
    </Box>
  );
}

/** What the members hold: points outstanding, stored value, open coupons. */
function BalanceKpis({ data }: { data: Dashboard }) {
  const translate = useTranslate();
  const t = (key: string, args?: Record<string, unknown>) => translate(`${K}.${key}`, args);
  const totals = data.totals;
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
      />
      <Kpi
        id="stored-value"
        label={t("storedValue")}
        value={formatFen(totals.storedValuePrincipal)}
        detail={t("storedValue_bonus", { bonus: formatFen(totals.storedValueBonus) })}
      />
      <Kpi
        id="coupons"
        label={t("coupons")}
        value={formatCount(totals.couponsOpen)}
        detail={t("coupons_value", { value: formatFen(totals.couponsOpenValue) })}
      />
    </>
  );
}
