/**
 * 自动化营销: the daily automations (SMS rules, birthday care, the wake-up
 * ladder, coupon-expiry reminders, when the jobs run and the lifecycle
 * thresholds) and the segmentation rules, one tab each, each saved on its
 * own, and what the automations brought against their holdout groups (效果对比,
 * read when its tab opens; `?tab=results` opens it). Owners change them; managers read them.
 */
import { Alert, Box, Card, CardContent, LinearProgress, Tab, Tabs } from "@mui/material";
import { useState } from "react";
import { ResourceContextProvider, Title, usePermissions, useTranslate } from "react-admin";
import { useSearchParams } from "react-router-dom";
import { isOwner, type Permissions } from "../auth/permissions";
import { useAutomationSettings, useSegmentationSettings, type AutomationSettings, type Section } from "./api";
import { AutomationResults } from "./AutomationResults";
import { BirthdayForm, CouponExpiryForm } from "./MessageForms";
import { ScheduleForm } from "./ScheduleForm";
import { SegmentationForm } from "./SegmentationForm";
import { SmsRulesForm } from "./SmsRulesForm";
import { WakeupForm } from "./WakeupForm";

const A = "resources.automations";
type PageTab = Section | "results";
const TABS: PageTab[] = ["wakeup", "birthday", "couponExpiry", "sms", "schedule", "segmentation", "results"];
const isTab = (value: string | null): value is PageTab => TABS.includes(value as PageTab);

export function AutomationsPage() {
  const translate = useTranslate();
  const { permissions } = usePermissions<Permissions>();
  const readOnly = !isOwner(permissions);
  const automation = useAutomationSettings();
  const segmentation = useSegmentationSettings();
  const [params] = useSearchParams();
  const asked = params.get("tab");
  const [tab, setTab] = useState<PageTab>(isTab(asked) ? asked : "wakeup");
  const error = automation.error ?? segmentation.error;
  const settings = automation.data;

  return (
    <ResourceContextProvider value="automations">
      <Card sx={{ mt: 2 }}>
        <Title title={`${A}.name`} />
        <SectionTabs tab={tab} onChange={setTab} />
        <CardContent>
          {readOnly && (
            <Alert severity="info" sx={{ mb: 2 }} data-testid="automations-read-only">
              {translate(`${A}.read_only`)}
            </Alert>
          )}
          {(automation.isPending || segmentation.isPending) && <LinearProgress />}
          {error && (
            <Alert severity="error">
              {translate(`${A}.load_failed`, {
                error: translate((error as Error).message, { _: (error as Error).message }),
              })}
            </Alert>
          )}
          {settings && <AutomationForms settings={settings} tab={tab} readOnly={readOnly} />}
          {segmentation.data && (
            <Box hidden={tab !== "segmentation"}>
              <SegmentationForm settings={segmentation.data} readOnly={readOnly} />
            </Box>
          )}
          {tab === "results" && <AutomationResults />}
        </CardContent>
      </Card>
    </ResourceContextProvider>
  );
}

/** One tab per section. */
function SectionTabs({ tab, onChange }: { tab: PageTab; onChange: (tab: PageTab) => void }) {
  const translate = useTranslate();
  return (
    <Tabs
      value={tab}
      onChange={(_, value: PageTab) => onChange(value)}
      variant="scrollable"
      sx={{ borderBottom: 1, borderColor: "divider" }}
    >
      {TABS.map((section) => (
        <Tab
          key={section}
          value={section}
          label={translate(`${A}.tabs.${section}`)}
          data-testid={`automation-tab-${section}`}
        />
      ))}
    </Tabs>
  );
}

/** The daily automations' forms, the open tab's shown. */
function AutomationForms({
  settings,
  tab,
  readOnly,
}: {
  settings: AutomationSettings;
  tab: PageTab;
  readOnly: boolean;
}) {
  return (
    <>
      {/* Hidden, not unmounted: unsaved edits in one tab survive a look at another. */}
      <Box hidden={tab !== "wakeup"}>
        <WakeupForm wakeup={settings.wakeup} readOnly={readOnly} />
      </Box>
      <Box hidden={tab !== "birthday"}>
        <BirthdayForm birthday={settings.birthday} readOnly={readOnly} />
      </Box>
      <Box hidden={tab !== "couponExpiry"}>
        <CouponExpiryForm couponExpiry={settings.couponExpiry} readOnly={readOnly} />
      </Box>
      <Box hidden={tab !== "sms"}>
        <SmsRulesForm sms={settings.sms} readOnly={readOnly} />
      </Box>
      <Box hidden={tab !== "schedule"}>
        <ScheduleForm settings={settings} readOnly={readOnly} />
      </Box>
    </>
  );
}
