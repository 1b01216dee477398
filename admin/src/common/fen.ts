/**
 * Money in forms: staff type yuan (12.5), the form holds integer fen (1250),
 * which is what the API takes. More than two decimals leaves a fraction of a
 * fen in the form, which fenIn refuses, so nothing is rounded unseen.
 */
import type { Message } from "../loyalty/validation";

const KEY = "resources.couponTemplates.validation";

/**
 * Fen as the console shows money everywhere: ¥ with two decimals and thousands separators (123456 → ¥1,234.56,
 * -500 → -¥5.00).
 */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}¥${Math.floor(abs / 100).toLocaleString("en-US")}.${String(abs % 100).padStart(2, "0")}`;
}

/** Fen as a money input shows it: 1250 → "12.5". */
export const fenToYuanText = (fen: unknown) =>
  typeof fen === "number" && Number.isFinite(fen) ? String(fen / 100) : "";

/** Yuan as typed → fen; a value with more than two decimals stays fractional for fenIn to refuse. */
export function yuanToFen(value: unknown): number | null {
  if (value === "" || value === null || value === undefined) return null;
  const yuan = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(yuan)) return null;
  const fen = yuan * 100;
  const whole = Math.round(fen);
  return Math.abs(fen - whole) < 1e-6 ? whole : fen;
}

/** A check for an amount of fen from min to max (required unless optional), as the API's fen(). */
export function fenIn(value: unknown, min: number, max = 100_000_000, optional = false): Message | undefined {
  if (value === null || value === undefined || value === "") return optional ? undefined : `${KEY}.required`;
  if (typeof value !== "number" || !Number.isFinite(value)) return `${KEY}.money`;
  if (!Number.isInteger(value)) return `${KEY}.money_decimals`;
  if (value < min || value > max)
    return { message: `${KEY}.money_range`, args: { min: formatFen(min), max: formatFen(max) } };
  return undefined;
}
