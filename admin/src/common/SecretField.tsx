/** A secret shown once (an API key, a webhook signing secret): read-only, monospaced, with a copy button. */
import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import { Box, Button, TextField as MuiTextField } from "@mui/material";
import { useRef } from "react";
import { useNotify, useTranslate } from "react-admin";

export function SecretField({ label, secret, testId }: { label: string; secret: string; testId: string }) {
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
    <Box sx={{ display: "flex", gap: 1, alignItems: "center", pt: 1 }}>
      <MuiTextField
        inputRef={input}
        label={label}
        value={secret}
        fullWidth
        slotProps={{ htmlInput: { readOnly: true, "data-testid": testId, style: { fontFamily: "monospace" } } }}
        onFocus={(event) => event.target.select()}
      />
      <Button variant="outlined" startIcon={<ContentCopyIcon />} onClick={copy}>
        {translate("app.copy")}
      </Button>
    </Box>
  );
}
