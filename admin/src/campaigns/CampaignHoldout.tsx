/**
 * A campaign against its holdout group (campaignHoldoutResults): the members it reached beside those it held out,
 * over the attribution window picked (7, 14 or 30 days), and what it brought beyond what they did anyway.
 */
import { Alert, Box, Typography } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { DEFAULT_WINDOW, useCampaignHoldoutResults, type AttributionDays } from "../holdouts/api";
import { HoldoutComparison } from "../holdouts/HoldoutComparison";
import { WindowPicker } from "../holdouts/WindowPicker";
import { errorMessage } from "../members/loyalty/api";

const H = "resources.holdouts";

export function CampaignHoldout({ id }: { id: string }) {
  const translate = useTranslate();
  const [days, setDays] = useState<AttributionDays>(DEFAULT_WINDOW);
  const results = useCampaignHoldoutResults(id, days);
  return (
    <Box component="section" data-testid="campaign-holdout">
      <Box sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {translate(`${H}.title`)}
        </Typography>
        <WindowPicker value={days} onChange={setDays} />
      </Box>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ my: 1 }}>
        {translate(`${H}.campaign_hint`)}
      </Typography>
      {results.error && <Alert severity="error">{errorMessage(results.error)}</Alert>}
      {results.data && <HoldoutComparison results={results.data} />}
    </Box>
  );
}
