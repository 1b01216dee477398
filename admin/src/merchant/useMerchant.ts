/** The caller's merchant (name, time zone), read once and shared by every screen. */
import { useGetOne } from "react-admin";

export const MERCHANT_ID = "current";

export interface Merchant {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
}

export function useMerchant() {
  return useGetOne<Merchant>("merchant", { id: MERCHANT_ID }, { staleTime: 5 * 60_000 });
}

/** The merchant's IANA time zone; the browser's until it is known. */
export function useMerchantTimeZone(): string | undefined {
  return useMerchant().data?.timeZone;
}
