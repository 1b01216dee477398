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

/** Where a chart's marks go: the plot's left edge, the width of a day's band, and the floor of the bars. */
interface Plot {
  left: number;
  band: number;
  bottom: number;
}

/** A series' value as a y coordinate, on its axis. */
type SeriesY = (s: TimeSeries, value: number) => number;

/** A tooltip: the day, the series and its value that day. */
type Tip = (s: TimeSeries, i: number) => string;

/**
 * The chart's vertical scales (the left axis, and the right one when a series uses it), whether it has anything to
 * draw, and its tooltips.
 */
function timeScales(
  labels: string[],
  series: TimeSeries[],
  height: number,
  format: (value: number) => string,
  formatRight: (value: number) => string,
) {
  const hasRight = series.some((s) => s.right);
  const bottom = height - BOTTOM;
  const max = (onRight: boolean) =>
    Math.max(0, ...series.filter((s) => Boolean(s.right) === onRight).flatMap((s) => s.values));
  const leftTicks = niceTicks(max(false));
  const rightTicks = niceTicks(max(true));
  const y = (value: number, ticks: number[]) => bottom - (value / ticks[ticks.length - 1]) * (bottom - TOP);
  const seriesY: SeriesY = (s, value) => y(value, s.right ? rightTicks : leftTicks);
  const empty = labels.length === 0 || series.every((s) => s.values.every((value) => value === 0));
  const tip: Tip = (s, i) => `${labels[i]} ${s.label}: ${(s.right ? formatRight : format)(s.values[i])}`;
  return { hasRight, bottom, leftTicks, rightTicks, y, seriesY, empty, tip };
}

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
  const left = SIDE;
  const n = labels.length;
  const scales = timeScales(labels, series, height, format, formatRight);
  const { hasRight, bottom, leftTicks, rightTicks, y, seriesY, empty, tip } = scales;

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
        const plot = { left, band: bandWidth(left, right, n), bottom };
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
            <SeriesBars bars={series.filter((s) => s.kind === "bar")} plot={plot} y={seriesY} tip={tip} />
            {series
              .filter((s) => s.kind === "line")
              .map((s) => (
                <SeriesLine key={s.key} s={s} plot={plot} y={seriesY} tip={tip} small={n > 45} />
              ))}
          </>
        );
      }}
    </ChartFrame>
  );
}

/** The bar series side by side in each day's band; a day at zero has no bar. */
function SeriesBars({ bars, plot, y, tip }: { bars: TimeSeries[]; plot: Plot; y: SeriesY; tip: Tip }) {
  const { left, band, bottom } = plot;
  const barWidth = (band * 0.8) / Math.max(1, bars.length);
  return (
    <>
      {bars.map((s, j) =>
        s.values.map((value, i) => {
          if (value <= 0) return null;
          const top = y(s, value);
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
    </>
  );
}

/** A line series: its path through the days, and a point per day (smaller when the days are many). */
function SeriesLine({ s, plot, y, tip, small }: { s: TimeSeries; plot: Plot; y: SeriesY; tip: Tip; small: boolean }) {
  const points = s.values.map((value, i) => [plot.left + (i + 0.5) * plot.band, y(s, value)] as const);
  return (
    <g>
      <path
        data-mark="line"
        d={points.map(([px, py], i) => `${i ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`).join("")}
        fill="none"
        stroke={s.color}
        strokeWidth={2}
      />
      {points.map(([px, py], i) => (
        <circle key={i} data-mark="point" cx={px} cy={py} r={small ? 2 : 3} fill={s.color}>
          <title>{tip(s, i)}</title>
        </circle>
      ))}
    </g>
  );
}
