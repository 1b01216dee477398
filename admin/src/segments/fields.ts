/**
 * A saved segment (人群) and its filter, as the API returns them and as the
 * builder edits them; the filter as SegmentFilterInput.
 */
import { RFM_CLASSES } from "../../../functions/core/segments";
import { STAGES } from "../../../functions/core/automation";
import type { LifecycleStage, SegmentFilterInput } from "../generated/graphql";

export { RFM_CLASSES, STAGES };

export interface SegmentFilter {
  tierIds: string[] | null;
  tags: string[] | null;
  stages: LifecycleStage[] | null;
  rfmClasses: string[] | null;
  storeIds: string[] | null;
  birthdayMonth: number | null;
  marketingConsent: boolean | null;
}

export interface SegmentRecord {
  id: string;
  name: string;
  description: string | null;
  filter: SegmentFilter;
  createdAt: string;
  updatedAt: string;
}

/** Consent as the builder offers it: any, granted, not granted. */
export type ConsentChoice = "any" | "yes" | "no";

export interface FilterFormValues {
  tierIds?: string[];
  tags?: string[];
  stages?: LifecycleStage[];
  rfmClasses?: string[];
  storeIds?: string[];
  birthdayMonth?: number | "" | null;
  marketingConsent?: ConsentChoice | null;
}

export interface SegmentFormValues {
  name?: string;
  description?: string;
  filter?: FilterFormValues;
}

/** A list criterion sorted, or undefined when left open. */
const chosen = <T extends string>(list: T[] | undefined): T[] | undefined =>
  Array.isArray(list) && list.length > 0 ? [...list].sort() : undefined;

/** The builder's filter as SegmentFilterInput: criteria left open are left out. */
export function filterInput(values: FilterFormValues | undefined): SegmentFilterInput {
  const lists = {
    tierIds: chosen(values?.tierIds),
    tags: chosen(values?.tags),
    stages: chosen(values?.stages),
    rfmClasses: chosen(values?.rfmClasses),
    storeIds: chosen(values?.storeIds),
  };
  const input: SegmentFilterInput = {};
  if (lists.tierIds) input.tierIds = lists.tierIds;
  if (lists.tags) input.tags = lists.tags;
  if (lists.stages) input.stages = lists.stages;
  if (lists.rfmClasses) input.rfmClasses = lists.rfmClasses;
  if (lists.storeIds) input.storeIds = lists.storeIds;
  if (typeof values?.birthdayMonth === "number") input.birthdayMonth = values.birthdayMonth;
  if (values?.marketingConsent === "yes") input.marketingConsent = true;
  if (values?.marketingConsent === "no") input.marketingConsent = false;
  return input;
}

/** A stored segment as the builder edits it. */
export function segmentFormValues(record?: Partial<SegmentRecord>): SegmentFormValues {
  const filter = record?.filter;
  return {
    name: record?.name ?? "",
    description: record?.description ?? "",
    filter: {
      tierIds: filter?.tierIds ?? [],
      tags: filter?.tags ?? [],
      stages: filter?.stages ?? [],
      rfmClasses: filter?.rfmClasses ?? [],
      storeIds: filter?.storeIds ?? [],
      birthdayMonth: filter?.birthdayMonth ?? "",
      marketingConsent: filter?.marketingConsent === true ? "yes" : filter?.marketingConsent === false ? "no" : "any",
    },
  };
}

/** The form's values as SegmentInput; the filter goes whole (it replaces the stored one). */
export function segmentInput(values: SegmentFormValues) {
  return {
    name: (values.name ?? "").trim(),
    description: (values.description ?? "").trim(),
    filter: filterInput(values.filter),
  };
}

/** Where an API field lands in the builder: tags.0 → filter.tags. */
export function segmentField(apiField: string): string {
  if (apiField === "name" || apiField === "description") return apiField;
  return `filter.${apiField.split(".")[0]}`;
}
