import type { ColumnType, Generated } from 'kysely';

/**
 * Tables of the plan (programs, projects), budget entries and targets
 * (migration 0027). Nothing personal.
 */

/** numeric(14,2): read as text (`::text`), written as text, exact. */
type NumericColumn = ColumnType<string, string, string>;
type NullableNumericColumn = ColumnType<string | null, string | null, string | null>;

/** version and updated_at are moved by the database on every update. */
export interface PlanProgramsTable {
  id: Generated<string>;
  code: string;
  name: string;
  plan_objective: string | null;
  created_by: ColumnType<string, string, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  version: ColumnType<number, never, never>;
}

export interface PlanProjectsTable {
  id: Generated<string>;
  program_id: ColumnType<string, string, never>;
  code: string;
  name: string;
  executing_units: string[];
  created_by: ColumnType<string, string, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  version: ColumnType<number, never, never>;
}

export type BudgetKind = 'codificado' | 'devengado';

/** Append-only but for one void (0027's trigger). */
export interface BudgetEntriesTable {
  id: Generated<string>;
  project_id: ColumnType<string, string, never>;
  kind: ColumnType<BudgetKind, BudgetKind, never>;
  /** Read as text (`to_char`), never as a JS Date in some time zone. */
  entry_date: ColumnType<Date, string, never>;
  amount: ColumnType<string, string, never>;
  note: ColumnType<string | null, string | null, never>;
  recorded_by: ColumnType<string, string, never>;
  /** Set by the database at the insert (0027's record_time_fixed). */
  recorded_at: ColumnType<Date, never, never>;
  /** bigint identity: the order of recording, breaking ties of recorded_at. Read as text. */
  seq: ColumnType<string, never, never>;
  voided_by: ColumnType<string | null, never, string>;
  voided_at: ColumnType<Date | null, never, Date>;
  void_reason: ColumnType<string | null, never, string>;
}

export interface TargetsTable {
  id: Generated<string>;
  project_id: ColumnType<string, string, never>;
  year: ColumnType<number, number, never>;
  description: string;
  indicator: string;
  unit_of_measure: string;
  programmed_value: NumericColumn;
  programmed_q1: NullableNumericColumn;
  programmed_q2: NullableNumericColumn;
  programmed_q3: NullableNumericColumn;
  programmed_q4: NullableNumericColumn;
  executing_units: string[];
  results_description: string | null;
  plan_objective: string | null;
  measure_kind: string;
  /** Written as JSON text; read as the parsed object. */
  measure_filters: ColumnType<Record<string, unknown>, string, string>;
  created_by: ColumnType<string, string, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  version: ColumnType<number, never, never>;
}

/** Append-only. */
export interface TargetManualValuesTable {
  id: Generated<string>;
  target_id: string;
  quarter: number;
  value: NumericColumn;
  note: string | null;
  recorded_by: string;
  /** Set by the database at the insert (0027's record_time_fixed). */
  recorded_at: ColumnType<Date, never, never>;
  /** bigint identity: the order of recording, breaking ties of recorded_at. Read as text. */
  seq: ColumnType<string, never, never>;
}
