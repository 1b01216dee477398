/**
 * Days along the x axis, each series as bars (side by side) or a line, on the
 * left axis or a right one (a stock such as members beside a daily flow such
 * as joins). Every bar and point has a tooltip (<title>).
 */
import { ChartFrame } from "./ChartFrame";
import { Legend } from "./Legend";
import { DayAxes, bandWidth } from "./DayAxes";
import { formatCount, niceTicks } from "./scale";

export interface TimeSeries {
  key: string;
  label: string;
  color: string;
  kind: "bar" | "line";
  /** One value per label. */
  values: number[];
  /** The right axis (drawn only when some series uses it). */
  right?: boolean;
}

interface Props {
  /** The chart's accessible name. */
  title: string;
  /** Local dates (YYYY-MM-DD). */
  labels: string[];
  series: TimeSeries[];
  format?: (value: number) => string;
  formatRight?: (value: number) => string;
  /** Axis titles, printed above each axis. */
  leftTitle?: string;
  rightTitle?: string;
  emptyText: string;
  legendLabel: string;
  testId?: string;
  height?: number;
}

const TOP = 22;
const BOTTOM = 24;
const SIDE = 52;

export function TimeChart({
  title,
  labels,
  series,
  format = formatCount,
  formatRight = formatCount,
  leftTitle,
  rightTitle,
  emptyText,
  legendLabel,
  testId,
  height = 240,
}: Props) {
  const hasRight = series.some((s) => s.right);
  const left = SIDE;
  const bottom = height - BOTTOM;
  const n = labels.length;
  const max = (onRight: boolean) =>
    Math.max(0, ...series.filter((s) => Boolean(s.right) === onRight).flatMap((s) => s.values));
  const leftTicks = niceTicks(max(false));
  const rightTicks = niceTicks(max(true));
  const y = (value: number, ticks: number[]) => bottom - (value / ticks[ticks.length - 1]) * (bottom - TOP);
  const bars = series.filter((s) => s.kind === "bar");
  const empty = n === 0 || series.every((s) => s.values.every((value) => value === 0));
  const tip = (s: TimeSeries, i: number) => `${labels[i]} ${s.label}: ${(s.right ? formatRight : format)(s.values[i])}`;

  return (
    <ChartFrame
      title={title}
      height={height}
      empty={empty}
      emptyText={emptyText}
      testId={testId}
      legend={
        <Legend
          label={legendLabel}
          items={series.map((s) => ({ key: s.key, label: s.label, color: s.color, line: s.kind === "line" }))}
        />
      }
    >
      {(width) => {
        const right = width - (hasRight ? SIDE : 12);
        const band = bandWidth(left, right, n);
        const barWidth = (band * 0.8) / Math.max(1, bars.length);
        return (
          <>
            <DayAxes
              left={left}
              right={right}
              bottom={bottom}
              labels={labels}
              leftAxis={{ ticks: leftTicks, y: (tick) => y(tick, leftTicks), format, title: leftTitle }}
              rightAxis={
                hasRight
                  ? { ticks: rightTicks, y: (tick) => y(tick, rightTicks), format: formatRight, title: rightTitle }
                  : undefined
              }
            />
            {bars.map((s, j) =>
              s.values.map((value, i) => {
                if (value <= 0) return null;
                const ticks = s.right ? rightTicks : leftTicks;
                const top = y(value, ticks);
                return (
                  <rect
                    key={`${s.key}-${i}`}
                    data-mark="bar"
                    x={left + i * band + band * 0.1 + j * barWidth}
                    y={top}
                    width={Math.max(1, barWidth - 0.5)}
                    height={bottom - top}
                    fill={s.color}
                  >
                    <title>{tip(s, i)}</title>
                  </rect>
                );
              }),
            )}
            {series
              .filter((s) => s.kind === "line")
              .map((s) => {
                const ticks = s.right ? rightTicks : leftTicks;
                const points = s.values.map((value, i) => [left + (i + 0.5) * band, y(value, ticks)] as const);
                return (
                  <g key={s.key}>
                    <path
                      data-mark="line"
                      d={points.map(([px, py], i) => `${i ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`).join("")}
                      fill="none"
                      stroke={s.color}
                      strokeWidth={2}
                    />
                    {points.map(([px, py], i) => (
                      <circle key={i} data-mark="point" cx={px} cy={py} r={n > 45 ? 2 : 3} fill={s.color}>
                        <title>{tip(s, i)}</title>
                      </circle>
                    ))}
                  </g>
                );
              })}
          </>
        );
      }}
    </ChartFrame>
  );
}
