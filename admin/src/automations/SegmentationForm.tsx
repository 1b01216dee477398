/**
 * Segmentation rules (分层规则): the RFM thresholds for scores 5, 4, 3 and 2
 * (recency in days, frequency in visits, monetary in ¥), and the tag rules a
 * purchase runs (N purchases of a category within D days, or a lifetime
 * spend). Saved with updateSegmentationSettings.
 */
import AddIcon from "@mui/icons-material/AddCircleOutlineOutlined";
import { Box, Button, Typography } from "@mui/material";
import { type FieldValues, useWatch } from "react-hook-form";
import {
  ArrayInput,
  NumberInput,
  required,
  SelectInput,
  SimpleFormIterator,
  TextInput,
  useSimpleFormIterator,
  useTranslate,
  useWrappedSource,
} from "react-admin";
import { choicesFor } from "../common/choices";
import { YuanInput } from "../common/YuanInput";
import { Group } from "../loyalty/Group";
import { useSaveSegmentationSettings, type SegmentationSettings, type TagRule } from "./api";
import { SectionForm } from "./SectionForm";
import { MAX_TAG_RULES, rfmThreshold, tagRuleRules } from "./validation";

const A = "resources.automations";
const SCORES = [5, 4, 3, 2];
const kindChoices = choicesFor(`${A}.tag_rule_kind`, ["category_count", "lifetime_spend"] as const);

function Thresholds({ list, readOnly }: { list: "recencyDays" | "frequency" | "monetary"; readOnly: boolean }) {
  const translate = useTranslate();
  return (
    <Box sx={{ mb: 1 }} data-testid={`rfm-${list}`}>
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        {translate(`${A}.rfm.${list}`)}
      </Typography>
      <Box sx={{ display: "flex", flexWrap: "wrap", columnGap: 2 }}>
        {SCORES.map((score, index) => {
          const props = {
            source: `${list}.${index}`,
            label: translate(`${A}.rfm.score`, { score }),
            validate: rfmThreshold(list, index),
            readOnly,
            helperText: false as const,
          };
          return list === "monetary" ? (
            <YuanInput key={score} {...props} sx={{ width: 180 }} />
          ) : (
            <NumberInput key={score} {...props} step={1} fullWidth={false} sx={{ width: 180 }} />
          );
        })}
      </Box>
    </Box>
  );
}

/** A rule's own inputs: category, count and days, or the lifetime spend. */
function TagRuleDetails({ readOnly }: { readOnly: boolean }) {
  const kind = useWatch({ name: useWrappedSource("kind") });
  if (kind === "lifetime_spend")
    return (
      <YuanInput
        source="amount"
        label={`${A}.fields.amount`}
        validate={tagRuleRules.amount}
        readOnly={readOnly}
        sx={{ width: 200 }}
      />
    );
  return (
    <>
      <TextInput
        source="category"
        label={`${A}.fields.category`}
        validate={tagRuleRules.category}
        readOnly={readOnly}
        fullWidth={false}
        sx={{ width: 160 }}
      />
      <NumberInput
        source="count"
        label={`${A}.fields.count`}
        step={1}
        validate={tagRuleRules.count}
        readOnly={readOnly}
        fullWidth={false}
        sx={{ width: 130 }}
      />
      <NumberInput
        source="days"
        label={`${A}.fields.days`}
        step={1}
        validate={tagRuleRules.days}
        readOnly={readOnly}
        fullWidth={false}
        sx={{ width: 130 }}
      />
    </>
  );
}

function AddRuleButton() {
  const translate = useTranslate();
  const { add, total } = useSimpleFormIterator();
  return (
    <Button
      size="small"
      startIcon={<AddIcon />}
      disabled={total >= MAX_TAG_RULES}
      onClick={() => add({ tag: "", kind: "category_count", category: "", count: 3, days: 90, amount: null })}
      data-testid="add-tag-rule"
    >
      {translate(`${A}.add_tag_rule`)}
    </Button>
  );
}

/** The rules as TagRuleInput: each kind with its own fields only. */
function tagRulesInput(rules: TagRule[]) {
  return rules.map((rule) =>
    rule.kind === "lifetime_spend"
      ? { tag: rule.tag.trim(), kind: rule.kind, amount: rule.amount }
      : {
          tag: rule.tag.trim(),
          kind: rule.kind,
          category: (rule.category ?? "").trim(),
          count: rule.count,
          days: rule.days,
        },
  );
}

export function SegmentationForm({ settings, readOnly }: { settings: SegmentationSettings; readOnly: boolean }) {
  const translate = useTranslate();
  const save = useSaveSegmentationSettings();
  // Rules are edited without their ids (the form's arrays keep id for themselves); saving numbers them again.
  const record = { ...settings, tagRules: settings.tagRules.map(({ id: _id, ...rule }) => rule) };
  const submit = (values: FieldValues) =>
    save({
      recencyDays: values.recencyDays,
      frequency: values.frequency,
      monetary: values.monetary,
      tagRules: tagRulesInput(values.tagRules ?? []),
    });

  return (
    <SectionForm record={record} onSubmit={submit} readOnly={readOnly} testId="segmentation-settings">
      <Group title={`${A}.sections.rfm`}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate(`${A}.hints.rfm`)}
        </Typography>
        <Thresholds list="recencyDays" readOnly={readOnly} />
        <Thresholds list="frequency" readOnly={readOnly} />
        <Thresholds list="monetary" readOnly={readOnly} />
      </Group>
      <Group title={`${A}.sections.tag_rules`}>
        <Typography variant="body2" color="text.secondary">
          {translate(`${A}.hints.tag_rules`)}
        </Typography>
        <ArrayInput source="tagRules" label={false}>
          <SimpleFormIterator inline disabled={readOnly} disableClear disableReordering addButton={<AddRuleButton />}>
            <TextInput
              source="tag"
              label={`${A}.fields.tag`}
              validate={tagRuleRules.tag}
              readOnly={readOnly}
              fullWidth={false}
              sx={{ width: 160 }}
            />
            <SelectInput
              source="kind"
              label={`${A}.fields.kind`}
              choices={kindChoices}
              validate={required()}
              readOnly={readOnly}
              fullWidth={false}
              sx={{ width: 200 }}
            />
            <TagRuleDetails readOnly={readOnly} />
          </SimpleFormIterator>
        </ArrayInput>
      </Group>
    </SectionForm>
  );
}
