import { sql } from 'kysely';
import type { Trx } from './programmes.repository';

/*
 * Enrolments, attendance and scores, and completion as the view
 * training_completions computes it (0025: never typed, never stored).
 */

const completionColumns = [
  sql<string>`c.attended_hours::text`.as('attended_hours_text'),
  sql<string>`c.attendance_percent::text`.as('attendance_percent_text'),
  sql<boolean>`c.completed`.as('completed'),
  sql<string | null>`to_char(c.completed_on, 'YYYY-MM-DD')`.as('completed_on_text'),
] as const;

/** A programme's enrolments with their participants and completion, as recorded. */
export function rosterOf(trx: Trx, programmeId: string) {
  return trx
    .selectFrom('training_enrolments as e')
    .innerJoin('training_participants as p', 'p.id', 'e.participant_id')
    .innerJoin('training_completions as c', (join) =>
      join
        .onRef('c.programme_id', '=', 'e.programme_id')
        .onRef('c.participant_id', '=', 'e.participant_id'),
    )
    .select([
      'e.participant_id',
      'e.enrolled_at',
      'p.id',
      'p.institution_name',
      'p.sector',
      'p.province',
      'p.full_name_enc',
      'p.work_email_enc',
      'p.position_enc',
      'p.key_kek_version',
      'p.key_wrapped',
      sql<string | null>`e.pre_score::text`.as('pre_score_text'),
      sql<string | null>`e.post_score::text`.as('post_score_text'),
      ...completionColumns,
    ])
    .where('e.programme_id', '=', programmeId)
    .orderBy('e.enrolled_at')
    .orderBy('e.participant_id')
    .execute();
}
export type RosterRow = Awaited<ReturnType<typeof rosterOf>>[number];

/** A participant's enrolments, latest programme first, with completion. */
export function participationsOf(trx: Trx, participantId: string) {
  return trx
    .selectFrom('training_enrolments as e')
    .innerJoin('training_programmes as g', 'g.id', 'e.programme_id')
    .innerJoin('training_completions as c', (join) =>
      join
        .onRef('c.programme_id', '=', 'e.programme_id')
        .onRef('c.participant_id', '=', 'e.participant_id'),
    )
    .select([
      'g.id as programme_id',
      'g.name',
      sql<string>`to_char(g.starts_on, 'YYYY-MM-DD')`.as('starts_on_text'),
      sql<string>`to_char(g.ends_on, 'YYYY-MM-DD')`.as('ends_on_text'),
      sql<string>`g.total_hours::text`.as('total_hours_text'),
      sql<string | null>`e.pre_score::text`.as('pre_score_text'),
      sql<string | null>`e.post_score::text`.as('post_score_text'),
      ...completionColumns,
    ])
    .where('e.participant_id', '=', participantId)
    .orderBy('g.starts_on', 'desc')
    .orderBy('g.id', 'desc')
    .execute();
}
export type ParticipationRow = Awaited<ReturnType<typeof participationsOf>>[number];

/** Which of these participants are enrolled in the programme. */
export async function enrolledAmong(
  trx: Trx,
  programmeId: string,
  participantIds: readonly string[],
): Promise<Set<string>> {
  if (participantIds.length === 0) return new Set();
  const rows = await trx
    .selectFrom('training_enrolments')
    .select('participant_id')
    .where('programme_id', '=', programmeId)
    .where('participant_id', 'in', [...participantIds])
    .execute();
  return new Set(rows.map((r) => r.participant_id));
}

