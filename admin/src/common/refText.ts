/** A ledger reference as staff read it: its kind in words and the end of its id (订单 2a7d4c3f for order:…). */
import { shortId } from "./shortId";

/** Kinds of reference whose value is a date (expiry:2027-01-31), shown whole. */
const DATED = new Set(["expiry", "checkin"]);

/**
 * A ledger reference in words: `order:…` is 订单 and the order id's end; a reward's `reward:{reward}:{request}`
 * shows its request; a dated one (`checkin:2026-12-01`) its date; one of no known kind, its end only.
 */
export function refText(ref: string, translate: (key: string, options?: Record<string, unknown>) => string): string {
  const colon = ref.indexOf(":");
  if (colon < 0) return shortId(ref);
  const kind = ref.slice(0, colon);
  const value = ref.slice(colon + 1);
  const label = translate(`app.ref_kind.${kind}`, { _: "" });
  if (!label) return shortId(ref);
  return `${label} ${DATED.has(kind) ? value : shortId(value.split(":").pop())}`;
}
