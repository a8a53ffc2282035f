import { loadConfig, type Config } from '../server/config/config';
import { loadSecrets, type Secrets } from '../server/config/secrets';
import type { Store } from '../server/db/actor-transaction';
import { openConfiguredDatabase } from '../server/db/database';
import { createLogger } from '../server/http/logger';
import { sealPending } from '../server/modules/audit';

export interface OperatorContext {
  config: Config;
  secrets: Secrets;
  store: Store;
}

/**
 * Runs an operator command against the configured database (DATABASE_URL, or
 * the embedded one under DATA_DIR — refused, like any second opener, while a
 * running server holds it), closes it, and exits with the command's code (1 on
 * a crash or a refusal).
 */
export function runOperatorCommand(
  name: string,
  command: (context: OperatorContext) => Promise<number>,
): void {
  run(command).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

async function run(command: (context: OperatorContext) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const secrets = loadSecrets(config, createLogger('warn'));
  const database = await openConfiguredDatabase(config, 1);
  const store = { db: database.db, auditKey: secrets.AUDIT_KEY };
  try {
    return await command({ config, secrets, store });
  } finally {
    // What the command audited goes into the chain now: no server may be running to seal it.
    await sealPending(store, { wait: true }).catch((error: unknown) =>
      console.error(`audit events left for the server to seal: ${String(error)}`),
    );
    await database.close();
  }
}
