/** The attribution window of holdout results: a purchase within 7, 14 or 30 days of being acted on counts. */
import { ToggleButton, ToggleButtonGroup } from "@mui/material";
import { useTranslate } from "react-admin";
import { WINDOWS, type AttributionDays } from "./api";

const H = "resources.holdouts";

export function WindowPicker({
  value,
  onChange,
}: {
  value: AttributionDays;
  onChange: (days: AttributionDays) => void;
}) {
  const translate = useTranslate();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      // A click on the window already chosen answers null: keep it.
      onChange={(_, days: AttributionDays | null) => days && onChange(days)}
      aria-label={translate(`${H}.window.label`)}
    >
      {WINDOWS.map((days) => (
        <ToggleButton key={days} value={days} data-testid={`holdout-window-${days}`}>
          {translate(`${H}.window.days`, { days })}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
