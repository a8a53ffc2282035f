import { sql, type RawBuilder } from 'kysely';
import type { Trx } from './programmes.repository';

/*
 * The trainings' figures, defined once (docs/TRAININGS.md, "The figures")
 * and counted here for the coordinator's aggregates, the targets' measures
 * and the management report alike, so the three always agree:
 *
 * - a programme counts in the period its END DATE falls in: its enrolments
 *   give the people enrolled, the people trained (completed by its rule),
 *   the completion rate (people trained / people enrolled) and the knowledge
 *   gain;
 * - hours delivered are the hours of the sessions HELD in the period: their
 *   day in Ecuador falls in it and at least one participant was recorded
 *   present (a session nobody attended, or whose sheet is not taken yet,
 *   delivered nothing on record);
 * - people certified hold a certificate issued in the period (Ecuador's day)
 *   and not revoked.
 *
 * Erased participants count like everyone else: their sector, province,
 * enrolments and attendance remain. Only counts and sums leave the
 * database. Every relation reads under the caller's row-level security
 * (the coordinator's, or the system's).
 */

export interface FiguresPeriod {
  /** Inclusive days, Ecuador's. */
  from: string;
  to: string;
}

/**
 * Restrictions of a target's measure (empty or absent: none). Programmes by
 * id; for people, the participant's sector and province; for hours, the
 * programme's target sectors (any of them) and its province.
 */
export interface TrainingFilters {
  programmeIds?: readonly string[] | undefined;
  sectors?: readonly string[] | undefined;
  provinces?: readonly string[] | undefined;
}

const given = (list: readonly string[] | undefined): list is readonly string[] =>
  list !== undefined && list.length > 0;

function anyOf(column: string, list: readonly string[] | undefined, type: 'text' | 'uuid') {
  if (!given(list)) return sql``;
  return type === 'uuid'
    ? sql`and ${sql.ref(column)} = any(${[...list]}::uuid[])`
    : sql`and ${sql.ref(column)} = any(${[...list]}::text[])`;
}

const ecuadorDay = (column: string) =>
  sql`(${sql.ref(column)} at time zone 'America/Guayaquil')::date`;

const within = (day: RawBuilder<unknown>, period: FiguresPeriod) =>
  sql`${day} between ${period.from}::date and ${period.to}::date`;

/**
 * The enrolments of the programmes that ended in the period, with their
 * completion, scores and the participant's clear attributes: one row per
 * enrolment (programme_id, participant_id, completed, pre_score,
 * post_score, sector, province, institution_name).
 */
export function enrolmentsOfEndedProgrammes(
  period: FiguresPeriod,
  filters: TrainingFilters = {},
): RawBuilder<unknown> {
  return sql`
    select e.programme_id, e.participant_id, k.completed, e.pre_score, e.post_score,
           tp.sector, tp.province, tp.institution_name
    from training_enrolments e
    join training_programmes g on g.id = e.programme_id
    join training_completions k
      on k.programme_id = e.programme_id and k.participant_id = e.participant_id
    join training_participants tp on tp.id = e.participant_id
    where ${within(sql.ref('g.ends_on'), period)}
      ${anyOf('e.programme_id', filters.programmeIds, 'uuid')}
      ${anyOf('tp.sector', filters.sectors, 'text')}
      ${anyOf('tp.province', filters.provinces, 'text')}`;
}

/** The programmes that ended in the period (id, name, dates, total hours). */
export function programmesEnded(
  period: FiguresPeriod,
  filters: TrainingFilters = {},
): RawBuilder<unknown> {
  return sql`
    select g.id, g.name, g.starts_on, g.ends_on, g.total_hours
    from training_programmes g
    where ${within(sql.ref('g.ends_on'), period)}
      ${anyOf('g.id', filters.programmeIds, 'uuid')}`;
}