export async function countEnrolled(trx: Trx, programmeId: string): Promise<number> {
  const row = await trx
    .selectFrom('training_enrolments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('programme_id', '=', programmeId)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Enrols those not enrolled yet; returns the ids actually added. */
export async function insertEnrolments(
  trx: Trx,
  programmeId: string,
  participantIds: readonly string[],
  enrolledBy: string,
): Promise<string[]> {
  if (participantIds.length === 0) return [];
  const rows = await trx
    .insertInto('training_enrolments')
    .values(
      participantIds.map((participantId) => ({
        programme_id: programmeId,
        participant_id: participantId,
        enrolled_by: enrolledBy,
      })),
    )
    .onConflict((conflict) => conflict.columns(['programme_id', 'participant_id']).doNothing())
    .returning('participant_id')
    .execute();
  return rows.map((r) => r.participant_id);
}

export async function deleteEnrolment(
  trx: Trx,
  programmeId: string,
  participantId: string,
): Promise<boolean> {
  const result = await trx
    .deleteFrom('training_enrolments')
    .where('programme_id', '=', programmeId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function enrolmentHasAttendance(
  trx: Trx,
  programmeId: string,
  participantId: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('training_attendance')
    .select('session_id')
    .where('programme_id', '=', programmeId)
    .where('participant_id', '=', participantId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A session's sheet, by participant id. */
export function attendanceOf(trx: Trx, sessionId: string) {
  return trx
    .selectFrom('training_attendance')
    .select(['participant_id', 'present', 'recorded_at'])
    .where('session_id', '=', sessionId)
    .orderBy('participant_id')
    .execute();
}

/** Replaces a session's sheet as a whole: one delete, one insert. */
export async function replaceAttendance(
  trx: Trx,
  session: { id: string; programmeId: string },
  entries: readonly { participantId: string; present: boolean }[],
  recordedBy: string,
): Promise<void> {
  await trx.deleteFrom('training_attendance').where('session_id', '=', session.id).execute();
  if (entries.length === 0) return;
  await trx
    .insertInto('training_attendance')
    .values(
      entries.map((e) => ({
        session_id: session.id,
        programme_id: session.programmeId,
        participant_id: e.participantId,
        present: e.present,
        recorded_by: recordedBy,
      })),
    )
    .execute();
}

export interface ScoreUpdate {
  participantId: string;
  preScore?: string | null;
  postScore?: string | null;
}

/**
 * Writes the scores given, in one statement: a score not given keeps its
 * value (`keep_pre` / `keep_post`), null clears it.
 */
export async function updateScores(
  trx: Trx,
  programmeId: string,
  updates: readonly ScoreUpdate[],
): Promise<void> {
  if (updates.length === 0) return;
  const ids = updates.map((u) => u.participantId);
  const pre = updates.map((u) => u.preScore ?? null);
  const keepPre = updates.map((u) => u.preScore === undefined);
  const post = updates.map((u) => u.postScore ?? null);
  const keepPost = updates.map((u) => u.postScore === undefined);
  await sql`
    update training_enrolments e
    set pre_score = case when v.keep_pre then e.pre_score else v.pre end,
        post_score = case when v.keep_post then e.post_score else v.post end
    from unnest(${ids}::uuid[], ${pre}::numeric[], ${keepPre}::boolean[],
                ${post}::numeric[], ${keepPost}::boolean[])
         as v (participant_id, pre, keep_pre, post, keep_post)
    where e.programme_id = ${programmeId} and e.participant_id = v.participant_id`.execute(trx);
}

/** The scores and completion of some enrolments of a programme. */
export function scoresOf(trx: Trx, programmeId: string, participantIds: readonly string[]) {
  return trx
    .selectFrom('training_enrolments as e')
    .innerJoin('training_completions as c', (join) =>
      join
        .onRef('c.programme_id', '=', 'e.programme_id')
        .onRef('c.participant_id', '=', 'e.participant_id'),
    )
    .select([
      'e.participant_id',
      sql<string | null>`e.pre_score::text`.as('pre_score_text'),
      sql<string | null>`e.post_score::text`.as('post_score_text'),
      sql<boolean>`c.completed`.as('completed'),
    ])
    .where('e.programme_id', '=', programmeId)
    .where('e.participant_id', 'in', [...participantIds])
    .orderBy('e.participant_id')
    .execute();
}
