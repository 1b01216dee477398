/**
 * 积分与等级: the merchant's points rules, tier ladder and check-in rules, one
 * tab each, each saved on its own. Owners change them; managers read them.
 */
import { Alert, Box, Card, CardContent, LinearProgress, Tab, Tabs } from "@mui/material";
import { useState } from "react";
import { ResourceContextProvider, Title, usePermissions, useTranslate } from "react-admin";
import { isOwner, type Permissions } from "../auth/permissions";
import { CheckinRulesForm } from "./CheckinRulesForm";
import { PointsRulesForm } from "./PointsRulesForm";
import { TierLadderForm } from "./TierLadderForm";
import { useLoyaltyConfig, type Section } from "./useLoyaltyConfig";

const L = "resources.loyalty";
const TABS: Section[] = ["rules", "tiers", "checkin"];

export function LoyaltyPage() {
  const translate = useTranslate();
  const { permissions } = usePermissions<Permissions>();
  const readOnly = !isOwner(permissions);
  const { data: config, error, isPending } = useLoyaltyConfig();
  const [tab, setTab] = useState<Section>("rules");

  return (
    // Inputs and array iterators want a resource; labels live under resources.loyalty.
    <ResourceContextProvider value="loyalty">
      <Card sx={{ mt: 2 }}>
        <Title title={`${L}.name`} />
        <Tabs
          value={tab}
          onChange={(_, value: Section) => setTab(value)}
          sx={{ borderBottom: 1, borderColor: "divider" }}
        >
          {TABS.map((section) => (
            <Tab
              key={section}
              value={section}
              label={translate(`${L}.tabs.${section}`)}
              data-testid={`loyalty-tab-${section}`}
            />
          ))}
        </Tabs>
        <CardContent>
          {readOnly && (
            <Alert severity="info" sx={{ mb: 2 }} data-testid="loyalty-read-only">
              {translate(`${L}.read_only`)}
            </Alert>
          )}
          {isPending && <LinearProgress />}
          {error && (
            <Alert severity="error">
              {translate(`${L}.load_failed`, {
                error: translate((error as Error).message, { _: (error as Error).message }),
              })}
            </Alert>
          )}
          {config && (
            <>
              {/* Hidden, not unmounted: unsaved edits in one tab survive a look at another. */}
              <Box hidden={tab !== "rules"}>
                <PointsRulesForm rules={config.rules} readOnly={readOnly} />
              </Box>
              <Box hidden={tab !== "tiers"}>
                <TierLadderForm ladder={config.ladder} readOnly={readOnly} />
              </Box>
              <Box hidden={tab !== "checkin"}>
                <CheckinRulesForm checkin={config.checkin} readOnly={readOnly} />
              </Box>
            </>
          )}
        </CardContent>
      </Card>
    </ResourceContextProvider>
  );
}
