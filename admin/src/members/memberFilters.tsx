/**
 * The member list's filters. Tier, birthday month and the spend and stored-value
 * ranges (yuan on screen, fen sent) are served by the API's segment sources and
 * combine with store and tag only, so while one of them is set, the name, guide
 * and joining-date filters are disabled, and the other way round: the console
 * never sends a combination the API refuses.
 */
import { useQuery } from "@tanstack/react-query";
import {
  DateInput,
  ReferenceInput,
  SelectInput,
  TextInput,
  useListContext,
  useLocaleState,
  useTranslate,
} from "react-admin";
import { YuanInput } from "../common/YuanInput";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { MemberTierChoicesQuery, MemberTierChoicesQueryVariables } from "../generated/graphql";

const TIER_CHOICES: Document<MemberTierChoicesQuery, MemberTierChoicesQueryVariables> = /* GraphQL */ `
  query memberTierChoices {
    loyaltyConfig {
      ladder {
        tiers {
          id
          name
        }
      }
    }
  }
`;

/** Filters the API serves from its segment sources. */
export const SEGMENT_FILTERS = ["tierId", "birthdayMonth", "spendMin", "spendMax", "balanceMin", "balanceMax"];
/** Filters the API does not combine with those. */
export const PROFILE_FILTERS = ["name", "guideId", "joinedFrom", "joinedTo"];

const isSet = (value: unknown) => value !== undefined && value !== null && value !== "";

/** Whether the filter `source` is shut out by a filter of the other group now set; with the hint to show. */
export function useFilterConflict(source: string): { disabled: boolean; helperText?: string } {
  const { filterValues } = useListContext();
  const others = SEGMENT_FILTERS.includes(source) ? PROFILE_FILTERS : SEGMENT_FILTERS;
  const disabled = !isSet(filterValues[source]) && others.some((name) => isSet(filterValues[name]));
  const hint = SEGMENT_FILTERS.includes(source)
    ? "resources.members.filters.conflict_segment"
    : "resources.members.filters.conflict_profile";
  return disabled ? { disabled, helperText: hint } : { disabled };
}

interface FilterProps {
  source: string;
  label?: string;
  alwaysOn?: boolean;
}

export function TierFilterInput({ source, label }: FilterProps) {
  const request = useRequest();
  const conflict = useFilterConflict(source);
  const { data } = useQuery({
    queryKey: ["memberTierChoices"],
    queryFn: async () => (await request(TIER_CHOICES)).loyaltyConfig.ladder.tiers,
  });
  return (
    <SelectInput
      source={source}
      label={label}
      choices={data ?? []}
      translateChoice={false}
      isLoading={!data}
      {...conflict}
    />
  );
}

export function BirthdayMonthFilterInput({ source, label }: FilterProps) {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const conflict = useFilterConflict(source);
  const month = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
  const choices = Array.from({ length: 12 }, (_, index) => ({
    id: index + 1,
    name: translate("resources.members.filters.month_option", {
      month: index + 1,
      name: month.format(Date.UTC(2000, index, 15)),
    }),
  }));
  return <SelectInput source={source} label={label} choices={choices} translateChoice={false} {...conflict} />;
}

/** An amount bound of a range filter: yuan typed, fen in the filter. */
export function YuanFilterInput({ source, label }: FilterProps) {
  const conflict = useFilterConflict(source);
  return <YuanInput source={source} label={label} min={0} sx={{ width: 180 }} {...conflict} />;
}

export function NameFilterInput({ source, label }: FilterProps) {
  return <TextInput source={source} label={label} resettable {...useFilterConflict(source)} />;
}

export function JoinedFilterInput({ source, label }: FilterProps) {
  return <DateInput source={source} label={label} {...useFilterConflict(source)} />;
}

export function GuideFilterInput({ source, label }: FilterProps) {
  const conflict = useFilterConflict(source);
  return (
    <ReferenceInput source={source} reference="staff" perPage={100}>
      <SelectInput optionText="name" label={label} {...conflict} />
    </ReferenceInput>
  );
}