/** The sessions held in the period, with at least one participant present (id, programme_id, hours). */
export function sessionsHeld(
  period: FiguresPeriod,
  filters: TrainingFilters = {},
): RawBuilder<unknown> {
  return sql`
    select s.id, s.programme_id, s.hours
    from training_sessions s
    join training_programmes g on g.id = s.programme_id
    where ${within(ecuadorDay('s.starts_at'), period)}
      and exists (select 1 from training_attendance a where a.session_id = s.id and a.present)
      ${anyOf('g.id', filters.programmeIds, 'uuid')}
      ${given(filters.sectors) ? sql`and g.target_sectors && ${[...filters.sectors]}::text[]` : sql``}
      ${anyOf('g.province', filters.provinces, 'text')}`;
}

/** The certificates issued in the period and not revoked (participant_id, programme_id). */
export function certificatesIssued(
  period: FiguresPeriod,
  filters: TrainingFilters = {},
): RawBuilder<unknown> {
  return sql`
    select tc.participant_id, tc.programme_id
    from training_certificates tc
    join training_participants tp on tp.id = tc.participant_id
    where tc.revoked_at is null and ${within(ecuadorDay('tc.issued_at'), period)}
      ${anyOf('tc.programme_id', filters.programmeIds, 'uuid')}
      ${anyOf('tp.sector', filters.sectors, 'text')}
      ${anyOf('tp.province', filters.provinces, 'text')}`;
}

/**
 * The figures a target's measure counts, each a scalar SQL expression (a
 * bigint or numeric), to be selected alongside others in one statement.
 */
export const TRAINING_MEASURES = {
  people_trained: (period: FiguresPeriod, filters: TrainingFilters) => sql`(
    select count(distinct x.participant_id)
    from (${enrolmentsOfEndedProgrammes(period, filters)}) x where x.completed)`,
  people_certified: (period: FiguresPeriod, filters: TrainingFilters) => sql`(
    select count(distinct x.participant_id) from (${certificatesIssued(period, filters)}) x)`,
  training_hours_delivered: (period: FiguresPeriod, filters: TrainingFilters) => sql`(
    select coalesce(sum(x.hours), 0) from (${sessionsHeld(period, filters)}) x)`,
} as const;

export interface TrainingTotals {
  /** Programmes whose end date falls in the period. */
  programmesEnded: number;
  /** Enrolments in those programmes, and those completed by the rule. */
  enrolments: number;
  completedEnrolments: number;
  /** Distinct people enrolled in them, and those who completed at least one. */
  peopleEnrolled: number;
  peopleTrained: number;
  /** Sessions held in the period (someone present), their programmes and their hours (decimal string, two decimals). */
  sessionsHeld: number;
  programmesWithSessions: number;
  hoursDelivered: string;
  /** Distinct people with a certificate issued in the period and not revoked. */
  peopleCertified: number;
  /** post − pre over the enrolments (of programmes ended) with both scores: exact sum, count and mean rounded half up to two decimals. */
  gain: { total: string; n: number; mean: string | null };
}

/** Every total of the period, in one statement. */
export async function trainingTotalsIn(
  trx: Trx,
  period: FiguresPeriod,
  filters: TrainingFilters = {},
): Promise<TrainingTotals> {
  const { rows } = await sql<{
    programmes_ended: number;
    enrolments: number;
    completed_enrolments: number;
    people_enrolled: number;
    people_trained: number;
    sessions: number;
    programmes_with_sessions: number;
    hours: string;
    people_certified: number;
    gain_total: string;
    gain_n: number;
    gain_mean: string | null;
  }>`
    with en as (${enrolmentsOfEndedProgrammes(period, filters)}),
         se as (${sessionsHeld(period, filters)}),
         ce as (${certificatesIssued(period, filters)})
    select (select count(*) from (${programmesEnded(period, filters)}) g)::int as programmes_ended,
           en.enrolments, en.completed_enrolments, en.people_enrolled, en.people_trained,
           en.gain_total, en.gain_n, en.gain_mean,
           se.sessions, se.programmes_with_sessions, se.hours,
           (select count(distinct participant_id) from ce)::int as people_certified
    from (select count(*)::int as enrolments,
                 count(*) filter (where completed)::int as completed_enrolments,
                 count(distinct participant_id)::int as people_enrolled,
                 count(distinct participant_id) filter (where completed)::int as people_trained,
                 coalesce(sum(post_score - pre_score), 0)::text as gain_total,
                 count(post_score - pre_score)::int as gain_n,
                 round(avg(post_score - pre_score), 2)::text as gain_mean
          from en) en,
         (select count(*)::int as sessions,
                 count(distinct programme_id)::int as programmes_with_sessions,
                 coalesce(sum(hours), 0)::numeric(14, 2)::text as hours
          from se) se`.execute(trx);
  const row = rows[0]!;
  return {
    programmesEnded: row.programmes_ended,
    enrolments: row.enrolments,
    completedEnrolments: row.completed_enrolments,
    peopleEnrolled: row.people_enrolled,
    peopleTrained: row.people_trained,
    sessionsHeld: row.sessions,
    programmesWithSessions: row.programmes_with_sessions,
    hoursDelivered: row.hours,
    peopleCertified: row.people_certified,
    gain: { total: row.gain_total, n: row.gain_n, mean: row.gain_mean },
  };
}

