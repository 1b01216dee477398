/**
 * Days along the x axis, one bar per day stacked from its parts (e.g. members by lifecycle stage), each part's share in
 * its tooltip.
 */
import { ChartFrame } from "./ChartFrame";
import { Legend } from "./Legend";
import { DayAxes, bandWidth } from "./DayAxes";
import { formatCount, formatShare, niceTicks } from "./scale";

export interface StackPart {
  key: string;
  label: string;
  color: string;
  /** One value per label. */
  values: number[];
}

interface Props {
  title: string;
  labels: string[];
  parts: StackPart[];
  format?: (value: number) => string;
  leftTitle?: string;
  emptyText: string;
  legendLabel: string;
  testId?: string;
  height?: number;
}

const TOP = 22;
const BOTTOM = 24;
const LEFT = 52;

export function StackedBars({
  title,
  labels,
  parts,
  format = formatCount,
  leftTitle,
  emptyText,
  legendLabel,
  testId,
  height = 240,
}: Props) {
  const bottom = height - BOTTOM;
  const n = labels.length;
  const totals = labels.map((_, i) => parts.reduce((sum, part) => sum + (part.values[i] ?? 0), 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const scale = (value: number) => (value / ticks[ticks.length - 1]) * (bottom - TOP);
  const empty = totals.every((total) => total === 0);

  return (
    <ChartFrame
      title={title}
      height={height}
      empty={empty}
      emptyText={emptyText}
      testId={testId}
      legend={<Legend label={legendLabel} items={parts} />}
    >
      {(width) => {
        const RIGHT = width - 12;
        const band = bandWidth(LEFT, RIGHT, n);
        return (
          <>
            <DayAxes
              left={LEFT}
              right={RIGHT}
              bottom={bottom}
              labels={labels}
              leftAxis={{ ticks, y: (tick) => bottom - scale(tick), format, title: leftTitle }}
            />
            {labels.map((label, i) => (
              <DayStack
                key={label}
                label={label}
                values={parts.map((part) => part.values[i] ?? 0)}
                total={totals[i]}
                parts={parts}
                x={LEFT + i * band + band * 0.1}
                width={Math.max(1, band * 0.8)}
                bottom={bottom}
                scale={scale}
                format={format}
              />
            ))}
          </>
        );
      }}
    </ChartFrame>
  );
}

/** One day's bar: its parts stacked from the floor up (a part at zero adds nothing), each with its share. */
function DayStack({
  label,
  values,
  total,
  parts,
  x,
  width,
  bottom,
  scale,
  format,
}: {
  label: string;
  /** Each part's value that day. */
  values: number[];
  total: number;
  parts: StackPart[];
  x: number;
  width: number;
  bottom: number;
  scale: (value: number) => number;
  format: (value: number) => string;
}) {
  let base = bottom;
  return (
    <g>
      {parts.map((part, p) => {
        const value = values[p];
        if (value <= 0) return null;
        const h = scale(value);
        base -= h;
        return (
          <rect key={part.key} data-mark="bar" x={x} y={base} width={width} height={h} fill={part.color}>
            <title>{`${label} ${part.label}: ${format(value)} (${formatShare(value / total)})`}</title>
          </rect>
        );
      })}
    </g>
  );
}
