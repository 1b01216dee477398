/**
 * Points rules (积分规则): what a purchase earns, how long points wait and
 * live, member days, products that earn nothing, and what a refund does to
 * points already spent. Saved with updatePointsRules.
 */
import { Box, Typography } from "@mui/material";
import { useWatch } from "react-hook-form";
import {
  CheckboxGroupInput,
  Form,
  NumberInput,
  RadioButtonGroupInput,
  SaveButton,
  SelectArrayInput,
  TextArrayInput,
  Toolbar,
  useTranslate,
} from "react-admin";
import { earnLines, type PointsRules } from "../../../functions/core/points/rules";
import { choicesFor } from "../common/choices";
import { Group } from "./Group";
import { formatFen } from "./money";
import { useSaveLoyaltySection } from "./useLoyaltyConfig";
import { numberIn, pointsRulesField, validatePointsRules, type PointsRulesValues } from "./validation";

const L = "resources.loyalty";
const EXAMPLE_FEN = 10_000;

const clawbackChoices = choicesFor(`${L}.clawback`, ["debt", "cap"] as const);

/** Two inputs side by side on a wide screen. */
const half = { fullWidth: false, sx: { width: 360 } } as const;
const row = { display: "flex", flexWrap: "wrap", columnGap: 2, alignItems: "flex-start" } as const;

/** What ¥100.00 earns under the rules being edited, worked out by the API's own rule. */
function EarningExample() {
  const translate = useTranslate();
  const [pointsPerYuan, growthPerYuan, memberDayMultiplier] = useWatch({
    name: ["pointsPerYuan", "growthPerYuan", "memberDayMultiplier"],
  });
  if (numberIn(pointsPerYuan, 0, 100) || numberIn(growthPerYuan, 0, 100) || numberIn(memberDayMultiplier, 1, 10))
    return null;
  const rules = { pointsPerYuan, growthPerYuan, excludedCategories: [], excludedSkus: [] } as unknown as PointsRules;
  const line = { sku: "example", name: "example", category: "", qty: 1, unitPrice: EXAMPLE_FEN };
  const [plain] = earnLines([line], rules, { tier: 1, memberDay: 1 });
  const [memberDay] = earnLines([line], rules, { tier: 1, memberDay: memberDayMultiplier });
  return (
    <Typography variant="body2" color="text.secondary" data-testid="earning-example" sx={{ mb: 2 }}>
      {translate(`${L}.example`, {
        amount: formatFen(EXAMPLE_FEN),
        points: plain.points,
        growth: plain.growth,
        memberDayPoints: memberDay.points,
      })}
    </Typography>
  );
}

/** The rules as the API takes them: days in order, exclusions trimmed and without blanks. */
const pointsRulesInput = (v: PointsRulesValues) => ({
  pointsPerYuan: v.pointsPerYuan,
  growthPerYuan: v.growthPerYuan,
  pendingDays: v.pendingDays,
  lifetimeMonths: v.lifetimeMonths,
  memberDayDaysOfMonth: [...(v.memberDayDaysOfMonth ?? [])].sort((a, b) => a - b),
  memberDayWeekdays: [...(v.memberDayWeekdays ?? [])].sort((a, b) => a - b),
  memberDayMultiplier: v.memberDayMultiplier,
  excludedCategories: (v.excludedCategories ?? []).map((item) => item.trim()).filter(Boolean),
  excludedSkus: (v.excludedSkus ?? []).map((item) => item.trim()).filter(Boolean),
  clawbackPolicy: v.clawbackPolicy,
});

export function PointsRulesForm({ rules, readOnly }: { rules: PointsRulesValues; readOnly: boolean }) {
  const translate = useTranslate();
  const save = useSaveLoyaltySection("rules", pointsRulesField);

  const submit = (values: Record<string, unknown>) => save(pointsRulesInput(values as unknown as PointsRulesValues));

  return (
    <Form
      record={rules as unknown as Record<string, unknown>}
      onSubmit={submit}
      validate={(values) => validatePointsRules(values as PointsRulesValues)}
    >
      <Box data-testid="points-rules" sx={{ maxWidth: 960 }}>
        <EarningGroup readOnly={readOnly} />
        <MemberDayGroup readOnly={readOnly} />
        <Group title={`${L}.sections.exclusions`}>
          <Typography variant="body2" color="text.secondary">
            {translate(`${L}.hints.exclusions`)}
          </Typography>
          <TextArrayInput
            source="excludedCategories"
            label={`${L}.fields.excludedCategories`}
            readOnly={readOnly}
            fullWidth
          />
          <TextArrayInput source="excludedSkus" label={`${L}.fields.excludedSkus`} readOnly={readOnly} fullWidth />
        </Group>
        <Group title={`${L}.sections.refunds`}>
          <RadioButtonGroupInput
            source="clawbackPolicy"
            label={`${L}.fields.clawbackPolicy`}
            choices={clawbackChoices}
            readOnly={readOnly}
            row={false}
          />
        </Group>
      </Box>
      {!readOnly && (
        <Toolbar>
          <SaveButton />
        </Toolbar>
      )}
    </Form>
  );
}

/** What a purchase earns, how long points wait and live, and an example. */
function EarningGroup({ readOnly }: { readOnly: boolean }) {
  return (
    <Group title={`${L}.sections.earning`}>
      <Box sx={row}>
        <NumberInput
          source="pointsPerYuan"
          label={`${L}.fields.pointsPerYuan`}
          helperText={`${L}.hints.pointsPerYuan`}
          step={0.1}
          readOnly={readOnly}
          {...half}
        />
        <NumberInput
          source="growthPerYuan"
          label={`${L}.fields.growthPerYuan`}
          helperText={`${L}.hints.growthPerYuan`}
          step={0.1}
          readOnly={readOnly}
          {...half}
        />
      </Box>
      <Box sx={row}>
        <NumberInput
          source="pendingDays"
          label={`${L}.fields.pendingDays`}
          helperText={`${L}.hints.pendingDays`}
          step={1}
          readOnly={readOnly}
          {...half}
        />
        <NumberInput
          source="lifetimeMonths"
          label={`${L}.fields.lifetimeMonths`}
          helperText={`${L}.hints.lifetimeMonths`}
          step={1}
          readOnly={readOnly}
          {...half}
        />
      </Box>
      <EarningExample />
    </Group>
  );
}

/** Member days (days of the month, weekdays) and their multiplier. */
function MemberDayGroup({ readOnly }: { readOnly: boolean }) {
  const translate = useTranslate();
  const days = Array.from({ length: 31 }, (_, index) => ({
    id: index + 1,
    name: translate(`${L}.day_of_month`, { day: index + 1 }),
  }));
  const weekdays = Array.from({ length: 7 }, (_, index) => ({ id: index + 1, name: `${L}.weekdays.${index + 1}` }));
  return (
    <Group title={`${L}.sections.member_day`}>
      <Box sx={row}>
        <SelectArrayInput
          source="memberDayDaysOfMonth"
          label={`${L}.fields.memberDayDaysOfMonth`}
          choices={days}
          translateChoice={false}
          readOnly={readOnly}
          {...half}
        />
        <NumberInput
          source="memberDayMultiplier"
          label={`${L}.fields.memberDayMultiplier`}
          helperText={`${L}.hints.memberDayMultiplier`}
          step={0.1}
          readOnly={readOnly}
          {...half}
        />
      </Box>
      <CheckboxGroupInput
        source="memberDayWeekdays"
        label={`${L}.fields.memberDayWeekdays`}
        choices={weekdays}
        readOnly={readOnly}
      />
    </Group>
  );
}
