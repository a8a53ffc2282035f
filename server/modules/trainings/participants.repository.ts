import { sql, type Insertable, type Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import { ECUADOR_TIME_ZONE } from '../../http/ecuador-calendar';
import type { ParticipantPosition } from './participant.schemas';
import type { Trx } from './programmes.repository';

/*
 * Participants: clear attributes, identity ciphertexts and the wrapped data
 * key (participant-crypto.ts). Row-level security (0025) lets coordinators
 * and the system read them all, and the person their own row.
 */

const PARTICIPANT_COLUMNS = [
  'id',
  'institution_name',
  'sector',
  'province',
  'full_name_enc',
  'work_email_enc',
  'position_enc',
  'key_kek_version',
  'key_wrapped',
  'user_id',
  'erased_at',
  'created_at',
  'updated_at',
  'version',
] as const;

function selectParticipants(trx: Trx) {
  return trx
    .selectFrom('training_participants')
    .select(PARTICIPANT_COLUMNS)
    .select(sql<string>`to_char(keep_until, 'YYYY-MM-DD')`.as('keep_until_text'));
}

/** One participant; `lock` holds it until the transaction ends. */
export function findParticipant(trx: Trx, id: string, lock = false) {
  const query = selectParticipants(trx).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}
export type ParticipantRow = NonNullable<Awaited<ReturnType<typeof findParticipant>>>;

/** The participant linked to a staff account (RLS: the person sees only their own). */
export function participantOfUser(trx: Trx, userId: string) {
  return selectParticipants(trx).where('user_id', '=', userId).executeTakeFirst();
}

export function participantsByIds(trx: Trx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectParticipants(trx).where('id', 'in', ids).execute();
}

export interface ParticipantFilter {
  sector?: string;
  province?: string;
  includeErased: boolean;
}

/** A page of participants, latest created first (`limit + 1` rows). */
export function listParticipants(
  trx: Trx,
  filter: ParticipantFilter,
  limit: number,
  after?: ParticipantPosition,
) {
  let query = selectParticipants(trx);
  if (filter.sector) query = query.where('sector', '=', filter.sector);
  if (filter.province) query = query.where('province', '=', filter.province);
  if (!filter.includeErased) query = query.where('erased_at', 'is', null);
  if (after) {
    query = query.where(
      sql<boolean>`(date_trunc('milliseconds', created_at), id) <
                   (${after.createdAt}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return query
    .orderBy(sql`date_trunc('milliseconds', created_at)`, 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function insertParticipant(
  trx: Trx,
  values: Insertable<DB['training_participants']>,
): Promise<void> {
  await trx.insertInto('training_participants').values(values).execute();
}

/**
 * A staff account's login e-mail, to compare with a participant's work
 * e-mail before linking them. Read as the system by the caller (coordinators
 * do not read accounts): it is compared and never leaves the use case.
 */
export async function loginEmailOf(trx: Trx, userId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('users')
    .select('email')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.email;
}

/** Which of these participants have been erased. */
export async function erasedAmong(trx: Trx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('training_participants')
    .select('id')
    .where('id', 'in', [...ids])
    .where('erased_at', 'is not', null)
    .execute();
  return rows.map((r) => r.id);
}

/** Whether another participant is already linked to this account. */
export async function accountTaken(trx: Trx, userId: string, exceptId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('training_participants')
    .select('id')
    .where('user_id', '=', userId)
    .where('id', '<>', exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Sets each participant's keep_until to the end of their latest programme
 * (or the day they were recorded, if later) plus the retention period. Run
 * whenever an enrolment or a programme's end date changes. The end date a
 * valid certificate of theirs froze counts too, so that moving a
 * programme's end earlier never shortens the time their certificate stays
 * verifiable by name.
 */
export async function refreshKeepUntil(
  trx: Trx,
  participantIds: readonly string[],
  retentionYears: number,
): Promise<void> {
  if (participantIds.length === 0) return;
  await sql`
    update training_participants p
    set keep_until = n.keep_until
    from (
      select q.id,
             (greatest((q.created_at at time zone ${sql.lit(ECUADOR_TIME_ZONE)})::date,
                       (select max(g.ends_on) from training_enrolments e
                        join training_programmes g on g.id = e.programme_id
                        where e.participant_id = q.id),
                       (select max(c.ends_on) from training_certificates c
                        where c.participant_id = q.id and c.revoked_at is null))
              + make_interval(years => ${retentionYears}))::date as keep_until
      from training_participants q
      where q.id = any(${[...participantIds]}::uuid[]) and q.erased_at is null
    ) n
    where p.id = n.id and p.keep_until is distinct from n.keep_until`.execute(trx);
}

/** The first day a new participant is kept until: today plus the retention period. */
export function initialKeepUntil(today: string, retentionYears: number): string {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  // 29 February plus whole years lands on 28 February when the year is not a leap year,
  // as PostgreSQL's date + interval does.
  const target = new Date(Date.UTC(year + retentionYears, month - 1, day));
  if (target.getUTCMonth() !== month - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** Applies a change to a participant only if it is still at `version`. */
export async function updateAtVersionOf(
  trx: Trx,
  id: string,
  version: number,
  changes: Updateable<DB['training_participants']>,
): Promise<boolean> {
  const result = await trx
    .updateTable('training_participants')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Links the participant to a staff account, or unlinks it (null). */
export async function setAccount(trx: Trx, id: string, userId: string | null): Promise<void> {
  await trx
    .updateTable('training_participants')
    .set({ user_id: userId, updated_at: new Date() })
    .where('id', '=', id)
    .where('erased_at', 'is', null)
    .execute();
}
