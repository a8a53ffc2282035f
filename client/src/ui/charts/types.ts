/** One point of a series: a published figure (or none, when it is shown as "<k") and its 95 % bound. */
export interface ChartPoint {
  /** The category on the horizontal axis (a period, a group), already in words. */
  x: string;
  /** The figure as published; null when there is none to plot (hidden, or nothing shown). */
  value: number | null;
  /** The figure is hidden as "<k": drawn as a hollow marker inside the "<k" band, at no value. */
  belowThreshold?: boolean;
  /** ± the 95 % error bound published beside the figure. */
  errorBound: number;
}

export interface ChartSeries {
  id: string;
  label: string;
  points: readonly ChartPoint[];
}

export interface TrendChartProps {
  /** The chart's accessible name (also its <title>). */
  title: string;
  /** What the chart shows, in a sentence (its <desc>); the table beside it has the figures. */
  description: string;
  xLabel: string;
  yLabel: string;
  /** Series sharing the same categories, in the same order. */
  series: readonly ChartSeries[];
  /** Figures below it are hidden: drawn as hollow markers inside a "<k" band, never at a value. */
  threshold: number;
}

/** One series of bars: a value per category (null: no bar, e.g. nothing programmed). */
export interface BarSeries {
  id: string;
  label: string;
  values: readonly (number | null)[];
}

export interface BarChartProps {
  /** The chart's accessible name. */
  title: string;
  /** What the chart shows, in a sentence; the table beside it has the figures. */
  description: string;
  /** The categories, in words, in order (one group of bars each). */
  categories: readonly string[];
  series: readonly BarSeries[];
  /** The value axis's name. */
  valueLabel: string;
  /** A value as people read it (bar labels, and ticks unless `formatTick`). */
  formatValue: (value: number) => string;
  /** A tick of the value axis (round numbers: fewer decimals than a bar's label). */
  formatTick?: (value: number) => string;
  /** A line across the bars (e.g. 100 % of what was programmed), named in the legend. */
  reference?: { value: number; label: string };
  /** Bars along the horizontal axis (categories in rows: long names fit). Default: vertical bars. */
  horizontal?: boolean;
}
