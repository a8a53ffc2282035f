import { sql } from 'kysely';
import type { Trx } from './management-reports.repository';

export { leadAgencyName } from '../institutions';

/*
 * The report's summaries of trainings, campaigns and published statistics,
 * counted live from the records in the coordinator's transaction (their
 * row-level security: trainings, campaigns and releases are the
 * coordinator's to read). Only counts and sums leave the database: never a
 * participant's row. Days are Ecuador's; a period is inclusive, from
 * 1 January to the end of the report's quarter or year (as the targets'
 * figures are). The definitions match the targets' measures
 * (targets/measures.ts), so the report's "people trained" is the figure a
 * people_trained target without filters shows.
 */

export interface Period {
  from: string;
  to: string;
}

const ECUADOR_DAY = (column: string) =>
  sql`(${sql.ref(column)} at time zone 'America/Guayaquil')::date`;
const within = (day: ReturnType<typeof sql>, period: Period) =>
  sql<boolean>`${day} between ${period.from}::date and ${period.to}::date`;

/**
 * Sessions held in the period (with attendance recorded as present), their
 * hours and their programmes.
 */
export async function sessionsHeld(trx: Trx, period: Period) {
  const { rows } = await sql<{ programmes: number; sessions: number; hours: string }>`
    select count(distinct s.programme_id)::int as programmes,
           count(*)::int as sessions,
           coalesce(sum(s.hours), 0)::text as hours
    from training_sessions s
    where ${within(ECUADOR_DAY('s.starts_at'), period)}
      and exists (select 1 from training_attendance a where a.session_id = s.id and a.present)
  `.execute(trx);
  return rows[0] ?? { programmes: 0, sessions: 0, hours: '0' };
}

/**
 * People enrolled in, and people who completed, the programmes that ended in
 * the period, by the participant's sector (a participant has one, so the
 * sectors' counts add up to the people in all).
 */
export async function peopleBySector(trx: Trx, period: Period) {
  const { rows } = await sql<{ sector: string; enrolled: number; trained: number }>`
    select tp.sector,
           count(distinct e.participant_id)::int as enrolled,
           count(distinct e.participant_id) filter (where c.completed)::int as trained
    from training_enrolments e
    join training_programmes p on p.id = e.programme_id
    join training_participants tp on tp.id = e.participant_id
    join training_completions c
      on c.programme_id = e.programme_id and c.participant_id = e.participant_id
    where ${within(sql.ref('p.ends_on'), period)}
    group by tp.sector
    order by array_position(training_sectors(), tp.sector)
  `.execute(trx);
  return rows;
}

/**
 * The knowledge gain (post − pre score) of the enrolments in those
 * programmes with both scores: their exact sum and how many.
 */
export async function knowledgeGain(trx: Trx, period: Period) {
  const { rows } = await sql<{ total: string; scored: number }>`
    select coalesce(sum(e.post_score - e.pre_score), 0)::text as total,
           count(*)::int as scored
    from training_enrolments e
    join training_programmes p on p.id = e.programme_id
    where ${within(sql.ref('p.ends_on'), period)}
      and e.pre_score is not null and e.post_score is not null
  `.execute(trx);
  return rows[0] ?? { total: '0', scored: 0 };
}

/** People with a certificate issued in the period and not revoked. */
export async function peopleCertified(trx: Trx, period: Period): Promise<number> {
  const { rows } = await sql<{ certified: number }>`
    select count(distinct tc.participant_id)::int as certified
    from training_certificates tc
    where tc.revoked_at is null and ${within(ECUADOR_DAY('tc.issued_at'), period)}
  `.execute(trx);
  return rows[0]?.certified ?? 0;
}

/** Campaign activities held in the period, their campaigns and the people they reached. */
export async function campaignActivities(trx: Trx, period: Period) {
  const { rows } = await sql<{ campaigns: number; activities: number }>`
    select count(distinct a.campaign_id)::int as campaigns, count(*)::int as activities
    from campaign_activities a
    where ${within(sql.ref('a.happened_on'), period)}
  `.execute(trx);
  return rows[0] ?? { campaigns: 0, activities: 0 };
}

/**
 * People reached in the period, by reach group, in the vocabulary's order.
 * The sums are bigint in SQL (int4 would overflow past 2^31 people a year),
 * read as text and kept exact as numbers up to 2^53.
 */
export async function reachByGroup(trx: Trx, period: Period) {
  const { rows } = await sql<{ group: string; reached: string }>`
    select r.reach_group as "group", sum(r.reached)::text as reached
    from campaign_activity_reach r
    join campaign_activities a on a.id = r.activity_id
    where ${within(sql.ref('a.happened_on'), period)}
    group by r.reach_group
    order by array_position(campaign_target_groups() || 'general_public'::text, r.reach_group)
  `.execute(trx);
  return rows.map((row) => ({ group: row.group, reached: Number(row.reached) }));
}

/** People reached in the period, by the activity's province, in the vocabulary's order. */
export async function reachByProvince(trx: Trx, period: Period) {
  const { rows } = await sql<{ province: string; reached: string }>`
    select a.territory as province, sum(r.reached)::text as reached
    from campaign_activity_reach r
    join campaign_activities a on a.id = r.activity_id
    where ${within(sql.ref('a.happened_on'), period)}
    group by a.territory
    order by array_position(campaign_territories(), a.territory)
  `.execute(trx);
  return rows.map((row) => ({ province: row.province, reached: Number(row.reached) }));
}

/**
 * The published statistics releases of the report's year, up to its
 * quarter (a yearly report: all of the year's), oldest period first.
 */
export function publishedReleases(trx: Trx, year: number, quarter: number | null) {
  let query = trx
    .selectFrom('statistics_releases')
    .select(['id', 'table_id', 'period_year', 'period_quarter', 'published_at'])
    .where('published_at', 'is not', null)
    .where('period_year', '=', year);
  if (quarter !== null) {
    query = query.where('period_quarter', 'is not', null).where('period_quarter', '<=', quarter);
  }
  return query
    .orderBy(sql`period_quarter nulls last`)
    .orderBy('table_id')
    .orderBy('published_at')
    .orderBy('id')
    .execute();
}
