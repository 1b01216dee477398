/**
 * A points-mall reward: a gift handed over in store or a coupon issued on
 * redemption, its points cost, stock and per-member limit. The checks are
 * the API's (see ../loyalty/validation.ts).
 */
import { Box } from "@mui/material";
import { useWatch } from "react-hook-form";
import {
  BooleanInput,
  NumberInput,
  RadioButtonGroupInput,
  SelectInput,
  SimpleForm,
  TextInput,
  useRecordContext,
} from "react-admin";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { useCouponTemplateChoices } from "../loyalty/useCouponTemplateChoices";
import { rewardRules } from "../loyalty/validation";
import { rewardKindChoices, rewardStatusChoices, type RewardFormValues, type RewardRecord } from "./fields";

const H = "resources.rewards.hints";

function CouponTemplateInput() {
  const record = useRecordContext<RewardRecord>();
  const kind = useWatch({ name: "kind" });
  const { choices, isPending } = useCouponTemplateChoices([record?.couponTemplateId]);
  if (kind !== "coupon") return null;
  return (
    <SelectInput
      source="couponTemplateId"
      choices={choices}
      translateChoice={false}
      isPending={isPending}
      validate={rewardRules.couponTemplateId}
      helperText={`${H}.couponTemplateId`}
      sx={{ minWidth: 320 }}
    />
  );
}

function StockInputs() {
  const unlimited = useWatch({ name: "unlimited" });
  return (
    <Box sx={{ display: "flex", flexWrap: "wrap", columnGap: 2, alignItems: "center" }}>
      <BooleanInput source="unlimited" helperText={false} />
      {!unlimited && <NumberInput source="stock" step={1} validate={rewardRules.stock} helperText={`${H}.stock`} />}
    </Box>
  );
}

/** The form's values as the record reads them: the switch is on when stock is unlimited. */
const formDefaults = (record?: Partial<RewardRecord>): RewardFormValues => ({
  kind: "gift",
  status: "active",
  unlimited: record?.id !== undefined && record.stock === null,
});

export function RewardForm({
  onSubmit,
}: {
  onSubmit?: (values: Record<string, unknown>) => Promise<Record<string, string> | undefined>;
}) {
  return (
    <SimpleForm toolbar={<SaveOnlyToolbar />} defaultValues={formDefaults} onSubmit={onSubmit}>
      <TextInput source="name" validate={rewardRules.name} sx={{ minWidth: 320 }} />
      <TextInput source="description" validate={rewardRules.description} multiline fullWidth />
      <RadioButtonGroupInput source="kind" choices={rewardKindChoices} />
      <CouponTemplateInput />
      <NumberInput source="pointsCost" step={1} validate={rewardRules.pointsCost} helperText={`${H}.pointsCost`} />
      <StockInputs />
      <NumberInput
        source="perMemberLimit"
        step={1}
        validate={rewardRules.perMemberLimit}
        helperText={`${H}.perMemberLimit`}
      />
      <RadioButtonGroupInput source="status" choices={rewardStatusChoices} />
    </SimpleForm>
  );
}
