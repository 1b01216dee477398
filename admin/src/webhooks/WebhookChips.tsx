/** How an endpoint's and a delivery's state read: chips in words, event types by name with what they mean. */
import WarningAmberIcon from "@mui/icons-material/WarningAmber";
import { Box, Chip, Tooltip, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import type { WebhookDeliveryStatus, WebhookEndpointStatus } from "../generated/graphql";
import { useFormatDateTime } from "../merchant/DateTimeField";
import type { WebhookEndpoint } from "./api";

const W = "resources.webhooks";

const DELIVERY_COLOR: Record<WebhookDeliveryStatus, "info" | "success" | "error"> = {
  pending: "info",
  delivered: "success",
  failed: "error",
};

export function EndpointStatusChip({ status }: { status: WebhookEndpointStatus }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      variant={status === "enabled" ? "outlined" : "filled"}
      color={status === "enabled" ? "success" : "default"}
      label={translate(`${W}.status.${status}`)}
      data-testid="webhook-status"
    />
  );
}

export function DeliveryStatusChip({ status }: { status: WebhookDeliveryStatus }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={DELIVERY_COLOR[status]}
      label={translate(`${W}.deliveries.status.${status}`)}
      data-testid="webhook-delivery-status"
    />
  );
}

/** An event type's meaning in the console's language, the API's own words when the locale has none. */
export function useEventTypeText() {
  const translate = useTranslate();
  return (name: string, description = name) => translate(`${W}.event_types.${name}`, { _: description });
}

/** An event type's name (what the receiver sees), its meaning in the tooltip. */
export function EventTypeName({ name }: { name: string }) {
  const text = useEventTypeText();
  return (
    <Tooltip title={text(name)}>
      <Box component="span" sx={{ fontFamily: "monospace", fontSize: 13 }}>
        {name}
      </Box>
    </Tooltip>
  );
}

/** The types an endpoint receives, or 全部事件 when it lists none. */
export function EventTypesText({ eventTypes }: { eventTypes: readonly string[] }) {
  const translate = useTranslate();
  if (eventTypes.length === 0)
    return (
      <Typography variant="body2" data-testid="webhook-event-types">
        {translate(`${W}.all_events`)}
      </Typography>
    );
  return (
    <Box sx={{ display: "flex", flexWrap: "wrap", gap: 0.5 }} data-testid="webhook-event-types">
      {eventTypes.map((name) => (
        <Chip key={name} size="small" variant="outlined" label={<EventTypeName name={name} />} />
      ))}
    </Box>
  );
}

/** The API's words for a hand-made stop (functions/app/webhooks/endpoints.ts). */
const BY_HAND = "disabled by hand";
/** The API's words for a stop after 3 days of failures (functions/app/webhooks/health.ts), with since when. */
const FAILING = /^every attempt failed since (\S+)$/;

/** Whether the owner turned the endpoint off (rather than its failures). */
export const disabledByHand = (endpoint: WebhookEndpoint) =>
  endpoint.status === "disabled" && endpoint.disabledReason === BY_HAND;

/** Why an endpoint is off, in the console's language; the API's words when they are new. */
function useDisabledReason() {
  const translate = useTranslate();
  const format = useFormatDateTime();
  return (reason: string) => {
    if (reason === BY_HAND) return translate(`${W}.reasons.by_hand`);
    const since = FAILING.exec(reason)?.[1];
    if (since) return translate(`${W}.reasons.failing`, { time: format(since) });
    return translate(`${W}.disabled_reason`, { reason });
  };
}

/** The status chip, why it is off, and since when it fails. */
export function EndpointState({ endpoint }: { endpoint: WebhookEndpoint }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const reason = useDisabledReason();
  return (
    <Box sx={{ display: "flex", flexDirection: "column", alignItems: "flex-start", gap: 0.5 }}>
      <EndpointStatusChip status={endpoint.status} />
      {endpoint.status === "disabled" && endpoint.disabledReason && (
        <Typography variant="caption" color="text.secondary" data-testid="webhook-disabled-reason">
          {reason(endpoint.disabledReason)}
        </Typography>
      )}
      {endpoint.failingSince && (
        <Typography
          variant="caption"
          color="warning.main"
          sx={{ display: "flex", alignItems: "center", gap: 0.5 }}
          data-testid="webhook-failing"
        >
          <WarningAmberIcon fontSize="inherit" />
          {translate(`${W}.failing_since`, { time: format(endpoint.failingSince) })}
        </Typography>
      )}
    </Box>
  );
}

/** What an attempt got back, for a message: { answer: "HTTP 500" } or { answer: "无响应" }. */
export function useAttemptText() {
  const translate = useTranslate();
  return (attempt: { statusCode?: number | null } | undefined) => ({
    answer: attempt?.statusCode != null ? `HTTP ${attempt.statusCode}` : translate(`${W}.deliveries.no_response`),
  });
}
