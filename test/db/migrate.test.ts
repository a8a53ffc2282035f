import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { prepareEmbedded, serverKysely } from '../../server/db/database';
import { loadMigrationFiles, migrate } from '../../server/db/migrator';
import { PGliteDialect } from '../../server/db/pglite-dialect';
import type { DB } from '../../server/db/schema';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';

/** A connection as the migrator role on a fresh migrated database of the selected engine. */
async function asMigrator(): Promise<{ db: Kysely<DB>; close(): Promise<void> }> {
  if (engine === 'pglite') {
    const db = new Kysely<DB>({ dialect: new PGliteDialect(new PGlite()) });
    await prepareEmbedded(db, loadMigrationFiles());
    await sql`reset role; set role amparo_migrator`.execute(db);
    return { db, close: () => db.destroy() };
  }
  const test: TestDatabase = await openTestDatabase();
  await test.db.destroy();
  const db = serverKysely(test.urls!.migrator, 1);
  return {
    db,
    close: async () => {
      await db.destroy();
      await test.close();
    },
  };
}

describe(`migrate (${engine})`, () => {
  it('is idempotent: a migrated database gets nothing more', async () => {
    const m = await asMigrator();
    try {
      expect(await migrate(m.db)).toEqual([]);
      const rows = await m.db.selectFrom('schema_migrations').select('version').execute();
      expect(rows.map((r) => r.version)).toEqual(loadMigrationFiles().map((f) => f.version));
    } finally {
      await m.close();
    }
  });

  it('refuses to run when an applied migration was edited, and applies nothing', async () => {
    const m = await asMigrator();
    try {
      const files = loadMigrationFiles();
      const edited = [
        ...files.map((f, i) => (i === 0 ? { ...f, checksum: 'edited' } : f)),
        {
          version: String(files.length + 1).padStart(4, '0'),
          name: 'next',
          checksum: 'n',
          sql: 'create table later (id int)',
        },
      ];
      await expect(migrate(m.db, edited)).rejects.toThrow(/migration 0001 is changed/);
      const { rows } = await sql<{
        found: string | null;
      }>`select to_regclass('later')::text as found`.execute(m.db);
      expect(rows[0]?.found).toBeNull();
    } finally {
      await m.close();
    }
  });
});
