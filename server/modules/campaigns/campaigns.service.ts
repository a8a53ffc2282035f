import type { Transaction } from 'kysely';
import { inActorTransaction, type StaffActor, type Store } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { toPage } from '../../http/pagination';
import { ProblemError, problems, type FieldError } from '../../http/problem';
import { record } from '../audit';
import { listReleases } from '../statistics/statistics.repository';
import type { Release } from '../statistics/statistics.schemas';
import { toRelease } from '../statistics/statistics.service';
import { dayIn, statusOn } from './campaign-dates';
import { reachResults, trendsOf } from './campaign-results';
import * as repo from './campaigns.repository';
import type {
  Activity,
  ActivityChange,
  Campaign,
  CampaignChange,
  CampaignDetail,
  CampaignPage,
  CampaignQuery,
  CampaignResults,
  LinkedRelease,
  NewActivity,
  NewCampaign,
  PlannedReach,
} from './campaigns.schemas';
import {
  MAX_ACTIVITIES,
  REACH_GROUPS,
  type Channel,
  type ReachGroup,
  type TargetGroup,
  type Territory,
} from './campaigns.vocabularies';

export interface CampaignsDeps {
  store: Store;
  clock: () => Date;
}

type Trx = Transaction<DB>;

/*
 * Campaigns hold no personal data: every staff role reads them, and reads
 * are not audited (nothing personal is disclosed, and the linked releases are
 * public). Only coordinators write (the routes refuse anyone else, audited
 * as access.denied; row-level security refuses them too), and every change
 * is audited once, naming the campaign or the activity.
 */

function requireCoordinator(actor: StaffActor): void {
  if (actor.role !== 'coordinator') throw problems.forbidden();
}

const stale = (what: 'campaign' | 'activity') =>
  problems.conflict(
    'stale_version',
    what === 'campaign'
      ? 'The campaign changed since you read it'
      : 'The activity changed since you read it',
    'Read it again and reapply your change.',
  );

const invalid = (errors: FieldError[]) => problems.validation(errors);

/** What a campaign is planned as, merged from what is stored and what a change says. */
interface Plan {
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

/**
 * The rules across fields, on the whole plan. Errors name the field of the
 * request that broke them (`given`: the fields the request sent).
 */
function planErrors(plan: Plan, given: ReadonlySet<string>): FieldError[] {
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
async function releaseErrors(trx: Trx, releaseIds: readonly string[]): Promise<FieldError[]> {
  const states = new Map(
    (await repo.releaseStates(trx, [...releaseIds])).map((r) => [r.id, r.published_at]),
  );
  return releaseIds.flatMap((id, i): FieldError[] => {
    if (!states.has(id)) {
      return [
        {
          path: `body.releaseIds.${i}`,
          code: 'release_not_found',
          message: 'No statistics release has this id',
        },
      ];
    }
    if (states.get(id) === null) {
      return [
        {
          path: `body.releaseIds.${i}`,
          code: 'release_not_published',
          message: 'Only a published statistics release can justify a campaign',
        },
      ];
    }
    return [];
  });
}

const budgetText = (amount: number) => String(amount);

export function createCampaign(
  deps: CampaignsDeps,
  actor: StaffActor,
  input: NewCampaign,
): Promise<CampaignDetail> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const errors = [
      ...planErrors(input, new Set(Object.keys(input))),
      ...(await releaseErrors(trx, input.releaseIds)),
    ];
    if (errors.length > 0) throw invalid(errors);
    const id = await repo.insertCampaign(trx, {
      ...columnsOf(input),
      created_by: actor.id,
    });
    await repo.replacePlannedCells(trx, id, input.plannedReach.byTerritoryGroup);
    await repo.replaceReleaseLinks(trx, id, input.releaseIds);
    record(trx, {
      action: 'campaign.create',
      outcome: 'success',
      resourceType: 'campaign',
      resourceId: id,
    });
    return detailOf(trx, deps, id);
  });
}

