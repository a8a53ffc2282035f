import type { ReachResults } from './results.schemas';
import {
  REACH_GROUPS,
  TERRITORIES,
  type ReachGroup,
  type Territory,
} from './campaigns.vocabularies';

/*
 * Reach against plan, computed on read: integer arithmetic on counts. A
 * percentage compares like with like: a row's reach counts only the people
 * reached in the cells its plan names; the rest of its reach is reported
 * beside it (reachedOutsidePlan), not mixed in.
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

/**
 * A row: without a plan, all its reach; with one, the reach in its planned
 * cells against it, and the rest apart.
 */
function progress(planned: number | null, reachedAll: number, reachedInPlan: number) {
  if (planned === null) {
    return { planned, reached: reachedAll, reachedOutsidePlan: null, percentOfPlan: null };
  }
  return {
    planned,
    reached: reachedInPlan,
    reachedOutsidePlan: reachedAll - reachedInPlan,
    percentOfPlan: percentOfPlan(planned, reachedInPlan),
  };
}

const cellKey = (territory: string, group: string) => `${territory}\u001f${group}`;

/** Sums by key. */
class Tally extends Map<string, number> {
  add(key: string, n: number) {
    this.set(key, (this.get(key) ?? 0) + n);
  }
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
  const planned = { cell: new Tally(), territory: new Tally(), group: new Tally() };
  for (const cell of plan.plannedReach.byTerritoryGroup) {
    planned.cell.add(cellKey(cell.territory, cell.group), cell.planned);
    planned.territory.add(cell.territory, cell.planned);
    planned.group.add(cell.group, cell.planned);
  }
  const reached = { cell: new Tally(), territory: new Tally(), group: new Tally() };
  const inPlan = { territory: new Tally(), group: new Tally() };
  let total = 0;
  for (const { territory, reach } of activities) {
    for (const { group, count } of reach) {
      const key = cellKey(territory, group);
      reached.cell.add(key, count);
      reached.territory.add(territory, count);
      reached.group.add(group, count);
      if (planned.cell.has(key)) {
        inPlan.territory.add(territory, count);
        inPlan.group.add(group, count);
      }
      total += count;
    }
  }
  const row = (dimension: 'territory' | 'group', key: string) =>
    progress(
      planned[dimension].get(key) ?? null,
      reached[dimension].get(key) ?? 0,
      inPlan[dimension].get(key) ?? 0,
    );
  const territories = TERRITORIES.filter(
    (t) =>
      plan.targetTerritories.includes(t) || planned.territory.has(t) || reached.territory.has(t),
  );
  const groups = REACH_GROUPS.filter(
    (g) => plan.targetGroups.includes(g) || planned.group.has(g) || reached.group.has(g),
  );
  return {
    total: progress(plan.plannedReach.total, total, total),
    byTerritory: territories.map((territory) => ({ territory, ...row('territory', territory) })),
    byGroup: groups.map((group) => ({ group, ...row('group', group) })),
    byTerritoryGroup: territories.flatMap((territory) =>
      groups
        .map((group) => ({ territory, group, key: cellKey(territory, group) }))
        .filter(({ key }) => planned.cell.has(key) || reached.cell.has(key))
        .map(({ territory, group, key }) => {
          const all = reached.cell.get(key) ?? 0;
          return { territory, group, ...progress(planned.cell.get(key) ?? null, all, all) };
        }),
    ),
  };
}
