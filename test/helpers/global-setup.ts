import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { prepareEmbedded, serverKysely } from '../../server/db/database';
import { loadMigrationFiles, migrate } from '../../server/db/migrator';
import { PGliteDialect } from '../../server/db/pglite-dialect';
import {
  createDatabase,
  dropDatabase,
  MIGRATOR_ROLE,
  provisionRoles,
  provisionSchema,
} from '../../server/db/provision';
import type { DB } from '../../server/db/schema';
import { adminUrl, pgliteDumpPath, TEMPLATE_ENV, urlFor } from './engine';

export default async function globalSetup(): Promise<void> {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  process.env[TEMPLATE_ENV] = adminUrl
    ? await prepareServerTemplate(adminUrl, runId)
    : await preparePgliteTemplate(runId);
}

async function preparePgliteTemplate(runId: string): Promise<string> {
  const pglite = new PGlite();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  await prepareEmbedded(db, loadMigrationFiles());
  const dump = await pglite.dumpDataDir('none');
  const file = pgliteDumpPath(runId);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.destroy();
  return file;
}

async function prepareServerTemplate(url: string, runId: string): Promise<string> {
  const template = `amparo_tpl_${runId}`;
  const admin = serverKysely(url, 1) as Kysely<unknown>;
  try {
    await provisionRoles(admin);
    await dropDatabase(admin, template);
    await createDatabase(admin, template);
  } finally {
    await admin.destroy();
  }
  const adminOnTemplate = serverKysely(urlFor(url, new URL(url).username, template), 1);
  try {
    await provisionSchema(adminOnTemplate as Kysely<unknown>);
  } finally {
    await adminOnTemplate.destroy();
  }
  const migrator = serverKysely(urlFor(url, MIGRATOR_ROLE, template), 1);
  try {
    await migrate(migrator, loadMigrationFiles());
  } finally {
    await migrator.destroy();
  }
  return template;
}
