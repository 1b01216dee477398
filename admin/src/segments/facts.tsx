/** A member's lifecycle stage and RFM as the console shows them (segment previews, the member page). */
import { Chip, Tooltip, Typography } from "@mui/material";
import { useTranslate } from "react-admin";

const S = "resources.segments";

const STAGE_COLOR: Record<string, "info" | "success" | "warning" | "default" | "error"> = {
  new: "info",
  active: "success",
  silent: "warning",
  sleeping: "default",
  lost: "error",
};

export interface Rfm {
  r: number;
  f: number;
  m: number;
  class: string;
  frequencyClass?: string;
}

export function StageChip({ stage }: { stage: string }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={STAGE_COLOR[stage] ?? "default"}
      label={translate(`${S}.stage.${stage}`, { _: stage })}
      data-testid="stage-chip"
    />
  );
}

/** 重要发展 · R4 F2 M3, the scores explained on hover. */
export function RfmText({ rfm }: { rfm: Rfm }) {
  const translate = useTranslate();
  const scores = `R${rfm.r} F${rfm.f} M${rfm.m}`;
  return (
    <Tooltip title={translate(`${S}.rfm_scores`, { r: rfm.r, f: rfm.f, m: rfm.m })}>
      <Typography component="span" variant="body2" data-testid="rfm-text">
        {translate(`${S}.rfm_class.${rfm.class}`, { _: rfm.class })}
        <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1, fontFamily: "monospace" }}>
          {scores}
        </Typography>
      </Typography>
    </Tooltip>
  );
}
