/**
 * An SMS template input: the text with its variables as words the owner reads (【会员姓名】, see templateChips), the
 * variables this message may use as chips (a click puts one at the cursor), and a live preview of what a member
 * would receive, with the merchant's signature and the 回复TD退订 line, its length and billed parts. The form holds
 * (and the API gets) the template with {name} placeholders.
 */
import { Box, Chip, Paper, Stack, Tooltip, Typography } from "@mui/material";
import { type ChangeEvent, useLayoutEffect, useRef } from "react";
import { type FieldValues, useFormContext, useWatch } from "react-hook-form";
import { TextInput, useTranslate, useWrappedSource } from "react-admin";
import { addDays, localDate } from "../../../functions/core/time";
import { TEMPLATE_VARIABLES } from "../../../functions/core/messaging/sms";
import { useMerchant } from "../merchant/useMerchant";
import { useAutomationSettings } from "./api";
import type { Message } from "../loyalty/validation";
import { formatTemplate, insertToken, parseTemplate, strayTokens, type Tokens } from "./templateChips";
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

/** The variables' tokens in the console's locale. */
export function useTemplateTokens(): Tokens {
  const translate = useTranslate();
  return Object.fromEntries(
    TEMPLATE_VARIABLES.map((variable) => [variable, translate(`${A}.template.tokens.${variable}`)]),
  ) as Tokens;
}

/**
 * The text box shows tokens and the form keeps placeholders: typing a placeholder ({name}) turns it into its token,
 * and a chip puts one at the cursor (at the end before the box was ever used); the caret stays where the owner was.
 */
function useTokenEditor(path: string, tokens: Tokens, body: string) {
  const { setValue, getValues } = useFormContext();
  const box = useRef<HTMLDivElement>(null);
  const used = useRef(false);
  const caret = useRef<number | null>(null);
  const textarea = () => box.current?.querySelector<HTMLTextAreaElement>(`textarea[name="${CSS.escape(path)}"]`);
  const shown = (value: unknown) => (typeof value === "string" ? formatTemplate(value, tokens) : "");

  useLayoutEffect(() => {
    const element = textarea();
    if (caret.current === null || !element) return;
    if (element.value === shown(body)) {
      element.focus();
      element.setSelectionRange(caret.current, caret.current);
    }
    caret.current = null;
  });

  const insert = (variable: TemplateVariable) => {
    const text = shown(getValues(path));
    const element = textarea();
    const [start, end] = used.current && element ? [element.selectionStart, element.selectionEnd] : [text.length, -1];
    const next = insertToken(text, tokens[variable], start, end < 0 ? text.length : end);
    caret.current = next.caret;
    used.current = true;
    setValue(path, parseTemplate(next.text, tokens), { shouldDirty: true, shouldValidate: true });
  };
  // A placeholder typed by hand becomes its token: keep the caret after what was typed, not at the end.
  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    const { value, selectionStart } = event.target;
    if (shown(parseTemplate(value, tokens)) !== value)
      caret.current = shown(parseTemplate(value.slice(0, selectionStart), tokens)).length;
  };
  const inputProps = {
    format: shown,
    parse: (text: string) => (text === "" ? null : parseTemplate(text, tokens)),
    onChange,
    onFocus: () => {
      used.current = true;
    },
  };
  return { box, insert, inputProps };
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
  const path = useWrappedSource(source);
  const body = (useWatch({ name: path }) as string | null | undefined) ?? "";
  const tokens = useTemplateTokens();
  const { box, insert, inputProps } = useTokenEditor(path, tokens, body);
  const { data: settings } = useAutomationSettings();
  const values = useSampleValues(sample, dateOffset, couponGiven);
  const signature = settings?.sms.signature ?? "";
  const emptyCoupon = !couponGiven && /\{coupon(Code)?\}/.test(body);
  const preview = body.trim() ? previewSms(body, values, signature) : undefined;

  return (
    <Box sx={{ mb: 1 }} ref={box}>
      <TextInput
        source={source}
        label={label}
        multiline
        minRows={2}
        fullWidth
        readOnly={readOnly}
        validate={(value: unknown, all: FieldValues) => templateError(value, !optional) ?? validate?.(value, all)}
        helperText={readOnly ? false : `${A}.template.hint`}
        {...inputProps}
      />
      {!readOnly && <VariableChips variables={variables} tokens={tokens} onInsert={insert} />}
      {preview && (
        <SmsPreview
          preview={preview}
          emptyCoupon={emptyCoupon ? tokens : undefined}
          stray={strayTokens(formatTemplate(body, tokens), tokens, signature)}
        />
      )}
    </Box>
  );
}

/** What the preview fills the variables with: samples in the console's language, the merchant's name, a date. */
function useSampleValues(
  sample: Partial<Record<TemplateVariable, string | number>>,
  dateOffset: number,
  couponGiven: boolean,
): Partial<Record<TemplateVariable, string | number>> {
  const translate = useTranslate();
  const merchant = useMerchant().data;
  const timeZone = merchant?.timeZone ?? "Asia/Shanghai";
  return {
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
}

/** The variables this message may use, each shown as its token and put at the cursor by a click. */
function VariableChips({
  variables,
  tokens,
  onInsert,
}: {
  variables: readonly TemplateVariable[];
  tokens: Tokens;
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
            label={tokens[variable]}
            // Keep the text box's selection: the chip is clicked, not focused away from the caret.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onInsert(variable)}
            data-testid={`variable-${variable}`}
          />
        </Tooltip>
      ))}
    </Stack>
  );
}

/**
 * What a member would receive, its length and parts (the API's own count), a warning when it names a coupon none goes
 * with, and bracketed text that is not a variable.
 */
function SmsPreview({
  preview,
  emptyCoupon,
  stray,
}: {
  preview: ReturnType<typeof previewSms>;
  emptyCoupon?: Tokens;
  stray: string[];
}) {
  const translate = useTranslate();
  const warning = { display: "block" } as const;
  return (
    <Paper variant="outlined" sx={{ p: 1.5, bgcolor: "action.hover", maxWidth: 560 }}>
      <Typography variant="caption" color="text.secondary">
        {translate(`${A}.template.preview`)}
      </Typography>
      <Typography variant="body2" sx={{ whiteSpace: "pre-wrap" }} data-testid="sms-preview">
        {preview.text}
      </Typography>
      <Typography
        variant="caption"
        color="text.secondary"
        data-testid="sms-parts"
        data-length={preview.length}
        data-parts={preview.parts}
      >
        {translate(`${A}.template.parts`, { length: preview.length, count: preview.parts })}
      </Typography>
      {emptyCoupon && (
        <Typography variant="caption" color="warning.main" sx={warning} data-testid="sms-no-coupon">
          {translate(`${A}.template.no_coupon`, { coupon: emptyCoupon.coupon, couponCode: emptyCoupon.couponCode })}
        </Typography>
      )}
      {stray.map((text) => (
        <Typography key={text} variant="caption" color="warning.main" sx={warning} data-testid="sms-stray-token">
          {translate(`${A}.template.stray`, { text })}
        </Typography>
      ))}
    </Paper>
  );
}
