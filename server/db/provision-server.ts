import { sql, type Kysely } from 'kysely';
import { SCRIPT_DATABASE_TIMEOUTS, serverKysely } from './database';
import { migrate, type MigrationFile } from './migrator';
import type { DB } from './schema';
import {
  APP_ROLE,
  createDatabase,
  dropDatabase,
  MIGRATOR_ROLE,
  provisionRoles,
  provisionSchema,
} from './provision';

export interface ProvisionedDatabase {
  /** URLs for the two roles, without passwords (add them if the server asks). */
  appUrl: string;
  migratorUrl: string;
}

/**
 * Makes a PostgreSQL server ready for Amparo with an administrator URL: the
 * roles, the database (re-created when asked), its locked-down schema, and —
 * when migrations are given — the schema migrated as the migrator role.
 */
export async function provisionServerDatabase(
  adminUrl: string,
  database: string,
  options: { recreate?: boolean; migrations?: readonly MigrationFile[] } = {},
): Promise<ProvisionedDatabase> {
  await withKysely(adminUrl, async (admin) => {
    await provisionRoles(admin);
    if (options.recreate) await dropDatabase(admin, database);
    const { rows } = await sql`select 1 from pg_database where datname = ${database}`.execute(
      admin,
    );
    if (rows.length === 0) await createDatabase(admin, database);
  });
  const adminOnTarget = new URL(adminUrl);
  adminOnTarget.pathname = `/${database}`;
  await withKysely(adminOnTarget.toString(), provisionSchema);
  const urls = {
    appUrl: urlFor(adminUrl, APP_ROLE, database),
    migratorUrl: urlFor(adminUrl, MIGRATOR_ROLE, database),
  };
  const { migrations } = options;
  if (migrations) await withKysely(urls.migratorUrl, (db) => migrate(db, migrations));
  return urls;
}

/** The same server URL with another user and database (and no password). */
export function urlFor(base: string, user: string, database: string): string {
  const url = new URL(base);
  url.username = user;
  url.password = '';
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withKysely<T>(url: string, work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  // Creating a database from a large template is one long statement.
  const db = serverKysely(url, 1, undefined, SCRIPT_DATABASE_TIMEOUTS);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}
