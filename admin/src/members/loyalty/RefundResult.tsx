/**
 * What a refund took back, as the refund dialog shows it once sent: the money
 * (to stored value and by the payment method), points and growth, any debt or
 * shortfall added, and the balance and order status after.
 */
import {
  Alert,
  Button as MuiButton,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from "@mui/material";
import { useTranslate } from "react-admin";
import type { Account, Order } from "./api";
import { formatFen } from "./money";

const R = "resources.members.loyalty.refund";

export interface RefundOutcome {
  created: boolean;
  order: Order;
  account: Account;
  points: number;
  growth: number;
  debtAdded: number;
  shortfallAdded: number;
}

/** The dialog's title, content and close button once the refund is done. */
export function RefundDone({
  outcome,
  refundId,
  onClose,
}: {
  outcome: RefundOutcome;
  refundId: string;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${R}.${name}`, options);
  return (
    <>
      <DialogTitle>{t("done_title")}</DialogTitle>
      <DialogContent>
        <Stack spacing={1} data-testid="refund-result">
          <RefundMoney
            refund={outcome.order.refunds.find((r) => r.id === refundId)}
            paymentMethod={translate(`resources.members.loyalty.payment.${outcome.order.paymentMethod}`, {
              _: outcome.order.paymentMethod,
            })}
          />
          <Typography data-testid="refund-points">{t("points_taken", { points: outcome.points })}</Typography>
          <Typography data-testid="refund-growth">{t("growth_taken", { growth: outcome.growth })}</Typography>
          {outcome.debtAdded > 0 && (
            <Alert severity="warning" data-testid="refund-debt">
              {t("debt_added", { points: outcome.debtAdded })}
            </Alert>
          )}
          {outcome.shortfallAdded > 0 && (
            <Alert severity="warning" data-testid="refund-shortfall">
              {t("shortfall_added", { points: outcome.shortfallAdded })}
            </Alert>
          )}
          <Typography data-testid="refund-balance">
            {t("balance", { available: outcome.account.available, tier: outcome.account.tierName })}
          </Typography>
          <Typography>
            {t("status", { status: translate(`resources.members.loyalty.order_status.${outcome.order.status}`) })}
          </Typography>
        </Stack>
      </DialogContent>
      <DialogActions>
        <MuiButton variant="contained" onClick={onClose}>
          {translate("resources.members.loyalty.actions.close")}
        </MuiButton>
      </DialogActions>
    </>
  );
}

/**
 * Where the refund's money goes: back to stored value (principal and bonus), and what the till returns by the payment
 * method.
 */
function RefundMoney({ refund, paymentMethod }: { refund?: Order["refunds"][number]; paymentMethod: string }) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${R}.${name}`, options);
  if (!refund) return null;
  const toStoredValue = refund.storedValuePrincipal + refund.storedValueBonus;
  return (
    <>
      <Typography data-testid="refund-amount">{t("amount", { amount: formatFen(refund.amount) })}</Typography>
      {toStoredValue > 0 && (
        <Typography data-testid="refund-stored-value">
          {t("to_stored_value", {
            amount: formatFen(toStoredValue),
            principal: formatFen(refund.storedValuePrincipal),
            bonus: formatFen(refund.storedValueBonus),
          })}
        </Typography>
      )}
      <Alert severity="info" data-testid="refund-to-payment">
        {t("to_payment_method", { amount: formatFen(refund.toPaymentMethod), method: paymentMethod })}
      </Alert>
    </>
  );
}
