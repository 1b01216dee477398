/**
 * The wake-up ladder (沉睡唤醒): N days without a visit → a message, and
 * optionally a coupon, with a share of the members held out to measure it;
 * up to five steps, added and removed here. Saved whole with
 * updateAutomationSettings({ wakeup }).
 */
import AddIcon from "@mui/icons-material/AddCircleOutlineOutlined";
import { Box, Button, Typography } from "@mui/material";
import { type FieldValues, useFormContext, useWatch } from "react-hook-form";
import {
  ArrayInput,
  BooleanInput,
  NumberInput,
  SelectInput,
  SimpleFormIterator,
  useSimpleFormIterator,
  useTranslate,
  useWrappedSource,
} from "react-admin";
import { HoldoutInput } from "../holdouts/HoldoutInput";
import { DEFAULT_HOLDOUT_PERCENT } from "../holdouts/percent";
import { Group } from "../loyalty/Group";
import { useCouponTemplateChoices } from "../loyalty/useCouponTemplateChoices";
import { useSaveAutomationSection, type AutomationSettings, type WakeupStep } from "./api";
import { SectionForm } from "./SectionForm";
import { useCouponTemplateName } from "./useCouponTemplateName";
import { TemplateInput } from "./TemplateInput";
import { VARIABLES_FOR } from "./templates";
import { MAX_WAKEUP_STEPS, stepDays } from "./validation";

const A = "resources.automations";

/** Adds a step 30 days after the last one, holding out the API's default share. */
function AddStepButton() {
  const translate = useTranslate();
  const { add, total } = useSimpleFormIterator();
  const { getValues } = useFormContext();
  const onClick = () => {
    const steps = (getValues("steps") ?? []) as WakeupStep[];
    const last = steps.reduce((max, step) => (Number.isSafeInteger(step.days) ? Math.max(max, step.days) : max), 0);
    add({
      days: Math.min(last + 30, 730),
      body: translate(`${A}.default_wakeup_body`),
      couponTemplateId: "",
      holdoutPercent: DEFAULT_HOLDOUT_PERCENT.wakeup,
    });
  };
  return (
    <Button
      size="small"
      startIcon={<AddIcon />}
      onClick={onClick}
      disabled={total >= MAX_WAKEUP_STEPS}
      data-testid="add-wakeup-step"
    >
      {translate(`${A}.add_step`)}
    </Button>
  );
}

/** A step's message, previewed with the step's own days and coupon. */
function StepTemplate({ readOnly }: { readOnly: boolean }) {
  const days = useWatch({ name: useWrappedSource("days") });
  const couponId = useWatch({ name: useWrappedSource("couponTemplateId") });
  const coupon = useCouponTemplateName(couponId);
  return (
    <TemplateInput
      source="body"
      label={`${A}.fields.body`}
      variables={VARIABLES_FOR.wakeup}
      readOnly={readOnly}
      couponGiven={Boolean(couponId)}
      sample={{ days: Number.isSafeInteger(days) ? days : "", ...(coupon ? { coupon } : {}) }}
    />
  );
}

/** The ladder as the form edits it: no coupon is an empty choice. */
const wakeupRecord = (wakeup: AutomationSettings["wakeup"]) => ({
  enabled: wakeup.enabled,
  steps: wakeup.steps.map((step) => ({
    days: step.days,
    body: step.body,
    couponTemplateId: step.couponTemplateId ?? "",
    holdoutPercent: step.holdoutPercent,
  })),
});

/** The ladder as the API takes it: messages trimmed, a step without coupon has none. */
const wakeupInput = (values: FieldValues) => ({
  enabled: Boolean(values.enabled),
  steps: ((values.steps ?? []) as WakeupStep[]).map((step) => ({
    days: step.days,
    body: (step.body ?? "").trim(),
    ...(step.couponTemplateId ? { couponTemplateId: step.couponTemplateId } : {}),
    holdoutPercent: step.holdoutPercent,
  })),
});

export function WakeupForm({ wakeup, readOnly }: { wakeup: AutomationSettings["wakeup"]; readOnly: boolean }) {
  const translate = useTranslate();
  const save = useSaveAutomationSection("wakeup");
  const { choices } = useCouponTemplateChoices(wakeup.steps.map((step) => step.couponTemplateId));
  const submit = (values: FieldValues) => save({ wakeup: wakeupInput(values) });

  return (
    <SectionForm record={wakeupRecord(wakeup)} onSubmit={submit} readOnly={readOnly} testId="wakeup-automation">
      <BooleanInput source="enabled" label={`${A}.fields.wakeupEnabled`} readOnly={readOnly} />
      <Group title={`${A}.sections.ladder`}>
        <Typography variant="body2" color="text.secondary">
          {translate(`${A}.hints.ladder`, { max: MAX_WAKEUP_STEPS })}
        </Typography>
        <Box data-testid="wakeup-steps">
          <ArrayInput source="steps" label={false}>
            <SimpleFormIterator
              fullWidth
              disabled={readOnly}
              disableClear
              disableReordering
              addButton={<AddStepButton />}
              getItemLabel={(index) => translate(`${A}.step`, { n: index + 1 })}
            >
              <Box sx={{ display: "flex", flexWrap: "wrap", columnGap: 2 }}>
                <NumberInput
                  source="days"
                  label={`${A}.fields.stepDays`}
                  step={1}
                  validate={stepDays}
                  readOnly={readOnly}
                  fullWidth={false}
                  sx={{ width: 200 }}
                />
                <SelectInput
                  source="couponTemplateId"
                  label={`${A}.fields.couponTemplateId`}
                  choices={choices}
                  translateChoice={false}
                  emptyText={`${A}.no_coupon`}
                  readOnly={readOnly}
                  fullWidth={false}
                  sx={{ width: 320 }}
                />
              </Box>
              <HoldoutInput subject="message" readOnly={readOnly} />
              <StepTemplate readOnly={readOnly} />
            </SimpleFormIterator>
          </ArrayInput>
        </Box>
      </Group>
    </SectionForm>
  );
}
