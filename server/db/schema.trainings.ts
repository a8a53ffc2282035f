import type { ColumnType, Generated } from 'kysely';

/**
 * Tables of training programmes (migration 0025). Participants' identifying
 * fields are the `*_enc` columns, sealed under the participant's own data key
 * (trainings/participant-crypto.ts); everything else is clear.
 */

/** Dates are read as text (`to_char`), never as a JS Date in some time zone. */
type DateColumn = ColumnType<Date, string, string>;
/** numeric(p,2): read as text (`::text`), written as text, exact. */
type NumericColumn = ColumnType<string, string, string>;
type NullableNumericColumn = ColumnType<string | null, string | null, string | null>;

/** version and updated_at are moved by the database on every update. */
export interface TrainingProgrammesTable {
  id: Generated<string>;
  name: string;
  topic: string;
  target_sectors: string[];
  partner_institution: string | null;
  modality: string;
  total_hours: NumericColumn;
  min_attendance_percent: ColumnType<string, string | undefined, string>;
  min_final_score: NullableNumericColumn;
  starts_on: DateColumn;
  ends_on: DateColumn;
  province: string | null;
  created_by: ColumnType<string, string, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  version: ColumnType<number, never, never>;
}

export interface TrainingSessionsTable {
  id: Generated<string>;
  programme_id: ColumnType<string, string, never>;
  starts_at: ColumnType<Date, string, string>;
  hours: NumericColumn;
  place: string | null;
  link: string | null;
  trainers: ColumnType<string[], string[] | undefined, string[]>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  version: ColumnType<number, never, never>;
}

export interface TrainingParticipantsTable {
  id: Generated<string>;
  /** Null only once erased on the person's request. */
  institution_name: ColumnType<string | null, string, string | null>;
  sector: string;
  province: string | null;
  full_name_enc: Buffer | null;
  work_email_enc: Buffer | null;
  position_enc: Buffer | null;
  /** The wrapped data key and its KEK version; both null once erased. */
  key_kek_version: number | null;
  key_wrapped: Buffer | null;
  key_rewrapped_at: Date | null;
  user_id: string | null;
  keep_until: DateColumn;
  erased_at: Date | null;
  created_by: ColumnType<string, string, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  version: ColumnType<number, never, never>;
}

export interface TrainingEnrolmentsTable {
  programme_id: string;
  participant_id: string;
  pre_score: NullableNumericColumn;
  post_score: NullableNumericColumn;
  enrolled_by: ColumnType<string, string, never>;
  enrolled_at: ColumnType<Date, never, never>;
}

export interface TrainingAttendanceTable {
  session_id: string;
  participant_id: string;
  programme_id: string;
  present: boolean;
  recorded_by: string;
  recorded_at: ColumnType<Date, never, never>;
}

/** The view of completion by each programme's rule (read only). */
export interface TrainingCompletionsView {
  programme_id: ColumnType<string, never, never>;
  participant_id: ColumnType<string, never, never>;
  attended_hours: ColumnType<string, never, never>;
  attendance_percent: ColumnType<string, never, never>;
  completed: ColumnType<boolean, never, never>;
  completed_on: ColumnType<Date | null, never, never>;
}
