import { sql, type Kysely, type Transaction } from 'kysely';
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

/** Who a transaction acts for: row-level security policies read these settings. */
export interface DbActor {
  id: string;
  role: ActorRole | 'system';
  institutionId: string | null;
}

/** Start-up and maintenance tasks run by the process itself, never by a request. */
export const SYSTEM_ACTOR: DbActor = {
  id: '00000000-0000-0000-0000-000000000000',
  role: 'system',
  institutionId: null,
};

/**
 * One transaction per use case, with the RLS context set LOCAL to it (it ends
 * with the transaction, so a pooled connection never carries it to the next one).
 */
export function inActorTransaction<T>(
  db: Kysely<DB>,
  actor: DbActor,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`
      select set_config('app.actor_id', ${actor.id}, true),
             set_config('app.actor_role', ${actor.role}, true),
             set_config('app.institution_id', ${actor.institutionId ?? ''}, true)`.execute(trx);
    return work(trx);
  });
}
