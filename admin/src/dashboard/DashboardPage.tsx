/**
 * 数据看板 (owners and managers): members, lifecycle, tiers, points, stored
 * value, coupons, orders and campaigns for a period of local days, for the
 * chain, a store, or a manager's stores. Figures come from the API's counters
 * and roll-ups in one request; campaign conversion, measured on demand, in
 * another so the rest does not wait; what the wake-up SMS brought against its
 * holdout group (chain-wide, whatever the period) in a third.
 */
import { Alert, Box, Button, Card, CardContent, LinearProgress, Typography } from "@mui/material";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Title, usePermissions, useStore, useTranslate } from "react-admin";
import type { Permissions } from "../auth/permissions";
import { localDate } from "../common/zonedDate";
import { useRequest } from "../dataProvider/useRequest";
import { useMerchant } from "../merchant/useMerchant";
import { errorMessage } from "../members/loyalty/api";
import { DASHBOARD_QUERY, type Dashboard, type DashboardVariables } from "./api";
import { CampaignConversion } from "./CampaignConversion";
import { CouponShortfallsCard } from "./CouponShortfallsCard";
import { PeriodPicker, StorePicker, type Period } from "./Controls";
import { DashboardCharts } from "./DashboardCharts";
import { KpiCards } from "./KpiCards";
import { lastDays, validRange } from "./range";
import { WakeupImpactCard } from "./WakeupImpactCard";

const D = "resources.dashboard";

/** Nothing counted in the period: no members and no activity. */
const isEmpty = (data: Dashboard) =>
  data.totals.members === 0 &&
  data.days.every(
    (day) => day.orders === 0 && day.anonymousOrders === 0 && day.pointsIssued === 0 && day.couponsIssued === 0,
  );

/** A custom period as it is; a preset always ends today (stored dates may be from another day). */
const presetEndingToday = (period: Period, today: string): Period =>
  period.preset === "custom" ? period : { preset: period.preset, ...lastDays(today, period.preset) };

export function DashboardPage() {
  const translate = useTranslate();
  const request = useRequest();
  const { permissions } = usePermissions<Permissions>();
  // Today is the merchant's: wait for its time zone rather than ask for the browser's days first.
  const merchant = useMerchant();
  const timeZone = merchant.data?.timeZone;
  const today = localDate(new Date().toISOString(), timeZone);
  const [stored, setPeriod] = useStore<Period>("dashboard.period", { preset: 30, ...lastDays(today, 30) });
  const [pickedStore, setStoreId] = useStore<string>("dashboard.storeId", "");
  // A store picked by someone else on this browser is not offered to a manager of other stores.
  const storeId = permissions?.storeIds && !permissions.storeIds.includes(pickedStore) ? "" : pickedStore;
  const period = presetEndingToday(stored, today);
  const ready = validRange(period.from, period.to);
  const variables: DashboardVariables = { from: period.from, to: period.to, ...(storeId ? { storeId } : {}) };
  const { data, error, isPending, isFetching, refetch } = useQuery({
    queryKey: ["dashboard", variables],
    queryFn: async (): Promise<Dashboard> => (await request(DASHBOARD_QUERY, { ...variables })).dashboard,
    enabled: ready && Boolean(permissions) && !merchant.isPending,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  return (
    <Box sx={{ mt: 2, display: "flex", flexDirection: "column", gap: 2 }} data-testid="dashboard-page">
      <Title title={`${D}.name`} />
      <DashboardControls
        period={period}
        today={today}
        onPeriod={setPeriod}
        storeId={storeId}
        permissions={permissions}
        onStore={setStoreId}
        data={data}
        loading={ready && (isPending || isFetching)}
      />
      {error && <DashboardError error={error} onRetry={() => void refetch()} />}
      {data && isEmpty(data) && (
        <Alert severity="info" data-testid="dashboard-empty">
          {translate(`${D}.empty`)}
        </Alert>
      )}
      {data && (
        <>
          <KpiCards data={data} />
          <WakeupImpactCard />
          <CouponShortfallsCard from={period.from} to={period.to} storeId={storeId} />
          <DashboardCharts data={data} campaigns={<CampaignConversion variables={variables} />} />
        </>
      )}
    </Box>
  );
}

/** The figures could not be read: why, and a retry. */
function DashboardError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const translate = useTranslate();
  return (
    <Alert
      severity="error"
      data-testid="dashboard-error"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          {translate(`${D}.retry`)}
        </Button>
      }
    >
      {errorMessage(error)}
    </Alert>
  );
}

/** The period and store pickers, what the figures cover once loaded, and a bar while they load. */
function DashboardControls({
  period,
  today,
  onPeriod,
  storeId,
  permissions,
  onStore,
  data,
  loading,
}: {
  period: Period;
  today: string;
  onPeriod: (period: Period) => void;
  storeId: string;
  permissions: Permissions | undefined;
  onStore: (storeId: string) => void;
  data: Dashboard | undefined;
  loading: boolean;
}) {
  const translate = useTranslate();
  return (
    <Card>
      <CardContent
        sx={{
          display: "flex",
          flexWrap: "wrap",
          gap: 2,
          alignItems: "center",
          justifyContent: "space-between",
          "&:last-child": { pb: 2 },
        }}
      >
        <PeriodPicker period={period} today={today} onChange={(next) => onPeriod(presetEndingToday(next, today))} />
        <StorePicker
          value={storeId}
          permissions={permissions}
          onChange={onStore}
          label={translate(`${D}.store.label`)}
          testId="dashboard-store"
        />
        {data && (
          <Typography variant="body2" color="text.secondary" sx={{ width: "100%" }} data-testid="dashboard-summary">
            {translate(`${D}.summary`, { from: data.from, to: data.to, timeZone: data.timeZone })}
          </Typography>
        )}
      </CardContent>
      {loading && <LinearProgress data-testid="dashboard-loading" />}
    </Card>
  );
}
