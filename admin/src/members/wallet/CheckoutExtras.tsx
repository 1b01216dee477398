/**
 * The checkout part of recording a purchase: coupon codes with a live quote
 * (each applied coupon's discount step by step, and why each refused coupon
 * was refused; quoting changes nothing) and the part paid from stored value.
 * The purchase dialog sends what checkoutFields (checkout.ts) gives: the
 * quote's total, the codes and the stored-value amount, and waits while a
 * quote is pending.
 */
import AddIcon from "@mui/icons-material/Add";
import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { useCouponValue } from "../../couponTemplates/useCouponValue";
import { errorMessage } from "../loyalty/api";
import { formatFen } from "../loyalty/money";
import { MEMBER_COUPONS, useMemberPages, useStoredValue, type Coupon } from "./api";
import {
  checkoutFields,
  normaliseCode,
  useCheckoutQuote,
  type BasketLine,
  type CheckoutState,
  type Quote,
} from "./checkout";

const C = "resources.members.wallet.checkout";

type CheckoutFields = ReturnType<typeof checkoutFields>;

/** Each applied coupon's discount step by step, and why each refused coupon was refused. */
function QuoteTable({ quote }: { quote: Quote }) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${C}.${name}`, options);
  return (
    <Box data-testid="checkout-quote">
      {quote.steps.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t("step")}</TableCell>
              <TableCell>{t("coupon")}</TableCell>
              <TableCell align="right">{t("eligible")}</TableCell>
              <TableCell align="right">{t("discount")}</TableCell>
              <TableCell align="right">{t("after")}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {quote.steps.map((step, index) => (
              <TableRow key={step.code} data-testid="quote-step" data-code={step.code}>
                <TableCell>{index + 1}</TableCell>
                <TableCell>
                  {step.name}
                  <Typography variant="caption" component="div" color="text.secondary" sx={{ fontFamily: "monospace" }}>
                    {step.code}
                  </Typography>
                </TableCell>
                <TableCell align="right">{formatFen(step.eligibleAmount)}</TableCell>
                <TableCell align="right" data-testid="quote-step-discount">
                  -{formatFen(step.discount)}
                </TableCell>
                <TableCell align="right">{formatFen(step.totalAfter)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {quote.rejected.map((rejection) => (
        <Alert
          key={rejection.code}
          severity="warning"
          sx={{ mt: 1 }}
          data-testid="quote-rejection"
          data-reason={rejection.reason}
        >
          {t("rejected", {
            code: rejection.code,
            reason: translate(`${C}.reasons.${rejection.reason}`, { _: rejection.message }),
          })}
        </Alert>
      ))}
    </Box>
  );
}

export function CheckoutExtras({
  memberId,
  storeId,
  lines,
  subtotal,
  state,
  onChange,
}: {
  memberId: string;
  storeId: string;
  lines: BasketLine[] | undefined;
  subtotal: number;
  state: CheckoutState;
  onChange: (next: CheckoutState) => void;
}) {
  const translate = useTranslate();
  const wallet = useMemberPages(memberId, "coupons", MEMBER_COUPONS, 50);
  const stored = useStoredValue(memberId);
  const { quote, quoting, current, fresh } = useCheckoutQuote({ memberId, storeId, lines }, state, onChange);

  const add = (code: string) => {
    const normal = normaliseCode(code);
    if (!normal || state.couponCodes.includes(normal) || state.couponCodes.length >= 10) return;
    onChange({ ...state, couponCodes: [...state.couponCodes, normal], quote: undefined });
  };
  const remove = (code: string) =>
    onChange({ ...state, couponCodes: state.couponCodes.filter((other) => other !== code), quote: undefined });
  const usable = wallet.items.filter((coupon) => coupon.state === "issued" && !state.couponCodes.includes(coupon.code));
  const fields = checkoutFields(state, subtotal);
  const balance = stored.data?.storedValue.total ?? 0;

  return (
    <Box data-testid="checkout-extras" sx={{ mt: 2, p: 2, border: 1, borderColor: "divider", borderRadius: 1 }}>
      <Typography variant="subtitle2" gutterBottom>
        {translate(`${C}.coupons`)}
      </Typography>
      <CodeForm full={state.couponCodes.length >= 10} onAdd={add} />
      {usable.length > 0 && <WalletCoupons coupons={usable} onAdd={add} />}
      {state.couponCodes.length > 0 && <AppliedCodes codes={state.couponCodes} onRemove={remove} />}
      {quoting && !fresh && !quote.isError && <LinearProgress sx={{ mt: 1 }} data-testid="checkout-quoting" />}
      {state.couponCodes.length > 0 && !lines?.length && (
        <Typography variant="caption" color="text.secondary">
          {translate(`${C}.quote_needs_lines`)}
        </Typography>
      )}
      {quote.isError && current && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="checkout-quote-error">
          {errorMessage(quote.error)}
        </Alert>
      )}
      {fresh && <QuoteTable quote={fresh} />}

      <StoredValueInput state={state} onChange={onChange} fields={fields} balance={balance} />
      <CheckoutTotals quote={fresh} fields={fields} />
    </Box>
  );
}

/** A coupon code typed in and added (normalised; ten at most). */
function CodeForm({ full, onAdd }: { full: boolean; onAdd: (code: string) => void }) {
  const translate = useTranslate();
  const [typed, setTyped] = useState("");
  return (
    <Box
      component="form"
      sx={{ display: "flex", gap: 1, alignItems: "flex-start" }}
      onSubmit={(event) => {
        event.preventDefault();
        onAdd(typed);
        setTyped("");
      }}
    >
      <TextField
        size="small"
        label={translate(`${C}.code`)}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        slotProps={{ htmlInput: { maxLength: 30, "data-testid": "checkout-code" } }}
      />
      <Button
        type="submit"
        variant="outlined"
        startIcon={<AddIcon />}
        sx={{ whiteSpace: "nowrap", flexShrink: 0 }}
        disabled={!normaliseCode(typed) || full}
        data-testid="checkout-code-add"
      >
        {translate(`${C}.add_code`)}
      </Button>
    </Box>
  );
}

/** The member's usable coupons, one click each to add. */
function WalletCoupons({ coupons, onAdd }: { coupons: Coupon[]; onAdd: (code: string) => void }) {
  const translate = useTranslate();
  const value = useCouponValue();
  return (
    <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, mt: 1, alignItems: "center" }}>
      <Typography variant="caption" color="text.secondary">
        {translate(`${C}.from_wallet`)}
      </Typography>
      {coupons.slice(0, 12).map((coupon) => (
        <Chip
          key={coupon.code}
          size="small"
          variant="outlined"
          label={`${coupon.name} · ${value(coupon)}`}
          onClick={() => onAdd(coupon.code)}
          data-testid="checkout-wallet-coupon"
          data-code={coupon.code}
        />
      ))}
    </Box>
  );
}

/** The codes applied so far, each removable. */
function AppliedCodes({ codes, onRemove }: { codes: string[]; onRemove: (code: string) => void }) {
  return (
    <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, mt: 1 }} data-testid="checkout-codes">
      {codes.map((code) => (
        <Chip
          key={code}
          label={code}
          onDelete={() => onRemove(code)}
          sx={{ fontFamily: "monospace" }}
          data-testid="checkout-code-chip"
        />
      ))}
    </Box>
  );
}

/** The part paid from stored value, in yuan: typed, or the whole balance up to the total. */
function StoredValueInput({
  state,
  onChange,
  fields,
  balance,
}: {
  state: CheckoutState;
  onChange: (next: CheckoutState) => void;
  fields: CheckoutFields;
  balance: number;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${C}.${name}`, options);
  return (
    <>
      <Typography variant="subtitle2" sx={{ mt: 2 }} gutterBottom>
        {t("stored_value")}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: "flex-start", flexWrap: "wrap" }}>
        <TextField
          size="small"
          label={t("stored_value_amount")}
          value={state.storedValueText}
          onChange={(event) => onChange({ ...state, storedValueText: event.target.value })}
          error={Boolean(fields.problem?.startsWith(`${C}.errors.stored_value`))}
          helperText={
            fields.problem?.startsWith(`${C}.errors.stored_value`)
              ? translate(fields.problem, { total: formatFen(fields.total) })
              : t("balance", { total: formatFen(balance) })
          }
          slotProps={{ htmlInput: { inputMode: "decimal", "data-testid": "checkout-stored-value" } }}
        />
        <Button
          variant="text"
          disabled={balance === 0}
          onClick={() => onChange({ ...state, storedValueText: (Math.min(balance, fields.total) / 100).toFixed(2) })}
          data-testid="checkout-stored-value-all"
        >
          {t("use_balance")}
        </Button>
      </Stack>
    </>
  );
}

