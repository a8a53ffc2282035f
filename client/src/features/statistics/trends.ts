import type { components } from '../../api/schema';

// Types from the API document only: test/client/statistics-trends.test.ts runs this file under node.
type Release = components['schemas']['StatisticsRelease'];
type TableDefinition = components['schemas']['StatisticsTable'];
type DimensionId = components['schemas']['StatisticsDimension'];
type PublishedTotal = Release['figures']['totals']['grand'];

/**
 * Trends from published releases: for each table, its figures across periods.
 * Tables with a quarter dimension are read quarter by quarter; the others by
 * the period of each release (years and quarters kept apart, never mixed on
 * one axis). Where two releases cover one period, the latest published is
 * the one shown. Every number here is a published figure or a published
 * total — nothing is derived from them.
 */

export type Granularity = 'year' | 'quarter';

/** What a trend follows: the table's total, or one value of one dimension. */
export type Breakdown =
  { kind: 'total' } | { kind: 'value'; dimension: DimensionId; value: string };

export interface TrendPoint {
  year: number;
  quarter: number | null;
  /** The published figure; null when there is none (hidden as "<k", or a total of hidden cells only). */
  value: number | null;
  /** Whether the figure is a single cell hidden as "<k". */
  belowThreshold: boolean;
  errorBound: number;
  /** For totals: the cells shown as "<k" that the total leaves out. */
  hiddenCells: number;
  threshold: number;
  releaseId: string;
}

export interface Trend {
  key: string;
  table: TableDefinition;
  granularity: Granularity;
  /** The releases the trend reads, oldest period first. */
  releases: Release[];
}

const hasQuarter = (table: TableDefinition) => table.dimensions.some((d) => d.id === 'quarter');
const sortKey = (year: number, quarter: number | null) => year * 10 + (quarter ?? 0);

export function buildTrends(releases: readonly Release[]): Trend[] {
  const groups = new Map<string, Trend>();
  for (const release of releases) {
    if (release.state !== 'published') continue;
    const granularity: Granularity =
      hasQuarter(release.table) || release.period.quarter !== null ? 'quarter' : 'year';
    const key = `${release.table.id}:${granularity}`;
    const group = groups.get(key) ?? {
      key,
      table: release.table,
      granularity,
      releases: [],
    };
    group.releases.push(release);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    group.releases.sort(
      (a, b) =>
        sortKey(a.period.year, a.period.quarter) - sortKey(b.period.year, b.period.quarter) ||
        (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''),
    );
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function fromTotal(
  total: PublishedTotal,
): Pick<TrendPoint, 'value' | 'belowThreshold' | 'errorBound' | 'hiddenCells'> {
  return {
    // A total of hidden cells only has no figure to show.
    value: total.cellsShown === 0 ? null : total.value,
    belowThreshold: false,
    errorBound: total.errorBound95,
    hiddenCells: total.cellsSuppressed,
  };
}

function fromCell(
  release: Release,
  key: readonly string[],
): Pick<TrendPoint, 'value' | 'belowThreshold' | 'errorBound' | 'hiddenCells'> | undefined {
  const cell = release.figures.cells.find(
    (c) => c.key.length === key.length && c.key.every((k, i) => k === key[i]),
  );
  if (!cell) return undefined;
  return {
    value: cell.value,
    belowThreshold: cell.suppressed,
    errorBound: cell.suppressed ? 0 : release.figures.cellErrorBound95,
    hiddenCells: 0,
  };
}

function dimensionTotal(release: Release, dimension: DimensionId, value: string) {
  return release.figures.totals.byDimension
    .find((d) => d.dimension === dimension)
    ?.totals.find((t) => t.value === value)?.total;
}

/** The figure of one release (one of its quarters, for quarter tables) that a breakdown follows. */
function figureOf(release: Release, breakdown: Breakdown, quarter: string | null) {
  const dims = release.table.dimensions.map((d) => d.id);
  if (quarter !== null) {
    if (breakdown.kind === 'total') {
      const total = dimensionTotal(release, 'quarter', quarter);
      return total && fromTotal(total);
    }
    const key = dims.map((d) => (d === 'quarter' ? quarter : breakdown.value));
    return fromCell(release, key);
  }
  if (breakdown.kind === 'total') return fromTotal(release.figures.totals.grand);
  if (dims.length === 1) return fromCell(release, [breakdown.value]);
  const total = dimensionTotal(release, breakdown.dimension, breakdown.value);
  return total && fromTotal(total);
}

/** The trend's points for a breakdown, oldest first; the latest published release wins a period. */
export function trendPoints(trend: Trend, breakdown: Breakdown): TrendPoint[] {
  const byPeriod = new Map<number, TrendPoint>();
  for (const release of trend.releases) {
    const quarterDimension = release.table.dimensions.find((d) => d.id === 'quarter');
    const quarters: (string | null)[] = quarterDimension ? quarterDimension.values : [null];
    for (const quarter of quarters) {
      const figure = figureOf(release, breakdown, quarter);
      if (!figure) continue;
      const q = quarter === null ? release.period.quarter : Number(quarter);
      const point: TrendPoint = {
        year: release.period.year,
        quarter: q,
        ...figure,
        threshold: release.parameters.threshold,
        releaseId: release.id,
      };
      const key = sortKey(point.year, point.quarter);
      const previous = byPeriod.get(key);
      const previousRelease = previous && trend.releases.find((r) => r.id === previous.releaseId);
      if (!previousRelease || (previousRelease.publishedAt ?? '') <= (release.publishedAt ?? '')) {
        byPeriod.set(key, point);
      }
    }
  }
  return [...byPeriod.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
}

/** What a trend can follow: the total, then each value of each dimension (quarters are the axis). */
export function breakdownsOf(table: TableDefinition): Breakdown[] {
  return [
    { kind: 'total' },
    ...table.dimensions
      .filter((d) => d.id !== 'quarter')
      .flatMap((d) =>
        d.values.map((value) => ({ kind: 'value' as const, dimension: d.id, value })),
      ),
  ];
}

export const breakdownId = (b: Breakdown) =>
  b.kind === 'total' ? 'total' : `${b.dimension}:${b.value}`;
