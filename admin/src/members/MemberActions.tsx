/** What can be done to one member: tags, guide, consent, history, data export and erasure. */
import DeleteForeverIcon from "@mui/icons-material/DeleteForever";
import FileDownloadIcon from "@mui/icons-material/FileDownload";
import {
  Alert,
  Box,
  Button as MuiButton,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  List as MuiList,
  ListItem,
  ListItemText,
  MenuItem,
  Stack,
  Switch,
  TextField as MuiTextField,
  Typography,
} from "@mui/material";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, useGetList, useNotify, useRecordContext, useRedirect, useRefresh, useTranslate } from "react-admin";
import { downloadText } from "../common/download";
import { useMutationDialog } from "../common/useMutationDialog";
import type { Document } from "../dataProvider/document";
import { toApiError } from "../dataProvider/errors";
import { useRequest } from "../dataProvider/useRequest";
import type {
  AddMemberTagsMutation,
  AddMemberTagsMutationVariables,
  AssignGuideMutation,
  AssignGuideMutationVariables,
  EraseMemberMutation,
  EraseMemberMutationVariables,
  MemberAuditQuery,
  MemberAuditQueryVariables,
  MemberDataExportQuery,
  MemberDataExportQueryVariables,
  RemoveMemberTagsMutation,
  RemoveMemberTagsMutationVariables,
  SetMarketingConsentMutation,
  SetMarketingConsentMutationVariables,
} from "../generated/graphql";
import { useFormatDateTime } from "../merchant/DateTimeField";
import type { MemberRecord } from "./fields";

const ADD_TAGS: Document<AddMemberTagsMutation, AddMemberTagsMutationVariables> = /* GraphQL */ `
  mutation addMemberTags($id: ID!, $tags: [String!]!) {
    addMemberTags(id: $id, tags: $tags) {
      id
      tags
      version
    }
  }
`;

const REMOVE_TAGS: Document<RemoveMemberTagsMutation, RemoveMemberTagsMutationVariables> = /* GraphQL */ `
  mutation removeMemberTags($id: ID!, $tags: [String!]!) {
    removeMemberTags(id: $id, tags: $tags) {
      id
      tags
      version
    }
  }
`;

const ASSIGN_GUIDE: Document<AssignGuideMutation, AssignGuideMutationVariables> = /* GraphQL */ `
  mutation assignGuide($ids: [ID!]!, $guideId: ID) {
    assignGuide(memberIds: $ids, guideId: $guideId) {
      id
      guideId
    }
  }
`;

const SET_CONSENT: Document<SetMarketingConsentMutation, SetMarketingConsentMutationVariables> = /* GraphQL */ `
  mutation setMarketingConsent($id: ID!, $input: ConsentInput!) {
    setMarketingConsent(id: $id, input: $input) {
      id
      marketingSms {
        granted
        at
        channel
      }
    }
  }
`;

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

const MEMBER_DATA_EXPORT: Document<MemberDataExportQuery, MemberDataExportQueryVariables> = /* GraphQL */ `
  query memberDataExport($id: ID!) {
    memberDataExport(id: $id)
  }
`;

const ERASE_MEMBER: Document<EraseMemberMutation, EraseMemberMutationVariables> = /* GraphQL */ `
  mutation eraseMember($id: ID!, $reason: String!) {
    eraseMember(id: $id, reason: $reason) {
      id
    }
  }
`;

/** The API's own message for a failure (errors.ts). */
function errorMessage(error: unknown) {
  return toApiError(error).message;
}

