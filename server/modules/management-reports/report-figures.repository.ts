import { sql } from 'kysely';
import { peopleByIn, trainingTotalsIn } from '../trainings';
import type { Trx } from './management-reports.repository';

export { leadAgencyName } from '../institutions';

/*
 * The report's summaries of trainings, campaigns and published statistics,
 * counted live from the records in the coordinator's transaction (their
 * row-level security: trainings, campaigns and releases are the
 * coordinator's to read). Only counts and sums leave the database: never a
 * participant's row. Days are Ecuador's; a period is inclusive, from
 * 1 January to the end of the report's quarter or year (as the targets'
 * figures are). The trainings' figures are the trainings module's, the same
 * the aggregates and the targets' measures count, so the report's "people
 * trained" is the figure a people_trained target without filters shows.
 */

export interface Period {
  from: string;
  to: string;
}

const within = (day: ReturnType<typeof sql>, period: Period) =>
  sql<boolean>`${day} between ${period.from}::date and ${period.to}::date`;

/**
 * The trainings' figures of the period, as the trainings module defines and
 * counts them for its aggregates and the targets' measures
 * (docs/TRAININGS.md, "The figures"): the totals, and the people enrolled
 * and trained by the participant's sector (one sector per participant, so
 * the sectors add up to the totals), in the vocabulary's order.
 */
export async function trainingFigures(trx: Trx, period: Period) {
  const totals = await trainingTotalsIn(trx, period);
  const bySector = (await peopleByIn(trx, period, 'sector', 'vocabulary')).map((g) => ({
    sector: g.key!,
    enrolled: g.peopleEnrolled,
    trained: g.peopleTrained,
  }));
  return { totals, bySector };
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
