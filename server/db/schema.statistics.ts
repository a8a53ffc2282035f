import type { ColumnType, Generated } from 'kysely';

/** Tables of statistics releases and the privacy budget (migration 0023). */

/** Frozen once written: only the decision (publish or discard) is ever set, once. */
export interface StatisticsReleasesTable {
  id: ColumnType<string, string, never>;
  table_id: ColumnType<string, string, never>;
  period_year: ColumnType<number, number, never>;
  period_quarter: ColumnType<number | null, number | null, never>;
  epsilon_hundredths: ColumnType<number, number, never>;
  sensitivity: ColumnType<number, number, never>;
  threshold: ColumnType<number, number, never>;
  rounding: ColumnType<number, number, never>;
  definition: ColumnType<unknown, string, never>;
  figures: ColumnType<unknown, string, never>;
  software_version: ColumnType<string, string, never>;
  computed_by: ColumnType<string, string, never>;
  computed_at: ColumnType<Date, never, never>;
  published_by: ColumnType<string | null, never, string>;
  published_at: ColumnType<Date | null, never, Date>;
  discarded_by: ColumnType<string | null, never, string>;
  discarded_at: ColumnType<Date | null, never, Date>;
}

export interface PrivacyBudgetsTable {
  year: ColumnType<number, number, never>;
  total_hundredths: ColumnType<number, number, never>;
  created_at: ColumnType<Date, never, never>;
}

export interface PrivacyBudgetLedgerTable {
  id: Generated<string>;
  year: ColumnType<number, number, never>;
  epsilon_hundredths: ColumnType<number, number, never>;
  release_id: ColumnType<string, string, never>;
  actor_id: ColumnType<string, string, never>;
  created_at: ColumnType<Date, never, never>;
}
