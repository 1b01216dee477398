/** The member's marketing-SMS consent: a switch, and where each decision came from. */
import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Switch,
  TextField as MuiTextField,
} from "@mui/material";
import { useState } from "react";
import { useRecordContext, useTranslate } from "react-admin";
import { useMutationDialog } from "../common/useMutationDialog";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { SetMarketingConsentMutation, SetMarketingConsentMutationVariables } from "../generated/graphql";
import type { MemberRecord } from "./fields";

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
      <ConsentSourceDialog
        asking={asking}
        source={source}
        setSource={setSource}
        busy={busy}
        onCancel={() => setAsking(null)}
        onSave={save}
      />
    </>
  );
}

/** Where the consent decision came from, asked before it is saved (granting or revoking). */
function ConsentSourceDialog({
  asking,
  source,
  setSource,
  busy,
  onCancel,
  onSave,
}: {
  /** The decision asked about; null while the dialog is closed. */
  asking: boolean | null;
  source: string;
  setSource: (source: string) => void;
  busy: boolean;
  onCancel: () => void;
  onSave: () => void;
}) {
  const translate = useTranslate();
  return (
    <Dialog open={asking !== null} onClose={onCancel} fullWidth maxWidth="sm">
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
        <MuiButton onClick={onCancel}>{translate("ra.action.cancel")}</MuiButton>
        <MuiButton variant="contained" onClick={onSave} disabled={busy || !source.trim()}>
          {translate("ra.action.confirm")}
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
}
