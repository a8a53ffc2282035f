import { sql, type Insertable } from 'kysely';
import type { DB } from '../../db/schema';
import type { Trx } from './campaigns.repository';

/** Activities and their reach (dates read as text, as campaigns.repository.ts says). */

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

export type ActivityValues = Omit<
  Insertable<DB['campaign_activities']>,
  'id' | 'campaign_id' | 'created_by'
>;

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

/** Removes an activity and its reach. */
export async function deleteActivity(trx: Trx, activityId: string): Promise<void> {
  await trx.deleteFrom('campaign_activity_reach').where('activity_id', '=', activityId).execute();
  await trx.deleteFrom('campaign_activities').where('id', '=', activityId).execute();
}
