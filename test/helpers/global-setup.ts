import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { prepareEmbedded } from '../../server/db/database';
import { loadMigrationFiles } from '../../server/db/migrator';
import { PGliteDialect } from '../../server/db/pglite-dialect';
import { provisionServerDatabase } from '../../server/db/provision-server';
import type { DB } from '../../server/db/schema';
import { adminUrl, pgliteDumpPath, TEMPLATE_ENV } from './engine';

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
  await provisionServerDatabase(url, template, {
    recreate: true,
    migrations: loadMigrationFiles(),
  });
  return template;
}
