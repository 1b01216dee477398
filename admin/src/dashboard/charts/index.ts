/** Small dependency-free SVG charts for the dashboard. */
export { Donut, type Slice } from "./Donut";
export { HorizontalBars, type BarRow } from "./HorizontalBars";
export { Legend, type LegendItem } from "./Legend";
export { PALETTE, formatCount, formatShare } from "./scale";
export { StackedBars, type StackPart } from "./StackedBars";
export { TimeChart, type TimeSeries } from "./TimeChart";
