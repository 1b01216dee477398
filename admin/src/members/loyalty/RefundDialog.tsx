/**
 * Refund some units of an order's lines, or all of them. Money moves, so the
 * refund is confirmed before it is sent; its id is made when the dialog opens
 * and kept for retries. Afterwards it shows what the API took back: points,
 * growth, and any debt or shortfall when the member had already spent them.
 */
import {
  Alert,
  Box,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { useMutationDialog } from "../../common/useMutationDialog";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type {
  AccountBeforeQuery,
  AccountBeforeQueryVariables,
  RefundOrderMutation,
  RefundOrderMutationVariables,
} from "../../generated/graphql";
import { ACCOUNT_FIELDS, ORDER_FIELDS, type Account, type Order } from "./api";
import { formatFen } from "./money";

interface RefundOutcome {
  created: boolean;
  order: Order;
  account: Account;
  points: number;
  growth: number;
  debtAdded: number;
  shortfallAdded: number;
}

const ACCOUNT_BEFORE: Document<AccountBeforeQuery, AccountBeforeQueryVariables> = /* GraphQL */ `
  query accountBefore($id: ID!) {
    member(id: $id) {
      id
      account {
        ...AccountFields
      }
    }
  }
  ${ACCOUNT_FIELDS}
`;

const REFUND_ORDER: Document<RefundOrderMutation, RefundOrderMutationVariables> = /* GraphQL */ `
  mutation refundOrder($input: RefundInput!) {
    refundOrder(input: $input) {
      created
      order {
        ...OrderFields
      }
      account {
        ...AccountFields
      }
    }
  }
  ${ORDER_FIELDS}
  ${ACCOUNT_FIELDS}
`;

const refundable = (line: Order["lines"][number]) => line.qty - line.refundedQty;
const refundedPoints = (order: Order) => order.lines.reduce((sum, line) => sum + line.refundedPoints, 0);

export function RefundDialog({ memberId, order, onClose }: { memberId: string; order: Order; onClose: () => void }) {
  const translate = useTranslate();
  const request = useRequest();
  const { busy, error: apiError, key: refundId, dismiss, submit } = useMutationDialog({ onClose });
  const [units, setUnits] = useState<Record<string, string>>(() =>
    Object.fromEntries(order.lines.map((line) => [line.sku, "0"])),
  );
  const [step, setStep] = useState<"pick" | "confirm">("pick");
  const [attempted, setAttempted] = useState(false);
  const [outcome, setOutcome] = useState<RefundOutcome>();
  const t = (name: string, options?: Record<string, unknown>) =>
    translate(`resources.members.loyalty.refund.${name}`, options);

  const chosen = order.lines.map((line) => ({
    line,
    qty: /^\d+$/.test(units[line.sku] ?? "") ? Number(units[line.sku]) : NaN,
  }));
  const tooMany = chosen
    .filter(({ line, qty }) => Number.isNaN(qty) || qty > refundable(line))
    .map(({ line }) => line.sku);
  const picked = chosen.filter(({ qty }) => qty > 0 && !Number.isNaN(qty));
  const totalUnits = picked.reduce((sum, { qty }) => sum + qty, 0);
  const problem = tooMany.length ? t("too_many") : totalUnits === 0 ? t("nothing") : undefined;

  // The account is read just before the refund: what the refund took back is the difference.
  const refund = async (): Promise<RefundOutcome> => {
    const before = (await request(ACCOUNT_BEFORE, { id: memberId })).member!.account;
    const data = await request(REFUND_ORDER, {
      input: { refundId, orderId: order.id, lines: picked.map(({ line, qty }) => ({ sku: line.sku, qty })) },
    });
    const { order: after, account } = data.refundOrder;
    return {
      ...data.refundOrder,
      points: refundedPoints(after) - refundedPoints(order),
      growth: Math.max(0, before.growth - account.growth),
      debtAdded: Math.max(0, account.debt - before.debt),
      shortfallAdded: Math.max(0, account.shortfall - before.shortfall),
    };
  };
  const send = () => void submit({ send: refund, done: setOutcome });

  if (outcome) {
    return (
      <Dialog open onClose={onClose} fullWidth maxWidth="sm">
        <DialogTitle>{t("done_title")}</DialogTitle>
        <DialogContent>
          <Stack spacing={1} data-testid="refund-result">
            <RefundMoney
              refund={outcome.order.refunds.find((r) => r.id === refundId)}
              paymentMethod={translate(`resources.members.loyalty.payment.${outcome.order.paymentMethod}`, {
                _: outcome.order.paymentMethod,
              })}
              t={t}
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
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={dismiss} fullWidth maxWidth="sm">
      <DialogTitle>{step === "pick" ? t("title", { id: order.id }) : t("confirm_title")}</DialogTitle>
      <DialogContent>
        {step === "pick" ? (
          <>
            <DialogContentText sx={{ mb: 2 }}>{t("hint")}</DialogContentText>
            <Stack spacing={1.5}>
              {order.lines.map((line) => (
                <Box
                  key={line.sku}
                  data-testid="refund-line"
                  data-sku={line.sku}
                  sx={{ display: "flex", gap: 2, alignItems: "center" }}
                >
                  <Box sx={{ flex: 1 }}>
                    <Typography variant="body2">
                      {line.name} ({line.sku}) × {line.qty} · {formatFen(line.amount)}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {t("refundable", { qty: refundable(line) })}
                    </Typography>
                  </Box>
                  <TextField
                    size="small"
                    sx={{ width: 120 }}
                    label={t("qty")}
                    value={units[line.sku]}
                    disabled={refundable(line) === 0}
                    error={attempted && tooMany.includes(line.sku)}
                    onChange={(event) => setUnits((current) => ({ ...current, [line.sku]: event.target.value }))}
                    slotProps={{ htmlInput: { "data-testid": `refund-qty-${line.sku}`, inputMode: "numeric" } }}
                  />
                </Box>
              ))}
            </Stack>
            <MuiButton
              sx={{ mt: 2 }}
              onClick={() =>
                setUnits(Object.fromEntries(order.lines.map((line) => [line.sku, String(refundable(line))])))
              }
              data-testid="refund-all"
            >
              {t("all")}
            </MuiButton>
            {attempted && problem && (
              <Alert severity="warning" sx={{ mt: 2 }} data-testid="refund-invalid">
                {problem}
              </Alert>
            )}
          </>
        ) : (
          <Alert severity="warning" data-testid="refund-confirm-text">
            {t("confirm_text", { id: order.id, units: totalUnits })}
          </Alert>
        )}
        {apiError && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="refund-error">
            {apiError}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {step === "pick" ? (
          <>
            <MuiButton onClick={onClose}>{translate("ra.action.cancel")}</MuiButton>
            <MuiButton
              variant="contained"
              onClick={() => {
                setAttempted(true);
                if (!problem) setStep("confirm");
              }}
              data-testid="refund-next"
            >
              {translate("resources.members.loyalty.actions.next")}
            </MuiButton>
          </>
        ) : (
          <>
            <MuiButton onClick={() => setStep("pick")} disabled={busy}>
              {translate("resources.members.loyalty.actions.back")}
            </MuiButton>
            <MuiButton color="error" variant="contained" onClick={send} disabled={busy} data-testid="refund-confirm">
              {t("confirm")}
            </MuiButton>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

/** Where the refund's money goes: back to stored value (principal and bonus), and what the till returns by the payment method. */
function RefundMoney({
  refund,
  paymentMethod,
  t,
}: {
  refund?: Order["refunds"][number];
  paymentMethod: string;
  t: (name: string, options?: Record<string, unknown>) => string;
}) {
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
