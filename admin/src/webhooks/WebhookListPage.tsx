/**
 * 事件推送 (owners): the merchant's webhook endpoints, newest first: address, what it is for, the event types
 * it receives, whether it is on (and why not), since when it fails, and its secret's prefix. A notice on top says
 * when an endpoint is off, for nothing is sent to it (nor kept for it) until it is turned on again.
 */
import AddIcon from "@mui/icons-material/Add";
import {
  Alert,
  Box,
  Card,
  CardContent,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { Button, Link, Title, useTranslate } from "react-admin";
import { Link as RouterLink } from "react-router-dom";
import { MAX_ENDPOINTS } from "../../../functions/core/webhooks";
import { toApiError } from "../dataProvider/errors";
import { useFormatDateTime } from "../merchant/DateTimeField";
import { useWebhookEndpoints, type WebhookEndpoint } from "./api";
import { disabledByHand, EndpointState, EventTypesText } from "./WebhookChips";

const W = "resources.webhooks";

export function WebhookListPage() {
  const translate = useTranslate();
  const endpoints = useWebhookEndpoints();
  const items = endpoints.data ?? [];
  return (
    <Card sx={{ mt: 2 }} data-testid="webhooks-page">
      <Title title={`${W}.name`} />
      <CardContent>
        <DisabledNotices items={items} />
        <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 2, mb: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {translate(`${W}.about`)}
          </Typography>
          <Box sx={{ flexShrink: 0, textAlign: "right" }}>
            <Button
              label={`${W}.create`}
              component={RouterLink}
              to="/webhooks/create"
              variant="contained"
              disabled={items.length >= MAX_ENDPOINTS}
              data-testid="webhook-create"
            >
              <AddIcon />
            </Button>
            {items.length >= MAX_ENDPOINTS && (
              <Typography variant="caption" color="text.secondary" sx={{ display: "block" }}>
                {translate(`${W}.at_most`, { max: MAX_ENDPOINTS })}
              </Typography>
            )}
          </Box>
        </Box>
        {endpoints.isPending && <LinearProgress />}
        {endpoints.error && <Alert severity="error">{toApiError(endpoints.error).message}</Alert>}
        {endpoints.data && items.length === 0 && (
          <Typography variant="body2" sx={{ py: 2 }} data-testid="webhooks-none">
            {translate(`${W}.none`)}
          </Typography>
        )}
        {items.length > 0 && <EndpointTable items={items} />}
      </CardContent>
    </Card>
  );
}

/** Endpoints that are off get nothing (nor is anything kept for them): stopped by their failures, or by hand. */
function DisabledNotices({ items }: { items: WebhookEndpoint[] }) {
  const translate = useTranslate();
  const disabled = items.filter((endpoint) => endpoint.status === "disabled");
  const byHand = disabled.filter(disabledByHand);
  const failed = disabled.filter((endpoint) => !disabledByHand(endpoint));
  const urls = (list: WebhookEndpoint[]) => list.map((endpoint) => endpoint.url).join("、");
  return (
    <>
      {failed.length > 0 && (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="webhooks-disabled-notice">
          {translate(`${W}.disabled_notice`, { urls: urls(failed) })}
        </Alert>
      )}
      {byHand.length > 0 && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="webhooks-off-notice">
          {translate(`${W}.disabled_by_hand_notice`, { urls: urls(byHand) })}
        </Alert>
      )}
    </>
  );
}

function EndpointTable({ items }: { items: WebhookEndpoint[] }) {
  const translate = useTranslate();
  const f = (name: string) => translate(`${W}.fields.${name}`);
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{f("url")}</TableCell>
          <TableCell>{f("description")}</TableCell>
          <TableCell>{f("eventTypes")}</TableCell>
          <TableCell>{f("status")}</TableCell>
          <TableCell>{f("secretPrefix")}</TableCell>
          <TableCell>{f("createdAt")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((endpoint) => (
          <EndpointRow key={endpoint.id} endpoint={endpoint} />
        ))}
      </TableBody>
    </Table>
  );
}

function EndpointRow({ endpoint }: { endpoint: WebhookEndpoint }) {
  const format = useFormatDateTime();
  return (
    <TableRow data-testid="webhook-row" sx={{ verticalAlign: "top" }}>
      <TableCell sx={{ wordBreak: "break-all", minWidth: 220 }}>
        <Link to={`/webhooks/${encodeURIComponent(endpoint.id)}`} data-testid="webhook-link">
          {endpoint.url}
        </Link>
      </TableCell>
      <TableCell>{endpoint.description}</TableCell>
      <TableCell sx={{ maxWidth: 360 }}>
        <EventTypesText eventTypes={endpoint.eventTypes} />
      </TableCell>
      <TableCell>
        <EndpointState endpoint={endpoint} />
      </TableCell>
      <TableCell sx={{ fontFamily: "monospace", whiteSpace: "nowrap" }} data-testid="webhook-secret-prefix">
        {endpoint.secretPrefix}
      </TableCell>
      <TableCell sx={{ whiteSpace: "nowrap" }}>{format(endpoint.createdAt)}</TableCell>
    </TableRow>
  );
}
