/**
 * When and how often (运行与周期): the local hour the daily jobs run, the
 * lifecycle thresholds (days without a visit: active → silent → sleeping →
 * lost) and the day of the month tiers are reviewed.
 */
import { Box, Typography } from "@mui/material";
import { NumberInput, SelectInput, useTranslate } from "react-admin";
import type { FieldValues } from "react-hook-form";
import { Group } from "../loyalty/Group";
import { useSaveAutomationSection, type AutomationSettings } from "./api";
import { narrow, row, SectionForm } from "./SectionForm";
import { lifecycleDays, whole } from "./validation";

const A = "resources.automations";

const hours = Array.from({ length: 24 }, (_, hour) => ({ id: hour, name: `${String(hour).padStart(2, "0")}:00` }));

export function ScheduleForm({ settings, readOnly }: { settings: AutomationSettings; readOnly: boolean }) {
  const save = useSaveAutomationSection("schedule");
  const record = {
    jobHour: settings.jobHour,
    lifecycle: settings.lifecycle,
    tierReviewDayOfMonth: settings.tierReviewDayOfMonth,
  };
  const submit = (values: FieldValues) =>
    save({ jobHour: values.jobHour, lifecycle: values.lifecycle, tierReviewDayOfMonth: values.tierReviewDayOfMonth });

  return (
    <SectionForm record={record} onSubmit={submit} readOnly={readOnly} testId="schedule-automation">
      <RunGroup readOnly={readOnly} />
      <LifecycleGroup readOnly={readOnly} />
    </SectionForm>
  );
}

/** The hour the daily jobs run and the day of the month tiers are reviewed. */
function RunGroup({ readOnly }: { readOnly: boolean }) {
  const translate = useTranslate();
  const days = Array.from({ length: 28 }, (_, index) => ({
    id: index + 1,
    name: translate("resources.loyalty.day_of_month", { day: index + 1 }),
  }));
  return (
    <Group title={`${A}.sections.run`}>
      <Box sx={row}>
        <SelectInput
          source="jobHour"
          label={`${A}.fields.jobHour`}
          helperText={`${A}.hints.jobHour`}
          choices={hours}
          translateChoice={false}
          validate={whole(0, 23)}
          readOnly={readOnly}
          {...narrow}
        />
        <SelectInput
          source="tierReviewDayOfMonth"
          label={`${A}.fields.tierReviewDayOfMonth`}
          helperText={`${A}.hints.tierReviewDayOfMonth`}
          choices={days}
          translateChoice={false}
          validate={whole(1, 28)}
          readOnly={readOnly}
          {...narrow}
        />
      </Box>
    </Group>
  );
}

/** The days without a visit after which a member turns silent, sleeping, then lost. */
function LifecycleGroup({ readOnly }: { readOnly: boolean }) {
  const translate = useTranslate();
  return (
    <Group title={`${A}.sections.lifecycle`}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(`${A}.hints.lifecycle`)}
      </Typography>
      <Box sx={row}>
        <NumberInput
          source="lifecycle.silentDays"
          label={`${A}.fields.silentDays`}
          step={1}
          validate={lifecycleDays("silentDays")}
          readOnly={readOnly}
          {...narrow}
        />
        <NumberInput
          source="lifecycle.sleepingDays"
          label={`${A}.fields.sleepingDays`}
          step={1}
          validate={lifecycleDays("sleepingDays")}
          readOnly={readOnly}
          {...narrow}
        />
        <NumberInput
          source="lifecycle.lostDays"
          label={`${A}.fields.lostDays`}
          step={1}
          validate={lifecycleDays("lostDays")}
          readOnly={readOnly}
          {...narrow}
        />
      </Box>
    </Group>
  );
}
