import { sql, type RawBuilder } from 'kysely';
import { TRAINING_MEASURES } from '../trainings';
import { toDecimal2 } from '../../db/decimal';
import type { Measure, MeasureFilters } from './management-figures';
import { quarterSpan } from './periods';
import type { Trx } from './plan.repository';
import { type Period } from '../../http/ecuador-calendar';

/**
 * The executed values of computed measures over periods, live from Amparo's
 * records (docs/TARGETS.md defines each; the trainings' figures are the
 * trainings module's, defined once in docs/TRAININGS.md), every target's
 * every period in one statement: one column each. Days are Ecuador's. The
 * trainings' and campaigns' tables are read under the coordinator's own
 * row-level security (they are the coordinator's); cases and referrals
 * only through the two counting functions of migration 0027, which return a
 * number and never a row, of whole quarters only, and NULL (pending) for a
 * quarter that has not ended.
 */

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

const EXPRESSIONS: Record<Exclude<Measure['kind'], 'manual'>, Expression> = {
  people_trained: TRAINING_MEASURES.people_trained,
  people_certified: TRAINING_MEASURES.people_certified,
  training_hours_delivered: TRAINING_MEASURES.training_hours_delivered,
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

export interface MeasureRequest {
  measure: Measure;
  periods: readonly Period[];
}

// Well under PostgreSQL's 1 664 columns of a select list.
const COLUMNS_PER_STATEMENT = 400;

/**
 * Each computed measure's executed value in each of its periods (decimal
 * strings, two decimals), in as few statements as there are blocks of 400
 * columns (one, for a year's plan); null where the database answers pending
 * (a case-work count of a quarter that has not ended).
 */
export async function computeMeasures(
  trx: Trx,
  requests: readonly MeasureRequest[],
): Promise<(string | null)[][]> {
  const columns = requests.flatMap(({ measure, periods }, r) => {
    if (measure.kind === 'manual') throw new Error('a manual measure is not computed');
    const expression = EXPRESSIONS[measure.kind];
    return periods.map(
      (period, p) =>
        sql`(${expression(period, measure.filters)})::text as ${sql.ref(`m${r}_p${p}`)}`,
    );
  });
  const row: Record<string, string | null> = {};
  for (let i = 0; i < columns.length; i += COLUMNS_PER_STATEMENT) {
    const block = columns.slice(i, i + COLUMNS_PER_STATEMENT);
    const { rows } = await sql<Record<string, string | null>>`select ${sql.join(block)}`.execute(
      trx,
    );
    Object.assign(row, rows[0] ?? {});
  }
  return requests.map(({ periods }, r) =>
    periods.map((_, p) => {
      const value = row[`m${r}_p${p}`];
      return value === null || value === undefined ? null : toDecimal2(value);
    }),
  );
}
