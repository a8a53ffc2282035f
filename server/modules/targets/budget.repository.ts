import { sql } from 'kysely';
import type { BudgetKind } from './targets.vocabularies';
import type { Trx } from './plan.repository';

/*
 * Budget entries' SQL. Amounts are read as text, exactly as numeric(14,2)
 * holds them; dates as text (a calendar day, never an instant).
 */

function selectEntries(trx: Trx) {
  return trx
    .selectFrom('budget_entries')
    .select([
      'id',
      'project_id',
      'kind',
      'note',
      'recorded_by',
      'recorded_at',
      'voided_by',
      'voided_at',
      'void_reason',
      sql<string>`to_char(entry_date, 'YYYY-MM-DD')`.as('date_text'),
      sql<string>`amount::text`.as('amount_text'),
    ]);
}

/**
 * The entries of projects dated in a year (voided ones too), by date then in
 * the order they were recorded (the database's time of the insert, then its
 * sequence: never a time the application gave).
 */
export function entriesOfYear(
  trx: Trx,
  year: number,
  projectIds?: readonly string[],
  options: { counted?: boolean } = {},
) {
  if (projectIds?.length === 0) return Promise.resolve([]);
  let query = selectEntries(trx).where(
    sql<boolean>`entry_date between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`,
  );
  if (projectIds) query = query.where('project_id', 'in', projectIds);
  if (options.counted) query = query.where('voided_at', 'is', null);
  return query.orderBy('entry_date').orderBy('recorded_at').orderBy('seq').execute();
}
export type EntryRow = Awaited<ReturnType<typeof entriesOfYear>>[number];

export function findEntry(trx: Trx, id: string, lock = false) {
  const query = selectEntries(trx).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** The projects with an entry that counts (not voided) in a year. */
export async function projectsWithEntries(trx: Trx, year: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('budget_entries')
    .select('project_id')
    .distinct()
    .where(sql<boolean>`entry_date between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`)
    .where('voided_at', 'is', null)
    .execute();
  return rows.map((r) => r.project_id);
}

export async function insertEntry(
  trx: Trx,
  values: {
    project_id: string;
    kind: BudgetKind;
    entry_date: string;
    amount: string;
    note: string | null;
    recorded_by: string;
  },
): Promise<string> {
  const row = await trx
    .insertInto('budget_entries')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function voidEntry(
  trx: Trx,
  id: string,
  by: string,
  reason: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('budget_entries')
    .set({ voided_by: by, voided_at: sql<Date>`now()`, void_reason: reason })
    .where('id', '=', id)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
