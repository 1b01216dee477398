/** The referral programme's inputs: whether it is on, and the points and coupon the referrer and the referee get. */
import { Box } from "@mui/material";
import { BooleanInput, NumberInput, SelectInput } from "react-admin";

const K = "resources.checkout_settings";

interface Choices {
  /** The coupon templates a side may get. */
  choices: { id: string; name: string }[];
  isPending: boolean;
}

/** One side's reward: its points and its coupon (`referrerPoints`, `referrerTemplateId`…). */
function SideInputs({ side, choices, isPending }: Choices & { side: "referrer" | "referee" }) {
  return (
    <Box sx={{ display: "flex", flexWrap: "wrap", columnGap: 2 }}>
      <NumberInput
        source={`${side}Points`}
        label={`${K}.fields.${side}Points`}
        step={1}
        helperText={false}
        fullWidth={false}
        sx={{ width: 240 }}
      />
      <SelectInput
        source={`${side}TemplateId`}
        label={`${K}.fields.${side}TemplateId`}
        choices={choices}
        translateChoice={false}
        isPending={isPending}
        emptyText={`${K}.no_coupon`}
        helperText={false}
        fullWidth={false}
        sx={{ minWidth: 360 }}
      />
    </Box>
  );
}

/** Whether referral rewards are on, and the points and coupon each side gets. */
export function ReferralInputs(props: Choices) {
  return (
    <Box data-testid="settings-referral">
      <BooleanInput source="enabled" label={`${K}.fields.referralEnabled`} helperText={`${K}.hints.referralEnabled`} />
      <SideInputs side="referrer" {...props} />
      <SideInputs side="referee" {...props} />
    </Box>
  );
}
