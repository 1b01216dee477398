/**
 * What a segment can be built from: the merchant's tiers (the loyalty
 * ladder), tags with their member counts, and stores. A value a saved
 * segment holds but the lists no longer do still shows, as itself.
 */
import { useGetList, useTranslate } from "react-admin";
import { useLoyaltyConfig } from "../loyalty/useLoyaltyConfig";
import { useMemberTags } from "../members/useMemberTags";
import { RFM_CLASSES, STAGES } from "./fields";

export interface Choice {
  id: string;
  name: string;
}

const withKept = (choices: Choice[], keep: readonly string[] = []) => [
  ...choices,
  ...keep.filter((id) => !choices.some((choice) => choice.id === id)).map((id) => ({ id, name: id })),
];

export function useSegmentChoices(keep: { tierIds?: string[]; tags?: string[]; storeIds?: string[] } = {}) {
  const translate = useTranslate();
  const loyalty = useLoyaltyConfig();
  const tags = useMemberTags();
  const stores = useGetList<{ id: string; name: string }>("stores", {
    pagination: { page: 1, perPage: 100 },
    sort: { field: "name", order: "ASC" },
  });
  const tiers = (loyalty.data?.ladder.tiers ?? []).map((tier) => ({ id: tier.id, name: tier.name }));
  return {
    tiers: withKept(tiers, keep.tierIds),
    tierName: (id: string) => tiers.find((tier) => tier.id === id)?.name ?? id,
    tags: withKept(
      (tags.data ?? []).map((tag) => ({ id: tag.name, name: `${tag.name} (${tag.count})` })),
      keep.tags,
    ),
    stores: withKept(
      (stores.data ?? []).map((store) => ({ id: store.id, name: store.name })),
      keep.storeIds,
    ),
    storeName: (id: string) => stores.data?.find((store) => store.id === id)?.name ?? id,
    stages: STAGES.map((stage) => ({ id: stage, name: translate(`resources.segments.stage.${stage}`) })),
    rfmClasses: RFM_CLASSES.map((rfmClass) => ({
      id: rfmClass,
      name: translate(`resources.segments.rfm_class.${rfmClass}`),
    })),
    months: Array.from({ length: 12 }, (_, index) => ({
      id: index + 1,
      name: translate("resources.segments.month", { month: index + 1 }),
    })),
    isPending: loyalty.isPending || tags.isPending || stores.isPending,
  };
}
