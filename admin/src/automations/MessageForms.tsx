/**
 * Birthday care (生日关怀) and coupon-expiry reminders (券到期提醒): on or
 * off, how many days ahead, the message, and the share of members held out
 * to measure it. Each saved with updateAutomationSettings({ birthday }) or
 * ({ couponExpiry }).
 */
import { Alert, Box } from "@mui/material";
import { type FieldValues, useWatch } from "react-hook-form";
import { BooleanInput, NumberInput, useTranslate } from "react-admin";
import { HoldoutInput } from "../holdouts/HoldoutInput";
import { useSaveAutomationSection, type AutomationSettings } from "./api";
import { narrow, SectionForm } from "./SectionForm";
import { TemplateInput } from "./TemplateInput";
import { VARIABLES_FOR } from "./templates";
import { whole } from "./validation";

const A = "resources.automations";

/** The message of a section whose {date} lies daysBefore ahead. */
function AheadTemplate({
  variables,
  readOnly,
}: {
  variables: (typeof VARIABLES_FOR)[keyof typeof VARIABLES_FOR];
  readOnly: boolean;
}) {
  const daysBefore = useWatch({ name: "daysBefore" });
  return (
    <TemplateInput
      source="body"
      label={`${A}.fields.body`}
      variables={variables}
      readOnly={readOnly}
      dateOffset={Number.isSafeInteger(daysBefore) ? daysBefore : 0}
    />
  );
}

export function BirthdayForm({ birthday, readOnly }: { birthday: AutomationSettings["birthday"]; readOnly: boolean }) {
  const save = useSaveAutomationSection("birthday");
  const submit = (values: FieldValues) =>
    save({
      birthday: {
        enabled: Boolean(values.enabled),
        daysBefore: values.daysBefore,
        body: (values.body ?? "").trim(),
        sendCoupon: Boolean(values.sendCoupon),
        holdoutPercent: values.holdoutPercent,
      },
    });

  return (
    <SectionForm record={birthday} onSubmit={submit} readOnly={readOnly} testId="birthday-automation">
      <BooleanInput source="enabled" label={`${A}.fields.birthdayEnabled`} readOnly={readOnly} />
      <NumberInput
        source="daysBefore"
        label={`${A}.fields.birthdayDaysBefore`}
        helperText={`${A}.hints.birthdayDaysBefore`}
        step={1}
        validate={whole(0, 30)}
        readOnly={readOnly}
        {...narrow}
      />
      <AheadTemplate variables={VARIABLES_FOR.birthday} readOnly={readOnly} />
      <BooleanInput
        source="sendCoupon"
        label={`${A}.fields.sendCoupon`}
        helperText={`${A}.hints.sendCoupon`}
        readOnly={readOnly}
      />
      <HoldoutInput subject="message" readOnly={readOnly} />
    </SectionForm>
  );
}

export function CouponExpiryForm({
  couponExpiry,
  readOnly,
}: {
  couponExpiry: AutomationSettings["couponExpiry"];
  readOnly: boolean;
}) {
  const translate = useTranslate();
  const save = useSaveAutomationSection("couponExpiry");
  const submit = (values: FieldValues) =>
    save({
      couponExpiry: {
        enabled: Boolean(values.enabled),
        daysBefore: values.daysBefore,
        body: (values.body ?? "").trim(),
        holdoutPercent: values.holdoutPercent,
      },
    });

  return (
    <SectionForm record={couponExpiry} onSubmit={submit} readOnly={readOnly} testId="coupon-expiry-automation">
      <BooleanInput source="enabled" label={`${A}.fields.couponExpiryEnabled`} readOnly={readOnly} />
      <NumberInput
        source="daysBefore"
        label={`${A}.fields.couponExpiryDaysBefore`}
        helperText={`${A}.hints.couponExpiryDaysBefore`}
        step={1}
        validate={whole(0, 30)}
        readOnly={readOnly}
        {...narrow}
      />
      <AheadTemplate variables={VARIABLES_FOR.couponExpiry} readOnly={readOnly} />
      <HoldoutInput subject="message" readOnly={readOnly} />
      <Box sx={{ mb: 2 }}>
        <Alert severity="info">{translate(`${A}.hints.couponExpiry`)}</Alert>
      </Box>
    </SectionForm>
  );
}
