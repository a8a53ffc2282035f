/**
 * npm run verify-audit
 * Recomputes the audit log's HMAC chain and names the first event that is not
 * what Amparo wrote. Exit 0: intact; 2: tampered; 1: could not check.
 * Uses DATABASE_URL (or the embedded database under DATA_DIR — stop the server
 * first: the embedded engine is single-process) and AUDIT_KEY.
 */
import { loadConfig } from '../server/config/config';
import { loadSecrets } from '../server/config/secrets';
import { inActorTransaction, SYSTEM_ACTOR } from '../server/db/actor-transaction';
import { openEmbeddedDatabase, openServerDatabase } from '../server/db/database';
import { createLogger } from '../server/http/logger';
import { record, verifyAuditChain } from '../server/modules/audit';

async function main(): Promise<number> {
  const config = loadConfig();
  const secrets = loadSecrets(config, createLogger('warn'));
  const database = config.database.url
    ? await openServerDatabase(config.database.url, 1)
    : await openEmbeddedDatabase({ dataDir: config.dataDir });
  const store = { db: database.db, auditKey: secrets.AUDIT_KEY };
  try {
    const result = await inActorTransaction(
      store,
      SYSTEM_ACTOR,
      (trx) => verifyAuditChain(trx, store.auditKey),
      { isolation: 'repeatable read' },
    );
    await inActorTransaction(store, SYSTEM_ACTOR, (trx) => {
      record(trx, { action: 'audit.verify', outcome: result.ok ? 'success' : 'error' });
      return Promise.resolve();
    });
    if (result.ok) {
      console.log(`Audit log intact: ${result.events} events, last seq ${result.lastSeq}.`);
      return 0;
    }
    console.log(
      `Audit log TAMPERED at seq ${result.firstBadSeq}` +
        `${result.firstBadId ? ` (event ${result.firstBadId})` : ''}: ` +
        `${result.problem} — ${result.detail}. ${result.events} events verified before it.`,
    );
    return 2;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`verify-audit failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
