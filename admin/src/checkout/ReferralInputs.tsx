/** The referral programme's inputs: whether it is on, and the points and coupon the referrer and the referee get. */
import { Box } from "@mui/material";
import { BooleanInput, NumberInput, SelectInput } from "react-admin";

const K = "resources.checkout_settings";

/** Whether referral rewards are on, and the points and coupon each side gets. */
export function ReferralInputs({
  choices,
  isPending,
}: {
  /** The coupon templates a side may get. */
  choices: { id: string; name: string }[];
  isPending: boolean;
}) {
  return (
    <Box data-testid="settings-referral">
      <BooleanInput source="enabled" label={`${K}.fields.referralEnabled`} helperText={`${K}.hints.referralEnabled`} />
      <Box sx={{ display: "flex", flexWrap: "wrap", columnGap: 2 }}>
        <NumberInput
          source="referrerPoints"
          label={`${K}.fields.referrerPoints`}
          step={1}
          helperText={false}
          fullWidth={false}
          sx={{ width: 240 }}
        />
        <SelectInput
          source="referrerTemplateId"
          label={`${K}.fields.referrerTemplateId`}
          choices={choices}
          translateChoice={false}
          isPending={isPending}
          emptyText={`${K}.no_coupon`}
          helperText={false}
          fullWidth={false}
          sx={{ minWidth: 360 }}
        />
      </Box>
      <Box sx={{ display: "flex", flexWrap: "wrap", columnGap: 2 }}>
        <NumberInput
          source="refereePoints"
          label={`${K}.fields.refereePoints`}
          step={1}
          helperText={false}
          fullWidth={false}
          sx={{ width: 240 }}
        />
        <SelectInput
          source="refereeTemplateId"
          label={`${K}.fields.refereeTemplateId`}
          choices={choices}
          translateChoice={false}
          isPending={isPending}
          emptyText={`${K}.no_coupon`}
          helperText={false}
          fullWidth={false}
          sx={{ minWidth: 360 }}
        />
      </Box>
    </Box>
  );
}
