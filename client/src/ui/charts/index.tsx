import { lazy, Suspense, type ReactNode } from 'react';
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
