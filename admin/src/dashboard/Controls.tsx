/**
 * The dashboard's controls: the period (7 / 30 / 90 days or custom) and the store (owners: chain or a store; managers:
 * their stores).
 */
import { Box, Button, MenuItem, TextField } from "@mui/material";
import { useGetList, useTranslate } from "react-admin";
import type { Permissions } from "../auth/permissions";
import { PRESETS, validRange, type Preset } from "./range";

const D = "resources.dashboard";

export interface Period {
  preset: Preset;
  from: string;
  to: string;
}

export function PeriodPicker({
  period,
  today,
  onChange,
}: {
  period: Period;
  today: string;
  onChange: (period: Period) => void;
}) {
  const translate = useTranslate();
  const invalid = !validRange(period.from, period.to);
  return (
    <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, alignItems: "center" }}>
      <Box role="group" aria-label={translate(`${D}.range.label`)} sx={{ display: "flex", flexWrap: "wrap", gap: 0.5 }}>
        {[...PRESETS, "custom" as const].map((preset) => (
          <Button
            key={preset}
            size="small"
            variant={period.preset === preset ? "contained" : "outlined"}
            aria-pressed={period.preset === preset}
            onClick={() => onChange({ ...period, preset })}
            data-testid={`dashboard-preset-${preset}`}
          >
            {preset === "custom" ? translate(`${D}.range.custom`) : translate(`${D}.range.days`, { days: preset })}
          </Button>
        ))}
      </Box>
      {period.preset === "custom" && (
        <>
          <TextField
            type="date"
            size="small"
            label={translate(`${D}.range.from`)}
            value={period.from}
            error={invalid}
            onChange={(event) => onChange({ ...period, from: event.target.value })}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today, "data-testid": "dashboard-from" } }}
          />
          <TextField
            type="date"
            size="small"
            label={translate(`${D}.range.to`)}
            value={period.to}
            error={invalid}
            helperText={invalid ? translate(`${D}.range.invalid`) : undefined}
            onChange={(event) => onChange({ ...period, to: event.target.value })}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { "data-testid": "dashboard-to" } }}
          />
        </>
      )}
    </Box>
  );
}

/** The stores the caller may pick; "" is everything in view (the chain, or all of a manager's stores). */
export function StorePicker({
  value,
  permissions,
  onChange,
  label,
  allLabel,
  testId,
}: {
  value: string;
  permissions: Permissions | undefined;
  onChange: (storeId: string) => void;
  label: string;
  allLabel?: string;
  testId: string;
}) {
  const translate = useTranslate();
  const { data: stores = [] } = useGetList<{ id: string; name: string }>("stores", {
    pagination: { page: 1, perPage: 100 },
    sort: { field: "name", order: "ASC" },
  });
  const mine = permissions?.storeIds;
  const visible = mine ? stores.filter((store) => mine.includes(store.id)) : stores;
  const all = allLabel ?? translate(mine ? `${D}.store.mine` : `${D}.store.chain`);
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      fullWidth={false}
      sx={{ minWidth: 220 }}
      slotProps={{ htmlInput: { "data-testid": testId }, select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">{all}</MenuItem>
      {visible.map((store) => (
        <MenuItem key={store.id} value={store.id}>
          {store.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
