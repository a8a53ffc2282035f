import { sql, type RawBuilder } from 'kysely';
import { toDecimal2 } from '../../db/decimal';
import type { Measure, MeasureFilters } from './management-figures';
import { quarterSpan } from './periods';
import type { Trx } from './plan.repository';
import { type Period } from '../../http/ecuador-calendar';

/**
 * The executed value of a computed measure over periods, live from Amparo's
 * records (docs/TARGETS.md defines each), in one statement: one column per
 * period. Days are Ecuador's. The trainings' and campaigns' tables are read
 * under the coordinator's own row-level security (they are the
 * coordinator's); cases and referrals only through the two counting
 * functions of migration 0027, which return a number and never a row, of
 * whole quarters only, and NULL (pending) for a quarter that has not ended.
 */

const ECUADOR_DAY = (column: RawBuilder<unknown>) =>
  sql`(${column} at time zone 'America/Guayaquil')::date`;

const within = (day: RawBuilder<unknown>, period: Period) =>
  sql`${day} between ${period.from}::date and ${period.to}::date`;

const given = (list: readonly string[] | undefined): list is readonly string[] =>
  list !== undefined && list.length > 0;

/** `and <column> = any(list)` when the list is given. */
function anyOf(
  column: RawBuilder<unknown>,
  list: readonly string[] | undefined,
  type: 'text' | 'uuid',
) {
  if (!given(list)) return sql``;
  return type === 'uuid'
    ? sql`and ${column} = any(${[...list]}::uuid[])`
    : sql`and ${column} = any(${[...list]}::text[])`;
}

type Expression = (period: Period, f: MeasureFilters) => RawBuilder<unknown>;

const participantFilters = (f: MeasureFilters, programme: RawBuilder<unknown>) => sql`
  ${anyOf(programme, f.programmeIds, 'uuid')}
  ${anyOf(sql.ref('tp.sector'), f.sectors, 'text')}
  ${anyOf(sql.ref('tp.province'), f.provinces, 'text')}`;

const EXPRESSIONS: Record<Exclude<Measure['kind'], 'manual'>, Expression> = {
  people_trained: (period, f) => sql`(
    select count(distinct c.participant_id)
    from training_completions c
    join training_programmes p on p.id = c.programme_id
    join training_participants tp on tp.id = c.participant_id
    where c.completed and ${within(sql.ref('p.ends_on'), period)}
    ${participantFilters(f, sql.ref('c.programme_id'))})`,
  people_certified: (period, f) => sql`(
    select count(distinct tc.participant_id)
    from training_certificates tc
    join training_participants tp on tp.id = tc.participant_id
    where tc.revoked_at is null and ${within(ECUADOR_DAY(sql.ref('tc.issued_at')), period)}
    ${participantFilters(f, sql.ref('tc.programme_id'))})`,
  training_hours_delivered: (period, f) => sql`(
    select coalesce(sum(s.hours), 0)
    from training_sessions s
    join training_programmes p on p.id = s.programme_id
    where ${within(ECUADOR_DAY(sql.ref('s.starts_at')), period)}
      and exists (select 1 from training_attendance a where a.session_id = s.id and a.present)
      ${anyOf(sql.ref('p.id'), f.programmeIds, 'uuid')}
      ${given(f.sectors) ? sql`and p.target_sectors && ${[...f.sectors]}::text[]` : sql``}
      ${anyOf(sql.ref('p.province'), f.provinces, 'text')})`,
  campaign_activities_held: (period, f) => sql`(
    select count(*)
    from campaign_activities a
    where ${within(sql.ref('a.happened_on'), period)}
    ${anyOf(sql.ref('a.campaign_id'), f.campaignIds, 'uuid')}
    ${anyOf(sql.ref('a.channel'), f.channels, 'text')}
    ${anyOf(sql.ref('a.territory'), f.provinces, 'text')})`,
  people_reached: (period, f) => sql`(
    select coalesce(sum(r.reached), 0)
    from campaign_activity_reach r
    join campaign_activities a on a.id = r.activity_id
    where ${within(sql.ref('a.happened_on'), period)}
    ${anyOf(sql.ref('a.campaign_id'), f.campaignIds, 'uuid')}
    ${anyOf(sql.ref('a.channel'), f.channels, 'text')}
    ${anyOf(sql.ref('a.territory'), f.provinces, 'text')}
    ${anyOf(sql.ref('r.reach_group'), f.groups, 'text')})`,
  referrals_completed: (period, f) => {
    const { year, first, last } = quarterSpan(period);
    return sql`target_referrals_completed(${year}::int, ${first}::int, ${last}::int,
      ${[...(f.sectors ?? [])]}::text[])`;
  },
  cases_attended: (period) => {
    const { year, first, last } = quarterSpan(period);
    return sql`target_cases_attended(${year}::int, ${first}::int, ${last}::int)`;
  },
};

/**
 * The measure's executed value in each period (decimal strings, two
 * decimals); null where the database answers pending (a case-work count of
 * a quarter that has not ended).
 */
export async function computeMeasure(
  trx: Trx,
  measure: Measure,
  periods: readonly Period[],
): Promise<(string | null)[]> {
  if (measure.kind === 'manual') throw new Error('a manual measure is not computed');
  if (periods.length === 0) return [];
  const expression = EXPRESSIONS[measure.kind];
  const columns = periods.map(
    (period, i) => sql`(${expression(period, measure.filters)})::text as ${sql.ref(`p${i}`)}`,
  );
  const { rows } = await sql<Record<string, string | null>>`select ${sql.join(columns)}`.execute(
    trx,
  );
  const row = rows[0] ?? {};
  return periods.map((_, i) => {
    const value = row[`p${i}`];
    return value === null || value === undefined ? null : toDecimal2(value);
  });
}
