import type { Release } from '../statistics';
import { periodBounds } from '../../http/ecuador-calendar';
import type { PlanForResults } from './reach-results';
import type { Trend } from './results.schemas';
import type { TrendDimension } from './campaigns.vocabularies';

/*
 * The trend of a campaign's tables before and after it, from the published
 * figures of statistics releases as they were published: a suppressed cell
 * stays null, nothing is derived from the others, and a total that leaves
 * suppressed cells out says so (cellsSuppressed) and is compared with
 * nothing — a sum of what happened to be shown is not a count.
 */

type Figure = Trend['before'][number]['figures'][number];
type TrendRelease = Trend['before'][number];
type TrendPoint = NonNullable<Trend['comparisons'][number]['latestBefore']>;

const granularityOf = (release: Release): Trend['granularity'] =>
  release.period.quarter === null ? 'year' : 'quarter';

/** The dimension of a table the campaign's targets select, if it has one. */
function trendDimension(release: Release): TrendDimension | null {
  const ids = release.table.dimensions.map((d) => d.id);
  if (ids.includes('province')) return 'province';
  if (ids.includes('vulnerability_group')) return 'vulnerability_group';
  return null;
}

type PublishedTotal = Release['figures']['totals']['grand'];

/**
 * A published total as a figure: the sum of the cells the release showed,
 * with how many it left out; none shown, no value nor bound (not 0 ± 0).
 * Not published (a value the release does not have): unknown.
 */
function totalFigure(key: string | null, total: PublishedTotal | undefined): Figure {
  if (!total || total.cellsShown === 0) {
    return { key, value: null, errorBound95: null, cellsSuppressed: total?.cellsSuppressed ?? 0 };
  }
  return {
    key,
    value: total.value,
    errorBound95: total.errorBound95,
    cellsSuppressed: total.cellsSuppressed,
  };
}

/**
 * The figures of a release for the campaign: the cells of its targets when
 * the table has their dimension (a one-dimension table's cells; otherwise
 * the release's published total of that value of the dimension), else the
 * grand total — each with the error bound the release published for it.
 */
function figuresOf(
  release: Release,
  dimension: TrendDimension | null,
  keys: readonly string[],
): Figure[] {
  const { figures } = release;
  if (dimension === null) return [totalFigure(null, figures.totals.grand)];
  const axis = release.table.dimensions.findIndex((d) => d.id === dimension);
  if (release.table.dimensions.length === 1) {
    return keys.map((key) => {
      const cell = figures.cells.find((c) => c.key[axis] === key);
      return {
        key,
        value: cell && !cell.suppressed ? cell.value : null,
        errorBound95: figures.cellErrorBound95,
        cellsSuppressed: cell?.suppressed ? 1 : 0,
      };
    });
  }
  const totals = figures.totals.byDimension.find((d) => d.dimension === dimension)?.totals ?? [];
  return keys.map((key) => totalFigure(key, totals.find((t) => t.value === key)?.total));
}

function trendRelease(
  release: Release,
  dimension: TrendDimension | null,
  keys: readonly string[],
): TrendRelease {
  const bounds = periodBounds(release.period);
  return {
    releaseId: release.id,
    period: release.period,
    periodStart: bounds.from,
    periodEnd: bounds.to,
    // Only published releases reach here.
    publishedAt: release.publishedAt as string,
    figures: figuresOf(release, dimension, keys),
  };
}

const byPeriodThenPublication = (a: TrendRelease, b: TrendRelease) =>
  a.periodStart.localeCompare(b.periodStart) ||
  a.publishedAt.localeCompare(b.publishedAt) ||
  a.releaseId.localeCompare(b.releaseId);

/** Among the releases of one period (the chosen extreme), the latest published. */
function pick(releases: readonly TrendRelease[], side: 'latest' | 'earliest'): TrendRelease | null {
  if (releases.length === 0) return null;
  const edge = side === 'latest' ? releases.at(-1)!.periodStart : releases[0]!.periodStart;
  return releases.filter((r) => r.periodStart === edge).at(-1)!;
}

function pointOf(release: TrendRelease | null, key: string | null): TrendPoint | null {
  if (!release) return null;
  const figure = release.figures.find((f) => f.key === key);
  if (!figure) return null;
  return {
    releaseId: release.releaseId,
    value: figure.value,
    errorBound95: figure.errorBound95,
    cellsSuppressed: figure.cellsSuppressed,
  };
}

/**
 * Whether [a − bound, a + bound] and [b − bound, b + bound] overlap; null
 * (not comparable) when either is missing or unknown, or leaves suppressed
 * cells out.
 */
export function changeWithinBounds(a: TrendPoint | null, b: TrendPoint | null): boolean | null {
  const comparable = (
    p: TrendPoint | null,
  ): p is TrendPoint & { value: number; errorBound95: number } =>
    p !== null && p.value !== null && p.errorBound95 !== null && p.cellsSuppressed === 0;
  if (!comparable(a) || !comparable(b)) return null;
  return Math.abs(a.value - b.value) <= a.errorBound95 + b.errorBound95;
}

/**
 * For an ended campaign, the trend of each table its releases come from:
 * the published releases `publishedOfTable` gives of that table and
 * granularity (a year is not compared with a quarter) whose period ended
 * before the campaign started, and those whose period started after it ended
 * (the repository gives the nearest periods each side only). Releases whose
 * period overlaps the campaign's are neither.
 */
export function trendsOf(
  campaign: { startsOn: string; endsOn: string } & Pick<
    PlanForResults,
    'targetTerritories' | 'targetGroups'
  >,
  linked: readonly Release[],
  publishedOfTable: (tableId: string) => readonly Release[],
): Trend[] {
  const groups = new Map<string, Release[]>();
  for (const release of linked) {
    const key = `${release.table.id}\u001f${granularityOf(release)}`;
    groups.set(key, [...(groups.get(key) ?? []), release]);
  }
  return [...groups.values()].map((releases) => {
    const first = releases[0]!;
    const granularity = granularityOf(first);
    const dimension = trendDimension(first);
    const keys =
      dimension === 'province'
        ? campaign.targetTerritories
        : dimension === 'vulnerability_group'
          ? campaign.targetGroups
          : [];
    const candidates = publishedOfTable(first.table.id)
      .filter((r) => r.publishedAt !== null && granularityOf(r) === granularity)
      .map((r) => trendRelease(r, dimension, keys))
      .sort(byPeriodThenPublication);
    const before = candidates.filter((r) => r.periodEnd < campaign.startsOn);
    const after = candidates.filter((r) => r.periodStart > campaign.endsOn);
    const latestBefore = pick(before, 'latest');
    const earliestAfter = pick(after, 'earliest');
    const comparisonKeys: (string | null)[] = dimension === null ? [null] : [...keys];
    return {
      tableId: first.table.id,
      linkedReleaseIds: releases.map((r) => r.id),
      granularity,
      dimension,
      before,
      after,
      comparisons: comparisonKeys.map((key) => {
        const a = pointOf(latestBefore, key);
        const b = pointOf(earliestAfter, key);
        return {
          key,
          latestBefore: a,
          earliestAfter: b,
          changeWithinBounds: changeWithinBounds(a, b),
        };
      }),
    };
  });
}
