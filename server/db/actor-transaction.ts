import { sql, type IsolationLevel, type Kysely, type Transaction } from 'kysely';
import { beginAudit, flushAudit, record, type AuditEntry } from '../modules/audit';
import type { DB } from './schema';

export const ACTOR_ROLES = [
  'admin',
  'supervisor',
  'caseworker',
  'partner',
  'coordinator',
  'auditor',
] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** Who a transaction acts for: row-level security policies and audit rows read these. */
export interface DbActor {
  id: string;
  /** `system`: the process itself; `anonymous`: a request with no user yet (a failed login). */
  role: ActorRole | 'system' | 'anonymous';
  institutionId: string | null;
  /** The HTTP request this work serves, recorded with its audit events. */
  requestId?: string;
}

/** A signed-in staff member: the actor of every request-driven use case. */
export type StaffActor = DbActor & { role: ActorRole };

/** Start-up and maintenance tasks run by the process itself, never by a request. */
export const SYSTEM_ACTOR: DbActor = {
  id: '00000000-0000-0000-0000-000000000000',
  role: 'system',
  institutionId: null,
};

/** What every use case needs to run: the database and the audit chain's key. */
export interface Store {
  db: Kysely<DB>;
  auditKey: Buffer;
}

/**
 * One transaction per use case: the RLS context is set LOCAL to it (so a
 * pooled connection never carries it to the next one), and the audit events
 * the use case recorded are chained in just before it commits.
 */
export function inActorTransaction<T>(
  store: Store,
  actor: DbActor,
  work: (trx: Transaction<DB>) => Promise<T>,
  options: { isolation?: IsolationLevel } = {},
): Promise<T> {
  const builder = store.db.transaction();
  const transaction = options.isolation ? builder.setIsolationLevel(options.isolation) : builder;
  return transaction.execute(async (trx) => {
    await sql`
      select set_config('app.actor_id', ${actor.role === 'anonymous' ? '' : actor.id}, true),
             set_config('app.actor_role', ${actor.role}, true),
             set_config('app.institution_id', ${actor.institutionId ?? ''}, true)`.execute(trx);
    beginAudit(trx, actor);
    const result = await work(trx);
    await flushAudit(trx, store.auditKey);
    return result;
  });
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
