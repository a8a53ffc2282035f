import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { ProblemError, problems, type FieldError, refuseInvalid } from '../../http/problem';
import { record } from '../audit';
import * as activitiesRepo from './activities.repository';
import { detailOf } from './campaign-read';
import {
  columnsOf,
  planErrors,
  planOf,
  plannedRows,
  releaseErrors,
  releaseRows,
  type Plan,
} from './campaign-plan';
import type { CampaignChange, CampaignDetail, NewCampaign } from './campaign.schemas';
import * as repo from './campaigns.repository';
import { stale, type CampaignsDeps } from './campaigns.service';
import type { Channel, Territory } from './campaigns.vocabularies';
import { definedOnly } from '../../http/validate';
import { personalTextErrors } from '../../http/plain-text';
import { requireCoordinator } from '../auth';

/** Creating and changing campaigns: coordinators; each change audited once. */

const audited = (trx: repo.Trx, action: 'campaign.create' | 'campaign.update', id: string) =>
  record(trx, { action, outcome: 'success', resourceType: 'campaign', resourceId: id });

export function createCampaign(
  deps: CampaignsDeps,
  actor: StaffActor,
  input: NewCampaign,
): Promise<CampaignDetail> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    refuseInvalid([
      ...personalTextErrors({ name: input.name, objective: input.objective }),
      ...planErrors(input, new Set(Object.keys(input))),
      ...(await releaseErrors(trx, input.releaseIds)),
    ]);
    const id = await repo.insertCampaign(trx, { ...columnsOf(input), created_by: actor.id });
    await repo.replaceOwned(trx, 'campaign_planned_reach', id, plannedRows(id, input.plannedReach));
    await repo.replaceOwned(trx, 'campaign_releases', id, releaseRows(id, input.releaseIds));
    audited(trx, 'campaign.create', id);
    return detailOf(trx, deps, id);
  });
}

/**
 * A partial change from the version the coordinator read (409 stale_version
 * otherwise). The campaign is held while it is checked, so an activity
 * cannot be recorded meanwhile outside what it becomes: a change that would
 * leave an activity outside the period, the territories or the channels is
 * refused (409, naming the field).
 */
export function updateCampaign(
  deps: CampaignsDeps,
  actor: StaffActor,
  id: string,
  change: CampaignChange,
): Promise<CampaignDetail> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await repo.findCampaign(trx, id, true);
    if (!row) throw problems.notFound();
    if (row.version !== change.version) throw stale('campaign');
    const current = planOf(row, await repo.plannedCellsOf(trx, [id]));
    // `fields` carries the version too: columnsOf reads only the plan's fields.
    const { releaseIds, ...fields } = change;
    const plan: Plan = { ...current, ...definedOnly(fields) };
    const given = new Set(Object.keys(definedOnly(change)));
    refuseInvalid([
      ...personalTextErrors({ name: change.name, objective: change.objective }),
      ...planErrors(plan, given),
      ...(releaseIds ? await releaseErrors(trx, releaseIds) : []),
    ]);
    if (['startsOn', 'endsOn', 'targetTerritories', 'channels'].some((f) => given.has(f))) {
      await refuseActivitiesOutside(trx, id, plan, given);
    }
    if (!(await repo.updateAtVersion(trx, 'campaigns', id, change.version, columnsOf(plan)))) {
      throw stale('campaign');
    }
    if (change.plannedReach) {
      await repo.replaceOwned(
        trx,
        'campaign_planned_reach',
        id,
        plannedRows(id, plan.plannedReach),
      );
    }
    if (releaseIds) {
      await repo.replaceOwned(trx, 'campaign_releases', id, releaseRows(id, releaseIds));
    }
    audited(trx, 'campaign.update', id);
    return detailOf(trx, deps, id);
  });
}

async function refuseActivitiesOutside(
  trx: repo.Trx,
  campaignId: string,
  plan: Plan,
  given: ReadonlySet<string>,
): Promise<void> {
  const activities = await activitiesRepo.activitiesOf(trx, campaignId);
  const errors: FieldError[] = [];
  if (activities.some((a) => a.date_text < plan.startsOn || a.date_text > plan.endsOn)) {
    errors.push({
      path: given.has('startsOn') ? 'body.startsOn' : 'body.endsOn',
      code: 'activities_outside_period',
      message: 'Activities recorded for the campaign fall outside this period',
    });
  }
  if (activities.some((a) => !plan.targetTerritories.includes(a.territory as Territory))) {
    errors.push({
      path: 'body.targetTerritories',
      code: 'activities_outside_territories',
      message: 'Activities recorded for the campaign took place in a territory no longer targeted',
    });
  }
  if (activities.some((a) => !plan.channels.includes(a.channel as Channel))) {
    errors.push({
      path: 'body.channels',
      code: 'activities_outside_channels',
      message: 'Activities recorded for the campaign used a channel no longer listed',
    });
  }
  if (errors.length > 0) {
    throw new ProblemError(
      409,
      'campaign_has_activities_outside',
      'Activities fall outside the changed campaign',
      'Change or delete those activities first, or keep the period, territories and channels.',
      errors,
    );
  }
}
