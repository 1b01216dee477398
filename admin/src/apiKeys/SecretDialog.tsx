/** The new key's secret, shown this once with a copy button. */
import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField as MuiTextField,
} from "@mui/material";
import { useRef } from "react";
import { useNotify, useTranslate } from "react-admin";

export interface SecretDialogProps {
  name: string;
  secret: string;
  onClose: () => void;
}

export function SecretDialog({ name, secret, onClose }: SecretDialogProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const input = useRef<HTMLInputElement>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      notify("app.copied", { type: "info" });
    } catch {
      // No clipboard permission (e.g. plain http): select the text so Ctrl+C works.
      input.current?.select();
    }
  };

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
        <Box sx={{ display: "flex", gap: 1, alignItems: "center" }}>
          <MuiTextField
            inputRef={input}
            label={`${translate("resources.apiKeys.fields.secret")} · ${name}`}
            value={secret}
            fullWidth
            slotProps={{
              htmlInput: { readOnly: true, "data-testid": "api-key-secret", style: { fontFamily: "monospace" } },
            }}
            onFocus={(event) => event.target.select()}
          />
          <Button variant="outlined" startIcon={<ContentCopyIcon />} onClick={copy}>
            {translate("app.copy")}
          </Button>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          {translate("resources.apiKeys.secret_done")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
