import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import {
  DIMENSIONS,
  REFERRALS_PER_PERSON,
  type CatalogueTable,
  type ReleasePeriod,
} from './catalogue';

type Trx = Transaction<DB>;

/** The separator of a cell's key parts (never in a dimension value). */
export const KEY_SEPARATOR = '\u001f';

/**
 * The true counts of a table's cells for a period, read as amparo_statistics
 * (migration 0023): that role can read the two generalised views and nothing
 * else. Returns count by cell key (parts joined by KEY_SEPARATOR); cells with
 * no rows are absent. The role is switched back before returning, so the rest
 * of the transaction runs as the application again.
 */
export async function countTable(
  trx: Trx,
  table: CatalogueTable,
  period: ReleasePeriod,
): Promise<Map<string, number>> {
  // Row-level security's policies (each table's own, OR-ed with the one that
  // opens it to these views) leave the planner with row estimates a thousand
  // times too low, and it picks a nested loop per case: 3–27 s at 10⁶ cases
  // (docs/BENCHMARKS.md). Hash joins are right for a count over every case.
  // JIT compiling such a plan costs more (0.5–1 s) than the count itself.
  await sql`select set_config('role', 'amparo_statistics', true),
                    set_config('enable_nestloop', 'off', true),
                    set_config('jit', 'off', true)`.execute(trx);
  // On failure the transaction is aborted and rolls back, which undoes the
  // SET LOCALs too; switching back here would only hide the real error.
  const { rows } = await countQuery(table, period).execute(trx);
  await sql`select set_config('enable_nestloop', 'on', true),
                    set_config('jit', 'on', true),
                    set_config('role', 'amparo_app', true)`.execute(trx);
  return new Map(rows.map((row) => [row.key, Number(row.n)]));
}

function countQuery(table: CatalogueTable, period: ReleasePeriod) {
  // Column names come from the catalogue's constants, never from a request.
  const columns = table.dimensions.map((d) =>
    d === 'quarter' ? sql`identified_quarter::text` : sql.ref(DIMENSIONS[d].column),
  );
  const key = sql.join(columns, sql`, `);
  const inPeriod = period.quarter
    ? sql`identified_year = ${period.year} and identified_quarter = ${period.quarter}`
    : sql`identified_year = ${period.year}`;
  if (table.source === 'referrals') {
    return sql<{ key: string; n: number }>`
      select concat_ws(${KEY_SEPARATOR}, ${key}) as key, count(*)::int as n
      from statistics_referral_facts
      where ${inPeriod} and person_rank <= ${REFERRALS_PER_PERSON}
      group by ${key}`;
  }
  if (table.dimensions.includes('vulnerability_group')) {
    const others = table.dimensions.filter((d) => d !== 'vulnerability_group');
    if (others.length > 0) throw new Error('vulnerability groups are counted on their own');
    return sql<{ key: string; n: number }>`
      select g.vulnerability_group as key, count(*)::int as n
      -- The view gives each group at most once per person: one person adds at
      -- most contributionBound (the number of groups) in all.
      from statistics_case_facts f, unnest(f.vulnerability_groups) as g (vulnerability_group)
      where ${inPeriod}
      group by g.vulnerability_group`;
  }
  return sql<{ key: string; n: number }>`
    select concat_ws(${KEY_SEPARATOR}, ${key}) as key, count(*)::int as n
    from statistics_case_facts
    where ${inPeriod}
    group by ${key}`;
}

/**
 * Serialises every use of one year's budget (two releases computed at once
 * cannot both see the same remainder). Held until the transaction ends. The
 * spent sum read after it sees every commit before it because the request
 * transaction runs at READ COMMITTED (PostgreSQL's default, which Amparo
 * requires: each statement takes a new snapshot).
 */
