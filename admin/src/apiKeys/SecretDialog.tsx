/** The new key's secret, shown this once with a copy button. */
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { useTranslate } from "react-admin";
import { SecretField } from "../common/SecretField";

export interface SecretDialogProps {
  name: string;
  secret: string;
  onClose: () => void;
}

export function SecretDialog({ name, secret, onClose }: SecretDialogProps) {
  const translate = useTranslate();

  return (
    <Dialog
      open
      onClose={(_event, reason) => reason !== "backdropClick" && onClose()}
      maxWidth="sm"
      fullWidth
      aria-labelledby="api-key-secret-title"
    >
      <DialogTitle id="api-key-secret-title">{translate("resources.apiKeys.secret_title")}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="api-key-secret-warning">
          {translate("resources.apiKeys.secret_warning")}
        </Alert>
        <SecretField
          label={`${translate("resources.apiKeys.fields.secret")} · ${name}`}
          secret={secret}
          testId="api-key-secret"
        />
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          {translate("resources.apiKeys.secret_done")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
