/** An estimate as "N (± M)", its interval on hover; a narrow cell breaks before the "(±" only. */
import { Box } from "@mui/material";
import { useTranslate } from "react-admin";
import type { HoldoutEstimate } from "./api";
import { estimateParts, formatInterval } from "./format";

const nowrap = { whiteSpace: "nowrap" } as const;

export function EstimateText({ estimate, money = false }: { estimate: HoldoutEstimate | null; money?: boolean }) {
  const translate = useTranslate();
  const parts = estimateParts(estimate, money);
  if (!parts) return <>—</>;
  return (
    <span title={translate("resources.holdouts.interval", { interval: formatInterval(estimate, money) })}>
      <Box component="span" sx={nowrap}>
        {parts[0]}
      </Box>{" "}
      <Box component="span" sx={nowrap}>
        {parts[1]}
      </Box>
    </span>
  );
}
