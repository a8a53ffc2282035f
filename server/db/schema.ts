import type { ColumnType, Generated } from 'kysely';
import type { InstitutionSector } from '../modules/institutions/institutions.schemas';

/** Kysely's view of the tables. Column names stay snake_case, as in the SQL. */
export interface DB {
  schema_migrations: SchemaMigrationsTable;
  institutions: InstitutionsTable;
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