function columnsOf(plan: Plan): repo.CampaignValues {
  return {
    name: plan.name,
    objective: plan.objective,
    territories: plan.targetTerritories,
    target_groups: plan.targetGroups,
    channels: plan.channels,
    starts_on: plan.startsOn,
    ends_on: plan.endsOn,
    budget_usd: budgetText(plan.budgetUsd),
    planned_reach: plan.plannedReach.total,
  };
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
    const errors = [
      ...planErrors(plan, given),
      ...(releaseIds ? await releaseErrors(trx, releaseIds) : []),
    ];
    if (errors.length > 0) throw invalid(errors);
    if (['startsOn', 'endsOn', 'targetTerritories', 'channels'].some((f) => given.has(f))) {
      await refuseActivitiesOutside(trx, id, plan, given);
    }
    if (!(await repo.updateCampaignAtVersion(trx, id, change.version, columnsOf(plan)))) {
      throw stale('campaign');
    }
    if (change.plannedReach) {
      await repo.replacePlannedCells(trx, id, change.plannedReach.byTerritoryGroup);
    }
    if (releaseIds) await repo.replaceReleaseLinks(trx, id, releaseIds);
    record(trx, {
      action: 'campaign.update',
      outcome: 'success',
      resourceType: 'campaign',
      resourceId: id,
    });
    return detailOf(trx, deps, id);
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function refuseActivitiesOutside(
  trx: Trx,
  campaignId: string,
  plan: Plan,
  given: ReadonlySet<string>,
): Promise<void> {
  const activities = await repo.activitiesOf(trx, campaignId);
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

function planOf(row: repo.CampaignRow, cells: repo.PlannedCellRow[]): Plan {
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

function toLinkedRelease(row: repo.LinkedReleaseRow): LinkedRelease {
  return {
    id: row.id,
    tableId: row.table_id as LinkedRelease['tableId'],
    period: { year: row.period_year, quarter: row.period_quarter },
    // Linked only when published; publication is permanent (0023).
    publishedAt: (row.published_at as Date).toISOString(),
  };
}

function toCampaign(
  row: repo.CampaignRow,
  cells: repo.PlannedCellRow[],
  releases: repo.LinkedReleaseRow[],
  today: string,
): Campaign {
  const plan = planOf(row, cells);
  return {
    id: row.id,
    name: plan.name,
    objective: plan.objective,
    targetTerritories: plan.targetTerritories,
    targetGroups: plan.targetGroups,
    channels: plan.channels,
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
    status: statusOn(plan, today),
    budgetUsd: plan.budgetUsd,
    plannedReach: plan.plannedReach,
    releases: releases.filter((r) => r.campaign_id === row.id).map(toLinkedRelease),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

async function campaignOf(trx: Trx, deps: CampaignsDeps, id: string): Promise<Campaign> {
  const row = await repo.findCampaign(trx, id);
  if (!row) throw problems.notFound();
  return toCampaign(
    row,
    await repo.plannedCellsOf(trx, [id]),
    await repo.linkedReleasesOf(trx, [id]),
    dayIn(deps.clock()),
  );
}

async function activitiesWithReach(trx: Trx, campaignId: string): Promise<Activity[]> {
  const rows = await repo.activitiesOf(trx, campaignId);
  const reach = await repo.reachOf(
    trx,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toActivity(row, reach));
}

async function detailOf(trx: Trx, deps: CampaignsDeps, id: string): Promise<CampaignDetail> {
  return { ...(await campaignOf(trx, deps, id)), activities: await activitiesWithReach(trx, id) };
}

function toActivity(row: repo.ActivityRow, reach: repo.ReachRow[]): Activity {
  const counts = reach
    .filter((r) => r.activity_id === row.id)
    .map((r) => ({ group: r.reach_group as ReachGroup, count: r.reached }))
    .sort((a, b) => REACH_GROUPS.indexOf(a.group) - REACH_GROUPS.indexOf(b.group));
  return {
    id: row.id,
    campaignId: row.campaign_id,
    date: row.date_text,
    territory: row.territory as Territory,
    channel: row.channel as Channel,
    description: row.description,
    reach: counts,
    totalReach: counts.reduce((n, c) => n + c.count, 0),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Any staff role. Not audited: no personal data. */
export function listCampaigns(
  deps: CampaignsDeps,
  actor: StaffActor,
  query: CampaignQuery,
): Promise<CampaignPage> {
  const today = dayIn(deps.clock());
  return inActorTransaction(deps.store, actor, async (trx) => {
    const rows = await repo.listCampaigns(
      trx,
      {
        today,
        status: query.status,
        activeOn: query.activeOn,
        territory: query.territory,
        group: query.group,
      },
      query.limit,
      query.cursor,
    );
    const page = toPage(rows, query.limit, (last) => ({
      startsOn: last.starts_on_text,
      id: last.id,
    }));
    const ids = page.items.map((r) => r.id);
    const cells = await repo.plannedCellsOf(trx, ids);
    const releases = await repo.linkedReleasesOf(trx, ids);
    return {
      items: page.items.map((row) => toCampaign(row, cells, releases, today)),
      nextCursor: page.nextCursor,
    };
  });
}

/** Any staff role: the campaign and its activities. Not audited: no personal data. */
export function readCampaign(
  deps: CampaignsDeps,
  actor: StaffActor,
  id: string,
): Promise<CampaignDetail> {
  return inActorTransaction(deps.store, actor, (trx) => detailOf(trx, deps, id));
}

/** The campaign, held until the transaction ends (activities are checked against it). */
async function heldCampaign(trx: Trx, id: string): Promise<Plan> {
  const row = await repo.findCampaign(trx, id, true);
  if (!row) throw problems.notFound();
  return planOf(row, []);
}

interface ActivityFields {
  date: string;
  territory: Territory;
  channel: Channel;
}

/** An activity happens within its campaign: its period, territories and channels. */
function activityErrors(
  plan: Plan,
  activity: ActivityFields,
  given: ReadonlySet<string>,
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

async function activityOf(trx: Trx, campaignId: string, activityId: string): Promise<Activity> {
  const row = await repo.findActivity(trx, campaignId, activityId);
  if (!row) throw problems.notFound();
  return toActivity(row, await repo.reachOf(trx, [activityId]));
}

export function createActivity(
  deps: CampaignsDeps,
  actor: StaffActor,
  campaignId: string,
  input: NewActivity,
): Promise<Activity> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const plan = await heldCampaign(trx, campaignId);
    const errors = activityErrors(plan, input, new Set(Object.keys(input)));
    if (errors.length > 0) throw invalid(errors);
    if ((await repo.countActivities(trx, campaignId)) >= MAX_ACTIVITIES) {
      throw problems.conflict(
        'too_many_activities',
        'This campaign has as many activities as it may hold',
        `A campaign holds at most ${MAX_ACTIVITIES} activities.`,
      );
    }
    const id = await repo.insertActivity(trx, {
      campaign_id: campaignId,
      happened_on: input.date,
      territory: input.territory,
      channel: input.channel,
      description: input.description ?? null,
      created_by: actor.id,
    });
    await repo.replaceReach(trx, id, input.reach);
    record(trx, {
      action: 'campaign.activity.create',
      outcome: 'success',
      resourceType: 'campaign_activity',
      resourceId: id,
    });
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
  return inActorTransaction(deps.store, actor, async (trx) => {
    const plan = await heldCampaign(trx, campaignId);
    const row = await repo.findActivity(trx, campaignId, activityId);
    if (!row) throw problems.notFound();
    if (row.version !== change.version) throw stale('activity');
    const merged: ActivityFields = {
      date: change.date ?? row.date_text,
      territory: change.territory ?? (row.territory as Territory),
      channel: change.channel ?? (row.channel as Channel),
    };
    const errors = activityErrors(plan, merged, new Set(Object.keys(definedOnly(change))));
    if (errors.length > 0) throw invalid(errors);
    const updated = await repo.updateActivityAtVersion(trx, activityId, change.version, {
      happened_on: merged.date,
      territory: merged.territory,
      channel: merged.channel,
      description: change.description === undefined ? row.description : change.description,
    });
    if (!updated) throw stale('activity');
    if (change.reach) await repo.replaceReach(trx, activityId, change.reach);
    record(trx, {
      action: 'campaign.activity.update',
      outcome: 'success',
      resourceType: 'campaign_activity',
      resourceId: activityId,
    });
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
    if (!(await repo.findActivity(trx, campaignId, activityId))) throw problems.notFound();
    await repo.deleteActivity(trx, activityId);
    record(trx, {
      action: 'campaign.activity.delete',
      outcome: 'success',
      resourceType: 'campaign_activity',
      resourceId: activityId,
    });
  });
}

/**
 * Results, computed on read (any staff role; not audited): reach against
 * plan, and — once the campaign has ended — the trend of each linked
 * release's table before and after it, from published releases only.
 */
export function campaignResults(
  deps: CampaignsDeps,
  actor: StaffActor,
  id: string,
): Promise<CampaignResults> {
  const today = dayIn(deps.clock());
  return inActorTransaction(deps.store, actor, async (trx) => {
    const campaign = await campaignOf(trx, deps, id);
    const activities = await activitiesWithReach(trx, id);
    const status = statusOn(campaign, today);
    return {
      campaignId: id,
      asOf: today,
      status,
      reach: reachResults(campaign, activities),
      trends: status === 'ended' ? await trendsFor(trx, campaign) : null,
    };
  });
}

async function trendsFor(trx: Trx, campaign: Campaign) {
  const tables = [...new Set(campaign.releases.map((r) => r.tableId))];
  const published = new Map<string, Release[]>();
  for (const tableId of tables) {
    const rows = await listReleases(trx, { state: 'published', tableId, limit: 500 });
    published.set(tableId, rows.map(toRelease));
  }
  const all = [...published.values()].flat();
  const linked = campaign.releases
    .map((r) => all.find((release) => release.id === r.id))
    .filter((release): release is Release => release !== undefined);
  return trendsOf(campaign, linked, (tableId) => published.get(tableId) ?? []);
}
