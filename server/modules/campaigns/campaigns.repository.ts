import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import type { CampaignPosition } from './campaign.schemas';
import type { CampaignStatus } from './campaigns.vocabularies';

export type Trx = Transaction<DB>;

/*
 * The module's SQL is in its *.repository.ts files (campaigns, activities,
 * trend releases). Dates are read as text (`YYYY-MM-DD`): a date is a
 * calendar day, never an instant in some time zone. The budget is read as
 * text too, exactly as numeric(14,2) holds it. Row-level security (0024)
 * lets the campaigns' readers read and only coordinators write.
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

const within = (day: string) => sql<boolean>`starts_on <= ${day}::date and ends_on >= ${day}::date`;

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
  if (filter.status === 'running') query = query.where(within(filter.today));
  if (filter.status === 'ended') query = query.where(sql<boolean>`ends_on < ${filter.today}::date`);
  if (filter.activeOn) query = query.where(within(filter.activeOn));
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

export type CampaignValues = Omit<Insertable<DB['campaigns']>, 'created_by' | 'id'>;

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
 * Applies a change to a campaign or an activity only if it is still at
 * `version` (the database moves the version and the update time). False
 * when it was not.
 */
export async function updateAtVersion<T extends 'campaigns' | 'campaign_activities'>(
  trx: Trx,
  table: T,
  id: string,
  version: number,
  changes: Updateable<DB[T]>,
): Promise<boolean> {
  const result = await trx
    .updateTable(table as 'campaigns')
    // updated_at is set by the database too: it keeps the SET list non-empty.
    .set({ ...(changes as Updateable<DB['campaigns']>), updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The tables of what a campaign or an activity owns, replaced as a whole, and their owner. */
const OWNER_COLUMN = {
  campaign_planned_reach: 'campaign_id',
  campaign_releases: 'campaign_id',
  campaign_activity_reach: 'activity_id',
} as const;
type OwnedTable = keyof typeof OWNER_COLUMN;

/** Deletes what `ownerId` owns in `table` and writes `rows` instead. */
export async function replaceOwned<T extends OwnedTable>(
  trx: Trx,
  table: T,
  ownerId: string,
  rows: Insertable<DB[T]>[],
): Promise<void> {
  const owner = sql.ref(OWNER_COLUMN[table]);
  await sql`delete from ${sql.table(table)} where ${owner} = ${ownerId}`.execute(trx);
  if (rows.length === 0) return;
  await trx.insertInto(table).values(rows).execute();
}

export interface PlannedCellRow {
  campaign_id: string;
  territory: string;
  reach_group: string;
  planned: number;
}

/** The plan's cells, in the order of the territories' list, then of the groups'. */
export function plannedCellsOf(trx: Trx, campaignIds: string[]): Promise<PlannedCellRow[]> {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('campaign_planned_reach')
    .select(['campaign_id', 'territory', 'reach_group', 'planned'])
    .where('campaign_id', 'in', campaignIds)
    .orderBy('campaign_id')
    .orderBy(sql`array_position(campaign_territories(), territory)`)
    .orderBy(sql`array_position(campaign_target_groups() || 'general_public'::text, reach_group)`)
    .execute();
}

/** The (published: 0024's trigger) releases linked to campaigns, oldest period first. */
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
    .where('r.published_at', 'is not', null)
    .orderBy('r.period_year')
    .orderBy(sql`r.period_quarter nulls first`)
    .orderBy('r.published_at')
    .orderBy('r.id')
    .execute();
}
export type LinkedReleaseRow = Awaited<ReturnType<typeof linkedReleasesOf>>[number];

/** Whether each release exists (as the actor may see it) and is published. */
export function releaseStates(trx: Trx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('statistics_releases')
    .select(['id', 'published_at'])
    .where('id', 'in', ids)
    .execute();
}
