/**
 * 按人群发券: the audience a coupon goes to at once, a saved segment or a tag,
 * picked from lists with its member count where the API has it cheaply (a
 * tag's count from memberTags; a segment's size from the estimate campaigns
 * use, asked once it is picked). The API takes at most MAX_AUDIENCE members
 * at once and points larger audiences to campaigns; the picker says so first.
 */
import { Alert, Box, FormControlLabel, MenuItem, Radio, RadioGroup, Stack, TextField, Typography } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { useGetList, useTranslate } from "react-admin";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import { useMemberTags } from "../members/useMemberTags";
import type { AudienceSegmentSizeQuery, AudienceSegmentSizeQueryVariables } from "../generated/graphql";

const A = "resources.couponTemplates.issue.audience";

/** The most members issueCouponsToAudience takes at once (functions/app/couponAudience.ts MAX_AUDIENCE). */
export const MAX_AUDIENCE = 500;

export type AudienceKind = "segment" | "tag";

/** A saved segment (its id) or a tag (its name); id "" until one is picked. */
export interface Audience {
  kind: AudienceKind;
  id: string;
}

const SEGMENT_SIZE: Document<AudienceSegmentSizeQuery, AudienceSegmentSizeQueryVariables> = /* GraphQL */ `
  query audienceSegmentSize($segmentId: ID!) {
    campaignEstimate(input: { segmentId: $segmentId }) {
      reach
    }
  }
`;

/**
 * The segments and tags to pick from (read once the audience is offered: `enabled`), and the picked audience's
 * name and member count (when known). Tags and their counts are the caller's stores', as the API issues.
 */
export function useAudienceFacts(audience: Audience, enabled: boolean) {
  const request = useRequest();
  const segments = useGetList<{ id: string; name: string }>(
    "segments",
    { pagination: { page: 1, perPage: 100 } },
    { enabled },
  );
  const tags = useMemberTags({ enabled });
  const isSegment = enabled && audience.kind === "segment" && audience.id !== "";
  const segmentSize = useQuery({
    queryKey: ["audienceSize", "segment", audience.id],
    enabled: isSegment,
    staleTime: 30_000,
    retry: false,
    queryFn: async () => (await request(SEGMENT_SIZE, { segmentId: audience.id })).campaignEstimate.reach,
  });
  const segmentName = segments.data?.find((segment) => segment.id === audience.id)?.name;
  const size =
    audience.kind === "segment"
      ? isSegment
        ? segmentSize.data
        : undefined
      : tags.data?.find((tag) => tag.name === audience.id)?.count;
  return {
    segments: [...(segments.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, "zh-CN")),
    tags: tags.data ?? [],
    loaded: !segments.isPending && !tags.isPending,
    name: audience.kind === "segment" ? (segmentName ?? audience.id) : audience.id,
    size,
    counting: isSegment && segmentSize.isFetching,
  };
}

export type AudienceFacts = ReturnType<typeof useAudienceFacts>;

/** 人群「高价值」 / 标签「咖啡控」. */
export const audienceLabel = (
  audience: Audience,
  facts: AudienceFacts,
  translate: (key: string, options?: object) => string,
) => translate(`${A}.named.${audience.kind}`, { name: facts.name });

/** The kind (segment or tag), the list to pick from, and the picked audience's size. */
interface AudienceInputProps {
  audience: Audience;
  facts: AudienceFacts;
  busy: boolean;
  onChange: (next: Audience) => void;
}

export function AudiencePicker({ audience, facts, busy, onChange }: AudienceInputProps) {
  const translate = useTranslate();
  return (
    <Stack spacing={1} data-testid="issue-audience">
      <RadioGroup
        row
        value={audience.kind}
        onChange={(event) => onChange({ kind: event.target.value as AudienceKind, id: "" })}
      >
        {(["segment", "tag"] as const).map((kind) => (
          <FormControlLabel
            key={kind}
            value={kind}
            disabled={busy}
            control={<Radio size="small" />}
            label={translate(`${A}.kind.${kind}`)}
            data-testid={`issue-audience-kind-${kind}`}
          />
        ))}
      </RadioGroup>
      <AudienceSelect audience={audience} facts={facts} busy={busy} onChange={onChange} />
      <AudienceSize audience={audience} facts={facts} />
      <Typography variant="caption" color="text.secondary">
        {translate(`${A}.limit_hint`, { max: MAX_AUDIENCE })}
      </Typography>
    </Stack>
  );
}

/** The saved segments, or the tags with their member counts. */
function AudienceSelect({ audience, facts, busy, onChange }: AudienceInputProps) {
  const translate = useTranslate();
  const options =
    audience.kind === "segment"
      ? facts.segments.map((segment) => ({ value: segment.id, label: segment.name }))
      : facts.tags.map((tag) => ({
          value: tag.name,
          label: translate(`${A}.tag_option`, { name: tag.name, count: tag.count }),
        }));
  return (
    <TextField
      select
      size="small"
      disabled={busy}
      label={translate(`${A}.pick.${audience.kind}`)}
      value={facts.loaded ? audience.id : ""}
      onChange={(event) => onChange({ kind: audience.kind, id: event.target.value })}
      helperText={facts.loaded && options.length === 0 ? translate(`${A}.none.${audience.kind}`) : undefined}
      slotProps={{ htmlInput: { "data-testid": "issue-audience-select" } }}
    >
      {options.map((option) => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** How many members the picked audience holds now, and a warning above what one issue takes. */
function AudienceSize({ audience, facts }: { audience: Audience; facts: AudienceFacts }) {
  const translate = useTranslate();
  // A count that could not be made is left out: the API counts again when issuing.
  if (!audience.id || (facts.size === undefined && !facts.counting)) return null;
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" data-testid="issue-audience-size">
        {facts.size === undefined
          ? translate(`${A}.counting`)
          : translate(`${A}.size`, { count: facts.size.toLocaleString() })}
      </Typography>
      {facts.size !== undefined && facts.size > MAX_AUDIENCE && (
        <Alert severity="warning" sx={{ mt: 1 }} data-testid="issue-audience-too-many">
          {translate(`${A}.too_many`, { max: MAX_AUDIENCE })}
        </Alert>
      )}
    </Box>
  );
}
