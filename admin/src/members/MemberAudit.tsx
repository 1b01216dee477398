/** The member's history: who changed what, newest first, in the merchant's time zone. */
import { Alert, List as MuiList, ListItem, ListItemText, Stack, Typography } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { useRecordContext, useTranslate } from "react-admin";
import { shortId } from "../common/shortId";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { MemberAuditQuery, MemberAuditQueryVariables } from "../generated/graphql";
import { useFormatDateTime } from "../merchant/DateTimeField";
import type { MemberRecord } from "./fields";
import { errorMessage, useStaffNames, useStoreNames } from "./loyalty/api";

const MEMBER_AUDIT: Document<MemberAuditQuery, MemberAuditQueryVariables> = /* GraphQL */ `
  query memberAudit($id: ID!) {
    member(id: $id) {
      id
      auditLog(first: 50) {
        nodes {
          id
          at
          actorName
          action
          source
          changes {
            field
            before
            after
          }
        }
      }
    }
  }
`;

/** A JSON value from the audit log as text. */
export function auditValue(json: string | null | undefined): string {
  if (json === null || json === undefined || json === "") return "—";
  try {
    const value = JSON.parse(json) as unknown;
    if (value === null) return "—";
    if (typeof value === "string") return value;
    if (Array.isArray(value))
      return value.length
        ? value.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join(", ")
        : "—";
    if (typeof value === "object") {
      const birthday = value as { month?: number; day?: number; year?: number };
      if (birthday.month && birthday.day)
        return [birthday.year, birthday.month, birthday.day].filter(Boolean).join("-");
      return JSON.stringify(value);
    }
    return String(value);
  } catch {
    return json;
  }
}

/** Who changed what, newest first, in the merchant's time zone. */
export function MemberAudit() {
  const record = useRecordContext<MemberRecord>();
  const request = useRequest();
  const translate = useTranslate();
  const format = useFormatDateTime();
  const names = useAuditNames();
  const { data, error } = useQuery({
    queryKey: ["members", "auditLog", record?.id, record?.version],
    enabled: Boolean(record?.id),
    queryFn: async () => (await request(MEMBER_AUDIT, { id: record!.id })).member?.auditLog.nodes ?? [],
  });
  const readable = (field: string, json: string | null | undefined) =>
    readableAuditValue(field, json, translate, format, names);
  if (error) return <Alert severity="error">{errorMessage(error)}</Alert>;
  if (!data) return null;
  if (data.length === 0) return <Typography variant="body2">{translate("resources.members.audit.none")}</Typography>;
  return (
    <MuiList dense data-testid="member-audit">
      {data.map((entry) => (
        <AuditEntry key={entry.id} entry={entry} at={format(entry.at)} readable={readable} />
      ))}
    </MuiList>
  );
}

type AuditLogEntry = NonNullable<MemberAuditQuery["member"]>["auditLog"]["nodes"][number];

/** Names of the stores and staff an audit entry may name by id (a home store, a guide). */
function useAuditNames(): Record<string, Map<string, string>> {
  return { homeStoreId: useStoreNames(), guideId: useStaffNames() };
}

/** Enum values, ids of stores and staff, and consent decisions in words; other values as auditValue writes them. */
function readableAuditValue(
  field: string,
  json: string | null | undefined,
  translate: (key: string, options?: Record<string, unknown>) => string,
  format: (iso: string) => string,
  names: Record<string, Map<string, string>>,
) {
  const text = auditValue(json);
  if (field === "gender" || field === "channel") return translate(`resources.members.${field}.${text}`, { _: text });
  if (names[field] && text !== "—") return names[field].get(text) ?? shortId(text);
  if (field === "marketingSms" && json) {
    try {
      const consent = JSON.parse(json) as { granted?: boolean; at?: string; channel?: string } | null;
      if (consent && typeof consent.granted === "boolean") {
        return consent.granted && consent.at
          ? translate("resources.members.consent.granted", {
              date: format(consent.at),
              channel: translate(`resources.members.channel.${consent.channel}`, { _: consent.channel ?? "" }),
            })
          : translate("resources.members.consent.refused");
      }
    } catch {
      // not JSON: shown as it is
    }
  }
  return text;
}

/**
 * Where a change came from, in words: an enrolment's or import's channel (tap → 碰一碰), a contact note's channel
 * (CALL → 电话), the console or storefront a consent came through; free text (a consent's paper form, an erasure's
 * reason) as it was written.
 */
function auditSource(
  { action, source }: Pick<AuditLogEntry, "action" | "source">,
  translate: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (!source) return "";
  if (action === "enrolled" || action === "imported")
    return translate(`resources.members.channel.${source}`, { _: source });
  if (action === "contacted") return translate(`resources.worklist.channels.${source}`, { _: source });
  return translate(`resources.members.audit.sources.${source}`, { _: source });
}

/** One change to the member: when, by whom, what was done, each field before and after, and its source. */
function AuditEntry({
  entry,
  at,
  readable,
}: {
  entry: AuditLogEntry;
  at: string;
  readable: (field: string, json: string | null | undefined) => string;
}) {
  const translate = useTranslate();
  return (
    <ListItem divider alignItems="flex-start" data-testid="audit-entry">
      <ListItemText
        primary={
          <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap" }}>
            <Typography variant="body2" color="text.secondary">
              {at}
            </Typography>
            <Typography variant="body2">{entry.actorName}</Typography>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate(`resources.members.audit.action.${entry.action}`, { _: entry.action })}
            </Typography>
          </Stack>
        }
        secondary={
          <>
            {entry.changes.map((change) => (
              <Typography
                key={change.field}
                component="span"
                variant="body2"
                sx={{ display: "block", overflowWrap: "anywhere" }}
              >
                {translate(`resources.members.fields.${change.field}`, { _: change.field })}:{" "}
                {readable(change.field, change.before)} → {readable(change.field, change.after)}
              </Typography>
            ))}
            {entry.source && (
              <Typography component="span" variant="body2" sx={{ display: "block" }}>
                {translate("resources.members.audit.source", { source: auditSource(entry, translate) })}
              </Typography>
            )}
          </>
        }
      />
    </ListItem>
  );
}
