/**
 * 唤醒效果 on the dashboard (owners and managers; clerks never ask): what the whole wake-up ladder brought against
 * its holdout groups (wakeupImpact, the default 14-day window, chain-wide): "唤醒短信带回 N 位会员 (± M)，增量营收 ¥X",
 * or that it cannot tell yet, with the members sent and held out; a link to each step's results.
 */
import { Box, Button, Card, CardContent, Typography } from "@mui/material";
import { usePermissions, useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import type { Permissions } from "../auth/permissions";
import { canReadResults, DEFAULT_WINDOW, useWakeupImpact, type HoldoutResults } from "../holdouts/api";
import { formatCount, formatMoney, halfWidth } from "../holdouts/format";

const W = "resources.dashboard.wakeup";

/** The card's sentence: what the ladder brought, or that it is too soon to tell. */
function useImpactSentence() {
  const translate = useTranslate();
  return (results: HoldoutResults) => {
    const conversions = results.incrementalConversions;
    if (results.verdict === "TOO_FEW" || results.verdict === "UNCLEAR" || !conversions)
      return translate(`${W}.unknown`);
    const figures = {
      members: formatCount(Math.abs(conversions.value)),
      margin: formatCount(halfWidth(conversions)),
      revenue: formatMoney(results.incrementalRevenue?.value ?? 0),
    };
    return translate(results.verdict === "NEGATIVE" ? `${W}.fewer` : `${W}.brought`, figures);
  };
}

export function WakeupImpactCard() {
  const translate = useTranslate();
  const { permissions } = usePermissions<Permissions>();
  const { data } = useWakeupImpact(DEFAULT_WINDOW, canReadResults(permissions));
  const sentence = useImpactSentence();
  if (!data) return null;
  return (
    <Card variant="outlined" data-testid="dashboard-wakeup-impact" data-verdict={data.verdict}>
      <CardContent sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 2, "&:last-child": { pb: 2 } }}>
        <Box sx={{ flex: "1 1 320px" }}>
          <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600 }} data-testid="wakeup-impact-text">
            {sentence(data)}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="p" data-testid="wakeup-impact-counts">
            {translate(`${W}.counts`, {
              treated: formatCount(data.treated),
              heldOut: formatCount(data.heldOut),
              days: data.attributionDays,
            })}
          </Typography>
          {data.holdoutPercent === 0 && (
            <Typography variant="caption" color="text.secondary" component="p">
              {translate(`${W}.off`)}
            </Typography>
          )}
        </Box>
        <Button size="small" component={Link} to="/automations?tab=results" data-testid="wakeup-impact-details">
          {translate(`${W}.details`)}
        </Button>
      </CardContent>
    </Card>
  );
}
