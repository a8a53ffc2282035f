import { sql, type Transaction } from 'kysely';
import type { DB, ReviewDecisionsTable } from '../../db/schema';
import type { ReviewKind } from './reviews.schemas';

type Trx = Transaction<DB>;

/** An entry of the queue and the decision taken on it, if any. */
export interface QueueEntry {
  kind: ReviewKind;
  id: string;
  created_at: Date;
  outcome: ReviewDecisionsTable['outcome'] | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}

/**
 * One page of a team's queue, newest first: break-glass grants made while the
 * team owned the case and referrals it sent as vital-interest overrides,
 * undecided (`pending`) or decided (`reviewed`). Read as the system: a case
 * may since have left what the team can see.
 */
export async function queuePage(
  trx: Trx,
  query: {
    teamId: string;
    state: 'pending' | 'reviewed';
    after?: { createdAt: string; id: string };
    limit: number;
  },
): Promise<QueueEntry[]> {
  const after = query.after
    ? sql`and (q.created_at, q.id) < (${new Date(query.after.createdAt)}, ${query.after.id}::uuid)`
    : sql``;
  // Times to the millisecond, the precision the cursor carries (grants get now()'s microseconds).
  const { rows } = await sql<QueueEntry>`
    select q.kind, q.id, q.created_at,
           d.outcome, d.reviewed_by, d.created_at as reviewed_at from (
      select 'break_glass'::text as kind, g.id, date_trunc('milliseconds', g.created_at) as created_at
      from case_access_grants g where g.owner_team_id = ${query.teamId}
      union all
      select 'consent_override'::text, r.id, date_trunc('milliseconds', r.created_at)
      from referrals r where r.sender_team_id = ${query.teamId} and r.vital_interest_override
    ) q
    left join review_decisions d on d.kind = q.kind and d.subject_id = q.id
    where d.id is ${query.state === 'reviewed' ? sql`not null` : sql`null`} ${after}
    order by q.created_at desc, q.id desc
    limit ${query.limit}`.execute(trx);
  return rows;
}

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
    .selectFrom('referrals')
    .select(['sender_team_id', 'created_by'])
    .where('id', '=', id)
    .where('vital_interest_override', '=', true)
    .executeTakeFirst();
  return override && { teamId: override.sender_team_id, madeBy: override.created_by };
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
