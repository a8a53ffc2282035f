import type { FieldError } from '../../http/problem';
import type { PlannedReach } from './campaign.schemas';
import * as repo from './campaigns.repository';
import type { Channel, ReachGroup, TargetGroup, Territory } from './campaigns.vocabularies';

/** What a campaign is planned as, merged from what is stored and what a change says. */
export interface Plan {
  name: string;
  objective: string;
  targetTerritories: Territory[];
  targetGroups: TargetGroup[];
  channels: Channel[];
  startsOn: string;
  endsOn: string;
  budgetUsd: number;
  plannedReach: PlannedReach;
}

export function planOf(row: repo.CampaignRow, cells: repo.PlannedCellRow[]): Plan {
  return {
    name: row.name,
    objective: row.objective,
    targetTerritories: row.territories as Territory[],
    targetGroups: row.target_groups as TargetGroup[],
    channels: row.channels as Channel[],
    startsOn: row.starts_on_text,
    endsOn: row.ends_on_text,
    budgetUsd: Number(row.budget_text),
    plannedReach: {
      total: row.planned_reach,
      byTerritoryGroup: cells
        .filter((c) => c.campaign_id === row.id)
        .map((c) => ({
          territory: c.territory as Territory,
          group: c.reach_group as ReachGroup,
          planned: c.planned,
        })),
    },
  };
}

export function columnsOf(plan: Plan): repo.CampaignValues {
  return {
    name: plan.name,
    objective: plan.objective,
    territories: plan.targetTerritories,
    target_groups: plan.targetGroups,
    channels: plan.channels,
    starts_on: plan.startsOn,
    ends_on: plan.endsOn,
    budget_usd: String(plan.budgetUsd),
    planned_reach: plan.plannedReach.total,
  };
}

/** The plan's cells as the database holds them. */
export const plannedRows = (campaignId: string, plan: PlannedReach) =>
  plan.byTerritoryGroup.map((c) => ({
    campaign_id: campaignId,
    territory: c.territory,
    reach_group: c.group,
    planned: c.planned,
  }));

/**
 * The rules across fields, on the whole plan. Errors name the field of the
 * request that broke them (`given`: the fields the request sent).
 */
export function planErrors(plan: Plan, given: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (plan.endsOn < plan.startsOn) {
    errors.push({
      path: given.has('endsOn') ? 'body.endsOn' : 'body.startsOn',
      code: 'ends_before_start',
      message: 'The campaign must end on or after the day it starts',
    });
  }
  const reachGroups: readonly string[] = [...plan.targetGroups, 'general_public'];
  const cells = plan.plannedReach.byTerritoryGroup;
  cells.forEach((cell, i) => {
    const at = given.has('plannedReach') ? `body.plannedReach.byTerritoryGroup.${i}` : undefined;
    if (!plan.targetTerritories.includes(cell.territory)) {
      errors.push({
        path: at ? `${at}.territory` : 'body.targetTerritories',
        code: 'not_a_target_territory',
        message: 'The planned reach names a territory the campaign does not target',
      });
    }
    if (!reachGroups.includes(cell.group)) {
      errors.push({
        path: at ? `${at}.group` : 'body.targetGroups',
        code: 'not_a_target_group',
        message: 'The planned reach names a group the campaign does not target',
      });
    }
  });
  const sum = cells.reduce((n, c) => n + c.planned, 0);
  if (sum > plan.plannedReach.total) {
    errors.push({
      path: 'body.plannedReach.byTerritoryGroup',
      code: 'exceeds_total',
      message: 'The planned reach by territory and group adds up to more than the total',
    });
  }
  return errors;
}

/** Each release linked must exist and be published (a draft or a discarded one never justifies). */
export async function releaseErrors(
  trx: repo.Trx,
  releaseIds: readonly string[],
): Promise<FieldError[]> {
  const states = new Map(
    (await repo.releaseStates(trx, [...releaseIds])).map((r) => [r.id, r.published_at]),
  );
  return releaseIds.flatMap((id, i): FieldError[] => {
    const path = `body.releaseIds.${i}`;
    if (!states.has(id)) {
      return [{ path, code: 'release_not_found', message: 'No statistics release has this id' }];
    }
    if (states.get(id) === null) {
      return [
        {
          path,
          code: 'release_not_published',
          message: 'Only a published statistics release can justify a campaign',
        },
      ];
    }
    return [];
  });
}

/** The release links as the database holds them. */
export const releaseRows = (campaignId: string, releaseIds: readonly string[]) =>
  releaseIds.map((releaseId) => ({ campaign_id: campaignId, release_id: releaseId }));
