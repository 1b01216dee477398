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
import { useFormatDateTime } from "../../merchant/DateTimeField";
import { errorMessage, MEMBER_ORDERS, useMemberConnection, useStoreNames, type Order } from "./api";
import { LoadMore } from "./LoadMore";
import { formatFen } from "./money";
import { RefundDialog } from "./RefundDialog";

const STATUS_COLOR = { paid: "success", partially_refunded: "warning", refunded: "default" } as const;

export function OrdersTab({ memberId }: { memberId: string }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const stores = useStoreNames();
  const orders = useMemberConnection(memberId, "orders", MEMBER_ORDERS);
  const [refunding, setRefunding] = useState<Order>();
  const t = (name: string, options?: Record<string, unknown>) =>
    translate(`resources.members.loyalty.orders.${name}`, options);

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
            <TableRow key={order.id} data-testid="order-row" data-order-id={order.id}>
              <TableCell sx={{ whiteSpace: "nowrap" }}>{format(order.at)}</TableCell>
              <TableCell sx={{ fontFamily: "monospace", fontSize: 12, maxWidth: 140, overflowWrap: "anywhere" }}>
                {order.id}
              </TableCell>
              <TableCell>{stores.get(order.storeId) ?? order.storeId}</TableCell>
              <TableCell>
                {order.lines.map((line) => (
                  <Typography key={line.sku} variant="body2" data-testid="order-line">
                    {t("line", { name: line.name, qty: line.qty })} · {formatFen(line.amount)}
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
                {order.memberDay && <Chip size="small" label={t("member_day")} sx={{ ml: 0.5 }} />}
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
                  <MuiButton
                    size="small"
                    startIcon={<UndoIcon />}
                    onClick={() => setRefunding(order)}
                    data-testid="order-refund"
                  >
                    {translate("resources.members.loyalty.actions.refund")}
                  </MuiButton>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <LoadMore query={orders} />
      {refunding && <RefundDialog memberId={memberId} order={refunding} onClose={() => setRefunding(undefined)} />}
    </Box>
  );
}
