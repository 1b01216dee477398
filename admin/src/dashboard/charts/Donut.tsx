/**
 * Parts of a whole as a ring (e.g. members by tier), the total in the middle, counts and shares in the legend and
 * tooltips.
 */
import { ChartFrame } from "./ChartFrame";
import { Legend } from "./Legend";
import { formatCount, formatShare } from "./scale";

export interface Slice {
  key: string;
  label: string;
  color: string;
  value: number;
}

interface Props {
  title: string;
  slices: Slice[];
  format?: (value: number) => string;
  /** Under the total in the middle (e.g. "members"). */
  centerLabel?: string;
  emptyText: string;
  legendLabel: string;
  testId?: string;
}

const HEIGHT = 220;
const RADIUS = 80;
const RING = 30;

export function Donut({ title, slices, format = formatCount, centerLabel, emptyText, legendLabel, testId }: Props) {
  const total = slices.reduce((sum, slice) => sum + Math.max(0, slice.value), 0);
  const cy = HEIGHT / 2;
  const share = (value: number) => (total ? formatShare(value / total) : "—");

  return (
    <ChartFrame
      title={title}
      height={HEIGHT}
      empty={total === 0}
      emptyText={emptyText}
      testId={testId}
      legend={
        <Legend
          label={legendLabel}
          items={slices.map((slice) => ({ ...slice, detail: `${format(slice.value)} (${share(slice.value)})` }))}
        />
      }
    >
      {(width) => {
        const cx = width / 2;
        return (
          <>
            <circle cx={cx} cy={cy} r={RADIUS} fill="none" stroke="#eeeeee" strokeWidth={RING} />
            <Slices slices={slices} total={total} cx={cx} cy={cy} format={format} share={share} />
            <text x={cx} y={cy + 4} textAnchor="middle" fontSize={22} fontWeight={600} fill="#333">
              {format(total)}
            </text>
            {centerLabel && (
              <text x={cx} y={cy + 22} textAnchor="middle" fontSize={11} fill="#666">
                {centerLabel}
              </text>
            )}
          </>
        );
      }}
    </ChartFrame>
  );
}

/** The slices round the ring from 12 o'clock, each with its count and share; a slice of nothing is not drawn. */
function Slices({
  slices,
  total,
  cx,
  cy,
  format,
  share,
}: {
  slices: Slice[];
  total: number;
  cx: number;
  cy: number;
  format: (value: number) => string;
  share: (value: number) => string;
}) {
  const circumference = 2 * Math.PI * RADIUS;
  let offset = 0;
  return (
    <>
      {slices.map((slice) => {
        if (slice.value <= 0) return null;
        const length = (slice.value / total) * circumference;
        // Drawn as a dashed circle starting at 12 o'clock: a 100% slice stays a full ring.
        const mark = (
          <circle
            key={slice.key}
            data-mark="slice"
            cx={cx}
            cy={cy}
            r={RADIUS}
            fill="none"
            stroke={slice.color}
            strokeWidth={RING}
            strokeDasharray={`${length} ${circumference - length}`}
            strokeDashoffset={-offset}
            transform={`rotate(-90 ${cx} ${cy})`}
          >
            <title>{`${slice.label}: ${format(slice.value)} (${share(slice.value)})`}</title>
          </circle>
        );
        offset += length;
        return mark;
      })}
    </>
  );
}
