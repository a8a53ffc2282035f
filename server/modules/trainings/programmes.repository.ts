import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import { ECUADOR_TIME_ZONE } from '../../http/ecuador-calendar';
import type { ProgrammePosition } from './programme.schemas';

export type Trx = Transaction<DB>;

/*
 * Programmes and sessions. Dates are read as text (`YYYY-MM-DD`), decimals
 * as text exactly as numeric(p,2) holds them. A session's day is its start
 * in Ecuador (the completion view uses the same). Row-level security (0025)
 * lets coordinators (and the person, for programmes they are enrolled in)
 * read, and only coordinators write.
 */

function selectProgrammes(trx: Trx) {
  return trx.selectFrom('training_programmes as p').select([
    'p.id',
    'p.name',
    'p.topic',
    'p.target_sectors',
    'p.partner_institution',
    'p.modality',
    'p.province',
    'p.created_by',
    'p.created_at',
    'p.updated_at',
    'p.version',
    sql<string>`to_char(p.starts_on, 'YYYY-MM-DD')`.as('starts_on_text'),
    sql<string>`to_char(p.ends_on, 'YYYY-MM-DD')`.as('ends_on_text'),
    sql<string>`p.total_hours::text`.as('total_hours_text'),
    sql<string>`p.min_attendance_percent::text`.as('min_attendance_text'),
    sql<string | null>`p.min_final_score::text`.as('min_final_score_text'),
    sql<number>`(select count(*)::int from training_sessions s where s.programme_id = p.id)`.as(
      'session_count',
    ),
    sql<string>`(select coalesce(sum(s.hours), 0)::text from training_sessions s
                   where s.programme_id = p.id)`.as('scheduled_hours_text'),
    sql<number>`(select count(*)::int from training_enrolments e where e.programme_id = p.id)`.as(
      'enrolled',
    ),
    sql<number>`(select count(*)::int from training_completions c
                   where c.programme_id = p.id and c.completed)`.as('completed'),
  ]);
}

/** One programme; `lock` holds it (FOR UPDATE) until the transaction ends. */
export async function findProgramme(trx: Trx, id: string, lock = false) {
  if (lock) {
    // Locks the row alone (the aggregates in the select list cannot be locked).
    const held = await trx
      .selectFrom('training_programmes')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!held) return undefined;
  }
  return selectProgrammes(trx).where('p.id', '=', id).executeTakeFirst();
}
export type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof findProgramme>>>;

export interface ProgrammeFilter {
  year?: number;
  sector?: string;
}

/** A page of programmes, latest start first (`limit + 1` rows: the extra says there is more). */
export function listProgrammes(
  trx: Trx,
  filter: ProgrammeFilter,
  limit: number,
  after?: ProgrammePosition,
) {
  let query = selectProgrammes(trx);
  if (filter.year !== undefined) {
    query = query.where(
      sql<boolean>`p.starts_on <= make_date(${filter.year}, 12, 31)
                   and p.ends_on >= make_date(${filter.year}, 1, 1)`,
    );
  }
  if (filter.sector) query = query.where(sql<boolean>`${filter.sector} = any(p.target_sectors)`);
  if (after) {
    query = query.where(
      sql<boolean>`(p.starts_on, p.id) < (${after.startsOn}::date, ${after.id}::uuid)`,
    );
  }
  return query
    .orderBy('p.starts_on', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export type ProgrammeValues = Omit<Insertable<DB['training_programmes']>, 'created_by' | 'id'>;

export async function insertProgramme(
  trx: Trx,
  values: ProgrammeValues & { created_by: string },
): Promise<string> {
  const row = await trx
    .insertInto('training_programmes')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Applies a change to a programme or a session only if it is still at
 * `version` (the database moves the version and the update time). False when
 * it was not. (Participants: participants.repository.ts.)
 */
export async function updateAtVersion<T extends 'training_programmes' | 'training_sessions'>(
  trx: Trx,
  table: T,
  id: string,
  version: number,
  changes: Updateable<DB[T]>,
): Promise<boolean> {
  const result = await trx
    .updateTable(table as 'training_programmes')
    // updated_at is set by the database too: it keeps the SET list non-empty.
    .set({ ...(changes as Updateable<DB['training_programmes']>), updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteProgramme(trx: Trx, id: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('training_programmes')
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Whether any attendance (present or absent) was recorded for the programme. */
export async function programmeHasAttendance(trx: Trx, programmeId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('training_attendance')
    .select('session_id')
    .where('programme_id', '=', programmeId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function enrolledParticipantIds(trx: Trx, programmeId: string): Promise<string[]> {
  return trx
    .selectFrom('training_enrolments')
    .select('participant_id')
    .where('programme_id', '=', programmeId)
    .execute()
    .then((rows) => rows.map((r) => r.participant_id));
}

function selectSessions(trx: Trx) {
  return trx.selectFrom('training_sessions as s').select([
    's.id',
    's.programme_id',
    's.starts_at',
    's.place',
    's.link',
    's.trainers',
    's.created_at',
    's.updated_at',
    's.version',
    sql<string>`s.hours::text`.as('hours_text'),
    sql<string>`to_char((s.starts_at at time zone ${sql.lit(ECUADOR_TIME_ZONE)})::date,
                          'YYYY-MM-DD')`.as('day_text'),
    sql<number>`(select count(*)::int from training_attendance a where a.session_id = s.id)`.as(
      'recorded',
    ),
    sql<number>`(select count(*)::int from training_attendance a
                   where a.session_id = s.id and a.present)`.as('present_count'),
  ]);
}

/** A programme's sessions, by start time. */
export function sessionsOf(trx: Trx, programmeId: string) {
  return selectSessions(trx)
    .where('s.programme_id', '=', programmeId)
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute();
}
export type SessionRow = Awaited<ReturnType<typeof sessionsOf>>[number];

/** One session of a programme; `lock` holds it until the transaction ends. */
export async function findSession(trx: Trx, programmeId: string, sessionId: string, lock = false) {
  if (lock) {
    const held = await trx
      .selectFrom('training_sessions')
      .select('id')
      .where('id', '=', sessionId)
      .where('programme_id', '=', programmeId)
      .forUpdate()
      .executeTakeFirst();
    if (!held) return undefined;
  }
  return selectSessions(trx)
    .where('s.id', '=', sessionId)
    .where('s.programme_id', '=', programmeId)
    .executeTakeFirst();
}

export async function insertSession(
  trx: Trx,
  values: Insertable<DB['training_sessions']>,
): Promise<string> {
  const row = await trx
    .insertInto('training_sessions')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteSession(trx: Trx, sessionId: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('training_sessions')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
