import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems, type FieldError, refuseInvalid } from '../../http/problem';
import { record } from '../audit';
import type { Activity, ActivityChange, NewActivity } from './activity.schemas';
import * as activitiesRepo from './activities.repository';
import { planOf, type Plan } from './campaign-plan';
import { toActivity } from './campaign-read';
import * as repo from './campaigns.repository';
import { stale, type CampaignsDeps } from './campaigns.service';
import { MAX_ACTIVITIES, type Channel, type Territory } from './campaigns.vocabularies';
import { definedOnly } from '../../http/validate';
import { personalTextErrors } from '../../http/plain-text';
import { requireCoordinator } from '../auth';
import { ecuadorDate } from '../../http/ecuador-calendar';

/** A campaign's activities: recorded, changed by version and deleted by coordinators, audited. */

type ActivityAction =
  'campaign.activity.create' | 'campaign.activity.update' | 'campaign.activity.delete';

const audited = (trx: repo.Trx, action: ActivityAction, id: string) =>
  record(trx, { action, outcome: 'success', resourceType: 'campaign_activity', resourceId: id });

/** The campaign, held until the transaction ends (activities are checked against it). */
async function heldCampaign(trx: repo.Trx, id: string): Promise<Plan> {
  const row = await repo.findCampaign(trx, id, true);
  if (!row) throw problems.notFound();
  return planOf(row, []);
}

interface ActivityFields {
  date: string;
  territory: Territory;
  channel: Channel;
}

/**
 * An activity happens within its campaign (its period, territories and
 * channels), and has happened: not after today, Ecuador's date.
 */
function activityErrors(
  plan: Plan,
  activity: ActivityFields,
  given: ReadonlySet<string>,
  today: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const at = (field: string) => (given.has(field) ? `body.${field}` : 'body');
  if (activity.date < plan.startsOn || activity.date > plan.endsOn) {
    errors.push({
      path: at('date'),
      code: 'outside_campaign_period',
      message: "The date must fall within the campaign's period",
    });
  }
  if (activity.date > today) {
    errors.push({
      path: at('date'),
      code: 'in_the_future',
      message: 'An activity is recorded once it has happened: the date must not be after today',
    });
  }
  if (!plan.targetTerritories.includes(activity.territory)) {
    errors.push({
      path: at('territory'),
      code: 'not_a_campaign_territory',
      message: "The territory must be one of the campaign's",
    });
  }
  if (!plan.channels.includes(activity.channel)) {
    errors.push({
      path: at('channel'),
      code: 'not_a_campaign_channel',
      message: "The channel must be one of the campaign's",
    });
  }
  return errors;
}

async function activityOf(
  trx: repo.Trx,
  campaignId: string,
  activityId: string,
): Promise<Activity> {
  const row = await activitiesRepo.findActivity(trx, campaignId, activityId);
  if (!row) throw problems.notFound();
  return toActivity(row, await activitiesRepo.reachOf(trx, [activityId]));
}

const reachRows = (activityId: string, reach: NewActivity['reach']) =>
  reach.map((c) => ({ activity_id: activityId, reach_group: c.group, reached: c.count }));

export function createActivity(
  deps: CampaignsDeps,
  actor: StaffActor,
  campaignId: string,
  input: NewActivity,
): Promise<Activity> {
  requireCoordinator(actor);
  const today = ecuadorDate(deps.clock());
  return inActorTransaction(deps.store, actor, async (trx) => {
    const plan = await heldCampaign(trx, campaignId);
    refuseInvalid([
      ...activityErrors(plan, input, new Set(Object.keys(input)), today),
      ...personalTextErrors({ description: input.description }),
    ]);
    if ((await activitiesRepo.countActivities(trx, campaignId)) >= MAX_ACTIVITIES) {
      throw problems.conflict(
        'too_many_activities',
        'This campaign has as many activities as it may hold',
        `A campaign holds at most ${MAX_ACTIVITIES} activities.`,
      );
    }
    const id = await activitiesRepo.insertActivity(trx, {
      campaign_id: campaignId,
      happened_on: input.date,
      territory: input.territory,
      channel: input.channel,
      description: input.description ?? null,
      created_by: actor.id,
    });
    await repo.replaceOwned(trx, 'campaign_activity_reach', id, reachRows(id, input.reach));
    audited(trx, 'campaign.activity.create', id);
    return activityOf(trx, campaignId, id);
  });
}

export function updateActivity(
  deps: CampaignsDeps,
  actor: StaffActor,
  campaignId: string,
  activityId: string,
  change: ActivityChange,
): Promise<Activity> {
  requireCoordinator(actor);
  const today = ecuadorDate(deps.clock());
  return inActorTransaction(deps.store, actor, async (trx) => {
    const plan = await heldCampaign(trx, campaignId);
    const row = await activitiesRepo.findActivity(trx, campaignId, activityId);
    if (!row) throw problems.notFound();
    if (row.version !== change.version) throw stale('activity');
    const merged: ActivityFields = {
      date: change.date ?? row.date_text,
      territory: change.territory ?? (row.territory as Territory),
      channel: change.channel ?? (row.channel as Channel),
    };
    refuseInvalid([
      ...activityErrors(plan, merged, new Set(Object.keys(definedOnly(change))), today),
      ...personalTextErrors({ description: change.description }),
    ]);
    const updated = await repo.updateAtVersion(
      trx,
      'campaign_activities',
      activityId,
      change.version,
      {
        happened_on: merged.date,
        territory: merged.territory,
        channel: merged.channel,
        description: change.description === undefined ? row.description : change.description,
      },
    );
    if (!updated) throw stale('activity');
    if (change.reach) {
      await repo.replaceOwned(
        trx,
        'campaign_activity_reach',
        activityId,
        reachRows(activityId, change.reach),
      );
    }
    audited(trx, 'campaign.activity.update', activityId);
    return activityOf(trx, campaignId, activityId);
  });
}

/** An activity recorded in error goes, with its reach. */
export function deleteActivity(
  deps: CampaignsDeps,
  actor: StaffActor,
  campaignId: string,
  activityId: string,
): Promise<void> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    await heldCampaign(trx, campaignId);
    if (!(await activitiesRepo.findActivity(trx, campaignId, activityId))) {
      throw problems.notFound();
    }
    await activitiesRepo.deleteActivity(trx, activityId);
    audited(trx, 'campaign.activity.delete', activityId);
  });
}
