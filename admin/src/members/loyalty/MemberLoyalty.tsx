/**
 * The member page's loyalty part: the account at a glance, the till actions
 * (record a purchase, check in) and tabs for orders (with refunds), the
 * points ledger (with adjustments and rewards), the tier and rewards taken.
 */
import { Alert, Box, Card, CardContent, Stack, Tab, Tabs, Typography } from "@mui/material";
import { useState } from "react";
import { useRecordContext, useTranslate } from "react-admin";
import type { MemberRecord } from "../fields";
import { AccountSummary } from "./AccountSummary";
import { errorMessage, useLoyaltyConfig, useLoyaltyPermissions, useMemberAccount } from "./api";
import { CheckInButton } from "./CheckInButton";
import { OrdersTab } from "./OrdersTab";
import { PointsTab } from "./PointsTab";
import { RecordPurchaseButton } from "./RecordPurchaseDialog";
import { RedemptionsTab } from "./RedemptionsTab";
import { TierTab } from "./TierTab";

const TABS = ["orders", "points", "tiers", "redemptions"] as const;

/** The header's buttons: beside the title at the desk, sharing a full-width row under it on a phone. */
const TILL_ACTIONS = {
  alignItems: "center",
  flexWrap: "wrap",
  "& > button": { flex: { xs: "1 1 0", sm: "0 0 auto" } },
};
type TabName = (typeof TABS)[number];

export function MemberLoyalty() {
  const record = useRecordContext<MemberRecord>();
  const translate = useTranslate();
  const { canServe } = useLoyaltyPermissions();
  const account = useMemberAccount(record?.id);
  const config = useLoyaltyConfig();
  const [tab, setTab] = useState<TabName>("orders");
  if (!record) return null;

  return (
    <Card variant="outlined" data-testid="loyalty-section">
      <CardContent>
        {/* On a phone the title takes its own row and the till's buttons share the next one, full width. */}
        <Stack direction="row" spacing={1} useFlexGap sx={TILL_ACTIONS}>
          <Typography variant="h6" sx={{ flex: { xs: "1 1 100%", sm: 1 } }}>
            {translate("resources.members.loyalty.title")}
          </Typography>
          {canServe && config.data?.checkin.enabled && <CheckInButton memberId={record.id} />}
          {canServe && <RecordPurchaseButton account={account.data ?? undefined} />}
        </Stack>
        {account.error && <Alert severity="error">{errorMessage(account.error)}</Alert>}
        {account.data && <AccountSummary account={account.data} config={config.data} />}
        <Tabs
          value={tab}
          onChange={(_, value: TabName) => setTab(value)}
          variant="scrollable"
          scrollButtons="auto"
          allowScrollButtonsMobile
          sx={{ borderBottom: 1, borderColor: "divider", mb: 2 }}
        >
          {TABS.map((name) => (
            <Tab
              key={name}
              value={name}
              label={translate(`resources.members.loyalty.tabs.${name}`)}
              data-testid={`loyalty-tab-${name}`}
            />
          ))}
        </Tabs>
        <Box>
          {tab === "orders" && <OrdersTab memberId={record.id} />}
          {tab === "points" && <PointsTab memberId={record.id} account={account.data ?? undefined} />}
          {tab === "tiers" && <TierTab memberId={record.id} account={account.data ?? undefined} config={config.data} />}
          {tab === "redemptions" && <RedemptionsTab memberId={record.id} />}
        </Box>
      </CardContent>
    </Card>
  );
}
