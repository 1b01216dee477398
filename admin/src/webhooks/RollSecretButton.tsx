/**
 * 轮换密钥: a new signing secret, shown once. The old one keeps signing beside it (a second v1 in the header)
 * for the hours chosen (0–72, 24 unless changed), so the receiver can switch without losing an event.
 */
import AutorenewIcon from "@mui/icons-material/Autorenew";
import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField as MuiTextField,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { Button, useTranslate } from "react-admin";
import { useFormatDateTime } from "../merchant/DateTimeField";
import { useWebhookChange, type WebhookEndpoint } from "./api";
import { ROLL_WEBHOOK_SECRET } from "./documents";
import { SecretDialog } from "./SecretDialog";

const R = "resources.webhooks.roll";
const DEFAULT_HOURS = "24";

/** Whole hours 0–72, or undefined. */
const hoursIn = (text: string) => (/^\d{1,2}$/.test(text.trim()) && Number(text) <= 72 ? Number(text) : undefined);

interface Rolled {
  secret: string;
  /** Until when the old secret still signs; null when it stopped at once. */
  oldUntil?: string | null;
}

export function RollSecretButton({ endpoint }: { endpoint: WebhookEndpoint }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const [open, setOpen] = useState(false);
  const [rolled, setRolled] = useState<Rolled>();
  return (
    <>
      <Button label={`${R}.action`} variant="outlined" onClick={() => setOpen(true)} data-testid="webhook-roll">
        <AutorenewIcon />
      </Button>
      {open && (
        <RollDialog
          endpointId={endpoint.id}
          onClose={() => setOpen(false)}
          onRolled={(done) => {
            setOpen(false);
            setRolled(done);
          }}
        />
      )}
      {rolled && (
        <SecretDialog
          title="resources.webhooks.secret.rolled_title"
          secret={rolled.secret}
          note={
            rolled.oldUntil
              ? translate(`${R}.old_until`, { time: format(rolled.oldUntil) })
              : translate(`${R}.old_gone`)
          }
          onClose={() => setRolled(undefined)}
        />
      )}
    </>
  );
}

/** How long the old secret still signs, then the roll. */
function RollDialog(props: { endpointId: string; onClose: () => void; onRolled: (rolled: Rolled) => void }) {
  const translate = useTranslate();
  const change = useWebhookChange();
  const [hours, setHours] = useState(DEFAULT_HOURS);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const roll = async () => {
    const expireOldAfterHours = hoursIn(hours);
    if (expireOldAfterHours === undefined) return setError(translate(`${R}.invalid`));
    setBusy(true);
    const { result, errors } = await change((request) =>
      request(ROLL_WEBHOOK_SECRET, { id: props.endpointId, expireOldAfterHours }),
    );
    setBusy(false);
    setError(errors && Object.values(errors)[0]);
    if (result)
      props.onRolled({
        secret: result.rollWebhookSecret.secret,
        oldUntil: result.rollWebhookSecret.endpoint.previousSecretExpiresAt,
      });
  };

  return (
    <Dialog open onClose={busy ? undefined : props.onClose} aria-labelledby="webhook-roll-title">
      <DialogTitle id="webhook-roll-title">{translate(`${R}.title`)}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate(`${R}.content`)}
        </Typography>
        <MuiTextField
          label={translate(`${R}.hours`)}
          value={hours}
          onChange={(event) => {
            setHours(event.target.value);
            setError(undefined);
          }}
          error={Boolean(error)}
          helperText={error ?? translate(`${R}.hours_hint`)}
          slotProps={{ htmlInput: { inputMode: "numeric", "data-testid": "webhook-roll-hours" } }}
        />
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={props.onClose} disabled={busy}>
          {translate("ra.action.cancel")}
        </MuiButton>
        <MuiButton variant="contained" onClick={roll} disabled={busy} data-testid="webhook-roll-confirm">
          {translate(`${R}.confirm`)}
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
}
