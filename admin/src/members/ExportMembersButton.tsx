/**
 * Export the members the list shows (its current filter) as CSV: pages through
 * the API 100 at a time and writes the same columns as the CLI export.
 */
import DownloadIcon from "@mui/icons-material/Download";
import { useState } from "react";
import { Button, useListContext, useNotify } from "react-admin";
import { toCsv } from "../../../functions/core/csv";
import { EXPORT_HEADER, memberCsvRow } from "../../../functions/core/member-export";
import { cleanFilter } from "../dataProvider/buildQuery";
import { isLookup, listSearchFilter, memberSearch } from "../dataProvider/resources";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { ExportMembersQuery, ExportMembersQueryVariables, MemberFilter } from "../generated/graphql";
import { downloadText, today } from "../common/download";
import { useMerchantTimeZone } from "../merchant/useMerchant";

const PAGE = 100;
const EXPORT_MEMBERS: Document<ExportMembersQuery, ExportMembersQueryVariables> = /* GraphQL */ `
  query exportMembers($filter: MemberFilter, $first: Int, $after: String) {
    members(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        phone
        name
        gender
        birthday {
          month
          day
          year
        }
        homeStoreId
        homeStore {
          id
          name
        }
        guideId
        guide {
          id
          name
        }
        channel
        memberCode
        marketingSms {
          granted
          at
          channel
        }
        tags
        joinedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** The list's filter as the API's MemberFilter (the search box becomes an exact phone or code, or a phone tail). */
export function memberFilter(filterValues: Record<string, unknown>): Record<string, unknown> {
  const { q, ...rest } = cleanFilter(filterValues);
  if (typeof q !== "string" || !q.trim()) return rest;
  const asked = memberSearch(q);
  return isLookup(asked) ? { ...rest, [asked.arg]: q.trim() } : listSearchFilter(asked, rest);
}

type ExportNode = ExportMembersQuery["members"]["nodes"][number];

export function ExportMembersButton() {
  const { filterValues } = useListContext();
  const request = useRequest();
  const notify = useNotify();
  const timeZone = useMerchantTimeZone() ?? "Asia/Shanghai";
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    try {
      const filter = memberFilter(filterValues);
      const members: ExportNode[] = [];
      let after: string | undefined;
      for (;;) {
        const data = await request(EXPORT_MEMBERS, { filter: filter as MemberFilter, first: PAGE, after });
        members.push(...data.members.nodes);
        if (!data.members.pageInfo.hasNextPage || !data.members.pageInfo.endCursor) break;
        after = data.members.pageInfo.endCursor;
      }
      const stores = new Map(
        members.flatMap((member) => (member.homeStore ? [[member.homeStore.id, member.homeStore.name] as const] : [])),
      );
      const guides = new Map(
        members.flatMap((member) => (member.guide ? [[member.guide.id, member.guide.name] as const] : [])),
      );
      const rows = members.map((member) =>
        memberCsvRow(
          { ...member, tags: member.tags ?? [] },
          { store: (id) => stores.get(id), guide: (id) => guides.get(id) },
          timeZone,
        ),
      );
      downloadText(`members-${today(timeZone)}.csv`, toCsv([EXPORT_HEADER, ...rows]));
      notify("resources.members.export.done", { type: "success", messageArgs: { count: members.length } });
    } catch (error) {
      notify("resources.members.export.failed", { type: "error", messageArgs: { error: (error as Error).message } });
    } finally {
      setRunning(false);
    }
  };

  return (
    <Button
      label={running ? "resources.members.actions.exporting" : "resources.members.actions.export"}
      onClick={run}
      disabled={running}
    >
      <DownloadIcon />
    </Button>
  );
}