export type PeopleDimension = 'sector' | 'province' | 'institution_name';

export interface PeopleGroup {
  key: string | null;
  peopleEnrolled: number;
  peopleTrained: number;
}

/**
 * People enrolled in, and trained by, the programmes that ended in the
 * period, by one of the participant's attributes (each participant has one
 * value, so the groups add up to the totals): sectors in the vocabulary's
 * order, or any of them with the most people trained first, then by name
 * (not recorded last).
 */
export async function peopleByIn(
  trx: Trx,
  period: FiguresPeriod,
  dimension: PeopleDimension,
  order: 'vocabulary' | 'most_trained',
): Promise<PeopleGroup[]> {
  const key = sql.ref(`en.${dimension}`);
  const ordering =
    order === 'vocabulary' && dimension === 'sector'
      ? sql`array_position(training_sectors(), en.sector)`
      : sql`people_trained desc, key nulls last`;
  const { rows } = await sql<{
    key: string | null;
    people_enrolled: number;
    people_trained: number;
  }>`
    select ${key} as key,
           count(distinct en.participant_id)::int as people_enrolled,
           count(distinct en.participant_id) filter (where en.completed)::int as people_trained
    from (${enrolmentsOfEndedProgrammes(period)}) en
    group by ${key}
    order by ${ordering}`.execute(trx);
  return rows.map((r) => ({
    key: r.key,
    peopleEnrolled: r.people_enrolled,
    peopleTrained: r.people_trained,
  }));
}

export interface ProgrammeFigures {
  programmeId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  totalHours: string;
  /** In one programme, enrolments are people: its completion rate is completed / enrolments. */
  enrolments: number;
  completedEnrolments: number;
  gain: { n: number; mean: string | null };
}

/** Each programme that ended in the period (by end date, then name), with its enrolments. */
export async function programmesEndedIn(
  trx: Trx,
  period: FiguresPeriod,
): Promise<ProgrammeFigures[]> {
  const { rows } = await sql<{
    id: string;
    name: string;
    starts_on: string;
    ends_on: string;
    total_hours: string;
    enrolments: number;
    completed: number;
    gain_n: number;
    gain_mean: string | null;
  }>`
    select g.id, g.name, to_char(g.starts_on, 'YYYY-MM-DD') as starts_on,
           to_char(g.ends_on, 'YYYY-MM-DD') as ends_on, g.total_hours::text as total_hours,
           count(en.participant_id)::int as enrolments,
           count(*) filter (where en.completed)::int as completed,
           count(en.post_score - en.pre_score)::int as gain_n,
           round(avg(en.post_score - en.pre_score), 2)::text as gain_mean
    from (${programmesEnded(period)}) g
    left join (${enrolmentsOfEndedProgrammes(period)}) en on en.programme_id = g.id
    group by g.id, g.name, g.starts_on, g.ends_on, g.total_hours
    order by g.ends_on, g.name, g.id`.execute(trx);
  return rows.map((r) => ({
    programmeId: r.id,
    name: r.name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    totalHours: r.total_hours,
    enrolments: r.enrolments,
    completedEnrolments: r.completed,
    gain: { n: r.gain_n, mean: r.gain_mean },
  }));
}