/** Tags as deletable chips, and a text input to add one. */
export function MemberTags() {
  const record = useRecordContext<MemberRecord>();
  const request = useRequest();
  const refresh = useRefresh();
  const notify = useNotify();
  const translate = useTranslate();
  const [tag, setTag] = useState("");
  const [busy, setBusy] = useState(false);
  if (!record) return null;

  const change = async (mutation: "addMemberTags" | "removeMemberTags", tags: string[]) => {
    setBusy(true);
    try {
      if (mutation === "addMemberTags") await request(ADD_TAGS, { id: record.id, tags });
      else await request(REMOVE_TAGS, { id: record.id, tags });
      notify(mutation === "addMemberTags" ? "resources.members.tags.added" : "resources.members.tags.removed", {
        type: "success",
      });
      if (mutation === "addMemberTags") setTag("");
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setBusy(false);
    }
  };

  const tags = record.tags ?? [];
  return (
    <Box data-testid="member-tag-editor">
      <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, mb: 2 }}>
        {tags.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {translate("resources.members.tags.none")}
          </Typography>
        )}
        {tags.map((name) => (
          <Chip
            key={name}
            label={name}
            data-testid="member-tag"
            onDelete={busy ? undefined : () => change("removeMemberTags", [name])}
          />
        ))}
      </Box>
      <Box
        component="form"
        sx={{ display: "flex", gap: 1, alignItems: "center" }}
        onSubmit={(event) => {
          event.preventDefault();
          if (tag.trim()) void change("addMemberTags", [tag.trim()]);
        }}
      >
        <MuiTextField
          size="small"
          label={translate("resources.members.tags.new")}
          value={tag}
          onChange={(event) => setTag(event.target.value)}
          slotProps={{ htmlInput: { "data-testid": "new-tag", maxLength: 40 } }}
        />
        <MuiButton type="submit" variant="outlined" disabled={busy || !tag.trim()}>
          {translate("resources.members.tags.add")}
        </MuiButton>
      </Box>
    </Box>
  );
}

interface StaffRecord {
  id: string;
  name: string;
  username: string;
  role: string;
  status: string;
  storeIds: string[];
}

/** Owners and managers: the member's guide, among the staff of the member's home store. */
export function MemberGuide() {
  const record = useRecordContext<MemberRecord>();
  const request = useRequest();
  const refresh = useRefresh();
  const notify = useNotify();
  const translate = useTranslate();
  const { data: staff } = useGetList<StaffRecord>("staff", { pagination: { page: 1, perPage: 100 } });
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const candidates = (staff ?? []).filter(
    (person) =>
      person.status === "active" &&
      (person.role === "manager" || person.role === "clerk") &&
      person.storeIds.includes(record.homeStoreId),
  );
  const current = record.guideId ?? "";
  // The current guide stays selectable even when no longer at the store.
  const options =
    current && !candidates.some((person) => person.id === current) && record.guide
      ? [...candidates, { id: current, name: record.guide.name, username: record.guide.username } as StaffRecord]
      : candidates;

  const assign = async (guideId: string) => {
    setBusy(true);
    try {
      await request(ASSIGN_GUIDE, { ids: [record.id], guideId: guideId || null });
      notify("resources.members.guide.assigned", { type: "success" });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <MuiTextField
      select
      fullWidth
      size="small"
      label={translate("resources.members.fields.guide")}
      helperText={translate("resources.members.guide.hint")}
      value={staff ? current : ""}
      disabled={busy || !staff}
      onChange={(event) => void assign(event.target.value)}
      slotProps={{
        select: { displayEmpty: true },
        inputLabel: { shrink: true },
        htmlInput: { "data-testid": "guide-select" },
      }}
    >
      <MenuItem value="">{translate("resources.members.guide.none")}</MenuItem>
      {options.map((person) => (
        <MenuItem key={person.id} value={person.id}>
          {person.name} ({person.username})
        </MenuItem>
      ))}
    </MuiTextField>
  );
}

/** The marketing-SMS switch; every change asks where the decision came from. */
export function MemberConsentToggle() {
  const record = useRecordContext<MemberRecord>();
  const request = useRequest();
  const translate = useTranslate();
  const [asking, setAsking] = useState<boolean | null>(null);
  const [source, setSource] = useState("");
  const { busy, submit } = useMutationDialog({ onClose: () => setAsking(null), refusals: "notify" });
  if (!record) return null;
  const granted = record.marketingSms?.granted === true;

  const save = () => {
    if (asking === null) return;
    void submit({
      send: () =>
        request(SET_CONSENT, {
          id: record.id,
          input: { granted: asking, source: source.trim() || undefined },
        }),
      success: "resources.members.consent_toggle.saved",
      close: true,
      done: () => setSource(""),
    });
  };

  return (
    <>
      <FormControlLabel
        control={
          <Switch
            checked={granted}
            onChange={(event) => setAsking(event.target.checked)}
            slotProps={{ input: { "aria-label": translate("resources.members.consent_toggle.label") } }}
          />
        }
        label={translate("resources.members.consent_toggle.label")}
      />
      <Dialog open={asking !== null} onClose={() => setAsking(null)} fullWidth maxWidth="sm">
        <DialogTitle>
          {translate(
            asking ? "resources.members.consent_toggle.title_grant" : "resources.members.consent_toggle.title_revoke",
          )}
        </DialogTitle>
        <DialogContent>
          <MuiTextField
            autoFocus
            fullWidth
            margin="dense"
            label={translate("resources.members.consent_toggle.source")}
            helperText={translate("resources.members.consent_toggle.source_hint")}
            value={source}
            onChange={(event) => setSource(event.target.value)}
            slotProps={{ htmlInput: { "data-testid": "consent-source", maxLength: 200 } }}
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setAsking(null)}>{translate("ra.action.cancel")}</MuiButton>
          <MuiButton variant="contained" onClick={save} disabled={busy || !source.trim()}>
            {translate("ra.action.confirm")}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}

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
  const { data, error } = useQuery({
    queryKey: ["members", "auditLog", record?.id, record?.version],
    enabled: Boolean(record?.id),
    queryFn: async () => (await request(MEMBER_AUDIT, { id: record!.id })).member?.auditLog.nodes ?? [],
  });
  /** Enum values and consent decisions in words; other values as auditValue writes them. */
  const readable = (field: string, json: string | null | undefined) => {
    const text = auditValue(json);
    if (field === "gender" || field === "channel") return translate(`resources.members.${field}.${text}`, { _: text });
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
  };
  if (error) return <Alert severity="error">{errorMessage(error)}</Alert>;
  if (!data) return null;
  if (data.length === 0) return <Typography variant="body2">{translate("resources.members.audit.none")}</Typography>;
  return (
    <MuiList dense data-testid="member-audit">
      {data.map((entry) => (
        <ListItem key={entry.id} divider alignItems="flex-start" data-testid="audit-entry">
          <ListItemText
            primary={
              <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap" }}>
                <Typography variant="body2" color="text.secondary">
                  {format(entry.at)}
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
                  <Typography key={change.field} component="span" variant="body2" sx={{ display: "block" }}>
                    {translate(`resources.members.fields.${change.field}`, { _: change.field })}:{" "}
                    {readable(change.field, change.before)} → {readable(change.field, change.after)}
                  </Typography>
                ))}
                {entry.source && (
                  <Typography component="span" variant="body2" sx={{ display: "block" }}>
                    {translate("resources.members.audit.source", { source: entry.source })}
                  </Typography>
                )}
              </>
            }
          />
        </ListItem>
      ))}
    </MuiList>
  );
}

