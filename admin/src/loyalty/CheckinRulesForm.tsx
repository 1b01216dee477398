/**
 * Check-in rules (签到): on or off, what each check-in gives, and the streak
 * bonus table. Saved with updateCheckinRules.
 */
import AddIcon from "@mui/icons-material/AddCircleOutlineOutlined";
import { Box, Button, Typography } from "@mui/material";
import { useFormContext } from "react-hook-form";
import {
  ArrayInput,
  BooleanInput,
  Form,
  NumberInput,
  SaveButton,
  SimpleFormIterator,
  Toolbar,
  useSimpleFormIterator,
  useTranslate,
} from "react-admin";
import { Group } from "./Group";
import { useSaveLoyaltySection } from "./useLoyaltyConfig";
import { validateCheckin, type CheckinValues } from "./validation";

const L = "resources.loyalty";

/** Adds the next streak day after the longest one. */
function AddBonusButton() {
  const translate = useTranslate();
  const { add } = useSimpleFormIterator();
  const { getValues } = useFormContext();
  const onClick = () => {
    const bonuses = (getValues("bonuses") ?? []) as CheckinValues["bonuses"];
    const longest = bonuses.reduce(
      (max, bonus) => (Number.isSafeInteger(bonus.day) ? Math.max(max, bonus.day) : max),
      0,
    );
    add({ day: Math.min(longest + 7, 366), points: 0 });
  };
  return (
    <Button size="small" startIcon={<AddIcon />} onClick={onClick} data-testid="add-bonus">
      {translate(`${L}.add_bonus`)}
    </Button>
  );
}

/** The rules as the API takes them: the flags as booleans, each bonus its day and points only. */
const checkinInput = (v: CheckinValues) => ({
  enabled: Boolean(v.enabled),
  points: v.points,
  growth: v.growth,
  bonuses: (v.bonuses ?? []).map(({ day, points }) => ({ day, points })),
  cycle: Boolean(v.cycle),
});

export function CheckinRulesForm({ checkin, readOnly }: { checkin: CheckinValues; readOnly: boolean }) {
  const save = useSaveLoyaltySection("checkin");
  const submit = (values: Record<string, unknown>) => save(checkinInput(values as unknown as CheckinValues));

  return (
    <Form
      record={checkin as unknown as Record<string, unknown>}
      onSubmit={submit}
      validate={(values) => validateCheckin(values as unknown as CheckinValues)}
    >
      <Box data-testid="checkin-rules" sx={{ maxWidth: 960 }}>
        <BooleanInput source="enabled" label={`${L}.fields.enabled`} readOnly={readOnly} />
        <Box sx={{ display: "flex", flexWrap: "wrap", columnGap: 2 }}>
          <NumberInput
            source="points"
            label={`${L}.fields.points`}
            readOnly={readOnly}
            step={1}
            fullWidth={false}
            sx={{ width: 360 }}
          />
          <NumberInput
            source="growth"
            label={`${L}.fields.growth`}
            readOnly={readOnly}
            step={1}
            fullWidth={false}
            sx={{ width: 360 }}
          />
        </Box>
        <BonusesGroup readOnly={readOnly} />
      </Box>
      {!readOnly && (
        <Toolbar>
          <SaveButton />
        </Toolbar>
      )}
    </Form>
  );
}

/** The streak bonuses (points on the n-th day in a row), and whether the streak starts over after the last one. */
function BonusesGroup({ readOnly }: { readOnly: boolean }) {
  const translate = useTranslate();
  return (
    <Group title={`${L}.fields.bonuses`}>
      <Typography variant="body2" color="text.secondary">
        {translate(`${L}.hints.bonuses`)}
      </Typography>
      <ArrayInput source="bonuses" label={false}>
        <SimpleFormIterator inline disabled={readOnly} disableClear disableReordering addButton={<AddBonusButton />}>
          <NumberInput
            source="day"
            label={`${L}.fields.bonusDay`}
            readOnly={readOnly}
            step={1}
            fullWidth={false}
            sx={{ width: 180 }}
          />
          <NumberInput
            source="points"
            label={`${L}.fields.bonusPoints`}
            readOnly={readOnly}
            step={1}
            fullWidth={false}
            sx={{ width: 180 }}
          />
        </SimpleFormIterator>
      </ArrayInput>
      <BooleanInput source="cycle" label={`${L}.fields.cycle`} readOnly={readOnly} />
    </Group>
  );
}
