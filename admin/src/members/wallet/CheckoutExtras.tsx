/**
 * The checkout part of recording a purchase: coupon codes with a live quote
 * (each applied coupon's discount step by step, and why each refused coupon
 * was refused; quoting changes nothing) and the part paid from stored value.
 * The purchase dialog sends what checkoutFields gives: the quote's total,
 * the codes and the stored-value amount, and waits while a quote is pending.
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
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslate } from "react-admin";
import { couponValue } from "../../couponTemplates/fields";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { QuoteCheckoutQuery, QuoteCheckoutQueryVariables } from "../../generated/graphql";
import { errorMessage } from "../loyalty/api";
import { formatFen, parseYuan } from "../loyalty/money";
import { MEMBER_COUPONS, useMemberPages, useStoredValue } from "./api";

const C = "resources.members.wallet.checkout";

export interface BasketLine {
  sku: string;
  name: string;
  category?: string;
  qty: number;
  unitPrice: number;
}

export type Quote = QuoteCheckoutQuery["quoteCheckout"];

const QUOTE_CHECKOUT: Document<QuoteCheckoutQuery, QuoteCheckoutQueryVariables> = /* GraphQL */ `
  query quoteCheckout($input: BasketInput!) {
    quoteCheckout(input: $input) {
      subtotal
      discount
      total
      steps {
        code
        name
        kind
        eligibleAmount
        discount
        totalAfter
      }
      rejected {
        code
        reason
        message
      }
    }
  }
`;

export interface CheckoutState {
  couponCodes: string[];
  /** The quote for the current basket and codes; undefined while one is pending or failed. */
  quote?: Quote;
  /** The stored-value amount as typed, in yuan. */
  storedValueText: string;
}

export const NO_CHECKOUT: CheckoutState = { couponCodes: [], storedValueText: "" };

/** A code as the API compares it: no spaces or dashes, upper case. */
export const normaliseCode = (code: string) => code.replace(/[\s-]/g, "").toUpperCase();

/**
 * What the purchase sends: the total to charge (the quote's, with coupons),
 * the codes and the stored-value amount; problem (a translation key) when it
 * cannot be sent yet.
 */
export function checkoutFields(
  state: CheckoutState,
  subtotal: number,
): { problem?: string; total: number; couponCodes?: string[]; storedValueAmount?: number } {
  const withCoupons = state.couponCodes.length > 0;
  const total = withCoupons ? (state.quote?.total ?? subtotal) : subtotal;
  const storedValueAmount = state.storedValueText.trim() ? parseYuan(state.storedValueText) : 0;
  let problem: string | undefined;
  if (withCoupons && !state.quote) problem = `${C}.errors.quote_pending`;
  else if (state.quote?.rejected.length) problem = `${C}.errors.rejected`;
  else if (storedValueAmount === undefined) problem = `${C}.errors.stored_value`;
  else if (storedValueAmount > total) problem = `${C}.errors.stored_value_over`;
  return {
    problem,
    total,
    couponCodes: withCoupons ? state.couponCodes : undefined,
    storedValueAmount: storedValueAmount || undefined,
  };
}

/** The inputs after they have been still for a moment: a quote per pause, not per keystroke. */
function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settled;
}

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
  const request = useRequest();
  const [typed, setTyped] = useState("");
  const wallet = useMemberPages(memberId, "coupons", MEMBER_COUPONS, 50);
  const stored = useStoredValue(memberId);
  const t = (name: string, options?: Record<string, unknown>) => translate(`${C}.${name}`, options);

  const inputs = { memberId, storeId, lines, couponCodes: state.couponCodes };
  const settled = useSettled(inputs);
  const current = JSON.stringify(inputs) === JSON.stringify(settled);
  const quoting = state.couponCodes.length > 0 && Boolean(storeId) && Boolean(lines?.length);
  const quote = useQuery({
    queryKey: ["quoteCheckout", settled],
    enabled: quoting && current,
    staleTime: 0,
    gcTime: 0,
    retry: false,
    queryFn: async () =>
      (
        await request(QUOTE_CHECKOUT, {
          input: {
            memberId: settled.memberId,
            storeId: settled.storeId,
            lines: settled.lines!,
            couponCodes: settled.couponCodes,
          },
        })
      ).quoteCheckout,
  });
  const fresh = quoting && current && quote.isSuccess && !quote.isFetching ? quote.data : undefined;

  // The dialog holds the quote that matches what it will send, and nothing else.
  useEffect(() => {
    if (fresh !== state.quote) onChange({ ...state, quote: fresh });
  }, [fresh, state, onChange]);

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
        {t("coupons")}
      </Typography>
      <Box
        component="form"
        sx={{ display: "flex", gap: 1, alignItems: "flex-start" }}
        onSubmit={(event) => {
          event.preventDefault();
          add(typed);
          setTyped("");
        }}
      >
        <TextField
          size="small"
          label={t("code")}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          slotProps={{ htmlInput: { maxLength: 30, "data-testid": "checkout-code" } }}
        />
        <Button
          type="submit"
          variant="outlined"
          startIcon={<AddIcon />}
          sx={{ whiteSpace: "nowrap", flexShrink: 0 }}
          disabled={!normaliseCode(typed) || state.couponCodes.length >= 10}
          data-testid="checkout-code-add"
        >
          {t("add_code")}
        </Button>
      </Box>
      {usable.length > 0 && (
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, mt: 1, alignItems: "center" }}>
          <Typography variant="caption" color="text.secondary">
            {t("from_wallet")}
          </Typography>
          {usable.slice(0, 12).map((coupon) => (
            <Chip
              key={coupon.code}
              size="small"
              variant="outlined"
              label={`${coupon.name} · ${couponValue(coupon, translate)}`}
              onClick={() => add(coupon.code)}
              data-testid="checkout-wallet-coupon"
              data-code={coupon.code}
            />
          ))}
        </Box>
      )}
      {state.couponCodes.length > 0 && (
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, mt: 1 }} data-testid="checkout-codes">
          {state.couponCodes.map((code) => (
            <Chip
              key={code}
              label={code}
              onDelete={() => remove(code)}
              sx={{ fontFamily: "monospace" }}
              data-testid="checkout-code-chip"
            />
          ))}
        </Box>
      )}
      {quoting && !fresh && !quote.isError && <LinearProgress sx={{ mt: 1 }} data-testid="checkout-quoting" />}
      {state.couponCodes.length > 0 && !lines?.length && (
        <Typography variant="caption" color="text.secondary">
          {t("quote_needs_lines")}
        </Typography>
      )}
      {quote.isError && current && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="checkout-quote-error">
          {errorMessage(quote.error)}
        </Alert>
      )}
      {fresh && <QuoteTable quote={fresh} />}

      <Typography variant="subtitle2" sx={{ mt: 2 }} gutterBottom>
        {t("stored_value")}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: "flex-start" }}>
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
      <Stack direction="row" sx={{ mt: 1, justifyContent: "flex-end", gap: 3 }}>
        {fresh && fresh.discount > 0 && (
          <Typography data-testid="checkout-discount">
            {t("discount_total", { amount: formatFen(fresh.discount) })}
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
    </Box>
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
