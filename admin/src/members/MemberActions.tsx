/**
 * What can be done to one member: guide, data export and erasure (its tags, consent and history: MemberTags.tsx,
 * MemberConsentToggle.tsx, MemberAudit.tsx).
 */
import DeleteForeverIcon from "@mui/icons-material/DeleteForever";
import FileDownloadIcon from "@mui/icons-material/FileDownload";
import {
  Alert,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField as MuiTextField,
} from "@mui/material";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useGetList, useNotify, useRecordContext, useRedirect, useRefresh, useTranslate } from "react-admin";
import { downloadText } from "../common/download";
import { LabelledButton } from "../common/smallScreen";
import { useMutationDialog } from "../common/useMutationDialog";
import type { Document } from "../dataProvider/document";
import { toApiError } from "../dataProvider/errors";
import { useRequest } from "../dataProvider/useRequest";
import type {
  AssignGuideMutation,
  AssignGuideMutationVariables,
  EraseMemberMutation,
  EraseMemberMutationVariables,
  MemberDataExportQuery,
  MemberDataExportQueryVariables,
} from "../generated/graphql";
import type { MemberRecord } from "./fields";

const ASSIGN_GUIDE: Document<AssignGuideMutation, AssignGuideMutationVariables> = /* GraphQL */ `
  mutation assignGuide($ids: [ID!]!, $guideId: ID) {
    assignGuide(memberIds: $ids, guideId: $guideId) {
      id
      guideId
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
    <LabelledButton
      label="resources.members.actions.export_data"
      icon={<FileDownloadIcon />}
      onClick={() => void run()}
      disabled={busy}
    />
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
      <LabelledButton
        label="resources.members.actions.erase"
        icon={<DeleteForeverIcon />}
        color="error"
        onClick={() => setOpen(true)}
      />
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
