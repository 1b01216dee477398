/**
 * One bar per row, labelled on the left and valued on the right (e.g. coupon redemption by template, order value member
 * vs non-member).
 */
import { ChartFrame } from "./ChartFrame";
import { Legend, type LegendItem } from "./Legend";
import { clip, formatCount, niceTicks, PALETTE } from "./scale";

export interface BarRow {
  key: string;
  label: string;
  value: number;
  /** Said in the tooltip and after the value (e.g. "12 / 40"). */
  detail?: string;
  color?: string;
}

interface Props {
  title: string;
  rows: BarRow[];
  format?: (value: number) => string;
  /** The axis's end (e.g. 1 for rates); the largest value's nice ceiling when not given. */
  max?: number;
  /** Tick values on the axis (default: nice ticks up to max). */
  ticks?: number[];
  emptyText: string;
  legend?: { label: string; items: LegendItem[] };
  testId?: string;
}

const LABEL = 150;
const VALUE = 130;
const ROW = 30;
const TOP = 6;
const AXIS = 22;

export function HorizontalBars({ title, rows, format = formatCount, max, ticks, emptyText, legend, testId }: Props) {
  const height = TOP + rows.length * ROW + AXIS;
  const axisTicks = ticks ?? niceTicks(max ?? Math.max(0, ...rows.map((row) => row.value)), 4, false);
  const end = max ?? axisTicks[axisTicks.length - 1];
  const bottom = TOP + rows.length * ROW;

  return (
    <ChartFrame
      title={title}
      height={height}
      empty={rows.length === 0}
      emptyText={emptyText}
      testId={testId}
      legend={legend && <Legend label={legend.label} items={legend.items} />}
    >
      {(width) => {
        const left = Math.min(LABEL, width * 0.3);
        const right = width - Math.min(VALUE, width * 0.3);
        const x = (value: number) => left + (Math.min(value, end) / end) * (right - left);
        // Tick labels need about 60 px each: a narrow chart labels the ends only.
        const shown =
          right - left < axisTicks.length * 60 ? [axisTicks[0], axisTicks[axisTicks.length - 1]] : axisTicks;
        return (
          <>
            <ValueAxis shown={shown} x={x} left={left} bottom={bottom} format={format} />
            {rows.map((row, i) => {
              const top = TOP + i * ROW;
              const text = `${format(row.value)}${row.detail ? ` (${row.detail})` : ""}`;
              return (
                <g key={row.key} data-row={row.key}>
                  <text x={left - 8} y={top + ROW / 2 + 4} textAnchor="end" fontSize={12} fill="#333">
                    <title>{row.label}</title>
                    {clip(row.label, Math.max(4, Math.floor(left / 13)))}
                  </text>
                  {row.value > 0 && (
                    <rect
                      data-mark="bar"
                      x={left}
                      y={top + 6}
                      width={Math.max(1, x(row.value) - left)}
                      height={ROW - 12}
                      fill={row.color ?? PALETTE[0]}
                      rx={2}
                    >
                      <title>{`${row.label}: ${text}`}</title>
                    </rect>
                  )}
                  <text x={x(row.value) + 6} y={top + ROW / 2 + 4} fontSize={11} fill="#333">
                    {text}
                  </text>
                </g>
              );
            })}
          </>
        );
      }}
    </ChartFrame>
  );
}

/** The value axis: a grid line and a label per tick shown, and the rows' baseline. */
function ValueAxis({
  shown,
  x,
  left,
  bottom,
  format,
}: {
  shown: number[];
  x: (value: number) => number;
  left: number;
  bottom: number;
  format: (value: number) => string;
}) {
  return (
    <g fontSize={11} fill="#666">
      {shown.map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={TOP} y2={bottom} stroke="#e0e0e0" />
          <text x={x(tick)} y={bottom + 15} textAnchor="middle">
            {format(tick)}
          </text>
        </g>
      ))}
      <line x1={left} x2={left} y1={TOP} y2={bottom} stroke="#9e9e9e" />
    </g>
  );
}