/** The discount, the total to pay, and how it splits between stored value and the payment method. */
function CheckoutTotals({ quote, fields }: { quote: Quote | undefined; fields: CheckoutFields }) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${C}.${name}`, options);
  return (
    <>
      <Stack direction="row" sx={{ mt: 1, justifyContent: "flex-end", gap: 3, flexWrap: "wrap" }}>
        {quote && quote.discount > 0 && (
          <Typography data-testid="checkout-discount">
            {t("discount_total", { amount: formatFen(quote.discount) })}
          </Typography>
        )}
        <Typography variant="h6" data-testid="checkout-total">
          {t("to_pay", { total: formatFen(fields.total) })}
        </Typography>
      </Stack>
      {(fields.storedValueAmount ?? 0) > 0 && (
        <Typography variant="body2" sx={{ textAlign: "right" }} data-testid="checkout-split">
          {t("split", {
            stored: formatFen(fields.storedValueAmount ?? 0),
            other: formatFen(fields.total - (fields.storedValueAmount ?? 0)),
          })}
        </Typography>
      )}
    </>
  );
}

/** What the recorded order took off and took from stored value. */
export function CheckoutReceipt({ order }: { order: { id: string; discount?: number; storedValueAmount?: number } }) {
  const translate = useTranslate();
  if (!order.discount && !order.storedValueAmount) return null;
  return (
    <Typography data-testid="purchase-checkout">
      {translate(`${C}.receipt`, {
        discount: formatFen(order.discount ?? 0),
        stored: formatFen(order.storedValueAmount ?? 0),
      })}
    </Typography>
  );
}
