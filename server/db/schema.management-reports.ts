import type { ColumnType, Generated } from 'kysely';

/**
 * Management reports (migration 0028). The database writes the signers'
 * names, the times and the version (triggers); an approved row never
 * changes again.
 */
export interface ManagementReportsTable {
  id: Generated<string>;
  period_year: ColumnType<number, number, never>;
  period_quarter: ColumnType<number | null, number | null, never>;
  status: ColumnType<'draft' | 'approved', never, 'approved'>;
  conclusions: ColumnType<string, string | undefined, string>;
  recommendations: ColumnType<string, string | undefined, string>;
  challenges: ColumnType<string, string | undefined, string>;
  prepared_by: ColumnType<string, string, never>;
  prepared_by_name: ColumnType<string, never, never>;
  prepared_at: ColumnType<Date, never, never>;
  reviewed_by: ColumnType<string | null, never, string>;
  reviewed_by_name: ColumnType<string | null, never, never>;
  reviewed_at: ColumnType<Date | null, never, never>;
  approved_by: ColumnType<string | null, never, string>;
  approved_by_name: ColumnType<string | null, never, never>;
  approved_at: ColumnType<Date | null, never, never>;
  /** The snapshot as approved; written as JSON text, once. */
  snapshot: ColumnType<unknown, never, string>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, never>;
  version: ColumnType<number, never, never>;
}
