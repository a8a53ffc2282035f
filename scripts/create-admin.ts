/**
 * npm run create-admin -- --email E [--name "Nombre Apellido"] [--json]
 * Creates the first administrator (of the lead agency) on a fresh installation
 * and prints a one-time initial password to this terminal — nowhere else: it is
 * not logged, not stored in clear, and must be changed at first login.
 * With --json it prints {"email":…,"password":…} on one line.
 */
import { parseArgs } from 'node:util';
import { PasswordHasher } from '../security/passwords';
import { loadConfig } from '../server/config/config';
import { loadSecrets } from '../server/config/secrets';
import { openEmbeddedDatabase, openServerDatabase } from '../server/db/database';
import { createLogger } from '../server/http/logger';
import { createFirstAdmin, FirstAdminError } from '../server/modules/users';

const REASONS: Record<FirstAdminError['reason'], string> = {
  admin_exists: 'an active administrator already exists; ask them to create the account',
  email_taken: 'an account with that email already exists',
  invalid_email: 'that is not a valid email address',
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string', default: 'Administrador/a' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.email) {
    console.error('usage: npm run create-admin -- --email E [--name N] [--json]');
    return 1;
  }
  const config = loadConfig();
  const secrets = loadSecrets(config, createLogger('warn'));
  const database = config.database.url
    ? await openServerDatabase(config.database.url, 1)
    : await openEmbeddedDatabase({ dataDir: config.dataDir });
  try {
    const { user, initialPassword } = await createFirstAdmin(
      { db: database.db, auditKey: secrets.AUDIT_KEY },
      new PasswordHasher(),
      { email: values.email, displayName: values.name },
      config.leadAgency,
    );
    if (values.json) {
      console.log(JSON.stringify({ email: user.email, password: initialPassword }));
    } else {
      console.log(`Administrator created: ${user.email}`);
      console.log(`One-time password (shown once; change it at first login): ${initialPassword}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof FirstAdminError)) throw error;
    console.error(`Not created: ${REASONS[error.reason]}.`);
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`create-admin failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
