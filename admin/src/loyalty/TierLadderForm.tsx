/**
 * The tier ladder (会员等级): tiers from the lowest, each reached by growth
 * value, with its discount, points multiplier and birthday coupon; the
 * review window for downgrades. Saved whole with updateTierLadder.
 */
import AddIcon from "@mui/icons-material/AddCircleOutlineOutlined";
import { Alert, Box, Button, Typography } from "@mui/material";
import { useMemo } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import {
  ArrayInput,
  Form,
  NumberInput,
  SaveButton,
  SelectInput,
  SimpleFormIterator,
  TextInput,
  Toolbar,
  useSimpleFormIterator,
  useTranslate,
  useWrappedSource,
} from "react-admin";
import { percentToZhe, zheToPercent } from "../common/discount";
import { Group } from "./Group";
import { useCouponTemplateChoices } from "./useCouponTemplateChoices";
import { useSaveLoyaltySection, type LoyaltyConfig } from "./useLoyaltyConfig";
import {
  ladderField,
  ladderInput,
  ladderValues,
  MAX_TIERS,
  validateLadder,
  type LadderValues,
  type TierValues,
} from "./validation";

const L = "resources.loyalty";

/** A stored tier's id is fixed (members hold it); a new tier's may be typed or left to be made up. */
function TierIdInput({ readOnly }: { readOnly: boolean }) {
  const saved = useWatch({ name: useWrappedSource("saved") });
  return (
    <TextInput
      source="tierId"
      label={`${L}.fields.tierId`}
      helperText={saved ? false : `${L}.hints.tierId`}
      readOnly={readOnly || Boolean(saved)}
      fullWidth={false}
      sx={{ width: 170 }}
    />
  );
}

/** Adds a tier above the highest, 1000 growth further up. */
function AddTierButton() {
  const translate = useTranslate();
  const { add, total } = useSimpleFormIterator();
  const { getValues } = useFormContext();
  const onClick = () => {
    const tiers = (getValues("tiers") ?? []) as TierValues[];
    const top = tiers.reduce(
      (max, tier) => (Number.isSafeInteger(tier.threshold) ? Math.max(max, tier.threshold) : max),
      -1,
    );
    add({
      tierId: "",
      name: "",
      threshold: top < 0 ? 0 : top + 1000,
      discountPercent: 0,
      pointsMultiplier: 1,
      birthdayCouponTemplateId: "",
      saved: false,
    });
  };
  return (
    <Button size="small" startIcon={<AddIcon />} onClick={onClick} disabled={total >= MAX_TIERS} data-testid="add-tier">
      {translate(`${L}.add_tier`)}
    </Button>
  );
}

export function TierLadderForm({ ladder, readOnly }: { ladder: LoyaltyConfig["ladder"]; readOnly: boolean }) {
  const translate = useTranslate();
  const save = useSaveLoyaltySection("tiers", ladderField);
  const record = useMemo(() => ladderValues(ladder), [ladder]);
  const { choices } = useCouponTemplateChoices(ladder.tiers.map((tier) => tier.birthdayCouponTemplateId));
  const submit = (values: Record<string, unknown>) => save(ladderInput(values as unknown as LadderValues));

  return (
    <Form
      record={record as unknown as Record<string, unknown>}
      onSubmit={submit}
      validate={(values) => validateLadder(values as unknown as LadderValues)}
    >
      <Group title={`${L}.fields.tiers`}>
        <Typography variant="body2" color="text.secondary">
          {translate(`${L}.hints.threshold`)}
        </Typography>
        <Box data-testid="tier-ladder">
          <ArrayInput source="tiers" label={false}>
            <SimpleFormIterator
              inline
              fullWidth
              disabled={readOnly}
              disableClear
              addButton={<AddTierButton />}
              getItemLabel={(index) => `${index + 1}`}
            >
              <TierFields readOnly={readOnly} choices={choices} />
            </SimpleFormIterator>
          </ArrayInput>
        </Box>
        {!readOnly && (
          <Alert severity="info" sx={{ mt: 1, maxWidth: 960 }}>
            {translate(`${L}.hints.tiers_removed`)}
          </Alert>
        )}
      </Group>
      <NumberInput
        source="reviewWindowDays"
        label={`${L}.fields.reviewWindowDays`}
        helperText={`${L}.hints.reviewWindowDays`}
        readOnly={readOnly}
        step={1}
        fullWidth={false}
        sx={{ width: 360 }}
      />
      {!readOnly && (
        <Toolbar>
          <SaveButton />
        </Toolbar>
      )}
    </Form>
  );
}

/** One tier's inputs: its id, name, threshold, discount, points multiplier and birthday coupon. */
function TierFields({ readOnly, choices }: { readOnly: boolean; choices: { id: string; name: string }[] }) {
  return (
    <>
      <TierIdInput readOnly={readOnly} />
      <TextInput source="name" label={`${L}.fields.name`} readOnly={readOnly} fullWidth={false} sx={{ width: 140 }} />
      <NumberInput
        source="threshold"
        label={`${L}.fields.threshold`}
        readOnly={readOnly}
        step={1}
        fullWidth={false}
        sx={{ width: 140 }}
      />
      <NumberInput
        source="discountPercent"
        label={`${L}.fields.discountPercent`}
        helperText={`${L}.hints.discountZhe`}
        format={percentToZhe}
        parse={zheToPercent}
        readOnly={readOnly}
        step={0.1}
        fullWidth={false}
        sx={{ width: 130 }}
      />
      <NumberInput
        source="pointsMultiplier"
        label={`${L}.fields.pointsMultiplier`}
        readOnly={readOnly}
        step={0.1}
        fullWidth={false}
        sx={{ width: 120 }}
      />
      <SelectInput
        source="birthdayCouponTemplateId"
        label={`${L}.fields.birthdayCouponTemplateId`}
        choices={choices}
        translateChoice={false}
        emptyText={`${L}.no_coupon`}
        readOnly={readOnly}
        fullWidth={false}
        sx={{ width: 240 }}
      />
    </>
  );
}
