import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Trx = Transaction<DB>;

export async function insertGrant(
  trx: Trx,
  grant: {
    id: string;
    caseId: string;
    userId: string;
    ownerTeamId: string;
    minutes: number;
    justificationEnc: Buffer;
  },
) {
  return trx
    .insertInto('case_access_grants')
    .values({
      id: grant.id,
      case_id: grant.caseId,
      user_id: grant.userId,
      owner_team_id: grant.ownerTeamId,
      expires_at: sql<Date>`now() + make_interval(mins => ${grant.minutes})`,
      justification_enc: grant.justificationEnc,
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/**
 * Break-glass grants by id, with their case's number. Read as the system for
 * a review queue: the case may since have left what the team can see.
 */
export async function grantsByIds(trx: Trx, ids: string[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('case_access_grants as g')
    .innerJoin('cases as c', 'c.id', 'g.case_id')
    .select([
      'g.id',
      'g.case_id',
      'c.case_number',
      'c.erased_at',
      'g.user_id',
      'g.created_at',
      'g.expires_at',
      'g.justification_enc',
    ])
    .where('g.id', 'in', ids)
    .execute();
}

/** Shortens a grant to end now (never lengthens it: a trigger refuses that). */
export async function endGrant(trx: Trx, id: string): Promise<void> {
  await trx
    .updateTable('case_access_grants')
    .set({ expires_at: sql<Date>`least(expires_at, now())` })
    .where('id', '=', id)
    .execute();
}