/** Owners and managers: everything held about the member, as JSON (PIPL access request). */
export function ExportMemberDataButton() {
  const record = useRecordContext<MemberRecord>();
  const request = useRequest();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const run = async () => {
    setBusy(true);
    try {
      const data = await request(MEMBER_DATA_EXPORT, { id: record.id });
      downloadText(`member-${record.id}.json`, data.memberDataExport, "application/json;charset=utf-8");
      notify("resources.members.data_exported", { type: "success" });
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label="resources.members.actions.export_data" onClick={() => void run()} disabled={busy}>
      <FileDownloadIcon />
    </Button>
  );
}

/** Owners and managers: erase the member for good, with a reason; then back to the list. */
export function EraseMemberButton() {
  const record = useRecordContext<MemberRecord>();
  const request = useRequest();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  // The member is gone: back to the list rather than a refresh of their page.
  const { busy, submit } = useMutationDialog({ onClose: () => setOpen(false), refusals: "notify", refresh: false });
  if (!record) return null;

  const erase = () =>
    void submit({
      send: () => request(ERASE_MEMBER, { id: record.id, reason: reason.trim() }),
      success: "resources.members.erase.done",
      close: true,
      done: async () => {
        queryClient.removeQueries({ queryKey: ["members", "getOne"] });
        await queryClient.invalidateQueries({ queryKey: ["members"] });
        redirect("list", "members");
      },
    });

  return (
    <>
      <Button label="resources.members.actions.erase" color="error" onClick={() => setOpen(true)}>
        <DeleteForeverIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate("resources.members.erase.title", { name: record.name })}</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }} data-testid="erase-warning">
            {translate("resources.members.erase.warning")}
          </Alert>
          <MuiTextField
            autoFocus
            fullWidth
            required
            label={translate("resources.members.erase.reason")}
            helperText={translate("resources.members.erase.reason_hint")}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            slotProps={{ htmlInput: { "data-testid": "erase-reason", maxLength: 500 } }}
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)}>{translate("ra.action.cancel")}</MuiButton>
          <MuiButton color="error" variant="contained" onClick={erase} disabled={busy || !reason.trim()}>
            {translate("resources.members.erase.confirm")}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}
