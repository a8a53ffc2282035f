/**
 * npm run db:provision -- --admin-url postgres://postgres@127.0.0.1:5432/postgres [--database amparo]
 * Run once per server by an administrator: creates the amparo_migrator and
 * amparo_app roles, the database (owned by the migrator) and its locked-down
 * `amparo` schema. Idempotent. Passwords are the administrator's business
 * (ALTER ROLE ... PASSWORD, or certificate/peer authentication).
 */
import { parseArgs } from 'node:util';
import { provisionServerDatabase } from '../server/db/provision-server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'admin-url': { type: 'string' }, database: { type: 'string', default: 'amparo' } },
  });
  const adminUrl = values['admin-url'] ?? process.env.PROVISION_ADMIN_URL;
  if (!adminUrl) throw new Error('give --admin-url (or PROVISION_ADMIN_URL)');
  const { appUrl, migratorUrl } = await provisionServerDatabase(adminUrl, values.database);
  console.log(`Provisioned database "${values.database}". Next:
  MIGRATION_DATABASE_URL=${migratorUrl} npm run migrate
  DATABASE_URL=${appUrl} npm start
(add each role's password to its URL if your server requires one)`);
}

main().catch((error: unknown) => {
  console.error(`Provisioning failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
