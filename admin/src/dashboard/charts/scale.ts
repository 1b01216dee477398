/** What every chart shares: tick steps, the palette, number formats, and the frame's size. */

/** The chart's drawing box in SVG units; the SVG scales to its container's width. */
export const WIDTH = 640;

/** Colours that stay apart for the colour-blind (Okabe–Ito, with MUI's blue first). */
export const PALETTE = ["#1976d2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f7f7f", "#f0e442"];

/** A number as a count: 1234 → "1,234". */
export const formatCount = (value: number) => Math.round(value).toLocaleString("en-US");

/** A share as a percentage with one decimal: 0.1234 → "12.3%". */
export const formatShare = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Round tick values from 0 up to at least `max`, about `count` steps (whole numbers when `whole`). */
export function niceTicks(max: number, count = 4, whole = true): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? raw;
  if (whole) step = Math.max(1, Math.ceil(step));
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step / 2 && ticks.length < count + 3; tick += step)
    ticks.push(Number(tick.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

/** Which of n category labels to print so that at most `room` show. */
export function labelEvery(n: number, room = 8): (index: number) => boolean {
  const step = Math.max(1, Math.ceil(n / room));
  return (index) => index % step === 0;
}

/** A local date (YYYY-MM-DD) as an axis label: "05-31". */
export const shortDate = (date: string) => date.slice(5);

/** A label cut to fit, the whole of it kept for the tooltip. */
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
