import type { IsolationLevel, Kysely, Transaction } from 'kysely';
import { beginAudit, flushAudit, record, sealPending, type AuditEntry } from '../modules/audit';
import { setActorContext, SYSTEM_ACTOR, type DbActor } from './rls-context';
import type { DB } from './schema';

export {
  ACTOR_ROLES,
  SYSTEM_ACTOR,
  type ActorRole,
  type DbActor,
  type InstitutionSystemActor,
  type StaffActor,
} from './rls-context';

/** What every use case needs to run: the database and the audit chain's key. */
export interface Store {
  db: Kysely<DB>;
  auditKey: Buffer;
}

/**
 * One transaction per use case: the RLS context is set LOCAL to it, and the
 * audit events the use case recorded are written in it (no shared lock).
 * Once it has committed they are sealed into the chain by a short sealing
 * transaction, or by the sealer already at work (see audit.sealer).
 */
export async function inActorTransaction<T>(
  store: Store,
  actor: DbActor,
  work: (trx: Transaction<DB>) => Promise<T>,
  options: { isolation?: IsolationLevel } = {},
): Promise<T> {
  const builder = store.db.transaction();
  const transaction = options.isolation ? builder.setIsolationLevel(options.isolation) : builder;
  let recorded = 0;
  const result = await transaction.execute(async (trx) => {
    await setActorContext(trx, actor);
    beginAudit(trx, actor);
    const value = await work(trx);
    recorded = await flushAudit(trx, store.auditKey);
    return value;
  });
  if (recorded > 0) await sealPending(store, { wait: false });
  return result;
}

/**
 * Events that belong to no use case — a denial, a failed login, a logout —
 * are written in a transaction of their own.
 */
export function auditAlone(store: Store, actor: DbActor, ...entries: AuditEntry[]): Promise<void> {
  return inActorTransaction(store, actor, (trx) => {
    for (const entry of entries) record(trx, entry);
    return Promise.resolve();
  });
}

/**
 * A record the actor may not see answers 404 like a missing one; when it
 * exists, the attempt is still recorded for the auditors (`exists` runs as
 * the system, outside the actor's row-level security).
 */
export async function auditDenialIfExists(
  store: Store,
  actor: DbActor,
  resource: { type: string; id: string },
  exists: (trx: Transaction<DB>) => Promise<boolean>,
): Promise<void> {
  if (!(await inActorTransaction(store, SYSTEM_ACTOR, exists))) return;
  await auditAlone(store, actor, {
    action: 'access.denied',
    outcome: 'denied',
    resourceType: resource.type,
    resourceId: resource.id,
  });
}
