import type { ColumnType, Generated } from 'kysely';

/**
 * Training certificates (migration 0026). The holder's name and the code are
 * sealed under the participant's data key; the code is found by its digest;
 * the rest of what the certificate says is frozen in clear when issued.
 * Only the revocation columns ever change.
 */
type Frozen<T> = ColumnType<T, T, never>;

export interface TrainingCertificatesTable {
  id: Generated<string>;
  programme_id: Frozen<string>;
  participant_id: Frozen<string>;
  code_digest: Frozen<Buffer>;
  code_enc: Frozen<Buffer>;
  holder_name_enc: Frozen<Buffer>;
  programme_name: Frozen<string>;
  /** numeric(6,2): read as text, exact. */
  total_hours: Frozen<string>;
  /** Dates are read as text (`to_char`), never as a JS Date in some time zone. */
  starts_on: ColumnType<Date, string, never>;
  ends_on: ColumnType<Date, string, never>;
  issuing_institutions: Frozen<string[]>;
  issued_at: ColumnType<Date, never, never>;
  issued_by: Frozen<string>;
  revoked_at: ColumnType<Date | null, never, Date>;
  revoked_by: ColumnType<string | null, never, string>;
  revocation_reason: ColumnType<string | null, never, string>;
}

/** Lookups of a certificate per day in Ecuador (the first one of a day is audited). */
export interface TrainingCertificateVerificationsTable {
  certificate_id: string;
  day: ColumnType<Date, string, never>;
  /** bigint: read as text. */
  lookups: ColumnType<string, never, never>;
}
