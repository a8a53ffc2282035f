import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import {
  openEmbeddedDatabase,
  openServerDatabase,
  serverKysely,
  type Database,
} from '../../server/db/database';
import { APP_ROLE, createDatabase, dropDatabase, MIGRATOR_ROLE } from '../../server/db/provision';
import { adminUrl, TEMPLATE_ENV, urlFor } from './engine';

export interface TestDatabase extends Database {
  /** Server engine only: URLs of this test database for the app and migrator roles. */
  urls?: { app: string; migrator: string };
}

/** A fresh, migrated database on the selected engine, copied from the run's template. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error('the jest global set-up did not prepare a template');
  if (!adminUrl) {
    const dump = new Blob([fs.readFileSync(template)]);
    return openEmbeddedDatabase({ dump });
  }
  const name = `amparo_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => createDatabase(admin, name, { template }));
  const urls = {
    app: urlFor(adminUrl, APP_ROLE, name),
    migrator: urlFor(adminUrl, MIGRATOR_ROLE, name),
  };
  const database = await openServerDatabase(urls.app, 5);
  return {
    ...database,
    urls,
    close: async () => {
      await database.close();
      await withAdmin((admin) => dropDatabase(admin, name));
    },
  };
}

async function withAdmin(work: (admin: Kysely<unknown>) => Promise<void>): Promise<void> {
  const admin = serverKysely(adminUrl!, 1) as Kysely<unknown>;
  try {
    await work(admin);
  } finally {
    await admin.destroy();
  }
}
