import { sql, type Transaction } from 'kysely';
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
  /**
   * `system`: the process itself; `anonymous`: a request with no user yet (a
   * failed login); `institution_system`: a partner institution's own system,
   * authenticated by a client certificate (id = the certificate's id).
   */
  role: ActorRole | 'system' | 'anonymous' | 'institution_system';
  institutionId: string | null;
  /** The HTTP request this work serves, recorded with its audit events. */
  requestId?: string;
}

/** A signed-in staff member: the actor of every request-driven use case. */
export type StaffActor = DbActor & { role: ActorRole };

/** A partner institution's system calling over mutual TLS. */
export type InstitutionSystemActor = DbActor & {
  role: 'institution_system';
  institutionId: string;
};

/** Start-up and maintenance tasks run by the process itself, never by a request. */
export const SYSTEM_ACTOR: DbActor = {
  id: '00000000-0000-0000-0000-000000000000',
  role: 'system',
  institutionId: null,
};

/**
 * Sets the row-level-security context LOCAL to the transaction, so that a
 * pooled connection never carries it into the next one.
 */
export async function setActorContext(trx: Transaction<DB>, actor: DbActor): Promise<void> {
  await sql`
    select set_config('app.actor_id', ${actor.role === 'anonymous' ? '' : actor.id}, true),
           set_config('app.actor_role', ${actor.role}, true),
           set_config('app.institution_id', ${actor.institutionId ?? ''}, true)`.execute(trx);
}

/**
 * Runs one step of a use case with the system's RLS context, then restores
 * the actor's. Only for a write the actor has been authorised to make but
 * whose result they may no longer see (PostgreSQL checks an updated row
 * against the SELECT policy too) — e.g. a supervisor moving a case to
 * another team. The decision must have been taken under the actor's context.
 */
export async function asSystemWithin<T>(
  trx: Transaction<DB>,
  actor: DbActor,
  step: () => Promise<T>,
): Promise<T> {
  await setActorContext(trx, SYSTEM_ACTOR);
  try {
    return await step();
  } finally {
    await setActorContext(trx, actor);
  }
}
