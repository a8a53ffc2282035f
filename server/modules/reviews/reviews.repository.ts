import type { Transaction } from 'kysely';
import type { DB, ReviewDecisionsTable } from '../../db/schema';
import type { ReviewKind } from './reviews.schemas';

type Trx = Transaction<DB>;

/** The decisions already taken on these entries, by `kind:id`. */
export async function decisionsOn(trx: Trx, subjectIds: string[]) {
  if (subjectIds.length === 0) return new Map<string, DecisionRow>();
  const rows = await trx
    .selectFrom('review_decisions')
    .select(['kind', 'subject_id', 'outcome', 'reviewed_by', 'created_at'])
    .where('subject_id', 'in', subjectIds)
    .execute();
  return new Map(rows.map((row) => [`${row.kind}:${row.subject_id}`, row]));
}
export type DecisionRow = Pick<
  ReviewDecisionsTable,
  'kind' | 'subject_id' | 'outcome' | 'reviewed_by'
> & { created_at: Date };

/** Who made the entry and which team's queue holds it (read as the system). */
export async function findReviewSubject(
  trx: Trx,
  kind: ReviewKind,
  id: string,
): Promise<{ teamId: string; madeBy: string } | undefined> {
  if (kind === 'break_glass') {
    const grant = await trx
      .selectFrom('case_access_grants')
      .select(['owner_team_id', 'user_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    return grant && { teamId: grant.owner_team_id, madeBy: grant.user_id };
  }
  const override = await trx
    .selectFrom('referrals as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select(['c.team_id', 'r.created_by'])
    .where('r.id', '=', id)
    .where('r.vital_interest_override', '=', true)
    .executeTakeFirst();
  return override && { teamId: override.team_id, madeBy: override.created_by };
}

export async function insertDecision(
  trx: Trx,
  decision: Omit<ReviewDecisionsTable, 'id' | 'created_at'>,
): Promise<Date> {
  const row = await trx
    .insertInto('review_decisions')
    .values(decision)
    .returning('created_at')
    .executeTakeFirstOrThrow();
  return row.created_at;
}
