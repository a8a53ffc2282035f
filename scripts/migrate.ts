/**
 * npm run migrate
 * Applies pending migrations. On a PostgreSQL server it connects with
 * MIGRATION_DATABASE_URL (the amparo_migrator role, owner of the schema);
 * without a server it migrates the embedded database under DATA_DIR, which is
 * refused while a running server holds it (PGlite serves one process).
 */
import { ConfigError, loadConfig } from '../server/config/config';
import {
  openEmbeddedDatabase,
  SCRIPT_DATABASE_TIMEOUTS,
  serverKysely,
} from '../server/db/database';
import { loadMigrationFiles, migrate } from '../server/db/migrator';

async function main(): Promise<void> {
  const config = loadConfig();
  const files = loadMigrationFiles();
  // The migrator URL decides: DATABASE_URL is the app role's, never needed here.
  if (config.database.migrationUrl) {
    // A migration may rewrite a table in one statement: no statement limit.
    const db = serverKysely(config.database.migrationUrl, 1, undefined, SCRIPT_DATABASE_TIMEOUTS);
    try {
      const applied = await migrate(db, files);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply.');
    } finally {
      await db.destroy();
    }
    return;
  }
  if (config.database.url) {
    throw new ConfigError(['MIGRATION_DATABASE_URL: required to migrate a PostgreSQL server']);
  }
  const database = await openEmbeddedDatabase({ dataDir: config.dataDir }, files);
  await database.close();
  console.log(`Embedded database under ${config.dataDir} is current (${files.length} migrations).`);
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
