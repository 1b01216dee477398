/**
 * An SMS template input: the text, the variables this message may use (a
 * click puts one at the end), and a live preview of what a member would
 * receive, with the merchant's signature and the 回复TD退订 line.
 */
import { Box, Chip, Paper, Stack, Tooltip, Typography } from "@mui/material";
import { type FieldValues, useFormContext, useWatch } from "react-hook-form";
import { TextInput, useTranslate, useWrappedSource } from "react-admin";
import { addDays, localDate } from "../../../functions/core/time";
import { useMerchant } from "../merchant/useMerchant";
import { useAutomationSettings } from "./api";
import type { Message } from "../loyalty/validation";
import { previewSms, templateError, type TemplateVariable } from "./templates";

const A = "resources.automations";

export interface TemplateInputProps {
  source: string;
  label: string;
  variables: readonly TemplateVariable[];
  readOnly?: boolean;
  /** The template may be left empty (a campaign without SMS). */
  optional?: boolean;
  /** Sample values for this message: {days} of a wake-up step, the coupon it gives. */
  sample?: Partial<Record<TemplateVariable, string | number>>;
  /** The sample {date} is today plus this many days (a reminder's expiry date, a greeting's birthday). */
  dateOffset?: number;
  /** False when no coupon goes with the message: {coupon} and {couponCode} come out empty, and the preview says so. */
  couponGiven?: boolean;
  /** A further check with the form's other values (a campaign needs an SMS, a coupon or a multiplier). */
  validate?: (value: unknown, all: FieldValues) => Message | undefined;
}

export function TemplateInput({
  source,
  label,
  variables,
  readOnly = false,
  optional = false,
  sample = {},
  dateOffset = 0,
  couponGiven = true,
  validate,
}: TemplateInputProps) {
  const translate = useTranslate();
  const path = useWrappedSource(source);
  const body = (useWatch({ name: path }) as string | null | undefined) ?? "";
  const { setValue, getValues } = useFormContext();
  const { data: settings } = useAutomationSettings();
  const merchant = useMerchant().data;
  const timeZone = merchant?.timeZone ?? "Asia/Shanghai";

  const insert = (variable: TemplateVariable) => {
    const current = (getValues(path) as string | null | undefined) ?? "";
    setValue(path, `${current}{${variable}}`, { shouldDirty: true, shouldValidate: true });
  };
  const values: Partial<Record<TemplateVariable, string | number>> = {
    name: translate(`${A}.sample.name`),
    merchant: merchant?.name ?? "",
    coupon: translate(`${A}.sample.coupon`),
    couponCode: "K7Q2M9XC",
    days: 30,
    date: addDays(localDate(new Date().toISOString(), timeZone), dateOffset),
    tier: translate(`${A}.sample.tier`),
    ...sample,
    ...(couponGiven ? {} : { coupon: "", couponCode: "" }),
  };
  const emptyCoupon = !couponGiven && /\{coupon(Code)?\}/.test(body);
  const preview = body.trim() ? previewSms(body, values, settings?.sms.signature ?? "") : undefined;

  return (
    <Box sx={{ mb: 1 }}>
      <TextInput
        source={source}
        label={label}
        multiline
        minRows={2}
        fullWidth
        readOnly={readOnly}
        validate={(value: unknown, all: FieldValues) => templateError(value, !optional) ?? validate?.(value, all)}
        helperText={false}
      />
      {!readOnly && <VariableChips variables={variables} onInsert={insert} />}
      {preview && <SmsPreview preview={preview} emptyCoupon={emptyCoupon} />}
    </Box>
  );
}

/** The variables this message may use, each put at the end of the text by a click. */
function VariableChips({
  variables,
  onInsert,
}: {
  variables: readonly TemplateVariable[];
  onInsert: (variable: TemplateVariable) => void;
}) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", alignItems: "center", rowGap: 1, mb: 1 }}>
      <Typography variant="caption" color="text.secondary">
        {translate(`${A}.template.variables`)}
      </Typography>
      {variables.map((variable) => (
        <Tooltip key={variable} title={translate(`${A}.template.vars.${variable}`)}>
          <Chip
            size="small"
            variant="outlined"
            label={`{${variable}}`}
            onClick={() => onInsert(variable)}
            data-testid={`variable-${variable}`}
          />
        </Tooltip>
      ))}
    </Stack>
  );
}

/** What a member would receive, its length and parts, and a warning when it names a coupon none goes with. */
function SmsPreview({ preview, emptyCoupon }: { preview: ReturnType<typeof previewSms>; emptyCoupon: boolean }) {
  const translate = useTranslate();
  return (
    <Paper variant="outlined" sx={{ p: 1.5, bgcolor: "action.hover", maxWidth: 560 }}>
      <Typography variant="caption" color="text.secondary">
        {translate(`${A}.template.preview`)}
      </Typography>
      <Typography variant="body2" sx={{ whiteSpace: "pre-wrap" }} data-testid="sms-preview">
        {preview.text}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate(`${A}.template.parts`, { length: preview.length, count: preview.parts })}
      </Typography>
      {emptyCoupon && (
        <Typography variant="caption" color="warning.main" sx={{ display: "block" }} data-testid="sms-no-coupon">
          {translate(`${A}.template.no_coupon`)}
        </Typography>
      )}
    </Paper>
  );
}
