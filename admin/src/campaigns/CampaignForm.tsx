/**
 * A campaign: its segment, when it runs (once on a date, or on a day of
 * every month from a date, optionally until one), what it gives (a coupon,
 * an SMS, a points multiplier on its days), how long a purchase counts as
 * converted, the share of its segment held out to measure it, and whether it is active.
 */
import { Box } from "@mui/material";
import { useWatch } from "react-hook-form";
import {
  DateInput,
  NumberInput,
  RadioButtonGroupInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  useTranslate,
} from "react-admin";
import { TemplateInput } from "../automations/TemplateInput";
import { VARIABLES_FOR } from "../automations/templates";
import { useCouponTemplateName } from "../automations/useCouponTemplateName";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { HoldoutInput } from "../holdouts/HoldoutInput";
import { Group } from "../loyalty/Group";
import { useCouponTemplateChoices } from "../loyalty/useCouponTemplateChoices";
import { CampaignEstimate } from "./CampaignEstimate";
import { campaignRules, kindChoices, statusChoices, type CampaignFormValues } from "./fields";

const C = "resources.campaigns";
const row = { display: "flex", flexWrap: "wrap", columnGap: 2, alignItems: "flex-start" } as const;

function ScheduleInputs() {
  const translate = useTranslate();
  const kind = useWatch({ name: "kind" });
  const days = Array.from({ length: 28 }, (_, index) => ({
    id: index + 1,
    name: translate("resources.loyalty.day_of_month", { day: index + 1 }),
  }));
  return (
    <>
      <RadioButtonGroupInput
        source="kind"
        label={`${C}.fields.kind`}
        choices={kindChoices}
        validate={campaignRules.kind}
        helperText={false}
      />
      {kind === "monthly" ? (
        <Box sx={row}>
          <SelectInput
            source="dayOfMonth"
            label={`${C}.fields.dayOfMonth`}
            choices={days}
            translateChoice={false}
            validate={campaignRules.dayOfMonth}
            helperText={`${C}.hints.dayOfMonth`}
            sx={{ width: 200 }}
          />
          <DateInput
            source="from"
            label={`${C}.fields.from`}
            validate={campaignRules.from}
            helperText={false}
            sx={{ width: 240 }}
          />
          <DateInput
            source="until"
            label={`${C}.fields.until`}
            validate={campaignRules.until}
            helperText={`${C}.hints.until`}
            sx={{ width: 240 }}
          />
        </Box>
      ) : (
        <DateInput
          source="date"
          label={`${C}.fields.date`}
          validate={campaignRules.date}
          helperText={`${C}.hints.date`}
          sx={{ width: 360 }}
        />
      )}
    </>
  );
}

function OfferInputs({ keepTemplate }: { keepTemplate?: string | null }) {
  const { choices, isPending } = useCouponTemplateChoices([keepTemplate]);
  const couponId = useWatch({ name: "couponTemplateId" });
  const coupon = useCouponTemplateName(couponId);
  return (
    <>
      <SelectInput
        source="couponTemplateId"
        label={`${C}.fields.couponTemplateId`}
        choices={choices}
        translateChoice={false}
        isPending={isPending}
        emptyText={`${C}.no_coupon`}
        helperText={`${C}.hints.couponTemplateId`}
        sx={{ minWidth: 360 }}
      />
      <TemplateInput
        source="smsBody"
        label={`${C}.fields.smsBody`}
        variables={VARIABLES_FOR.campaign}
        optional
        validate={campaignRules.smsBody}
        couponGiven={Boolean(couponId)}
        sample={coupon ? { coupon } : {}}
      />
      <NumberInput
        source="pointsMultiplier"
        label={`${C}.fields.pointsMultiplier`}
        helperText={`${C}.hints.pointsMultiplier`}
        step={0.5}
        validate={campaignRules.pointsMultiplier}
        sx={{ width: 260 }}
      />
    </>
  );
}

export function CampaignForm({
  record,
  onSubmit,
}: {
  record: CampaignFormValues;
  onSubmit: (values: Record<string, unknown>) => Promise<Record<string, string> | undefined>;
}) {
  return (
    <SimpleForm record={record} onSubmit={onSubmit} toolbar={<SaveOnlyToolbar />}>
      <Box sx={{ maxWidth: 960, width: "100%" }} data-testid="campaign-form">
        <TextInput
          source="name"
          label={`${C}.fields.name`}
          validate={campaignRules.name}
          sx={{ minWidth: 360 }}
          fullWidth={false}
        />
        <ReferenceInput source="segmentId" reference="segments" perPage={100}>
          <SelectInput
            optionText="name"
            label={`${C}.fields.segmentId`}
            validate={campaignRules.segmentId}
            helperText={`${C}.hints.segmentId`}
            sx={{ minWidth: 360 }}
          />
        </ReferenceInput>
        <CampaignEstimate />
        <Group title={`${C}.sections.schedule`}>
          <ScheduleInputs />
        </Group>
        <Group title={`${C}.sections.offer`}>
          <OfferInputs keepTemplate={record.couponTemplateId} />
        </Group>
        <Group title={`${C}.sections.measure`}>
          <Box sx={row}>
            <NumberInput
              source="conversionDays"
              label={`${C}.fields.conversionDays`}
              helperText={`${C}.hints.conversionDays`}
              step={1}
              validate={campaignRules.conversionDays}
              sx={{ width: 260 }}
            />
            <RadioButtonGroupInput
              source="status"
              label={`${C}.fields.status`}
              choices={statusChoices}
              helperText={false}
            />
          </Box>
          <HoldoutInput subject="campaign" />
        </Group>
      </Box>
    </SimpleForm>
  );
}
