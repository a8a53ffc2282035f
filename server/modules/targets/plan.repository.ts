import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../db/schema';

export type Trx = Transaction<DB>;

/*
 * The plan's SQL. Row-level security (0027) lets coordinators (and the
 * system) read and only coordinators write. Codes are sorted in TypeScript
 * (naturally: "P-2" before "P-10"), the same on both engines whatever their
 * collations.
 */

export const byCode = (a: { code: string }, b: { code: string }) =>
  a.code.localeCompare(b.code, 'es', { numeric: true }) ||
  (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const PROGRAM_COLUMNS = [
  'id',
  'code',
  'name',
  'plan_objective',
  'created_by',
  'created_at',
  'updated_at',
  'version',
] as const;
const PROJECT_COLUMNS = [
  'id',
  'program_id',
  'code',
  'name',
  'executing_units',
  'created_by',
  'created_at',
  'updated_at',
  'version',
] as const;

export async function programs(trx: Trx, ids?: readonly string[]) {
  if (ids && ids.length === 0) return [];
  let query = trx.selectFrom('plan_programs').select(PROGRAM_COLUMNS);
  if (ids) query = query.where('id', 'in', ids);
  return (await query.execute()).sort(byCode);
}
export type ProgramRow = Awaited<ReturnType<typeof programs>>[number];

export function findProgram(trx: Trx, id: string, lock = false) {
  const query = trx.selectFrom('plan_programs').select(PROGRAM_COLUMNS).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function projects(
  trx: Trx,
  filter: { programIds?: readonly string[]; ids?: readonly string[] } = {},
) {
  if (filter.programIds?.length === 0 || filter.ids?.length === 0) return [];
  let query = trx.selectFrom('plan_projects').select(PROJECT_COLUMNS);
  if (filter.programIds) query = query.where('program_id', 'in', filter.programIds);
  if (filter.ids) query = query.where('id', 'in', filter.ids);
  return (await query.execute()).sort(byCode);
}
export type ProjectRow = Awaited<ReturnType<typeof projects>>[number];

export function findProject(trx: Trx, id: string, lock = false) {
  const query = trx.selectFrom('plan_projects').select(PROJECT_COLUMNS).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function programCodeTaken(trx: Trx, code: string, except?: string) {
  let query = trx.selectFrom('plan_programs').select('id').where('code', '=', code);
  if (except) query = query.where('id', '<>', except);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function projectCodeTaken(trx: Trx, programId: string, code: string, except?: string) {
  let query = trx
    .selectFrom('plan_projects')
    .select('id')
    .where('program_id', '=', programId)
    .where('code', '=', code);
  if (except) query = query.where('id', '<>', except);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertProgram(trx: Trx, values: Insertable<DB['plan_programs']>) {
  const row = await trx
    .insertInto('plan_programs')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertProject(trx: Trx, values: Insertable<DB['plan_projects']>) {
  const row = await trx
    .insertInto('plan_projects')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Applies a change only if the row is still at `version` (the database moves
 * the version and the update time). False when it was not.
 */
export async function updateAtVersion<T extends 'plan_programs' | 'plan_projects' | 'targets'>(
  trx: Trx,
  table: T,
  id: string,
  version: number,
  changes: Updateable<DB[T]>,
): Promise<boolean> {
  const result = await trx
    .updateTable(table as 'plan_programs')
    // updated_at is set by the database too: it keeps the SET list non-empty.
    .set({ ...(changes as Updateable<DB['plan_programs']>), updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteRow(
  trx: Trx,
  table: 'plan_programs' | 'plan_projects' | 'targets',
  id: string,
): Promise<boolean> {
  const result = await sql`delete from ${sql.table(table)} where id = ${id}`.execute(trx);
  return (result.numAffectedRows ?? 0n) > 0n;
}

/** What hangs off a project: its targets and budget entries (voided ones too). */
export async function projectInUse(trx: Trx, id: string): Promise<boolean> {
  const { rows } = await sql<{ used: boolean }>`select
      exists (select 1 from targets where project_id = ${id})
      or exists (select 1 from budget_entries where project_id = ${id}) as used`.execute(trx);
  return rows[0]?.used === true;
}

export async function programHasProjects(trx: Trx, id: string): Promise<boolean> {
  const row = await trx
    .selectFrom('plan_projects')
    .select('id')
    .where('program_id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
