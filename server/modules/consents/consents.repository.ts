import { sql, type Insertable, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { ConsentsTable } from '../../db/schema.partners';

type Trx = Transaction<DB>;

export async function insertConsent(trx: Trx, row: Insertable<ConsentsTable>): Promise<void> {
  await trx.insertInto('consents').values(row).execute();
}

export async function insertConsentEvent(
  trx: Trx,
  event: { consentId: string; kind: 'approved' | 'revoked'; reason?: string; actorId: string },
): Promise<void> {
  await trx
    .insertInto('consent_events')
    .values({
      consent_id: event.consentId,
      kind: event.kind,
      reason: event.reason ?? null,
      actor_id: event.actorId,
    })
    .execute();
}

/** A consent with what happened to it since: approval, revocation, a newer version. */
function consentsWithEvents(trx: Trx) {
  return trx
    .selectFrom('consents as c')
    .leftJoin('consent_events as a', (join) =>
      join.onRef('a.consent_id', '=', 'c.id').on('a.kind', '=', 'approved'),
    )
    .leftJoin('consent_events as r', (join) =>
      join.onRef('r.consent_id', '=', 'c.id').on('r.kind', '=', 'revoked'),
    )
    .selectAll('c')
    .select([
      'a.actor_id as approved_by',
      'a.created_at as approved_at',
      'r.actor_id as revoked_by',
      'r.created_at as revoked_at',
      'r.reason as revocation_reason',
      sql<boolean>`exists (select 1 from consents n where n.supersedes_id = c.id)`.as('superseded'),
    ]);
}

export type ConsentRow = Awaited<ReturnType<typeof findConsent>> & object;

export function findConsent(trx: Trx, id: string) {
  return consentsWithEvents(trx).where('c.id', '=', id).executeTakeFirst();
}

export function consentsOfCase(trx: Trx, caseId: string) {
  return consentsWithEvents(trx)
    .where('c.case_id', '=', caseId)
    .orderBy('c.created_at')
    .orderBy('c.version')
    .execute();
}

export type PendingConsentRow = Awaited<ReturnType<typeof pendingApprovalsOfTeam>>[number];

/**
 * A page of the guardian and best-interest consents awaiting approval on the
 * cases of a team, oldest first (the longest waiting on top): not approved,
 * revoked, superseded or expired, on a case not erased. Row-level security
 * leaves only the cases the actor may see, and `actor_owns_case` only those
 * they own: a case reached by break-glass is never in the queue (the same
 * rule as approving).
 */
export function pendingApprovalsOfTeam(
  trx: Trx,
  filter: {
    teamId: string;
    now: Date;
    after?: { createdAt: string; id: string };
    limit: number;
  },
) {
  const createdMs = sql<Date>`date_trunc('milliseconds', c.created_at)`;
  let query = consentsWithEvents(trx)
    .innerJoin('cases as k', 'k.id', 'c.case_id')
    .select(['k.case_number', 'k.age_band', 'k.team_id'])
    .where('k.team_id', '=', filter.teamId)
    .where('k.erased_at', 'is', null)
    .where(sql<boolean>`actor_owns_case(k.team_id, k.assigned_to)`)
    .where('c.given_by', '<>', 'person')
    .where('a.consent_id', 'is', null)
    .where('r.consent_id', 'is', null)
    .where(sql<boolean>`not exists (select 1 from consents n where n.supersedes_id = c.id)`)
    .where((eb) => eb.or([eb('c.valid_until', 'is', null), eb('c.valid_until', '>', filter.now)]));
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where(sql<boolean>`(${createdMs}, c.id) > (${new Date(createdAt)}, ${id}::uuid)`);
  }
  return query.orderBy(createdMs).orderBy('c.id').limit(filter.limit).execute();
}

/** This version of a consent and every version it superseded, newest first. */
export async function consentVersions(trx: Trx, id: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    with recursive chain (id, supersedes_id, depth) as (
      select id, supersedes_id, 0 from consents where id = ${id}
      union all
      select c.id, c.supersedes_id, chain.depth + 1
      from consents c join chain on c.id = chain.supersedes_id
    )
    select id from chain order by depth`.execute(trx);
  return rows.map((row) => row.id);
}
