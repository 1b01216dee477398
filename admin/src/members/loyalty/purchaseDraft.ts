/**
 * The purchase being typed in the purchase dialog: store, payment method,
 * the amount paid or the lines, coupons and stored value, with what is wrong
 * with it and the input it becomes.
 */
import { useEffect, useState } from "react";
import { useTranslate } from "react-admin";
import type { Permissions } from "../../auth/permissions";
import { useSmallScreen } from "../../common/smallScreen";
import type { MemberRecord } from "../fields";
import { checkoutFields, NO_CHECKOUT, type CheckoutState } from "../wallet/checkout";
import { basketOf, emptyLine, lineErrors, linesTotal, type LineDraft } from "./PurchaseLines";

export const PAYMENT_METHODS = ["wechat", "alipay", "cash", "card", "other"] as const;

/** The amount paid alone (a shop without a POS), or line by line. */
export type PurchaseMode = "amount" | "items";

/** The SKU of the one line an amount-only purchase sends (the API takes lines that add up to the total). */
export const AMOUNT_SKU = "AMOUNT";

/** Where this device keeps the payment method last used, so the next purchase starts with it. */
const LAST_PAYMENT = "regulars.purchase.payment";

/** The payment method last used on this device, or WeChat Pay. */
function lastPayment(): string {
  try {
    const stored = window.localStorage.getItem(LAST_PAYMENT);
    return PAYMENT_METHODS.find((method) => method === stored) ?? "wechat";
  } catch {
    return "wechat";
  }
}

/** Remember the payment method of a purchase recorded on this device. */
export function rememberPayment(method: string) {
  try {
    window.localStorage.setItem(LAST_PAYMENT, method);
  } catch {
    // Private mode or storage full: the next purchase starts from WeChat Pay.
  }
}

/** The store a purchase defaults to: the member's home store when the staff member works there, else their own. */
function defaultStore(member: MemberRecord, permissions: Permissions | undefined): string {
  if (!permissions) return "";
  if (permissions.role === "owner" || permissions.storeIds?.includes(member.homeStoreId)) return member.homeStoreId;
  return permissions.storeIds?.[0] ?? "";
}

/** What is wrong with a purchase as typed, its total and basket, and what it is paid with. */
function checkPurchase(storeId: string, payment: string, lines: LineDraft[], checkout: CheckoutState) {
  const errors = lineErrors(lines);
  const storeError = storeId ? undefined : "resources.members.loyalty.purchase.errors.store";
  const paymentError = payment ? undefined : "resources.members.loyalty.purchase.errors.payment";
  const linesValid = errors.every((line) => Object.keys(line).length === 0);
  const total = linesTotal(lines);
  const basket = linesValid ? basketOf(lines) : undefined;
  // Coupons and stored value: the total sent is the quote's, once it matches the basket.
  const paying = checkoutFields(checkout, total);
  const valid = !storeError && !paymentError && linesValid && !paying.problem;
  return { errors, storeError, paymentError, total, basket, paying, valid };
}

/** The purchase being typed (store, payment method, amount or lines, coupons and stored value) and its checks. */
export function usePurchaseDraft(member: MemberRecord, permissions: Permissions | undefined) {
  const translate = useTranslate();
  // A phone at a shop without a POS: the amount paid is all there is to type.
  const phone = useSmallScreen();
  const [storeId, setStoreId] = useState(() => defaultStore(member, permissions));
  const [payment, setPayment] = useState(lastPayment);
  const [mode, setMode] = useState<PurchaseMode>(phone ? "amount" : "items");
  const [amount, setAmount] = useState("");
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  const [checkout, setCheckout] = useState(NO_CHECKOUT);
  // Paying from stored value moves the member's money: asked once more before it is sent, and asked again after any
  // change.
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setConfirming(false), [lines, amount, mode, checkout, storeId, payment]);
  // The role may still be loading when the dialog opens.
  useEffect(() => setStoreId((current) => current || defaultStore(member, permissions)), [member, permissions]);
  const sent =
    mode === "amount" ? [amountLine(amount, translate("resources.members.loyalty.purchase.amount_line"))] : lines;
  const checked = checkPurchase(storeId, payment, sent, checkout);
  const draft = { storeId, setStoreId, payment, setPayment, mode, setMode, amount, setAmount, lines, setLines };
  return {
    ...draft,
    checkout,
    setCheckout,
    confirming,
    setConfirming,
    ...checked,
    amountError:
      mode === "amount" && checked.errors[0]?.price ? "resources.members.loyalty.purchase.errors.amount" : undefined,
  };
}

/** The one line an amount-only purchase sends: the amount paid, once. */
const amountLine = (price: string, name: string): LineDraft => ({
  kind: "amount",
  key: AMOUNT_SKU,
  sku: AMOUNT_SKU,
  name,
  category: "",
  qty: "1",
  price,
});

export type PurchaseDraft = ReturnType<typeof usePurchaseDraft>;

/** The mutation's input: the draft's store, payment and basket, with the checkout's total, codes and stored value. */
export const purchaseInput = (orderId: string, memberId: string, draft: PurchaseDraft) => ({
  orderId,
  memberId,
  storeId: draft.storeId,
  paymentMethod: draft.payment,
  total: draft.paying.total,
  couponCodes: draft.paying.couponCodes,
  storedValueAmount: draft.paying.storedValueAmount,
  lines: draft.basket!,
});
