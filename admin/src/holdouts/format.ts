/**
 * Holdout figures as the console shows them: counts, rates as percentages, fen as ¥, an estimate as its value and
 * the half-width of its 95 % interval ("12 (± 5)", see EstimateText), and "—" where a group is empty.
 */
import { formatFen } from "../common/fen";
import type { HoldoutEstimate } from "./api";

const NONE = "—";

/** A count: 1234 → "1,234" (a value rounding to zero from below is 0, not -0). */
export const formatCount = (value: number) => (Math.round(value) || 0).toLocaleString("en-US");

/** A 0–1 rate as a percentage with one decimal; "—" without members. */
export const formatRate = (rate: number | null) => (rate === null ? NONE : `${(rate * 100).toFixed(1)}%`);

/** Fen (possibly fractional, e.g. per member) as ¥ with two decimals; "—" without members. */
export const formatMoney = (fen: number | null) => (fen === null ? NONE : formatFen(Math.round(fen)));

/** Half the width of the 95 % interval: the ± of "12 (± 5)". */
export const halfWidth = (estimate: HoldoutEstimate) => (estimate.high - estimate.low) / 2;

/** An estimate's value and its "(± M)" apart (a narrow cell may break between them); null without both groups. */
export const estimateParts = (estimate: HoldoutEstimate | null, money = false): [string, string] | null => {
  if (estimate === null) return null;
  const format = money ? formatMoney : formatCount;
  return [format(estimate.value), `(± ${format(halfWidth(estimate))})`];
};

/** The 95 % interval itself, for a tooltip: "3 – 21" or "¥10.00 – ¥90.00". */
export const formatInterval = (estimate: HoldoutEstimate | null, money = false) => {
  if (estimate === null) return undefined;
  const format = money ? formatMoney : formatCount;
  return `${format(estimate.low)} – ${format(estimate.high)}`;
};

/** A program id as the translation it reads with: wakeup:30 → wakeup_step with days 30. */
export function programLabel(program: string): { key: string; days?: number } {
  const step = /^wakeup:(\d+)$/.exec(program);
  if (step) return { key: "wakeup_step", days: Number(step[1]) };
  if (program.startsWith("campaign:")) return { key: "campaign" };
  if (program === "coupon-expiry") return { key: "coupon_expiry" };
  return { key: program };
}