export async function lockBudgetYear(trx: Trx, year: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('amparo.privacy_budget'), ${year})`.execute(trx);
}

/** The year's total, fixed by its first use (`total` is what is used if none yet). */
export async function budgetTotal(trx: Trx, year: number): Promise<number | undefined> {
  const row = await trx
    .selectFrom('privacy_budgets')
    .select('total_hundredths')
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.total_hundredths;
}

export async function fixBudgetTotal(trx: Trx, year: number, total: number): Promise<void> {
  await trx
    .insertInto('privacy_budgets')
    .values({ year, total_hundredths: total })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
}

export async function budgetSpent(trx: Trx, year: number): Promise<number> {
  const row = await trx
    .selectFrom('privacy_budget_ledger')
    .select((eb) =>
      eb.fn.coalesce(eb.fn.sum<number>('epsilon_hundredths'), sql<number>`0`).as('spent'),
    )
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return Number(row.spent);
}

export interface NewRelease {
  id: string;
  tableId: string;
  period: ReleasePeriod;
  epsilonHundredths: number;
  sensitivity: number;
  threshold: number;
  rounding: number;
  definition: unknown;
  figures: unknown;
  softwareVersion: string;
  actorId: string;
}

/** The release and its ledger line, in the caller's transaction (which holds the year's lock). */
export async function insertRelease(trx: Trx, r: NewRelease): Promise<void> {
  await trx
    .insertInto('statistics_releases')
    .values({
      id: r.id,
      table_id: r.tableId,
      period_year: r.period.year,
      period_quarter: r.period.quarter ?? null,
      epsilon_hundredths: r.epsilonHundredths,
      sensitivity: r.sensitivity,
      threshold: r.threshold,
      rounding: r.rounding,
      definition: JSON.stringify(r.definition),
      figures: JSON.stringify(r.figures),
      software_version: r.softwareVersion,
      computed_by: r.actorId,
    })
    .execute();
  await trx
    .insertInto('privacy_budget_ledger')
    .values({
      year: r.period.year,
      epsilon_hundredths: r.epsilonHundredths,
      release_id: r.id,
      actor_id: r.actorId,
    })
    .execute();
}

const RELEASE_COLUMNS = [
  'id',
  'table_id',
  'period_year',
  'period_quarter',
  'epsilon_hundredths',
  'sensitivity',
  'threshold',
  'rounding',
  'definition',
  'figures',
  'software_version',
  'computed_at',
  'published_at',
  'discarded_at',
] as const;

export async function findRelease(trx: Trx, id: string) {
  return trx
    .selectFrom('statistics_releases')
    .select(RELEASE_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
}
export type ReleaseRow = NonNullable<Awaited<ReturnType<typeof findRelease>>>;

export type ReleaseState = 'draft' | 'published' | 'discarded';

/** Newest first; published ones by publication, others by computation. */
export function listReleases(
  trx: Trx,
  filter: { state?: ReleaseState; tableId?: string; limit: number },
) {
  let query = trx.selectFrom('statistics_releases').select(RELEASE_COLUMNS);
  if (filter.state === 'published') query = query.where('published_at', 'is not', null);
  if (filter.state === 'discarded') query = query.where('discarded_at', 'is not', null);
  if (filter.state === 'draft') {
    query = query.where('published_at', 'is', null).where('discarded_at', 'is', null);
  }
  if (filter.tableId) query = query.where('table_id', '=', filter.tableId);
  return query
    .orderBy('period_year', 'desc')
    .orderBy('period_quarter', 'desc')
    .orderBy('computed_at', 'desc')
    .limit(filter.limit)
    .execute();
}

/** How long a draft may wait for publication: consents revoked since then would not be honoured. */
export const DRAFT_PUBLISHABLE_HOURS = 24;

/**
 * Decides a draft once, dated by the database; undefined when it was not a
 * draft any more (a race lost, or decided before) or, to publish, when it is
 * older than DRAFT_PUBLISHABLE_HOURS.
 */
export async function decideRelease(
  trx: Trx,
  id: string,
  decision: 'publish' | 'discard',
  actorId: string,
) {
  const now = sql<Date>`now()`;
  let query = trx
    .updateTable('statistics_releases')
    .set(
      decision === 'publish'
        ? { published_at: now, published_by: actorId }
        : { discarded_at: now, discarded_by: actorId },
    )
    .where('id', '=', id)
    .where('published_at', 'is', null)
    .where('discarded_at', 'is', null);
  if (decision === 'publish') {
    query = query.where(
      'computed_at',
      '>',
      sql<Date>`now() - make_interval(hours => ${DRAFT_PUBLISHABLE_HOURS})`,
    );
  }
  return query.returning(RELEASE_COLUMNS).executeTakeFirst();
}
