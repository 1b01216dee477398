/**
 * An endpoint's deliveries, newest first, a page at a time: when, which event, where it stands, how many
 * attempts, the last answer and how long it took, and when the next attempt is due. A row opens to every
 * attempt and the payload, with 重新发送.
 */
import KeyboardArrowDownIcon from "@mui/icons-material/KeyboardArrowDown";
import KeyboardArrowUpIcon from "@mui/icons-material/KeyboardArrowUp";
import RefreshIcon from "@mui/icons-material/Refresh";
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Collapse,
  IconButton,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { ShortId } from "../common/IdText";
import { toApiError } from "../dataProvider/errors";
import { LoadMore } from "../members/loyalty/LoadMore";
import { useFormatDateTime } from "../merchant/DateTimeField";
import { useWebhookDeliveries, type WebhookDeliveryRow } from "./api";
import { DeliveryDetail } from "./DeliveryDetail";
import { DeliveryStatusChip, EventTypeName } from "./WebhookChips";

const D = "resources.webhooks.deliveries";
const COLUMNS = ["createdAt", "eventType", "eventId", "status", "attempts", "lastStatus", "latency", "nextAttemptAt"];

export function DeliveriesCard({ endpointId }: { endpointId: string }) {
  const translate = useTranslate();
  const deliveries = useWebhookDeliveries(endpointId);
  const items = deliveries.data?.pages.flatMap((page) => page.nodes) ?? [];
  return (
    <Card data-testid="webhook-deliveries">
      <CardContent>
        <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", mb: 1 }}>
          <Typography variant="h6">{translate(`${D}.title`)}</Typography>
          <Button
            size="small"
            startIcon={<RefreshIcon />}
            onClick={() => void deliveries.refetch()}
            disabled={deliveries.isFetching}
            data-testid="webhook-deliveries-refresh"
          >
            {translate("ra.action.refresh")}
          </Button>
        </Box>
        {deliveries.isPending && <LinearProgress />}
        {deliveries.error && <Alert severity="error">{toApiError(deliveries.error).message}</Alert>}
        {deliveries.data && items.length === 0 && (
          <Typography variant="body2" data-testid="webhook-deliveries-none">
            {translate(`${D}.none`)}
          </Typography>
        )}
        {items.length > 0 && <DeliveriesTable items={items} />}
        <LoadMore query={deliveries} />
      </CardContent>
    </Card>
  );
}

function DeliveriesTable({ items }: { items: WebhookDeliveryRow[] }) {
  const translate = useTranslate();
  const [open, setOpen] = useState<string>();
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox" />
          {COLUMNS.map((name) => (
            <TableCell key={name}>{translate(`${D}.fields.${name}`)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((delivery) => (
          <DeliveryRows
            key={delivery.id}
            delivery={delivery}
            open={open === delivery.id}
            onToggle={() => setOpen(open === delivery.id ? undefined : delivery.id)}
          />
        ))}
      </TableBody>
    </Table>
  );
}

/** A delivery's row, and under it (when open) its attempts and payload. */
function DeliveryRows(props: { delivery: WebhookDeliveryRow; open: boolean; onToggle: () => void }) {
  const { delivery, open, onToggle } = props;
  const translate = useTranslate();
  const format = useFormatDateTime();
  const last = delivery.attempts[delivery.attempts.length - 1];
  const dash = "—";
  return (
    <>
      <TableRow hover onClick={onToggle} sx={{ cursor: "pointer" }} data-testid="webhook-delivery">
        <TableCell padding="checkbox">
          <IconButton size="small" aria-label={translate(open ? `${D}.close` : `${D}.open`)}>
            {open ? <KeyboardArrowUpIcon /> : <KeyboardArrowDownIcon />}
          </IconButton>
        </TableCell>
        <TableCell sx={{ whiteSpace: "nowrap" }}>{format(delivery.createdAt)}</TableCell>
        <TableCell data-testid="webhook-delivery-type">
          <EventTypeName name={delivery.eventType} />
        </TableCell>
        <TableCell>
          <ShortId id={delivery.eventId} />
        </TableCell>
        <TableCell>
          <DeliveryStatusChip status={delivery.status} />
        </TableCell>
        <TableCell data-testid="webhook-delivery-attempts">{delivery.attempts.length}</TableCell>
        <TableCell data-testid="webhook-delivery-code">
          {!last ? dash : (last.statusCode ?? translate(`${D}.no_response`))}
        </TableCell>
        <TableCell sx={{ whiteSpace: "nowrap" }}>
          {last ? translate(`${D}.ms`, { ms: last.latencyMs }) : dash}
        </TableCell>
        <TableCell sx={{ whiteSpace: "nowrap" }}>
          {delivery.nextAttemptAt ? format(delivery.nextAttemptAt) : dash}
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell colSpan={COLUMNS.length + 1} sx={{ py: 0, borderBottom: open ? undefined : "none" }}>
          <Collapse in={open} unmountOnExit>
            <DeliveryDetail id={delivery.id} />
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
}
