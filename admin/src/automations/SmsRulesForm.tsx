/**
 * SMS rules (短信规则) every automation and campaign obeys: quiet hours that
 * defer (never drop) a message, the monthly cap per member, and the
 * signature put in front. Saved with updateAutomationSettings({ sms }).
 */
import { Alert, Box, Typography } from "@mui/material";
import { NumberInput, TextInput, useTranslate } from "react-admin";
import type { FieldValues } from "react-hook-form";
import { Group } from "../loyalty/Group";
import { useSaveAutomationSection, type AutomationSettings } from "./api";
import { narrow, row, SectionForm } from "./SectionForm";
import { signature, timeOfDay, whole } from "./validation";

const A = "resources.automations";

/** The rules as the form holds them, as the API takes them (the signature trimmed). */
const smsRules = (values: FieldValues) => ({
  quietStart: values.quietStart,
  quietEnd: values.quietEnd,
  monthlyCap: values.monthlyCap,
  signature: (values.signature ?? "").trim(),
});

export function SmsRulesForm({ sms, readOnly }: { sms: AutomationSettings["sms"]; readOnly: boolean }) {
  const translate = useTranslate();
  const save = useSaveAutomationSection("sms");
  const submit = (values: FieldValues) => save({ sms: smsRules(values) });

  return (
    <SectionForm record={sms} onSubmit={submit} readOnly={readOnly} testId="sms-rules">
      <Group title={`${A}.sections.quiet_hours`}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate(`${A}.hints.quiet_hours`)}
        </Typography>
        <Box sx={row}>
          <TextInput
            source="quietStart"
            type="time"
            label={`${A}.fields.quietStart`}
            validate={timeOfDay}
            readOnly={readOnly}
            {...narrow}
          />
          <TextInput
            source="quietEnd"
            type="time"
            label={`${A}.fields.quietEnd`}
            validate={timeOfDay}
            readOnly={readOnly}
            {...narrow}
          />
        </Box>
      </Group>
      <Group title={`${A}.sections.limits`}>
        <Box sx={row}>
          <NumberInput
            source="monthlyCap"
            label={`${A}.fields.monthlyCap`}
            helperText={`${A}.hints.monthlyCap`}
            step={1}
            validate={whole(0, 100)}
            readOnly={readOnly}
            {...narrow}
          />
          <TextInput
            source="signature"
            label={`${A}.fields.signature`}
            helperText={`${A}.hints.signature`}
            validate={signature}
            readOnly={readOnly}
            {...narrow}
          />
        </Box>
      </Group>
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate(`${A}.hints.compliance`)}
      </Alert>
    </SectionForm>
  );
}
