/**
 * The checkout's state while a purchase is typed: the coupon codes, the live
 * quote for the basket and codes (quoting changes nothing) and the stored
 * value to pay with, and what the purchase sends from them.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { QuoteCheckoutQuery, QuoteCheckoutQueryVariables } from "../../generated/graphql";
import { parseYuan } from "../loyalty/money";

const C = "resources.members.wallet.checkout";

export interface BasketLine {
  /** The amount of a sale without products (输入消费金额); a product when absent. */
  kind?: "amount";
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

/**
 * The quote for the basket and codes, asked once they have been still for a moment and only with codes, a store and
 * lines. fresh is the quote that matches the inputs as they are now; the state is kept holding that one only.
 */
export function useCheckoutQuote(
  { memberId, storeId, lines }: { memberId: string; storeId: string; lines: BasketLine[] | undefined },
  state: CheckoutState,
  onChange: (next: CheckoutState) => void,
) {
  const request = useRequest();
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
  return { quote, quoting, current, fresh };
}
