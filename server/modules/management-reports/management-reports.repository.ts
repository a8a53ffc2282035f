import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { ReportPosition } from './management-reports.schemas';

export type Trx = Transaction<DB>;

/*
 * The management_reports table (migration 0028). Row-level security lets
 * coordinators read and write; the table's trigger decides what a change may
 * do (only the preparer edits a draft's texts, a review and an approval name
 * the acting coordinator, an approved report never changes) and writes the
 * signers' names, the times and the version itself.
 */

const COLUMNS = [
  'id',
  'period_year',
  'period_quarter',
  'status',
  'conclusions',
  'recommendations',
  'challenges',
  'prepared_by',
  'prepared_by_name',
  'prepared_at',
  'reviewed_by',
  'reviewed_by_name',
  'reviewed_at',
  'approved_by',
  'approved_by_name',
  'approved_at',
  'created_at',
  'updated_at',
  'version',
] as const;

/** One report; `lock` holds it (FOR UPDATE) until the transaction ends. */
export function findReport(trx: Trx, id: string, lock = false) {
  const query = trx.selectFrom('management_reports').select(COLUMNS).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

/** An approved report's frozen snapshot (as stored: JSON). */
export async function snapshotOf(trx: Trx, id: string): Promise<unknown> {
  const row = await trx
    .selectFrom('management_reports')
    .select('snapshot')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.snapshot ?? null;
}

/** A page of reports, latest created first (`limit + 1` rows: the extra says there is more). */
export function listReports(
  trx: Trx,
  filter: { year?: number; status?: 'draft' | 'approved' },
  limit: number,
  after?: ReportPosition,
) {
  let query = trx.selectFrom('management_reports').select(COLUMNS);
  if (filter.year !== undefined) query = query.where('period_year', '=', filter.year);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (after) {
    query = query.where(
      sql<boolean>`(date_trunc('milliseconds', created_at), id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return query
    .orderBy(sql`date_trunc('milliseconds', created_at)`, 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export interface Texts {
  conclusions: string;
  recommendations: string;
  challenges: string;
}

export async function insertReport(
  trx: Trx,
  values: { year: number; quarter: number | null; preparedBy: string } & Texts,
): Promise<string> {
  const row = await trx
    .insertInto('management_reports')
    .values({
      period_year: values.year,
      period_quarter: values.quarter,
      prepared_by: values.preparedBy,
      conclusions: values.conclusions,
      recommendations: values.recommendations,
      challenges: values.challenges,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a draft's texts if it is still at `version`; false when it is not. */
export async function updateTexts(
  trx: Trx,
  id: string,
  version: number,
  texts: Partial<Texts>,
): Promise<boolean> {
  const result = await trx
    .updateTable('management_reports')
    .set(texts)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records the actor's review of a draft at `version`; false when it is not at that version. */
export async function recordReview(
  trx: Trx,
  id: string,
  version: number,
  reviewer: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('management_reports')
    .set({ reviewed_by: reviewer })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Approves a reviewed draft at `version`, storing its snapshot; false when it is not. */
export async function recordApproval(
  trx: Trx,
  id: string,
  version: number,
  approver: string,
  snapshot: object,
): Promise<boolean> {
  const result = await trx
    .updateTable('management_reports')
    .set({ status: 'approved', approved_by: approver, snapshot: JSON.stringify(snapshot) })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteDraft(trx: Trx, id: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('management_reports')
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The approved report of a period, if there is one. */
export function approvedOfPeriod(trx: Trx, year: number, quarter: number | null) {
  return trx
    .selectFrom('management_reports')
    .select('id')
    .where('period_year', '=', year)
    .where(sql<boolean>`coalesce(period_quarter, 0) = ${quarter ?? 0}`)
    .where('status', '=', 'approved')
    .executeTakeFirst();
}

/**
 * The acting staff member's name (their own account row) and the
 * transaction's time: what the trigger writes when they sign (0028).
 */
export async function signingContext(trx: Trx): Promise<{ name: string | null; now: Date }> {
  const { rows } = await sql<{ name: string | null; now: Date }>`
    select management_report_actor_name() as name, now() as now`.execute(trx);
  const row = rows[0];
  if (!row) throw new Error('no signing context');
  return row;
}

/** Whether the report exists at all (asked as the system, to audit a refusal). */
export async function reportExists(trx: Trx, id: string): Promise<boolean> {
  const row = await trx
    .selectFrom('management_reports')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
