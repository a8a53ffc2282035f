/**
 * npm run verify-audit
 * Recomputes the audit log's HMAC chain and names the first event that is not
 * what Amparo wrote. Exit 0: intact; 2: tampered; 1: could not check.
 * Uses DATABASE_URL (or the embedded database under DATA_DIR — stop the server
 * first: the embedded engine is single-process) and AUDIT_KEY.
 */
import { inActorTransaction, SYSTEM_ACTOR } from '../server/db/actor-transaction';
import { record, sealPending, verifyAuditChain } from '../server/modules/audit';
import { runOperatorCommand } from './operator-command';

runOperatorCommand('verify-audit', async ({ store }) => {
  await sealPending(store, { wait: true });
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
    console.log(
      `Audit log intact: ${result.events} events, last seq ${result.lastSeq}` +
        `${result.unsealed > 0 ? `, ${result.unsealed} committed events awaiting their seal` : ''}.`,
    );
    return 0;
  }
  console.log(
    `Audit log TAMPERED at seq ${result.firstBadSeq}` +
      `${result.firstBadId ? ` (event ${result.firstBadId})` : ''}: ` +
      `${result.problem} — ${result.detail}. ${result.events} events verified before it.`,
  );
  return 2;
});
