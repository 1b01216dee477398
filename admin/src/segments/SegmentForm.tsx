/**
 * The segment builder (人群圈选): a name, the filter — tiers, tags, lifecycle
 * stages, RFM classes, home stores, birthday month, marketing consent — and
 * beside it the live size of what is being built.
 */
import { Box, Typography } from "@mui/material";
import {
  AutocompleteArrayInput,
  CheckboxGroupInput,
  RadioButtonGroupInput,
  SelectInput,
  SimpleForm,
  TextInput,
  useTranslate,
} from "react-admin";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { Group } from "../loyalty/Group";
import { textIn } from "../loyalty/validation";
import type { SegmentFormValues } from "./fields";
import { SegmentPreview } from "./SegmentPreview";
import { useSegmentChoices } from "./useSegmentChoices";

const S = "resources.segments";

const consentChoices = [
  { id: "any", name: `${S}.filter.consent_any` },
  { id: "yes", name: `${S}.filter.consent_yes` },
  { id: "no", name: `${S}.filter.consent_no` },
];

export function SegmentForm({
  record,
  onSubmit,
}: {
  record: SegmentFormValues;
  onSubmit: (values: Record<string, unknown>) => Promise<Record<string, string> | undefined>;
}) {
  const choices = useSegmentChoices({
    tierIds: record.filter?.tierIds,
    tags: record.filter?.tags,
    storeIds: record.filter?.storeIds,
  });

  return (
    <SimpleForm record={record} onSubmit={onSubmit} toolbar={<SaveOnlyToolbar />}>
      <Box sx={{ display: "flex", gap: 3, flexWrap: "wrap", width: "100%", alignItems: "flex-start" }}>
        <Box sx={{ flex: "1 1 480px", minWidth: 0 }} data-testid="segment-builder">
          <TextInput
            source="name"
            label={`${S}.fields.name`}
            validate={(value: unknown) => textIn(value, 40)}
            sx={{ minWidth: 320 }}
            fullWidth={false}
          />
          <TextInput
            source="description"
            label={`${S}.fields.description`}
            validate={(value: unknown) => textIn(value, 200, false)}
            multiline
            fullWidth
          />
          <FilterGroup choices={choices} />
        </Box>
        <Box sx={{ flex: "1 1 420px", minWidth: 0, position: { md: "sticky" }, top: { md: 72 } }}>
          <SegmentPreview tierName={choices.tierName} />
        </Box>
      </Box>
    </SimpleForm>
  );
}

/** The filter: tiers, tags, lifecycle stages, RFM classes, home stores, birthday month and marketing consent. */
function FilterGroup({ choices }: { choices: ReturnType<typeof useSegmentChoices> }) {
  const translate = useTranslate();
  return (
    <Group title={`${S}.sections.filter`}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(`${S}.hints.filter`)}
      </Typography>
      <CheckboxGroupInput
        source="filter.tierIds"
        label={`${S}.filter.tierIds`}
        choices={choices.tiers}
        translateChoice={false}
        helperText={false}
      />
      <AutocompleteArrayInput
        source="filter.tags"
        label={`${S}.filter.tags`}
        choices={choices.tags}
        translateChoice={false}
        helperText={`${S}.hints.tags`}
        sx={{ minWidth: 320 }}
      />
      <CheckboxGroupInput
        source="filter.stages"
        label={`${S}.filter.stages`}
        choices={choices.stages}
        translateChoice={false}
        helperText={`${S}.hints.stages`}
      />
      <CheckboxGroupInput
        source="filter.rfmClasses"
        label={`${S}.filter.rfmClasses`}
        choices={choices.rfmClasses}
        translateChoice={false}
        helperText={false}
      />
      <AutocompleteArrayInput
        source="filter.storeIds"
        label={`${S}.filter.storeIds`}
        choices={choices.stores}
        translateChoice={false}
        helperText={false}
        sx={{ minWidth: 320 }}
      />
      <BirthdayAndConsent months={choices.months} />
    </Group>
  );
}

/** The birthday month and the marketing consent, side by side. */
function BirthdayAndConsent({ months }: { months: ReturnType<typeof useSegmentChoices>["months"] }) {
  return (
    <Box sx={{ display: "flex", flexWrap: "wrap", columnGap: 3, alignItems: "flex-start" }}>
      <SelectInput
        source="filter.birthdayMonth"
        label={`${S}.filter.birthdayMonth`}
        choices={months}
        translateChoice={false}
        emptyText={`${S}.filter.any`}
        helperText={false}
        sx={{ width: 200 }}
      />
      <RadioButtonGroupInput
        source="filter.marketingConsent"
        label={`${S}.filter.marketingConsent`}
        choices={consentChoices}
        helperText={false}
      />
    </Box>
  );
}
