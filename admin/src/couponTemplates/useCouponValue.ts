/** What a coupon is worth, in words, with a gift's product named from the merchant's product list. */
import { useTranslate } from "react-admin";
import { useProductName } from "../members/loyalty/tillProducts";
import { couponValue } from "./fields";

export function useCouponValue() {
  const translate = useTranslate();
  const productName = useProductName();
  return (terms: Parameters<typeof couponValue>[0]) =>
    couponValue({ ...terms, giftSku: terms.giftSku && productName(terms.giftSku) }, translate);
}
