/**
 * A new endpoint: its address, description and event types. The signing secret comes back once and is shown in
 * a dialog, then forgotten; closing it opens the endpoint's page, where a test event checks the receiver.
 */
import { Card, CardContent, Typography } from "@mui/material";
import { useState } from "react";
import { Form, SaveButton, Title, Toolbar, useTranslate } from "react-admin";
import { useNavigate } from "react-router-dom";
import { useWebhookChange } from "./api";
import { CREATE_WEBHOOK_ENDPOINT } from "./documents";
import { EndpointInputs, endpointInput, type EndpointValues } from "./EndpointInputs";
import { SecretDialog } from "./SecretDialog";

const W = "resources.webhooks";

export function WebhookCreatePage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const change = useWebhookChange();
  const [created, setCreated] = useState<{ id: string; secret: string }>();

  const save = async (values: Record<string, unknown>) => {
    const { result, errors } = await change(
      (request) => request(CREATE_WEBHOOK_ENDPOINT, { input: endpointInput(values as unknown as EndpointValues) }),
      () => [`${W}.created`],
    );
    if (result)
      setCreated({ id: result.createWebhookEndpoint.endpoint.id, secret: result.createWebhookEndpoint.secret });
    return errors;
  };

  return (
    <Card sx={{ mt: 2 }} data-testid="webhook-create-page">
      <Title title={`${W}.create`} />
      <CardContent>
        <Typography variant="h6">{translate(`${W}.create`)}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate(`${W}.about`)}
        </Typography>
        <Form record={{ url: "", description: "", eventTypes: [] }} onSubmit={save}>
          <EndpointInputs />
          <Toolbar>
            <SaveButton />
          </Toolbar>
        </Form>
      </CardContent>
      {created && (
        <SecretDialog
          title={`${W}.secret.created_title`}
          secret={created.secret}
          onClose={() => {
            const { id } = created;
            setCreated(undefined);
            navigate(`/webhooks/${encodeURIComponent(id)}`);
          }}
        />
      )}
    </Card>
  );
}
