/** The member page's wallet: coupons, stored value and referral, one tab each. */
import { Box, Card, CardContent, Tab, Tabs, Typography } from "@mui/material";
import { useState } from "react";
import { useRecordContext, useTranslate } from "react-admin";
import type { MemberRecord } from "../fields";
import { CouponWallet } from "./CouponWallet";
import { ReferralPanel } from "./ReferralPanel";
import { StoredValuePanel } from "./StoredValuePanel";

const TABS = ["coupons", "stored_value", "referral"] as const;
type TabName = (typeof TABS)[number];

export function MemberWallet() {
  const record = useRecordContext<MemberRecord>();
  const translate = useTranslate();
  const [tab, setTab] = useState<TabName>("coupons");
  if (!record) return null;
  return (
    <Card variant="outlined" data-testid="wallet-section">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate("resources.members.wallet.title")}
        </Typography>
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
              label={translate(`resources.members.wallet.tabs.${name}`)}
              data-testid={`wallet-tab-${name}`}
            />
          ))}
        </Tabs>
        <Box>
          {tab === "coupons" && <CouponWallet member={record} />}
          {tab === "stored_value" && <StoredValuePanel member={record} />}
          {tab === "referral" && <ReferralPanel member={record} />}
        </Box>
      </CardContent>
    </Card>
  );
}
