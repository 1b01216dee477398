/** A segment's filter in words, one chip per criterion: 标签：奶茶控、上班族 · 生日：3月. */
import { Chip, Stack, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import type { SegmentFilter } from "./fields";
import { useSegmentChoices } from "./useSegmentChoices";

const S = "resources.segments";

export function FilterSummary({ filter }: { filter: SegmentFilter }) {
  const translate = useTranslate();
  const { tierName, storeName } = useSegmentChoices();
  const list = (values: string[], name: (value: string) => string = (value) => value) =>
    values.map(name).join(translate(`${S}.list_separator`));
  const parts: [string, string][] = [];
  if (filter.tierIds?.length) parts.push(["tierIds", list(filter.tierIds, tierName)]);
  if (filter.tags?.length) parts.push(["tags", list(filter.tags)]);
  if (filter.stages?.length)
    parts.push(["stages", list(filter.stages, (stage) => translate(`${S}.stage.${stage}`, { _: stage }))]);
  if (filter.rfmClasses?.length)
    parts.push([
      "rfmClasses",
      list(filter.rfmClasses, (rfmClass) => translate(`${S}.rfm_class.${rfmClass}`, { _: rfmClass })),
    ]);
  if (filter.storeIds?.length) parts.push(["storeIds", list(filter.storeIds, storeName)]);
  if (filter.birthdayMonth) parts.push(["birthdayMonth", translate(`${S}.month`, { month: filter.birthdayMonth })]);
  if (filter.marketingConsent != null)
    parts.push([
      "marketingConsent",
      translate(`${S}.filter.${filter.marketingConsent ? "consent_yes" : "consent_no"}`),
    ]);
  if (parts.length === 0) return <Typography variant="body2">{translate(`${S}.preview.all_members`)}</Typography>;
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: "wrap", rowGap: 0.5 }} data-testid="segment-filter-summary">
      {parts.map(([criterion, text]) => (
        <Chip
          key={criterion}
          size="small"
          variant="outlined"
          label={translate(`${S}.criterion`, { criterion: translate(`${S}.filter.${criterion}`), value: text })}
        />
      ))}
    </Stack>
  );
}
