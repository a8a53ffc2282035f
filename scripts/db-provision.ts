/**
 * npm run db:provision -- --admin-url postgres://postgres@127.0.0.1:5432/postgres [--database amparo]
 * Run once per server by an administrator: creates the amparo_migrator and
 * amparo_app roles, the database (owned by the migrator) and its locked-down
 * `amparo` schema. Idempotent. Passwords are the administrator's business
 * (ALTER ROLE ... PASSWORD, or certificate/peer authentication).
 */
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { serverKysely } from '../server/db/database';
import {
  APP_ROLE,
  createDatabase,
  MIGRATOR_ROLE,
  provisionRoles,
  provisionSchema,
} from '../server/db/provision';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'admin-url': { type: 'string' }, database: { type: 'string', default: 'amparo' } },
  });
  const adminUrl = values['admin-url'] ?? process.env.PROVISION_ADMIN_URL;
  if (!adminUrl) throw new Error('give --admin-url (or PROVISION_ADMIN_URL)');
  const database = values.database;

  await withKysely(adminUrl, async (admin) => {
    await provisionRoles(admin);
    const { rows } = await sql`select 1 from pg_database where datname = ${database}`.execute(
      admin,
    );
    if (rows.length === 0) await createDatabase(admin, database);
  });
  const target = new URL(adminUrl);
  target.pathname = `/${database}`;
  await withKysely(target.toString(), provisionSchema);

  const app = new URL(target);
  app.username = APP_ROLE;
  app.password = '';
  const migrator = new URL(app);
  migrator.username = MIGRATOR_ROLE;
  console.log(`Provisioned database "${database}". Next:
  MIGRATION_DATABASE_URL=${migrator.toString()} npm run migrate
  DATABASE_URL=${app.toString()} npm start
(add each role's password to its URL if your server requires one)`);
}

async function withKysely(url: string, work: (db: Kysely<unknown>) => Promise<void>) {
  const db = serverKysely(url, 1) as Kysely<unknown>;
  try {
    await work(db);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`Provisioning failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
