/** A figure compared with the previous period (环比): which way it moved and by how much, as the KPI cards show it. */

export interface Change {
  direction: "up" | "down" | "flat";
  /** "+12.5%" (relative) or "+2.1" (percentage points of a share); one decimal. */
  value: string;
  /** Percentage points (a share's change) rather than percent. */
  points?: boolean;
}

/** One decimal with its sign ("+12.5", "-3.0", "0.0"): a change that rounds to nothing is flat. */
function signed(value: number): Change {
  const rounded = Number(value.toFixed(1));
  if (rounded === 0) return { direction: "flat", value: "0.0" };
  return { direction: rounded > 0 ? "up" : "down", value: `${rounded > 0 ? "+" : ""}${rounded.toFixed(1)}` };
}

/** The relative change of a count or an amount; null ("—") when the previous period had none or no value. */
export function relativeChange(current: number | null, previous: number | null): Change | null {
  if (current === null || previous === null || previous === 0) return null;
  const change = signed(((current - previous) / previous) * 100);
  return { ...change, value: `${change.value}%` };
}

/** The change of a share (e.g. the repurchase rate) in percentage points; null ("—") when either has no value. */
export function shareChange(current: number | null, previous: number | null): Change | null {
  if (current === null || previous === null) return null;
  return { ...signed((current - previous) * 100), points: true };
}
