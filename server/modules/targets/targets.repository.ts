import { sql } from 'kysely';
import type { Trx } from './plan.repository';

/*
 * Targets' and manual values' SQL. Values are read as text, exactly as
 * numeric(14,2) holds them.
 */

function selectTargets(trx: Trx) {
  return trx.selectFrom('targets').select([
    'id',
    'project_id',
    'year',
    'description',
    'indicator',
    'unit_of_measure',
    'executing_units',
    'results_description',
    'plan_objective',
    'measure_kind',
    'measure_filters',
    'created_by',
    'created_at',
    'updated_at',
    'version',
    sql<string>`programmed_value::text`.as('programmed_text'),
    sql<string[] | null>`case when programmed_q1 is null then null else
        array[programmed_q1::text, programmed_q2::text, programmed_q3::text, programmed_q4::text]
        end`.as('quarters_text'),
  ]);
}

export function findTarget(trx: Trx, id: string, lock = false) {
  const query = selectTargets(trx).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}
export type TargetRow = NonNullable<Awaited<ReturnType<typeof findTarget>>>;

/** A year's targets (of some projects), as created. */
export function targetsOfYear(trx: Trx, year: number, projectIds?: readonly string[]) {
  if (projectIds?.length === 0) return Promise.resolve([]);
  let query = selectTargets(trx).where('year', '=', year);
  if (projectIds) query = query.where('project_id', 'in', projectIds);
  return query.orderBy('created_at').orderBy('id').execute();
}

export interface TargetColumns {
  description: string;
  indicator: string;
  unit_of_measure: string;
  programmed_value: string;
  programmed_q1: string | null;
  programmed_q2: string | null;
  programmed_q3: string | null;
  programmed_q4: string | null;
  executing_units: string[];
  results_description: string | null;
  plan_objective: string | null;
  measure_kind: string;
  measure_filters: string;
}

export async function insertTarget(
  trx: Trx,
  values: TargetColumns & { project_id: string; year: number; created_by: string },
): Promise<string> {
  const row = await trx
    .insertInto('targets')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function hasManualValues(trx: Trx, targetId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('target_manual_values')
    .select('id')
    .where('target_id', '=', targetId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every manual value of some targets, oldest first (the database's time of the insert, then its sequence). */
export function manualValuesOf(trx: Trx, targetIds: readonly string[]) {
  if (targetIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('target_manual_values')
    .select([
      'id',
      'target_id',
      'quarter',
      'note',
      'recorded_by',
      'recorded_at',
      sql<string>`value::text`.as('value_text'),
    ])
    .where('target_id', 'in', targetIds)
    .orderBy('recorded_at')
    .orderBy('seq')
    .execute();
}
export type ManualValueRow = Awaited<ReturnType<typeof manualValuesOf>>[number];

export async function insertManualValue(
  trx: Trx,
  values: {
    target_id: string;
    quarter: number;
    value: string;
    note: string | null;
    recorded_by: string;
  },
): Promise<string> {
  const row = await trx
    .insertInto('target_manual_values')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Which of these ids are campaigns (as the actor may see them). */
export async function existingCampaigns(trx: Trx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await trx.selectFrom('campaigns').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Which of these ids are training programmes (as the actor may see them). */
export async function existingProgrammes(trx: Trx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await trx
    .selectFrom('training_programmes')
    .select('id')
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}
