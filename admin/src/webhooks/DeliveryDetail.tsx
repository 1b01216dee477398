/**
 * One delivery opened: every attempt (when, the status code or 无响应, how long, what came back) and the exact
 * JSON body, pretty-printed, with 重新发送: the same event id and body, signed afresh, sent now.
 */
import ReplayIcon from "@mui/icons-material/Replay";
import {
  Alert,
  Box,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { Button, useNotify, useTranslate } from "react-admin";
import { toApiError } from "../dataProvider/errors";
import { useFormatDateTime } from "../merchant/DateTimeField";
import { useWebhookChange, useWebhookDelivery, useWebhookEndpoint } from "./api";
import { RESEND_WEBHOOK_DELIVERY } from "./documents";
import { useAttemptText } from "./WebhookChips";

const D = "resources.webhooks.deliveries";

/** The body as indented JSON; as sent when it does not parse. */
function pretty(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

export function DeliveryDetail({ id }: { id: string }) {
  const translate = useTranslate();
  const delivery = useWebhookDelivery(id);
  if (delivery.isPending) return <LinearProgress sx={{ my: 2 }} />;
  if (delivery.error) return <Alert severity="error">{toApiError(delivery.error).message}</Alert>;
  const { attempts, payload, endpointId } = delivery.data;
  return (
    <Box sx={{ py: 2, display: "flex", flexDirection: "column", gap: 1 }} data-testid="webhook-delivery-detail">
      <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
        <Typography variant="subtitle2">{translate(`${D}.attempts_title`)}</Typography>
        <ResendButton id={id} endpointId={endpointId} />
      </Box>
      <AttemptsTable attempts={attempts} />
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {translate(`${D}.payload`)}
      </Typography>
      <Box
        component="pre"
        sx={{ m: 0, p: 1.5, bgcolor: "action.hover", borderRadius: 1, fontSize: 12, overflowX: "auto", maxHeight: 360 }}
        data-testid="webhook-payload"
      >
        {pretty(payload)}
      </Box>
    </Box>
  );
}

interface Attempt {
  at: string;
  statusCode?: number | null;
  latencyMs: number;
  responseExcerpt?: string | null;
  ok: boolean;
}

function AttemptsTable({ attempts }: { attempts: readonly Attempt[] }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  if (attempts.length === 0) return <Typography variant="body2">{translate(`${D}.no_attempts`)}</Typography>;
  const a = (name: string) => translate(`${D}.attempt.${name}`);
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{a("at")}</TableCell>
          <TableCell>{a("statusCode")}</TableCell>
          <TableCell>{a("latencyMs")}</TableCell>
          <TableCell>{a("response")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {attempts.map((attempt, index) => (
          <TableRow key={`${attempt.at}-${index}`} data-testid="webhook-attempt">
            <TableCell sx={{ whiteSpace: "nowrap" }}>{format(attempt.at)}</TableCell>
            <TableCell sx={{ color: attempt.ok ? "success.main" : "error.main" }} data-testid="webhook-attempt-code">
              {attempt.statusCode ?? translate(`${D}.no_response`)}
            </TableCell>
            <TableCell sx={{ whiteSpace: "nowrap" }}>{translate(`${D}.ms`, { ms: attempt.latencyMs })}</TableCell>
            <TableCell sx={{ fontFamily: "monospace", fontSize: 12, wordBreak: "break-all" }}>
              {attempt.responseExcerpt}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Sends the delivery again now, whatever its status (not to an endpoint that is off); says whether it arrived. */
function ResendButton({ id, endpointId }: { id: string; endpointId: string }) {
  const endpoint = useWebhookEndpoint(endpointId);
  const notify = useNotify();
  const change = useWebhookChange();
  const answer = useAttemptText();
  const [busy, setBusy] = useState(false);
  const resend = async () => {
    setBusy(true);
    const { result } = await change((request) => request(RESEND_WEBHOOK_DELIVERY, { id }));
    setBusy(false);
    if (!result) return;
    const delivery = result.resendWebhookDelivery;
    const last = delivery.attempts[delivery.attempts.length - 1];
    if (delivery.status === "delivered") notify(`${D}.resent`, { type: "success", messageArgs: answer(last) });
    else notify(`${D}.resent_failed`, { type: "warning", messageArgs: answer(last) });
  };
  return (
    <Button
      label={`${D}.resend`}
      variant="outlined"
      disabled={busy || endpoint.data?.status !== "enabled"}
      onClick={resend}
      data-testid="webhook-resend"
    >
      <ReplayIcon />
    </Button>
  );
}
