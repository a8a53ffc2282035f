import type { IsolationLevel, Kysely, Transaction } from 'kysely';
import { beginAudit, flushAudit, record, type AuditEntry } from '../modules/audit';
import { databaseFailure } from './database-failure';
import {
  commitOrRollback,
  currentRequestTransaction,
  rollbackQuietly,
  type OpenTransaction,
} from './request-transaction';
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
 * audit events the use case recorded are written in it, each with its MAC
 * (no shared lock; the sealer links them into the chain later, off the
 * request path). Within a request whose session check opened a transaction
 * for this same actor, the use case runs in that one (see
 * request-transaction.ts): session check, account re-read, use case and
 * audit in one transaction.
 */
export async function inActorTransaction<T>(
  store: Store,
  actor: DbActor,
  work: (trx: Transaction<DB>) => Promise<T>,
  options: { isolation?: IsolationLevel } = {},
): Promise<T> {
  const request = currentRequestTransaction();
  const open = options.isolation ? undefined : request?.takeFor(actor);
  if (open) return runAndCommit(store, open, actor, work);
  await request?.release();
  const builder = store.db.transaction();
  const transaction = options.isolation ? builder.setIsolationLevel(options.isolation) : builder;
  return transaction.execute(async (trx) => {
    await setActorContext(trx, actor);
    return runAudited(store, trx, actor, work);
  });
}

async function runAndCommit<T>(
  store: Store,
  { trx, afterRollback }: OpenTransaction,
  actor: DbActor,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  let value: T;
  try {
    value = await runAudited(store, trx, actor, work);
  } catch (error) {
    await rollbackQuietly(trx);
    // E.g. the session's idle extension: a refused request still counts as
    // activity. Not while the database is away: it would only add a wait.
    if (!databaseFailure(error)) await afterRollback?.().catch(() => undefined);
    throw error;
  }
  await commitOrRollback(trx);
  return value;
}

async function runAudited<T>(
  store: Store,
  trx: Transaction<DB>,
  actor: DbActor,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  beginAudit(trx, actor);
  const value = await work(trx);
  await flushAudit(trx, store.auditKey);
  return value;
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
