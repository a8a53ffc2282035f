import type { Release } from '../statistics/statistics.schemas';
import { releasePeriodBounds } from './campaign-dates';
import type { ReachResults, Trend } from './campaigns.schemas';
import {
  REACH_GROUPS,
  TERRITORIES,
  type ReachGroup,
  type Territory,
  type TrendDimension,
} from './campaigns.vocabularies';

/*
 * A campaign's results, computed on read from what is stored: integer
 * arithmetic on counts, and the published figures of statistics releases as
 * they were published — a suppressed figure stays null, nothing is derived
 * from the others.
 */

export interface PlanForResults {
  targetTerritories: readonly Territory[];
  targetGroups: readonly ReachGroup[];
  plannedReach: {
    total: number;
    byTerritoryGroup: readonly { territory: Territory; group: ReachGroup; planned: number }[];
  };
}

export interface ActivityReach {
  territory: Territory;
  reach: readonly { group: ReachGroup; count: number }[];
}

/** reached ÷ planned × 100 to one decimal (half up); null when nothing was planned. */
export function percentOfPlan(planned: number | null, reached: number): number | null {
  if (planned === null || planned === 0) return null;
  return Math.round((reached * 1000) / planned) / 10;
}

const progress = (planned: number | null, reached: number) => ({
  planned,
  reached,
  percentOfPlan: percentOfPlan(planned, reached),
});

const cellKey = (territory: string, group: string) => `${territory}\u001f${group}`;

function add(map: Map<string, number>, key: string, n: number) {
  map.set(key, (map.get(key) ?? 0) + n);
}

/**
 * Reach against plan: in all, by territory, by group and by both. A
 * territory or group with no planned cell has planned = null (the plan did
 * not say), not 0. Rows: the campaign's targets always, and any other
 * territory or group that has a planned cell or recorded reach.
 */
export function reachResults(
  plan: PlanForResults,
  activities: readonly ActivityReach[],
): ReachResults {
  const planned = new Map<string, number>();
  const plannedByTerritory = new Map<string, number>();
  const plannedByGroup = new Map<string, number>();
  for (const cell of plan.plannedReach.byTerritoryGroup) {
    add(planned, cellKey(cell.territory, cell.group), cell.planned);
    add(plannedByTerritory, cell.territory, cell.planned);
    add(plannedByGroup, cell.group, cell.planned);
  }
  const reached = new Map<string, number>();
  const reachedByTerritory = new Map<string, number>();
  const reachedByGroup = new Map<string, number>();
  let total = 0;
  for (const activity of activities) {
    for (const { group, count } of activity.reach) {
      add(reached, cellKey(activity.territory, group), count);
      add(reachedByTerritory, activity.territory, count);
      add(reachedByGroup, group, count);
      total += count;
    }
  }
  const territories = TERRITORIES.filter(
    (t) =>
      plan.targetTerritories.includes(t) || plannedByTerritory.has(t) || reachedByTerritory.has(t),
  );
  const groups = REACH_GROUPS.filter(
    (g) => plan.targetGroups.includes(g) || plannedByGroup.has(g) || reachedByGroup.has(g),
  );
  return {
    total: progress(plan.plannedReach.total, total),
    byTerritory: territories.map((territory) => ({
      territory,
      ...progress(
        plannedByTerritory.get(territory) ?? null,
        reachedByTerritory.get(territory) ?? 0,
      ),
    })),
    byGroup: groups.map((group) => ({
      group,
      ...progress(plannedByGroup.get(group) ?? null, reachedByGroup.get(group) ?? 0),
    })),
    byTerritoryGroup: territories.flatMap((territory) =>
      groups
        .filter((group) => {
          const key = cellKey(territory, group);
          return planned.has(key) || reached.has(key);
        })
        .map((group) => ({
          territory,
          group,
          ...progress(
            planned.get(cellKey(territory, group)) ?? null,
            reached.get(cellKey(territory, group)) ?? 0,
          ),
        })),
    ),
  };
}

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
  if (dimension === null) {
    const grand = figures.totals.grand;
    return [{ key: null, value: grand.value, errorBound95: grand.errorBound95 }];
  }
  const axis = release.table.dimensions.findIndex((d) => d.id === dimension);
  if (release.table.dimensions.length === 1) {
    return keys.map((key) => {
      const cell = figures.cells.find((c) => c.key[axis] === key);
      return {
        key,
        value: cell && !cell.suppressed ? cell.value : null,
        errorBound95: figures.cellErrorBound95,
      };
    });
  }
  const totals = figures.totals.byDimension.find((d) => d.dimension === dimension)?.totals ?? [];
  return keys.map((key) => {
    const total = totals.find((t) => t.value === key)?.total;
    return {
      key,
      value: total ? total.value : null,
      errorBound95: total ? total.errorBound95 : figures.cellErrorBound95,
    };
  });
}

function trendRelease(
  release: Release,
  dimension: TrendDimension | null,
  keys: readonly string[],
): TrendRelease {
  const bounds = releasePeriodBounds(release.period);
  return {
    releaseId: release.id,
    period: release.period,
    periodStart: bounds.start,
    periodEnd: bounds.end,
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
  return { releaseId: release.releaseId, value: figure.value, errorBound95: figure.errorBound95 };
}

/** Whether [a − bound, a + bound] and [b − bound, b + bound] overlap; null when either is unknown. */
export function changeWithinBounds(a: TrendPoint | null, b: TrendPoint | null): boolean | null {
  if (!a || !b || a.value === null || b.value === null) return null;
  return Math.abs(a.value - b.value) <= a.errorBound95 + b.errorBound95;
}

/**
 * For an ended campaign, the trend of each table its releases come from:
 * every published release of that table and granularity (a year is not
 * compared with a quarter) whose period ended before the campaign started,
 * and every one whose period started after it ended. Releases whose period
 * overlaps the campaign's are neither.
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
