import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { CampaignPosition } from './campaigns.schemas';
import type { CampaignStatus } from './campaigns.vocabularies';

type Trx = Transaction<DB>;

/*
 * The only file of the module with SQL. Dates are read as text
 * (`YYYY-MM-DD`): a date is a calendar day, never an instant in some time
 * zone. The budget is read as text too, exactly as numeric(14,2) holds it.
 * Row-level security (0024) lets every staff role read and only coordinators
 * write.
 */

const CAMPAIGN_COLUMNS = [
  'id',
  'name',
  'objective',
  'territories',
  'target_groups',
  'channels',
  'planned_reach',
  'created_by',
  'created_at',
  'updated_at',
  'version',
] as const;

function selectCampaigns(trx: Trx) {
  return trx
    .selectFrom('campaigns')
    .select(CAMPAIGN_COLUMNS)
    .select([
      sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on_text'),
      sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on_text'),
      sql<string>`budget_usd::text`.as('budget_text'),
    ]);
}

/** One campaign; `lock` holds it (FOR UPDATE) until the transaction ends. */
export function findCampaign(trx: Trx, id: string, lock = false) {
  const query = selectCampaigns(trx).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export interface CampaignFilter {
  /** Ecuador's date the status is judged on. */
  today: string;
  status?: CampaignStatus;
  activeOn?: string;
  territory?: string;
  group?: string;
}

/** A page of campaigns, latest start first (`limit + 1` rows: the extra says there is more). */
export function listCampaigns(
  trx: Trx,
  filter: CampaignFilter,
  limit: number,
  after?: CampaignPosition,
) {
  let query = selectCampaigns(trx);
  if (filter.status === 'planned') {
    query = query.where(sql<boolean>`starts_on > ${filter.today}::date`);
  }
  if (filter.status === 'running') {
    query = query.where(
      sql<boolean>`starts_on <= ${filter.today}::date and ends_on >= ${filter.today}::date`,
    );
  }
  if (filter.status === 'ended') query = query.where(sql<boolean>`ends_on < ${filter.today}::date`);
  if (filter.activeOn) {
    query = query.where(
      sql<boolean>`starts_on <= ${filter.activeOn}::date and ends_on >= ${filter.activeOn}::date`,
    );
  }
  if (filter.territory) query = query.where(sql<boolean>`${filter.territory} = any(territories)`);
  if (filter.group) query = query.where(sql<boolean>`${filter.group} = any(target_groups)`);
  if (after) {
    query = query.where(
      sql<boolean>`(starts_on, id) < (${after.startsOn}::date, ${after.id}::uuid)`,
    );
  }
  return query
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export interface CampaignValues {
  name: string;
  objective: string;
  territories: string[];
  target_groups: string[];
  channels: string[];
  starts_on: string;
  ends_on: string;
  /** Decimal text, at most two decimals. */
  budget_usd: string;
  planned_reach: number;
}

export async function insertCampaign(
  trx: Trx,
  values: CampaignValues & { created_by: string },
): Promise<string> {
  const row = await trx
    .insertInto('campaigns')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Applies a change only if the campaign is still at `version` (the database
 * moves the version and the update time). False when it was not.
 */
export async function updateCampaignAtVersion(
  trx: Trx,
  id: string,
  version: number,
  changes: Partial<CampaignValues>,
): Promise<boolean> {
  const result = await trx
    .updateTable('campaigns')
    // updated_at is set by the database too: it keeps the SET list non-empty.
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface PlannedCellRow {
  campaign_id: string;
  territory: string;
  reach_group: string;
  planned: number;
}

export function plannedCellsOf(trx: Trx, campaignIds: string[]): Promise<PlannedCellRow[]> {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('campaign_planned_reach')
    .select(['campaign_id', 'territory', 'reach_group', 'planned'])
    .where('campaign_id', 'in', campaignIds)
    .execute();
}

export async function replacePlannedCells(
  trx: Trx,
  campaignId: string,
  cells: { territory: string; group: string; planned: number }[],
): Promise<void> {
  await trx.deleteFrom('campaign_planned_reach').where('campaign_id', '=', campaignId).execute();
  if (cells.length === 0) return;
  await trx
    .insertInto('campaign_planned_reach')
    .values(
      cells.map((c) => ({
        campaign_id: campaignId,
        territory: c.territory,
        reach_group: c.group,
        planned: c.planned,
      })),
    )
    .execute();
}

/** The releases linked to campaigns, oldest period first. */
export function linkedReleasesOf(trx: Trx, campaignIds: string[]) {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('campaign_releases as l')
    .innerJoin('statistics_releases as r', 'r.id', 'l.release_id')
    .select([
      'l.campaign_id',
      'r.id',
      'r.table_id',
      'r.period_year',
      'r.period_quarter',
      'r.published_at',
    ])
    .where('l.campaign_id', 'in', campaignIds)
    .orderBy('r.period_year')
    .orderBy(sql`r.period_quarter nulls first`)
    .orderBy('r.published_at')
    .orderBy('r.id')
    .execute();
}
export type LinkedReleaseRow = Awaited<ReturnType<typeof linkedReleasesOf>>[number];

export async function replaceReleaseLinks(
  trx: Trx,
  campaignId: string,
  releaseIds: string[],
): Promise<void> {
  await trx.deleteFrom('campaign_releases').where('campaign_id', '=', campaignId).execute();
  if (releaseIds.length === 0) return;
  await trx
    .insertInto('campaign_releases')
    .values(releaseIds.map((releaseId) => ({ campaign_id: campaignId, release_id: releaseId })))
    .execute();
}

/** Whether each release exists (as the actor may see it) and is published. */
export function releaseStates(trx: Trx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('statistics_releases')
    .select(['id', 'published_at'])
    .where('id', 'in', ids)
    .execute();
}

const ACTIVITY_COLUMNS = [
  'id',
  'campaign_id',
  'territory',
  'channel',
  'description',
  'created_by',
  'created_at',
  'updated_at',
  'version',
] as const;

function selectActivities(trx: Trx) {
  return trx
    .selectFrom('campaign_activities')
    .select(ACTIVITY_COLUMNS)
    .select(sql<string>`to_char(happened_on, 'YYYY-MM-DD')`.as('date_text'));
}

/** A campaign's activities by date, then as recorded. */
export function activitiesOf(trx: Trx, campaignId: string) {
  return selectActivities(trx)
    .where('campaign_id', '=', campaignId)
    .orderBy('happened_on')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
export type ActivityRow = Awaited<ReturnType<typeof activitiesOf>>[number];

export function findActivity(trx: Trx, campaignId: string, activityId: string) {
  return selectActivities(trx)
    .where('campaign_id', '=', campaignId)
    .where('id', '=', activityId)
    .executeTakeFirst();
}

export async function countActivities(trx: Trx, campaignId: string): Promise<number> {
  const row = await trx
    .selectFrom('campaign_activities')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ReachRow {
  activity_id: string;
  reach_group: string;
  reached: number;
}

export function reachOf(trx: Trx, activityIds: string[]): Promise<ReachRow[]> {
  if (activityIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('campaign_activity_reach')
    .select(['activity_id', 'reach_group', 'reached'])
    .where('activity_id', 'in', activityIds)
    .execute();
}

export interface ActivityValues {
  happened_on: string;
  territory: string;
  channel: string;
  description: string | null;
}

export async function insertActivity(
  trx: Trx,
  values: ActivityValues & { campaign_id: string; created_by: string },
): Promise<string> {
  const row = await trx
    .insertInto('campaign_activities')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Like updateCampaignAtVersion, for an activity. */
export async function updateActivityAtVersion(
  trx: Trx,
  id: string,
  version: number,
  changes: Partial<ActivityValues>,
): Promise<boolean> {
  const result = await trx
    .updateTable('campaign_activities')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceReach(
  trx: Trx,
  activityId: string,
  counts: { group: string; count: number }[],
): Promise<void> {
  await trx.deleteFrom('campaign_activity_reach').where('activity_id', '=', activityId).execute();
  if (counts.length === 0) return;
  await trx
    .insertInto('campaign_activity_reach')
    .values(
      counts.map((c) => ({ activity_id: activityId, reach_group: c.group, reached: c.count })),
    )
    .execute();
}

/** Removes an activity and its reach. */
export async function deleteActivity(trx: Trx, activityId: string): Promise<void> {
  await trx.deleteFrom('campaign_activity_reach').where('activity_id', '=', activityId).execute();
  await trx.deleteFrom('campaign_activities').where('id', '=', activityId).execute();
}
