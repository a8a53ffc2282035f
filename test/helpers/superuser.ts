import { sql } from 'kysely';
import { urlFor, withKysely } from '../../server/db/provision-server';
import type { TestDatabase } from './database';
import { adminUrl } from './engine';

/**
 * Runs raw SQL on a test database as a superuser with triggers switched off:
 * what an attacker with full database access (or a rogue administrator) can do.
 */
export async function asSuperuser(
  t: Pick<TestDatabase, 'db' | 'urls'>,
  statements: string,
): Promise<void> {
  const tamper = `set session_replication_role = replica; ${statements}`;
  if (!adminUrl) {
    await sql
      .raw(`reset role; ${tamper}; set session_replication_role = origin; set role amparo_app`)
      .execute(t.db);
    return;
  }
  const database = new URL(t.urls!.app).pathname.slice(1);
  await withKysely(urlFor(adminUrl, new URL(adminUrl).username, database), (admin) =>
    sql.raw(`set search_path = amparo; ${tamper}`).execute(admin),
  );
}
