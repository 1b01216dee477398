/** Money as staff type and read it: yuan with two decimals on screen, integer fen on the wire. */

/** Fen as ¥ with two decimals: the console's one formatter (common/fen.ts). */
export { formatFen } from "../../common/fen";

/**
 * Yuan as typed (“12”, “12.5”, “12.50”) as whole fen, without floating-point
 * rounding; undefined when it is not a positive amount with at most two decimals.
 */
export function parseYuan(text: string): number | undefined {
  const match = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return fen > 0 ? fen : undefined;
}

/** Signed points for display: +12, -30, 0. */
export const signed = (points: number) => (points > 0 ? `+${points}` : String(points));
