import { sql } from 'kysely';
import type { Trx } from './campaigns.repository';
import { TREND_PERIODS_EACH_SIDE, TREND_RELEASES_PER_PERIOD } from './campaigns.vocabularies';

/** A release row as statistics' toRelease reads it, and whether it is among the nearest. */
export interface TrendReleaseRow {
  id: string;
  table_id: string;
  period_year: number;
  period_quarter: number | null;
  epsilon_hundredths: number;
  sensitivity: number;
  threshold: number;
  rounding: number;
  definition: unknown;
  figures: unknown;
  software_version: string;
  computed_at: Date;
  published_at: Date | null;
  discarded_at: Date | null;
  in_trend: boolean;
}

/** A table and a granularity (yearly or quarterly releases) a campaign's trend reads. */
export interface TrendSource {
  tableId: string;
  yearly: boolean;
}

/**
 * In one query, bounded whatever the number of releases: the published
 * releases `linkedIds` names, and, of each table and granularity in
 * `sources`, the published releases of the TREND_PERIODS_EACH_SIDE nearest
 * periods that ended before `startsOn` and of those nearest that started
 * after `endsOn` — of one period, the TREND_RELEASES_PER_PERIOD last
 * published. `in_trend` tells the latter from a linked release outside them.
 */
export async function trendReleases(
  trx: Trx,
  linkedIds: string[],
  sources: TrendSource[],
  campaign: { startsOn: string; endsOn: string },
): Promise<TrendReleaseRow[]> {
  if (linkedIds.length === 0) return [];
  const linked = sql.join(linkedIds.map((id) => sql`${id}::uuid`));
  const wanted = sql.join(sources.map((s) => sql`(${s.tableId}::text, ${s.yearly}::boolean)`));
  const starts = sql`make_date(period_year, coalesce(3 * period_quarter - 2, 1), 1)`;
  const length = sql`case when period_quarter is null then interval '1 year' else interval '3 months' end`;
  const { rows } = await sql<TrendReleaseRow>`
    with periods as (
      select id, table_id, published_at, period_quarter is null as yearly,
             ${starts} as starts, (${starts} + ${length} - interval '1 day')::date as ends
      from statistics_releases
      where published_at is not null and (table_id, period_quarter is null) in (${wanted})
    ), sided as (
      select id, table_id, published_at, yearly, starts,
             case when ends < ${campaign.startsOn}::date then 'before' else 'after' end as side
      from periods
      where ends < ${campaign.startsOn}::date or starts > ${campaign.endsOn}::date
    ), ranked as (
      select id,
        dense_rank() over (partition by table_id, yearly, side
                           order by case when side = 'before' then starts end desc,
                                    case when side = 'after' then starts end) as period_rank,
        row_number() over (partition by table_id, yearly, starts
                           order by published_at desc, id desc) as publication_rank
      from sided
    ), nearest as (
      select id from ranked
      where period_rank <= ${TREND_PERIODS_EACH_SIDE}
        and publication_rank <= ${TREND_RELEASES_PER_PERIOD}
    )
    select r.id, r.table_id, r.period_year, r.period_quarter, r.epsilon_hundredths, r.sensitivity,
           r.threshold, r.rounding, r.definition, r.figures, r.software_version, r.computed_at,
           r.published_at, r.discarded_at, n.id is not null as in_trend
    from statistics_releases r left join nearest n on n.id = r.id
    where r.published_at is not null and (n.id is not null or r.id in (${linked}))`.execute(trx);
  return rows;
}
