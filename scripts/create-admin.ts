/**
 * npm run create-admin -- --email E [--name "Nombre Apellido"] [--json]
 * Creates the first administrator (of the lead agency) on a fresh installation
 * and prints a one-time initial password to this terminal — nowhere else: it is
 * not logged, not stored in clear, and must be changed at first login.
 * With --json it prints {"email":…,"password":…} on one line.
 */
import { parseArgs } from 'node:util';
import { PasswordHasher } from '../security/passwords';
import { createFirstAdmin, FirstAdminError } from '../server/modules/users';
import { runOperatorCommand } from './operator-command';

const REASONS: Record<FirstAdminError['reason'], string> = {
  admin_exists: 'an active administrator already exists; ask them to create the account',
  email_taken: 'an account with that email already exists',
  invalid_email: 'that is not a valid email address',
};

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string', default: 'Administrador/a' },
    json: { type: 'boolean', default: false },
  },
});

if (!values.email) {
  console.error('usage: npm run create-admin -- --email E [--name N] [--json]');
  process.exit(1);
}
const email = values.email;

runOperatorCommand('create-admin', async ({ config, store }) => {
  try {
    const { user, initialPassword } = await createFirstAdmin(
      store,
      new PasswordHasher(),
      { email, displayName: values.name },
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
  }
});
