import { sql, type Transaction } from 'kysely';
import type { WrappedKey } from '../../../security/crypto';
import { caseAccess, type CaseAccess } from '../../../security/policy';
import type { StaffActor } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { identifiedOnText, type CaseRow } from './cases.repository';

/** A case as one statement finds it for an actor, with what deciding their access needs. */
export interface CaseForActor {
  row: CaseRow;
  access: CaseAccess;
  /** Undefined when the case has no key (erased) or row-level security hides it. */
  wrappedKey: WrappedKey | undefined;
}

/**
 * The case (under the actor's row-level security), the actor's team, whether
 * they hold a running break-glass grant on it, and its wrapped data key — in
 * one statement. The second of the two locks on need-to-know: RLS already
 * filtered the row; the policy module must agree before anything is
 * decrypted or changed. A disagreement is treated as "not found".
 */
export async function findCaseForActor(
  trx: Transaction<DB>,
  actor: StaffActor,
  caseId: string,
): Promise<CaseForActor | undefined> {
  const found = await trx
    .selectFrom('cases as c')
    .leftJoin('case_keys as k', 'k.case_id', 'c.id')
    .leftJoin('users as me', (join) => join.on('me.id', '=', actor.id))
    .selectAll('c')
    .select(identifiedOnText)
    .select(['k.kek_version', 'k.wrapped_key', 'me.team_id as actor_team_id'])
    .select((eb) => [
      eb.fn.coalesce('me.team_access', sql<boolean>`false`).as('actor_team_access'),
      eb
        .exists(
          eb
            .selectFrom('case_access_grants as g')
            .select('g.id')
            .whereRef('g.case_id', '=', 'c.id')
            .where('g.user_id', '=', actor.id)
            .where('g.expires_at', '>', sql<Date>`now()`),
        )
        .as('break_glass'),
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  if (!found) return undefined;
  const { kek_version, wrapped_key, actor_team_id, actor_team_access, break_glass, ...row } = found;
  const access = caseAccess(
    actor,
    { teamId: actor_team_id, teamAccess: actor_team_access, breakGlass: Boolean(break_glass) },
    { teamId: row.team_id, assignedTo: row.assigned_to },
  );
  const wrappedKey =
    kek_version === null || wrapped_key === null
      ? undefined
      : { kekVersion: kek_version, wrapped: Buffer.from(wrapped_key) };
  return { row, access, wrappedKey };
}
