/**
 * The live size of the filter being built (segmentPreview, asked again a
 * moment after the filter stops changing): how many members match, the
 * first of them with their stage and RFM, and the items read to find out
 * (what evaluating this segment costs).
 */
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { Link, usePermissions, useTranslate } from "react-admin";
import type { Permissions } from "../auth/permissions";
import { useDebounced } from "../common/useDebounced";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { SegmentFilterInput, SegmentPreviewQuery, SegmentPreviewQueryVariables } from "../generated/graphql";
import { errorMessage } from "../members/loyalty/api";
import { RfmText, StageChip } from "./facts";
import { filterInput, type FilterFormValues } from "./fields";
import { formatPhone } from "../common/phone";

const S = "resources.segments.preview";
const DEBOUNCE_MS = 400;

const PREVIEW_QUERY: Document<SegmentPreviewQuery, SegmentPreviewQueryVariables> = /* GraphQL */ `
  query segmentPreview($filter: SegmentFilterInput!) {
    segmentPreview(filter: $filter) {
      size
      itemsRead
      members {
        member {
          id
          name
          phone
        }
        tierId
        stage
        rfm {
          r
          f
          m
          class
        }
      }
    }
  }
`;

export function SegmentPreview({ tierName }: { tierName: (id: string) => string }) {
  const translate = useTranslate();
  const request = useRequest();
  const { permissions } = usePermissions<Permissions>();
  const filter = useWatch({ name: "filter" }) as FilterFormValues | undefined;
  const key = JSON.stringify(filterInput(filter));
  const settledKey = useDebounced(key, DEBOUNCE_MS);
  // No criteria means every member: at chain scale that reads everything, so it is counted only when asked.
  const everyone = settledKey === "{}";
  const [countEveryone, setCountEveryone] = useState(false);
  const preview = useQuery({
    queryKey: ["segmentPreview", settledKey],
    enabled: !everyone || countEveryone,
    queryFn: async () =>
      (await request(PREVIEW_QUERY, { filter: JSON.parse(settledKey) as SegmentFilterInput })).segmentPreview,
    placeholderData: keepPreviousData,
  });
  const waiting = everyone && !countEveryone;
  // Up to date only when the answer is for the filter on screen now.
  const current = key === settledKey && !waiting && !preview.isFetching && !preview.isPlaceholderData;
  const data = waiting ? undefined : preview.data;

  return (
    <Card variant="outlined" data-testid="segment-preview" data-current={current && !preview.error ? "true" : "false"}>
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
          {translate(`${S}.title`)}
        </Typography>
        <Box sx={{ height: 4, mb: 1 }}>{!current && !waiting && <LinearProgress />}</Box>
        {waiting && <CountEveryone onCount={() => setCountEveryone(true)} />}
        {preview.error && (
          <Alert severity="error">{translate(`${S}.failed`, { error: errorMessage(preview.error) })}</Alert>
        )}
        {data && (
          <PreviewResult
            data={data}
            current={current}
            everyone={everyone}
            manager={permissions?.role === "manager"}
            tierName={tierName}
          />
        )}
      </CardContent>
    </Card>
  );
}

type Preview = SegmentPreviewQuery["segmentPreview"];

/** Nothing counted yet: without criteria the segment is every member, counted only when asked. */
function CountEveryone({ onCount }: { onCount: () => void }) {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(`${S}.no_criteria`)}
      </Typography>
      <Button size="small" variant="outlined" onClick={onCount} data-testid="segment-count-all">
        {translate(`${S}.count_all`)}
      </Button>
    </Box>
  );
}

/** The size (faded while a newer answer is on its way), the items read, what it covers, and the first members. */
function PreviewResult({
  data,
  current,
  everyone,
  manager,
  tierName,
}: {
  data: Preview;
  current: boolean;
  everyone: boolean;
  manager: boolean;
  tierName: (id: string) => string;
}) {
  const translate = useTranslate();
  return (
    <>
      <Box sx={{ display: "flex", alignItems: "baseline", gap: 1, flexWrap: "wrap" }}>
        <Typography variant="h3" component="span" data-testid="segment-size" sx={{ opacity: current ? 1 : 0.5 }}>
          {data.size.toLocaleString()}
        </Typography>
        <Typography variant="body1" component="span">
          {translate(`${S}.members_unit`)}
        </Typography>
      </Box>
      <Typography variant="body2" color="text.secondary" data-testid="segment-items-read">
        {translate(`${S}.items_read`, { count: data.itemsRead.toLocaleString() })}
      </Typography>
      {everyone && (
        <Typography variant="body2" color="text.secondary">
          {translate(`${S}.all_members`)}
        </Typography>
      )}
      {manager && (
        <Typography variant="body2" color="text.secondary">
          {translate(`${S}.manager_scope`)}
        </Typography>
      )}
      <PreviewMembers members={data.members} tierName={tierName} />
    </>
  );
}

/** The first members of the segment with their tier, stage and RFM (or that there are none). */
function PreviewMembers({ members, tierName }: { members: Preview["members"]; tierName: (id: string) => string }) {
  const translate = useTranslate();
  return members.length === 0 ? (
    <Typography variant="body2" sx={{ mt: 2 }}>
      {translate(`${S}.none`)}
    </Typography>
  ) : (
    <>
      <Typography variant="body2" sx={{ mt: 2, fontWeight: 500 }}>
        {translate(`${S}.first`, { count: members.length })}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate(`${S}.member`)}</TableCell>
            <TableCell>{translate(`${S}.tier`)}</TableCell>
            <TableCell>{translate(`${S}.stage`)}</TableCell>
            <TableCell>{translate(`${S}.rfm`)}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {members.map(({ member, tierId, stage, rfm }) => (
            <TableRow key={member.id} data-testid="segment-preview-row">
              <TableCell>
                <Link to={`/members/${member.id}/show`} data-testid="segment-member-link">
                  {member.name}
                </Link>
                <Typography variant="caption" color="text.secondary" sx={{ display: "block" }}>
                  {formatPhone(member.phone)}
                </Typography>
              </TableCell>
              <TableCell>{tierName(tierId)}</TableCell>
              <TableCell>
                <StageChip stage={stage} />
              </TableCell>
              <TableCell>
                <RfmText rfm={rfm} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
