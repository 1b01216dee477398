/** Delete an endpoint after confirmation: nothing more is sent to it; the list opens again. */
import DeleteIcon from "@mui/icons-material/Delete";
import { useState } from "react";
import { Button, Confirm, useNotify } from "react-admin";
import { useNavigate } from "react-router-dom";
import { refusal } from "../dataProvider/errors";
import { useRequest } from "../dataProvider/useRequest";
import { useForgetEndpoint, type WebhookEndpoint } from "./api";
import { DELETE_WEBHOOK_ENDPOINT } from "./documents";

const D = "resources.webhooks.delete";

export function DeleteEndpointButton({ endpoint }: { endpoint: WebhookEndpoint }) {
  const request = useRequest();
  const notify = useNotify();
  const navigate = useNavigate();
  const forget = useForgetEndpoint();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const remove = async () => {
    setBusy(true);
    try {
      await request(DELETE_WEBHOOK_ENDPOINT, { id: endpoint.id });
      notify(`${D}.done`, { type: "info" });
      navigate("/webhooks");
      forget(endpoint.id);
    } catch (error) {
      refusal(error, notify);
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button label={`${D}.action`} color="error" onClick={() => setOpen(true)} data-testid="webhook-delete">
        <DeleteIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={`${D}.title`}
        content={`${D}.content`}
        translateOptions={{ url: endpoint.url }}
        confirm={`${D}.action`}
        confirmColor="warning"
        onConfirm={remove}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
