/**
 * An endpoint's signing secret, shown this once (after creating the endpoint or rolling its secret) with a copy
 * button, and how a receiver checks the signature with it.
 */
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import { SecretField } from "../common/SecretField";

const S = "resources.webhooks.secret";

/** What a receiver computes (Node.js), language-neutral. */
const VERIFY_CODE =
  'createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex") === v1  // Regulars-Signature: t=…,v1=…';

export interface SecretDialogProps {
  /** Translation key of the title: created or rolled. */
  title: string;
  secret: string;
  /** Said under the secret, e.g. until when the old one still signs. */
  note?: string;
  onClose: () => void;
}

export function SecretDialog({ title, secret, note, onClose }: SecretDialogProps) {
  const translate = useTranslate();
  return (
    <Dialog
      open
      onClose={(_event, reason) => reason !== "backdropClick" && onClose()}
      maxWidth="md"
      fullWidth
      aria-labelledby="webhook-secret-title"
    >
      <DialogTitle id="webhook-secret-title">{translate(title)}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="webhook-secret-warning">
          {translate(`${S}.warning`)}
        </Alert>
        <SecretField label={translate(`${S}.label`)} secret={secret} testId="webhook-secret" />
        {note && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {note}
          </Typography>
        )}
        <VerifyHint />
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          {translate(`${S}.done`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** How the receiver checks a delivery: the header, what is signed, and the check in one line of code. */
function VerifyHint() {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2 }} data-testid="webhook-verify-hint">
      <Typography variant="subtitle2">{translate(`${S}.verify_title`)}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(`${S}.verify`)}
      </Typography>
      <Box
        component="pre"
        sx={{ m: 0, p: 1, bgcolor: "action.hover", borderRadius: 1, fontSize: 12, overflowX: "auto" }}
      >
        {VERIFY_CODE}
      </Box>
    </Box>
  );
}
