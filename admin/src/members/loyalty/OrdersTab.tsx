/** The member's orders, newest first, a page at a time, each with its lines, points and refund state. */
import UndoIcon from "@mui/icons-material/Undo";
import {
  Alert,
  Box,
  Button as MuiButton,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { ShortId } from "../../common/IdText";
import { shortId } from "../../common/shortId";
import { useFormatDateTime } from "../../merchant/DateTimeField";
import { errorMessage, MEMBER_ORDERS, useMemberConnection, useStoreNames, type Order } from "./api";
import { LoadMore } from "./LoadMore";
import { formatFen } from "./money";
import { RefundDialog } from "./RefundDialog";

const STATUS_COLOR = { paid: "success", partially_refunded: "warning", refunded: "default" } as const;

const O = "resources.members.loyalty.orders";

export function OrdersTab({ memberId }: { memberId: string }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const stores = useStoreNames();
  const orders = useMemberConnection(memberId, "orders", MEMBER_ORDERS);
  const [refunding, setRefunding] = useState<Order>();
  const t = (name: string) => translate(`${O}.${name}`);

  if (orders.error) return <Alert severity="error">{errorMessage(orders.error)}</Alert>;
  if (!orders.data) return null;
  if (orders.items.length === 0) return <Typography variant="body2">{t("none")}</Typography>;
  return (
    <Box data-testid="orders-tab">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t("at")}</TableCell>
            <TableCell>{t("id")}</TableCell>
            <TableCell>{t("store")}</TableCell>
            <TableCell>{t("lines")}</TableCell>
            <TableCell>{t("payment")}</TableCell>
            <TableCell align="right">{t("total")}</TableCell>
            <TableCell align="right">{t("points")}</TableCell>
            <TableCell>{t("status")}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {orders.items.map((order) => (
            <OrderRow
              key={order.id}
              order={order}
              at={format(order.at)}
              store={stores.get(order.storeId) ?? shortId(order.storeId)}
              onRefund={() => setRefunding(order)}
            />
          ))}
        </TableBody>
      </Table>
      <LoadMore query={orders} />
      {refunding && <RefundDialog memberId={memberId} order={refunding} onClose={() => setRefunding(undefined)} />}
    </Box>
  );
}

/** One order: when, where, its lines, how it was paid, its total and points, its status, and a refund button. */
function OrderRow({ order, at, store, onRefund }: { order: Order; at: string; store: string; onRefund: () => void }) {
  const translate = useTranslate();
  return (
    <TableRow data-testid="order-row" data-order-id={order.id}>
      <TableCell sx={{ whiteSpace: "nowrap" }}>{at}</TableCell>
      <TableCell>
        <ShortId id={order.id} testId="order-id" />
      </TableCell>
      <TableCell>{store}</TableCell>
      <TableCell>
        <OrderLines order={order} />
      </TableCell>
      <TableCell>
        {translate(`resources.members.loyalty.payment.${order.paymentMethod}`, { _: order.paymentMethod })}
      </TableCell>
      <TableCell align="right" data-testid="order-total">
        {formatFen(order.total)}
      </TableCell>
      <TableCell align="right" data-testid="order-points">
        {order.points - order.lines.reduce((sum, line) => sum + line.refundedPoints, 0)}
        {order.lines.some((line) => line.refundedPoints > 0) && (
          <Typography component="div" variant="caption" color="text.secondary">
            / {order.points}
          </Typography>
        )}
        {order.memberDay && <Chip size="small" label={translate(`${O}.member_day`)} sx={{ ml: 0.5 }} />}
      </TableCell>
      <TableCell>
        <Chip
          size="small"
          color={STATUS_COLOR[order.status]}
          label={translate(`resources.members.loyalty.order_status.${order.status}`)}
          data-testid="order-status"
        />
      </TableCell>
      <TableCell>
        {order.status !== "refunded" && (
          <MuiButton size="small" startIcon={<UndoIcon />} onClick={onRefund} data-testid="order-refund">
            {translate("resources.members.loyalty.actions.refund")}
          </MuiButton>
        )}
      </TableCell>
    </TableRow>
  );
}

/** An order's lines (with the units refunded) and its discount. */
function OrderLines({ order }: { order: Order }) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${O}.${name}`, options);
  return (
    <>
      {order.lines.map((line) => (
        <Typography key={line.sku} variant="body2" data-testid="order-line">
          {t("line", {
            // A sale recorded by its amount reads in the viewer's language, whatever the till's was.
            name: line.kind === "amount" ? translate("resources.members.loyalty.purchase.amount_line") : line.name,
            qty: line.qty,
          })}{" "}
          · {formatFen(line.amount)}
          {line.refundedQty > 0 && (
            <Typography component="span" variant="body2" color="warning.main">
              {" "}
              ({t("refunded_qty", { qty: line.refundedQty })})
            </Typography>
          )}
        </Typography>
      ))}
      {order.discount > 0 && (
        <Typography variant="caption" color="text.secondary">
          {t("discount", { amount: formatFen(order.discount) })}
        </Typography>
      )}
    </>
  );
}
