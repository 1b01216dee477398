/** The dashboard's charts for the period: members, lifecycle, tiers, points, coupons and order value. */
import { Box, Card, CardContent, Typography } from "@mui/material";
import type { ReactNode } from "react";
import { useTranslate } from "react-admin";
import { formatFen } from "../common/fen";
import type { Dashboard } from "./api";
import { Donut, formatCount, formatShare, HorizontalBars, PALETTE, StackedBars, TimeChart } from "./charts";

const C = "resources.dashboard.charts";

/** Lifecycle stages in the API's order, coloured from fresh to gone. */
const STAGE_COLORS: Record<string, string> = {
  new: "#56b4e9",
  active: "#009e73",
  silent: "#e69f00",
  sleeping: "#d55e00",
  lost: "#7f7f7f",
};

export function ChartCard({
  title,
  children,
  wide,
  testId,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}) {
  return (
    <Card variant="outlined" sx={{ gridColumn: wide ? { md: "1 / -1" } : undefined, minWidth: 0 }} data-testid={testId}>
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** What every chart of the dashboard is drawn from: the period's data and the shared texts. */
interface ChartProps {
  data: Dashboard;
  /** Shown instead of a chart with nothing to draw. */
  empty: string;
  /** The legend's accessible label. */
  legend: string;
}

type Day = Dashboard["days"][number];

/** One number per day of the period, for a chart's series. */
const column = <K extends keyof Day>(data: Dashboard, key: K) => data.days.map((day) => day[key] as number);

export function DashboardCharts({ data, campaigns }: { data: Dashboard; campaigns: ReactNode }) {
  const translate = useTranslate();
  const shared = { data, empty: translate("resources.dashboard.no_data"), legend: translate(`${C}.legend`) };
  return (
    <Box
      sx={{ display: "grid", gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "repeat(2, minmax(0, 1fr))" }, gap: 2 }}
    >
      <MembersChart {...shared} />
      <LifecycleChart {...shared} />
      <PointsChart {...shared} />
      <TiersChart {...shared} />
      <OrderValueChart {...shared} />
      <CouponsChart {...shared} />
      {campaigns}
    </Box>
  );
}

/** Members joined per day (bars) and the members in all (a line). */
function MembersChart({ data, empty, legend }: ChartProps) {
  const translate = useTranslate();
  const t = (key: string) => translate(`${C}.${key}`);
  return (
    <ChartCard title={t("members.title")} testId="chart-members">
      <TimeChart
        title={t("members.title")}
        labels={data.days.map((day) => day.date)}
        series={[
          { key: "joined", label: t("members.joined"), color: PALETTE[1], kind: "bar", values: column(data, "joined") },
          {
            key: "members",
            label: t("members.members"),
            color: PALETTE[0],
            kind: "line",
            values: column(data, "members"),
            right: true,
          },
        ]}
        leftTitle={t("members.left")}
        rightTitle={t("members.right")}
        emptyText={empty}
        legendLabel={legend}
      />
    </ChartCard>
  );
}

/** The members in each lifecycle stage, day by day. */
function LifecycleChart({ data, empty, legend }: ChartProps) {
  const translate = useTranslate();
  const t = (key: string) => translate(`${C}.${key}`);
  const stages = data.totals.stages.map((stage) => stage.stage);
  return (
    <ChartCard title={t("lifecycle.title")} testId="chart-lifecycle">
      <StackedBars
        title={t("lifecycle.title")}
        labels={data.days.map((day) => day.date)}
        parts={stages.map((stage, i) => ({
          key: stage,
          label: translate(`resources.dashboard.stages.${stage}`, { _: stage }),
          color: STAGE_COLORS[stage] ?? PALETTE[i % PALETTE.length],
          values: data.days.map((day) => day.stages.find((s) => s.stage === stage)?.members ?? 0),
        }))}
        leftTitle={t("lifecycle.axis")}
        emptyText={empty}
        legendLabel={legend}
      />
    </ChartCard>
  );
}

/** Points issued, redeemed and expired per day (bars), and those outstanding (a line). */
function PointsChart({ data, empty, legend }: ChartProps) {
  const translate = useTranslate();
  const t = (key: string) => translate(`${C}.${key}`);
  return (
    <ChartCard title={t("points.title")} wide testId="chart-points">
      <TimeChart
        title={t("points.title")}
        labels={data.days.map((day) => day.date)}
        series={[
          {
            key: "issued",
            label: t("points.issued"),
            color: PALETTE[2],
            kind: "bar",
            values: column(data, "pointsIssued"),
          },
          {
            key: "redeemed",
            label: t("points.redeemed"),
            color: PALETTE[1],
            kind: "bar",
            values: column(data, "pointsRedeemed"),
          },
          {
            key: "expired",
            label: t("points.expired"),
            color: PALETTE[6],
            kind: "bar",
            values: column(data, "pointsExpired"),
          },
          {
            key: "outstanding",
            label: t("points.outstanding"),
            color: PALETTE[0],
            kind: "line",
            values: column(data, "pointsOutstanding"),
            right: true,
          },
        ]}
        leftTitle={t("points.left")}
        rightTitle={t("points.right")}
        emptyText={empty}
        legendLabel={legend}
      />
    </ChartCard>
  );
}

/** The members in each tier now. */
function TiersChart({ data, empty, legend }: ChartProps) {
  const translate = useTranslate();
  const t = (key: string) => translate(`${C}.${key}`);
  return (
    <ChartCard title={t("tiers.title")} testId="chart-tiers">
      <Donut
        title={t("tiers.title")}
        slices={data.tiers.map((tier, i) => ({
          key: tier.tierId,
          label: tier.name,
          color: PALETTE[i % PALETTE.length],
          value: tier.members,
        }))}
        centerLabel={t("tiers.center")}
        emptyText={empty}
        legendLabel={legend}
      />
    </ChartCard>
  );
}

/** The average order value of members and of anonymous buyers. */
function OrderValueChart({ data, empty, legend }: ChartProps) {
  const translate = useTranslate();
  const t = (key: string, args?: Record<string, unknown>) => translate(`${C}.${key}`, args);
  const orderRows = [
    {
      key: "member",
      label: t("orderValue.member"),
      value: data.memberOrderValue ?? 0,
      detail: t("orderValue.detail", { orders: formatCount(data.totals.orders) }),
      color: PALETTE[0],
    },
    {
      key: "anonymous",
      label: t("orderValue.anonymous"),
      value: data.anonymousOrderValue ?? 0,
      detail: t("orderValue.detail", { orders: formatCount(data.totals.anonymousOrders) }),
      color: PALETTE[1],
    },
  ];
  return (
    <ChartCard title={t("orderValue.title")} testId="chart-order-value">
      <HorizontalBars
        title={t("orderValue.title")}
        rows={data.memberOrderValue === null && data.anonymousOrderValue === null ? [] : orderRows}
        format={formatFen}
        emptyText={empty}
        legend={{ label: legend, items: orderRows }}
      />
    </ChartCard>
  );
}

/** Each coupon template's redemption rate: redeemed of issued. */
function CouponsChart({ data, empty }: ChartProps) {
  const translate = useTranslate();
  const t = (key: string, args?: Record<string, unknown>) => translate(`${C}.${key}`, args);
  return (
    <ChartCard title={t("coupons.title")} wide testId="chart-coupons">
      <HorizontalBars
        title={t("coupons.title")}
        rows={data.coupons.map((coupon, i) => ({
          key: coupon.templateId,
          label: coupon.name,
          value: coupon.redemptionRate ?? 0,
          detail: t("coupons.detail", { redeemed: formatCount(coupon.redeemed), issued: formatCount(coupon.issued) }),
          color: PALETTE[(i + 2) % PALETTE.length],
        }))}
        format={formatShare}
        max={1}
        ticks={[0, 0.25, 0.5, 0.75, 1]}
        emptyText={empty}
      />
    </ChartCard>
  );
}
