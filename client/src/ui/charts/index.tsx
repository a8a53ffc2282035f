import { lazy, Suspense, type ReactNode } from 'react';
import type { DecimalText } from '../figures';
import { Loading } from '../Loading';
import type { BarChartProps, TrendChartProps } from './types';
import './charts.css';

export type { BarChartProps, BarSeries, ChartPoint, ChartSeries, TrendChartProps } from './types';

// The charting library is loaded with the first chart, never with the app.
const RechartsTrendChart = lazy(() => import('./TrendChart'));
const RechartsBarChart = lazy(() => import('./BarChart'));

/** Figures with their 95 % error bars; always render the accessible table beside it (ChartPair). */
export function TrendChart(props: TrendChartProps) {
  return (
    <Suspense fallback={<Loading />}>
      <RechartsTrendChart {...props} />
    </Suspense>
  );
}

/** Values as bars; always render the accessible table beside it (ChartPair). */
export function BarChart(props: BarChartProps) {
  return (
    <Suspense fallback={<Loading />}>
      <RechartsBarChart {...props} />
    </Suspense>
  );
}

/**
 * A table that may be wider than the screen: it scrolls sideways, and a
 * keyboard can reach it to scroll (a named region in the tab order).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // Focusable so that keyboard users can scroll it (WCAG 2.1.1; axe scrollable-region-focusable).
    <div className="scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A chart and its accessible table side by side (stacked on narrow screens). */
export function ChartPair({
  chart,
  table,
  tableLabel,
}: {
  chart: ReactNode;
  table: ReactNode;
  /** The table's name (its caption), for the scrolling region around it. */
  tableLabel: string;
}) {
  return (
    <div className="chart-pair">
      <div className="chart-pair__chart">{chart}</div>
      <ScrollRegion label={tableLabel}>{table}</ScrollRegion>
    </div>
  );
}

export interface ProgressRow {
  key: string | number;
  indicator: string;
  /** The indicator as the table shows it (e.g. a link); its text by default. */
  cell?: ReactNode;
  progressPercent: DecimalText | null;
}

/**
 * % progress of each target as horizontal bars up to a 100 % reference, and
 * the same figures in a table beside them (the table is what a screen reader
 * reads).
 */
export function ProgressPair({
  rows,
  caption,
  chart,
  columns,
  format,
}: {
  rows: ProgressRow[];
  caption: string;
  chart: { title: string; description: string; series: string; axis: string; reference: string };
  columns: { indicator: string; progress: string };
  format: {
    percent: (value: number) => string;
    value: (value: number) => string;
    percentOrNone: (p: DecimalText | null) => string;
  };
}) {
  return (
    <ChartPair
      tableLabel={caption}
      chart={
        <BarChart
          title={chart.title}
          description={chart.description}
          categories={rows.map((row) => row.indicator)}
          series={[
            {
              id: 'progress',
              label: chart.series,
              values: rows.map((row) =>
                row.progressPercent === null ? null : Number(row.progressPercent),
              ),
            },
          ]}
          valueLabel={chart.axis}
          formatValue={(value) => format.percent(value)}
          formatTick={(value) => `${format.value(value)} %`}
          reference={{ value: 100, label: chart.reference }}
          horizontal
        />
      }
      table={
        <table className="table targets-compact">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{columns.indicator}</th>
              <th scope="col" className="targets-num">
                {columns.progress}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.cell ?? row.indicator}</th>
                <td className="targets-num">{format.percentOrNone(row.progressPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
