/**
 * Where an endpoint stands (on or off and why, failing since when, its secret's prefix and the old secret's
 * expiry) with what can be done to it: turn it on or off, send a test event, roll the secret, delete it.
 */
import SendIcon from "@mui/icons-material/Send";
import { Alert, Box, Card, CardContent, FormControlLabel, Switch, Typography } from "@mui/material";
import { useState, type ReactNode } from "react";
import { Button, useNotify, useTranslate } from "react-admin";
import { useFormatDateTime } from "../merchant/DateTimeField";
import { useWebhookChange, type WebhookEndpoint } from "./api";
import { DeleteEndpointButton } from "./DeleteEndpointButton";
import { SEND_TEST_WEBHOOK, UPDATE_WEBHOOK_ENDPOINT } from "./documents";
import { RollSecretButton } from "./RollSecretButton";
import { EndpointState, EventTypesText, useAttemptText } from "./WebhookChips";

const W = "resources.webhooks";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box sx={{ display: "flex", gap: 2, py: 0.5 }}>
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 96, flexShrink: 0 }}>
        {translate(label)}
      </Typography>
      <Box sx={{ typography: "body2", minWidth: 0, wordBreak: "break-all" }}>{children}</Box>
    </Box>
  );
}

export function EndpointSummary({ endpoint }: { endpoint: WebhookEndpoint }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  return (
    <Card data-testid="webhook-summary">
      <CardContent>
        <Typography variant="h6" sx={{ wordBreak: "break-all" }} data-testid="webhook-url">
          {endpoint.url}
        </Typography>
        {endpoint.failingSince && endpoint.status === "enabled" && (
          <Alert severity="warning" sx={{ my: 1 }}>
            {translate(`${W}.failing_warning`, { time: format(endpoint.failingSince) })}
          </Alert>
        )}
        <Fact label={`${W}.fields.status`}>
          <EndpointState endpoint={endpoint} />
        </Fact>
        <Fact label={`${W}.fields.description`}>{endpoint.description}</Fact>
        <Fact label={`${W}.fields.eventTypes`}>
          <EventTypesText eventTypes={endpoint.eventTypes} />
        </Fact>
        <Fact label={`${W}.fields.secretPrefix`}>
          <Box component="span" sx={{ fontFamily: "monospace" }} data-testid="webhook-secret-prefix">
            {endpoint.secretPrefix}
          </Box>
          {endpoint.previousSecretExpiresAt && (
            <Typography variant="caption" color="text.secondary" sx={{ display: "block" }}>
              {translate(`${W}.previous_secret`, { time: format(endpoint.previousSecretExpiresAt) })}
            </Typography>
          )}
        </Fact>
        <Fact label={`${W}.fields.createdAt`}>{format(endpoint.createdAt)}</Fact>
        <Box sx={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 1, mt: 2 }}>
          <EnabledSwitch endpoint={endpoint} />
          <SendTestButton endpointId={endpoint.id} disabled={endpoint.status !== "enabled"} />
          <RollSecretButton endpoint={endpoint} />
          <DeleteEndpointButton endpoint={endpoint} />
        </Box>
        {endpoint.status !== "enabled" && (
          <Typography variant="caption" color="text.secondary">
            {translate(`${W}.enable_first`)}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

/** On or off: off, nothing is sent to it; on again, its run of failures starts afresh. */
function EnabledSwitch({ endpoint }: { endpoint: WebhookEndpoint }) {
  const translate = useTranslate();
  const change = useWebhookChange();
  const [busy, setBusy] = useState(false);
  const toggle = async (enabled: boolean) => {
    setBusy(true);
    await change(
      (request) => request(UPDATE_WEBHOOK_ENDPOINT, { id: endpoint.id, input: { enabled } }),
      () => [enabled ? `${W}.turned_on` : `${W}.turned_off`],
    );
    setBusy(false);
  };
  return (
    <FormControlLabel
      control={
        <Switch
          checked={endpoint.status === "enabled"}
          disabled={busy}
          onChange={(event) => void toggle(event.target.checked)}
          slotProps={{ input: { "aria-label": translate(`${W}.enable`) } }}
          data-testid="webhook-enabled"
        />
      }
      label={translate(`${W}.enable`)}
    />
  );
}

/** Sends a WebhookTest event at once; says whether it arrived, and the delivery shows in the list below. */
function SendTestButton({ endpointId, disabled }: { endpointId: string; disabled: boolean }) {
  const notify = useNotify();
  const change = useWebhookChange();
  const answer = useAttemptText();
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    const { result } = await change((request) => request(SEND_TEST_WEBHOOK, { endpointId }));
    setBusy(false);
    if (!result) return;
    const delivery = result.sendTestWebhook;
    const last = delivery.attempts[delivery.attempts.length - 1];
    if (delivery.status === "delivered") notify(`${W}.test.delivered`, { type: "success", messageArgs: answer(last) });
    else notify(`${W}.test.failed`, { type: "warning", messageArgs: answer(last) });
  };
  return (
    <Button
      label={`${W}.test.action`}
      variant="outlined"
      disabled={busy || disabled}
      onClick={send}
      data-testid="webhook-test"
    >
      <SendIcon />
    </Button>
  );
}
