/**
 * 记录联系: a guide notes how they reached a member and what was said, then
 * confirms it. The request id is made when the dialog opens, so confirming
 * again after a lost answer logs one note; the API's refusal is shown as a
 * notification and next to the field it concerns.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { useMutationDialog } from "../common/useMutationDialog";
import { useRequest } from "../dataProvider/useRequest";
import { CHANNELS, LOG_CONTACT, type Channel, type WorklistMember } from "./api";

const W = "resources.worklist";
const MAX = 500;

export function ContactDialog({
  member,
  onClose,
  onLogged,
}: {
  member: WorklistMember;
  onClose: () => void;
  onLogged: () => void;
}) {
  const translate = useTranslate();
  const request = useRequest();
  // The worklist reloads itself (onLogged) rather than the whole page.
  const { busy, fieldErrors: errors, submit } = useMutationDialog({ onClose, refusals: "notify", refresh: false });
  const [channel, setChannel] = useState<Channel>("CALL");
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState(false);

  const save = () =>
    void submit({
      send: (requestId) => request(LOG_CONTACT, { input: { memberId: member.id, channel, note, requestId } }),
      success: `${W}.contact.logged`,
      successArgs: { name: member.name },
      close: true,
      done: () => onLogged(),
      refused: () => setConfirming(false),
    });

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" data-testid="contact-dialog">
      <DialogTitle>{translate(`${W}.contact.title`, { name: member.name })}</DialogTitle>
      <DialogContent>
        {confirming ? (
          <Stack spacing={1} sx={{ mt: 1 }} data-testid="contact-confirm">
            <Typography variant="body2">
              {translate(`${W}.contact.confirm`, { name: member.name, channel: translate(`${W}.channels.${channel}`) })}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: "pre-wrap", bgcolor: "action.hover", p: 1, borderRadius: 1 }}>
              {note.trim()}
            </Typography>
          </Stack>
        ) : (
          <ContactForm channel={channel} setChannel={setChannel} note={note} setNote={setNote} errors={errors} />
        )}
      </DialogContent>
      <ContactActions
        confirming={confirming}
        busy={busy}
        ready={Boolean(note.trim()) && [...note].length <= MAX}
        onStep={setConfirming}
        onCancel={onClose}
        onSave={save}
      />
    </Dialog>
  );
}

/** How the member was reached, and what was said (up to MAX characters). */
function ContactForm({
  channel,
  setChannel,
  note,
  setNote,
  errors,
}: {
  channel: Channel;
  setChannel: (channel: Channel) => void;
  note: string;
  setNote: (note: string) => void;
  /** The API's refusal by the field it concerns. */
  errors: Record<string, string>;
}) {
  const translate = useTranslate();
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <TextField
        select
        label={translate(`${W}.contact.channel`)}
        value={channel}
        onChange={(event) => setChannel(event.target.value as Channel)}
        error={Boolean(errors.channel)}
        helperText={errors.channel}
        slotProps={{ htmlInput: { "data-testid": "contact-channel" } }}
      >
        {CHANNELS.map((value) => (
          <MenuItem key={value} value={value}>
            {translate(`${W}.channels.${value}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label={translate(`${W}.contact.note`)}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        multiline
        minRows={3}
        error={Boolean(errors.note) || [...note].length > MAX}
        helperText={errors.note ?? `${[...note].length} / ${MAX}`}
        slotProps={{ htmlInput: { "data-testid": "contact-note" } }}
      />
    </Stack>
  );
}

/** Cancel and save (once a note within the limit is written); back and confirm once confirming. */
function ContactActions({
  confirming,
  busy,
  ready,
  onStep,
  onCancel,
  onSave,
}: {
  confirming: boolean;
  busy: boolean;
  ready: boolean;
  onStep: (confirming: boolean) => void;
  onCancel: () => void;
  onSave: () => void;
}) {
  const translate = useTranslate();
  return (
    <DialogActions>
      {confirming ? (
        <>
          <Button onClick={() => onStep(false)} disabled={busy}>
            {translate(`${W}.contact.back`)}
          </Button>
          <Button variant="contained" onClick={onSave} disabled={busy} data-testid="contact-confirm-save">
            {translate("ra.action.confirm")}
          </Button>
        </>
      ) : (
        <>
          <Button onClick={onCancel}>{translate("ra.action.cancel")}</Button>
          <Button variant="contained" onClick={() => onStep(true)} disabled={!ready} data-testid="contact-save">
            {translate(`${W}.contact.save`)}
          </Button>
        </>
      )}
    </DialogActions>
  );
}
