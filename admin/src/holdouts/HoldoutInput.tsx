/**
 * The holdout share of an automation step or a campaign (a whole percent, 0–50; 0 turns the holdout off), with
 * one sentence beside it on what the share buys and what it costs. Used inside a form, or a form iterator's item.
 */
import { Box, Typography } from "@mui/material";
import { NumberInput, useTranslate, useWrappedSource } from "react-admin";
import { useWatch } from "react-hook-form";
import { holdoutPercent, MAX_HOLDOUT_PERCENT } from "./percent";

const H = "resources.holdouts";

/** What is held out: an automation's message, or a campaign (its SMS and coupon). */
export type HoldoutSubject = "message" | "campaign";

/** The trade-off in one sentence, for the share typed so far. */
function hintFor(subject: HoldoutSubject, percent: unknown): { key: string; percent?: number } {
  if (percent === 0) return { key: `${H}.hints.${subject}_off` };
  return holdoutPercent(percent)
    ? { key: `${H}.hints.${subject}_any` }
    : { key: `${H}.hints.${subject}`, percent: percent as number };
}

export function HoldoutInput({ subject, readOnly = false }: { subject: HoldoutSubject; readOnly?: boolean }) {
  const translate = useTranslate();
  const percent = useWatch({ name: useWrappedSource("holdoutPercent") });
  const hint = hintFor(subject, percent);
  return (
    <Box sx={{ display: "flex", flexWrap: "wrap", columnGap: 2, alignItems: "flex-start" }}>
      <NumberInput
        source="holdoutPercent"
        label={`${H}.fields.holdoutPercent`}
        helperText={`${H}.hints.range`}
        step={1}
        validate={holdoutPercent}
        readOnly={readOnly}
        fullWidth={false}
        sx={{ width: 200 }}
      />
      <Typography
        variant="body2"
        color="text.secondary"
        sx={{ flex: "1 1 320px", maxWidth: 640, mt: 1.5 }}
        data-testid="holdout-hint"
      >
        {translate(hint.key, { percent: hint.percent, max: MAX_HOLDOUT_PERCENT })}
      </Typography>
    </Box>
  );
}
