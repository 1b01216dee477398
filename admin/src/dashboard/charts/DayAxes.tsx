/**
 * The axes the day charts share: the left value axis (grid lines, tick labels,
 * its title), an optional right one, the local dates along the bottom (as many
 * as fit) and the baseline.
 */
import { labelEvery, shortDate } from "./scale";

export interface ValueAxis {
  ticks: number[];
  /** The y of a value on this axis. */
  y: (value: number) => number;
  format: (value: number) => string;
  title?: string;
}

interface Props {
  left: number;
  right: number;
  bottom: number;
  /** Local dates (YYYY-MM-DD), one per band. */
  labels: string[];
  leftAxis: ValueAxis;
  rightAxis?: ValueAxis;
}

/** The width of one day's band between `left` and `right`. */
export const bandWidth = (left: number, right: number, days: number) => (right - left) / Math.max(1, days);

export function DayAxes({ left, right, bottom, labels, leftAxis, rightAxis }: Props) {
  const band = bandWidth(left, right, labels.length);
  const showLabel = labelEvery(labels.length, Math.floor((right - left) / 48));
  return (
    <g fontSize={11} fill="#666">
      {leftAxis.ticks.map((tick) => (
        <g key={`l${tick}`}>
          <line x1={left} x2={right} y1={leftAxis.y(tick)} y2={leftAxis.y(tick)} stroke="#e0e0e0" />
          <text x={left - 6} y={leftAxis.y(tick) + 4} textAnchor="end">
            {leftAxis.format(tick)}
          </text>
        </g>
      ))}
      {rightAxis?.ticks.map((tick) => (
        <text key={`r${tick}`} x={right + 6} y={rightAxis.y(tick) + 4}>
          {rightAxis.format(tick)}
        </text>
      ))}
      {leftAxis.title && (
        <text x={left - 6} y={10} textAnchor="end" fontWeight={600}>
          {leftAxis.title}
        </text>
      )}
      {rightAxis?.title && (
        <text x={right + 6} y={10} fontWeight={600}>
          {rightAxis.title}
        </text>
      )}
      {labels.map((label, i) =>
        showLabel(i) ? (
          <text key={label} x={left + (i + 0.5) * band} y={bottom + 16} textAnchor="middle">
            {shortDate(label)}
          </text>
        ) : null,
      )}
      <line x1={left} x2={right} y1={bottom} y2={bottom} stroke="#9e9e9e" />
    </g>
  );
}
