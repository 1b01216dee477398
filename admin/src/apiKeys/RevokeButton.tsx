/** Revoke a key after confirmation; a revoked key is refused at once. */
import BlockIcon from "@mui/icons-material/Block";
import { useState } from "react";
import { Button, Confirm, useNotify, useRecordContext, useUpdate } from "react-admin";

export function RevokeButton() {
  const record = useRecordContext<{ id: string; name: string; revokedAt?: string | null }>();
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const [update, { isPending }] = useUpdate();
  if (!record || record.revokedAt) return null;

  const revoke = () =>
    update(
      "apiKeys",
      { id: record.id, data: {}, previousData: record },
      {
        mutationMode: "pessimistic",
        onSuccess: () => {
          setOpen(false);
          notify("resources.apiKeys.revoked", { type: "info" });
        },
        onError: (error) => {
          setOpen(false);
          notify((error as Error).message, { type: "error" });
        },
      },
    );

  return (
    <>
      <Button
        label="resources.apiKeys.revoke"
        color="error"
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
      >
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="resources.apiKeys.revoke_title"
        content="resources.apiKeys.revoke_content"
        translateOptions={{ name: record.name }}
        confirm="resources.apiKeys.revoke"
        confirmColor="warning"
        onConfirm={revoke}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
