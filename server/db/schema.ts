import type { ColumnType, Generated } from 'kysely';
import type { InstitutionSector } from '../modules/institutions/institutions.schemas';

/** Kysely's view of the tables. Column names stay snake_case, as in the SQL. */
export interface DB {
  schema_migrations: SchemaMigrationsTable;
  institutions: InstitutionsTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  users: UsersTable;
  sessions: SessionsTable;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, never, never>;
}

export interface InstitutionsTable {
  id: Generated<string>;
  name: string;
  sector: InstitutionSector;
  is_lead_agency: Generated<boolean>;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  disabled_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface AuditEventsTable {
  /** Chain position, set by the sealer after commit (bigint as text: exact). */
  seq: string | null;
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_role: string;
  institution_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  purpose: string | null;
  outcome: 'success' | 'denied' | 'error';
  request_id: string | null;
  prev_hash: Buffer | null;
  hash: Buffer | null;
  /** HMAC of the content; null only on events sealed before migration 0007. */
  mac: Buffer | null;
  /** Insertion order: the sealer seals in this order. */
  written: ColumnType<string, never, never>;
}

export interface AuditChainHeadTable {
  singleton: Generated<boolean>;
  seq: string;
  hash: Buffer;
}

export interface UsersTable {
  id: Generated<string>;
  institution_id: string;
  email: string;
  display_name: string;
  role: 'admin' | 'supervisor' | 'caseworker' | 'partner' | 'coordinator' | 'auditor';
  password_hash: string;
  password_must_change: Generated<boolean>;
  active: Generated<boolean>;
  sessions_valid_after: Generated<Date>;
  totp_secret_enc: Buffer | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | null; // bigint, as text
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface SessionsTable {
  id_hash: Buffer;
  user_id: string | null;
  data: ColumnType<unknown, string, string>;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
}
