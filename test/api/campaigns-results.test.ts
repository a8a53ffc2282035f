import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { ecuadorDate } from '../../server/http/ecuador-calendar';
import { statusOn } from '../../server/modules/campaigns/campaign-dates';
import { changeWithinBounds, trendsOf } from '../../server/modules/campaigns/campaign-trends';
import { percentOfPlan } from '../../server/modules/campaigns/reach-results';
import type { Release } from '../../server/modules/statistics';
import { cellKeys, definitionOf, tableById } from '../../server/modules/statistics';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  CAMPAIGNS as BASE,
  campaignBody,
  insertRelease,
  type ReleaseSpec,
} from '../helpers/campaigns';
import { asSuperuser } from '../helpers/superuser';
import { signedIn } from '../helpers/users';

/**
 * A campaign's results: reach against plan, and the trend of its releases'
 * tables before and after it — the arithmetic, on both engines. Releases are
 * written straight into statistics_releases (as a coordinator, whom its
 * policies let insert and decide) so that their figures are known.
 */
type Signed = Awaited<ReturnType<typeof signedIn>>;
type Progress = {
  planned: number | null;
  reached: number;
  reachedOutsidePlan: number | null;
  percentOfPlan: number | null;
};
type Figure = {
  key: string | null;
  value: number | null;
  errorBound95: number | null;
  cellsSuppressed: number;
};
type TrendRelease = {
  releaseId: string;
  period: { year: number; quarter: number | null };
  periodStart: string;
  periodEnd: string;
  figures: Figure[];
};
type Point = (Omit<Figure, 'key'> & { releaseId: string }) | null;
type Trend = {
  tableId: string;
  linkedReleaseIds: string[];
  granularity: 'year' | 'quarter';
  dimension: string | null;
  before: TrendRelease[];
  after: TrendRelease[];
  comparisons: {
    key: string | null;
    latestBefore: Point;
    earliestAfter: Point;
    changeWithinBounds: boolean | null;
  }[];
};
type Results = {
  campaignId: string;
  asOf: string;
  status: string;
  reach: {
    total: Progress;
    byTerritory: (Progress & { territory: string })[];
    byGroup: (Progress & { group: string })[];
    byTerritoryGroup: (Progress & { territory: string; group: string })[];
  };
  trends: Trend[] | null;
};

let t: TestApp;
let coordinator: Signed;
let reader: Signed;

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await signedIn(t, 'coordinator');
  reader = await signedIn(t, 'caseworker');
}, 60_000);
afterAll(() => t.close());

/** A release whose figures are what the test says, as the coordinator. */
const release = (spec: ReleaseSpec) => insertRelease(t.database, coordinator.user.id, spec);

/** A campaign measured in 2023 (it has ended), planned in all; `over` replaces fields. */
async function campaign(over: Record<string, unknown>): Promise<string> {
  const res = await coordinator.client.post(
    BASE,
    campaignBody({
      name: 'Campaña medida',
      objective: 'Medir el alcance',
      channels: ['radio', 'schools'],
      startsOn: '2023-03-01',
      endsOn: '2023-06-30',
      budgetUsd: 1000,
      plannedReach: { total: 1000 },
      ...over,
    }),
  );
  expect(res.status).toBe(201);
  return (res.body as { id: string }).id;
}

async function activity(campaignId: string, body: Record<string, unknown>) {
  const res = await coordinator.client.post(`${BASE}/${campaignId}/activities`, {
    date: '2023-04-01',
    channel: 'radio',
    ...body,
  });
  expect(res.status).toBe(201);
}

async function results(campaignId: string): Promise<Results> {
  const res = await reader.client.get(`${BASE}/${campaignId}/results`);
  expect(res.status).toBe(200);
  return res.body as Results;
}

const row = (
  planned: number | null,
  reached: number,
  reachedOutsidePlan: number | null,
  percentOfPlan: number | null,
): Progress => ({ planned, reached, reachedOutsidePlan, percentOfPlan });

describe('reach against plan', () => {
  it('adds up reach by territory, group and both, beside the plan', async () => {
    const id = await campaign({
      plannedReach: {
        total: 1000,
        byTerritoryGroup: [
          { territory: 'Pichincha', group: 'migrant', planned: 300 },
          { territory: 'Pichincha', group: 'woman', planned: 200 },
          { territory: 'Guayas', group: 'migrant', planned: 100 },
          { territory: 'Guayas', group: 'woman', planned: 0 },
        ],
      },
    });
    await activity(id, {
      territory: 'Pichincha',
      reach: [
        { group: 'migrant', count: 100 },
        { group: 'woman', count: 50 },
        { group: 'general_public', count: 400 },
      ],
    });
    await activity(id, {
      territory: 'Pichincha',
      channel: 'schools',
      date: '2023-06-30',
      reach: [{ group: 'migrant', count: 50 }],
    });
    await activity(id, {
      territory: 'Guayas',
      reach: [
        { group: 'migrant', count: 120 },
        { group: 'woman', count: 7 },
        { group: 'disability', count: 1 },
      ],
    });
    const { reach, status, asOf } = await results(id);
    expect(status).toBe('ended');
    expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The total's plan is for everyone: all reach counts against it.
    expect(reach.total).toEqual(row(1000, 728, 0, 72.8));
    // A territory's reach against its plan counts only its planned cells; the rest apart.
    expect(reach.byTerritory).toEqual([
      { territory: 'Guayas', ...row(100, 127, 1, 127) },
      { territory: 'Pichincha', ...row(500, 200, 400, 40) },
    ]);
    // Target groups always; others (not planned) when reached.
    expect(reach.byGroup).toEqual([
      { group: 'migrant', ...row(400, 270, 0, 67.5) },
      { group: 'woman', ...row(200, 57, 0, 28.5) },
      { group: 'disability', ...row(null, 1, null, null) },
      { group: 'general_public', ...row(null, 400, null, null) },
    ]);
    expect(reach.byTerritoryGroup).toEqual([
      { territory: 'Guayas', group: 'migrant', ...row(100, 120, 0, 120) },
      // Planned as zero: no percentage of nothing.
      { territory: 'Guayas', group: 'woman', ...row(0, 7, 0, null) },
      { territory: 'Guayas', group: 'disability', ...row(null, 1, null, null) },
      { territory: 'Pichincha', group: 'migrant', ...row(300, 150, 0, 50) },
      { territory: 'Pichincha', group: 'woman', ...row(200, 50, 0, 25) },
      { territory: 'Pichincha', group: 'general_public', ...row(null, 400, null, null) },
    ]);
  });

  it('shows every target with zero reach before any activity, and no trend before the end', async () => {
    const id = await campaign({
      startsOn: '2020-01-01',
      endsOn: '2099-12-31',
      plannedReach: { total: 3 },
    });
    const { reach, status, trends } = await results(id);
    expect(status).toBe('running');
    expect(trends).toBeNull();
    expect(reach.total).toEqual(row(3, 0, 0, 0));
    expect(reach.byTerritory.map((r) => [r.territory, r.planned, r.reached])).toEqual([
      ['Guayas', null, 0],
      ['Pichincha', null, 0],
    ]);
    expect(reach.byGroup.map((r) => r.group)).toEqual(['migrant', 'woman']);
    expect(reach.byTerritoryGroup).toEqual([]);
  });

  it("compares like with like: a partial plan against its planned cells only (the reviewer's R2)", async () => {
    const id = await campaign({
      targetTerritories: ['Pichincha'],
      targetGroups: ['woman'],
      plannedReach: {
        total: 1000,
        byTerritoryGroup: [{ territory: 'Pichincha', group: 'woman', planned: 100 }],
      },
    });
    await activity(id, {
      territory: 'Pichincha',
      reach: [{ group: 'general_public', count: 500 }],
    });
    const { reach } = await results(id);
    // Not 500 of 100 (500 %): nobody of the planned cell was reached; 500 outside it.
    expect(reach.byTerritory).toEqual([{ territory: 'Pichincha', ...row(100, 0, 500, 0) }]);
    expect(reach.byGroup).toEqual([
      { group: 'woman', ...row(100, 0, 0, 0) },
      { group: 'general_public', ...row(null, 500, null, null) },
    ]);
    expect(reach.byTerritoryGroup).toEqual([
      { territory: 'Pichincha', group: 'woman', ...row(100, 0, 0, 0) },
      { territory: 'Pichincha', group: 'general_public', ...row(null, 500, null, null) },
    ]);
    expect(reach.total).toEqual(row(1000, 500, 0, 50));
  });

  it('rounds the percentage to one decimal', () => {
    expect(percentOfPlan(3, 1)).toBe(33.3);
    expect(percentOfPlan(3, 2)).toBe(66.7);
    expect(percentOfPlan(8, 1)).toBe(12.5);
    expect(percentOfPlan(1000, 1)).toBe(0.1);
    expect(percentOfPlan(2000, 1)).toBe(0.1);
    expect(percentOfPlan(0, 5)).toBeNull();
    expect(percentOfPlan(null, 5)).toBeNull();
  });
});

describe('the trend before and after an ended campaign', () => {
  it('splits the published releases of a province table, with their bounds', async () => {
    const early = await release({
      tableId: 'victims_by_province',
      year: 2021,
      cells: { Pichincha: 90, Guayas: 60, Loja: 30 },
    });
    const linked = await release({
      tableId: 'victims_by_province',
      year: 2022,
      cells: { Pichincha: 100, Guayas: 50, Loja: 40, Azuay: 500 },
    });
    // Overlaps the campaign: neither before nor after.
    await release({ tableId: 'victims_by_province', year: 2023, cells: { Pichincha: 1 } });
    const superseded = await release({
      tableId: 'victims_by_province',
      year: 2024,
      cells: { Pichincha: 999, Guayas: 999, Loja: 999 },
      publishedAt: '2025-01-01T00:00:00Z',
    });
    const latest2024 = await release({
      tableId: 'victims_by_province',
      year: 2024,
      cells: { Pichincha: 130, Guayas: 150, Loja: null },
      publishedAt: '2025-02-01T00:00:00Z',
    });
    // A draft is nobody's trend.
    await release({ tableId: 'victims_by_province', year: 2024, state: 'draft' });
    const later = await release({
      tableId: 'victims_by_province',
      year: 2025,
      cells: { Pichincha: 140, Guayas: 10, Loja: 45 },
    });
    // Quarters are compared with quarters only.
    const q4 = await release({
      tableId: 'victims_by_province',
      year: 2022,
      quarter: 4,
      cells: { Pichincha: 25 },
      cellBound: 10,
    });
    await release({ tableId: 'victims_by_province', year: 2023, quarter: 1, cells: {} });
    const q3 = await release({
      tableId: 'victims_by_province',
      year: 2023,
      quarter: 3,
      cells: { Pichincha: 50, Guayas: null },
      cellBound: 10,
    });

    const id = await campaign({
      targetTerritories: ['Pichincha', 'Guayas', 'Loja'],
      releaseIds: [linked, q4],
    });
    const { trends } = await results(id);
    expect(trends).toHaveLength(2);
    const [yearly, quarterly] = trends!;

    expect(yearly).toMatchObject({
      tableId: 'victims_by_province',
      linkedReleaseIds: [linked],
      granularity: 'year',
      dimension: 'province',
    });
    expect(yearly!.before.map((r) => r.releaseId)).toEqual([early, linked]);
    expect(yearly!.after.map((r) => r.releaseId)).toEqual([superseded, latest2024, later]);
    expect(yearly!.before[1]).toMatchObject({
      period: { year: 2022, quarter: null },
      periodStart: '2022-01-01',
      periodEnd: '2022-12-31',
      // The target territories only, in the campaign's order.
      figures: [
        { key: 'Pichincha', value: 100, errorBound95: 20, cellsSuppressed: 0 },
        { key: 'Guayas', value: 50, errorBound95: 20, cellsSuppressed: 0 },
        { key: 'Loja', value: 40, errorBound95: 20, cellsSuppressed: 0 },
      ],
    });
    // A suppressed cell stays null.
    expect(yearly!.after[1]!.figures).toEqual([
      { key: 'Pichincha', value: 130, errorBound95: 20, cellsSuppressed: 0 },
      { key: 'Guayas', value: 150, errorBound95: 20, cellsSuppressed: 0 },
      { key: 'Loja', value: null, errorBound95: 20, cellsSuppressed: 1 },
    ]);
    // Latest before: 2022; earliest after: 2024, its latest publication.
    expect(yearly!.comparisons).toEqual([
      {
        key: 'Pichincha',
        latestBefore: { releaseId: linked, value: 100, errorBound95: 20, cellsSuppressed: 0 },
        earliestAfter: { releaseId: latest2024, value: 130, errorBound95: 20, cellsSuppressed: 0 },
        // |130 − 100| = 30 ≤ 20 + 20: the intervals overlap, not a change.
        changeWithinBounds: true,
      },
      {
        key: 'Guayas',
        latestBefore: { releaseId: linked, value: 50, errorBound95: 20, cellsSuppressed: 0 },
        earliestAfter: { releaseId: latest2024, value: 150, errorBound95: 20, cellsSuppressed: 0 },
        changeWithinBounds: false,
      },
      {
        key: 'Loja',
        latestBefore: { releaseId: linked, value: 40, errorBound95: 20, cellsSuppressed: 0 },
        earliestAfter: { releaseId: latest2024, value: null, errorBound95: 20, cellsSuppressed: 1 },
        changeWithinBounds: null,
      },
    ]);

    expect(quarterly).toMatchObject({ linkedReleaseIds: [q4], granularity: 'quarter' });
    // Q1 2023 (January to March) overlaps a campaign that started on 1 March.
    expect(quarterly!.before.map((r) => [r.releaseId, r.periodStart, r.periodEnd])).toEqual([
      [q4, '2022-10-01', '2022-12-31'],
    ]);
    expect(quarterly!.after.map((r) => [r.releaseId, r.periodStart, r.periodEnd])).toEqual([
      [q3, '2023-07-01', '2023-09-30'],
    ]);
    expect(quarterly!.comparisons.map((c) => [c.key, c.changeWithinBounds])).toEqual([
      // |50 − 25| = 25 > 10 + 10.
      ['Pichincha', false],
      ['Guayas', null],
      // 0 and 0: no change.
      ['Loja', true],
    ]);
  });

  it('uses the grand total of a table without territory or group, both ways', async () => {
    const sexBefore = await release({
      tableId: 'victims_by_sex_age_group',
      year: 2022,
      grand: { value: 200, errorBound95: 30 },
    });
    const sexAfter = await release({
      tableId: 'victims_by_sex_age_group',
      year: 2024,
      grand: { value: 260, errorBound95: 30 },
    });
    const quarterBefore = await release({
      tableId: 'victims_by_quarter_exploitation',
      year: 2022,
      grand: { value: 100, errorBound95: 10 },
    });
    await release({
      tableId: 'victims_by_quarter_exploitation',
      year: 2024,
      grand: { value: 121, errorBound95: 10 },
    });
    const id = await campaign({ releaseIds: [sexBefore, quarterBefore] });
    const { trends } = await results(id);
    const byTable = new Map(trends!.map((trend) => [trend.tableId, trend]));
    const sex = byTable.get('victims_by_sex_age_group')!;
    expect(sex.dimension).toBeNull();
    expect(sex.before[0]!.figures).toEqual([
      { key: null, value: 200, errorBound95: 30, cellsSuppressed: 0 },
    ]);
    expect(sex.comparisons).toEqual([
      {
        key: null,
        latestBefore: { releaseId: sexBefore, value: 200, errorBound95: 30, cellsSuppressed: 0 },
        earliestAfter: { releaseId: sexAfter, value: 260, errorBound95: 30, cellsSuppressed: 0 },
        // |260 − 200| = 60 = 30 + 30: the intervals touch, within the bounds.
        changeWithinBounds: true,
      },
    ]);
    const quarter = byTable.get('victims_by_quarter_exploitation')!;
    // |121 − 100| = 21 > 10 + 10.
    expect(quarter.comparisons[0]).toMatchObject({ key: null, changeWithinBounds: false });
  });

  it('uses the cells of the target groups of a vulnerability-group table', async () => {
    const before = await release({
      tableId: 'victims_by_vulnerability_group',
      year: 2022,
      cells: { migrant: 20, woman: null, lgbti: 70 },
      cellBound: 15,
    });
    await release({
      tableId: 'victims_by_vulnerability_group',
      year: 2024,
      cells: { migrant: 25, woman: 30, lgbti: 0 },
      cellBound: 15,
    });
    const id = await campaign({ releaseIds: [before] });
    const { trends } = await results(id);
    expect(trends![0]!.dimension).toBe('vulnerability_group');
    expect(trends![0]!.before[0]!.figures).toEqual([
      { key: 'migrant', value: 20, errorBound95: 15, cellsSuppressed: 0 },
      { key: 'woman', value: null, errorBound95: 15, cellsSuppressed: 1 },
    ]);
    expect(trends![0]!.comparisons.map((c) => [c.key, c.changeWithinBounds])).toEqual([
      ['migrant', true],
      ['woman', null],
    ]);
  });

  it("never presents a total of suppressed cells as a number (the reviewer's R1)", async () => {
    // Real releases suppress every cell below the threshold (11), zeros included.
    const table = tableById('victims_by_sex_age_group')!;
    const keys = cellKeys(table, { year: 2012 }).map((key) => key.join('|'));
    const suppressedBut = (shown: Record<string, number>) =>
      Object.fromEntries(keys.map((key) => [key, shown[key] ?? null]));
    // 2012: sixty victims in six cells of 10, every cell suppressed; the sum shown is 0.
    const before = await release({
      tableId: 'victims_by_sex_age_group',
      year: 2012,
      cells: suppressedBut({}),
      grand: { value: 0, errorBound95: 0 },
    });
    // 2014: the same sixty, five cells of 12 shown, the rest suppressed.
    const after = await release({
      tableId: 'victims_by_sex_age_group',
      year: 2014,
      cells: suppressedBut({
        'female|adult': 12,
        'female|child': 12,
        'male|adult': 12,
        'male|child': 12,
        'other|adult': 12,
      }),
      grand: { value: 60, errorBound95: 25 },
    });
    const id = await campaign({
      startsOn: '2013-03-01',
      endsOn: '2013-06-30',
      releaseIds: [before],
    });
    const [trend] = (await results(id)).trends!;
    // No shown cell: no value and no bound, not 0 ± 0.
    expect(trend!.before[0]!.figures).toEqual([
      { key: null, value: null, errorBound95: null, cellsSuppressed: keys.length },
    ]);
    expect(trend!.comparisons).toEqual([
      {
        key: null,
        latestBefore: {
          releaseId: before,
          value: null,
          errorBound95: null,
          cellsSuppressed: keys.length,
        },
        // The shown cells' total, saying how many it leaves out.
        earliestAfter: {
          releaseId: after,
          value: 60,
          errorBound95: 25,
          cellsSuppressed: keys.length - 5,
        },
        // Not "a real change" (0 ± 0 against 60): not comparable.
        changeWithinBounds: null,
      },
    ]);
  });

  it("reads a linked release however many later ones its table has (the reviewer's R5)", async () => {
    const linked = await release({
      tableId: 'victims_by_nationality_exploitation',
      year: 2010,
      grand: { value: 50, errorBound95: 9 },
    });
    // 500 later yearly re-releases of the same table (50 for each year 2011–2020): more than
    // the 500 newest the trend once read, of which the linked one was not.
    const table = tableById('victims_by_nationality_exploitation')!;
    const definition = JSON.stringify(definitionOf(table, { year: 2011 }));
    const figures = JSON.stringify({
      cells: [],
      cellErrorBound95: 8,
      noiseScale: 2,
      totals: {
        grand: { value: 70, cellsShown: 1, cellsSuppressed: 0, errorBound95: 8 },
        byDimension: [],
      },
    });
    await asSuperuser(
      t.database,
      `INSERT INTO statistics_releases (id, table_id, period_year, epsilon_hundredths,
         sensitivity, threshold, rounding, definition, figures, software_version, computed_by,
         computed_at, published_at, published_by)
       SELECT gen_random_uuid(), 'victims_by_nationality_exploitation', 2011 + (g % 10), 1, 1,
         11, 5, '${definition}'::jsonb, '${figures}'::jsonb, 'test', '${coordinator.user.id}',
         now() - interval '2 days', now() - interval '1 day' + g * interval '1 second',
         '${coordinator.user.id}'
       FROM generate_series(1, 500) g`,
    );
    const id = await campaign({
      startsOn: '2009-01-01',
      endsOn: '2009-06-30',
      releaseIds: [linked],
    });
    const [trend] = (await results(id)).trends!;
    expect(trend!.linkedReleaseIds).toEqual([linked]);
    expect(trend!.before).toEqual([]);
    // The 8 nearest periods after it (2010–2017), of each the 3 last published.
    const years = trend!.after.map((r) => r.period.year);
    expect(years).toEqual([
      2010,
      ...[2011, 2012, 2013, 2014, 2015, 2016, 2017].flatMap((y) => [y, y, y]),
    ]);
    expect(trend!.comparisons).toEqual([
      {
        key: null,
        latestBefore: null,
        earliestAfter: { releaseId: linked, value: 50, errorBound95: 9, cellsSuppressed: 0 },
        changeWithinBounds: null,
      },
    ]);
    // Of 2011, the last three published, oldest first.
    const published2011 = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      sql<{ id: string }>`select id from statistics_releases
        where table_id = 'victims_by_nationality_exploitation' and period_year = 2011
        order by published_at desc limit 3`.execute(trx),
    );
    expect(trend!.after.slice(1, 4).map((r) => r.releaseId)).toEqual(
      published2011.rows.map((r) => r.id).reverse(),
    );
  });

  it('has no comparison when one side has no release, and no trend without releases', async () => {
    const only = await release({
      tableId: 'referrals_by_sector_outcome',
      year: 2022,
      grand: { value: 40, errorBound95: 25 },
    });
    const linked = await campaign({ releaseIds: [only] });
    const [trend] = (await results(linked)).trends!;
    expect(trend!.after).toEqual([]);
    expect(trend!.comparisons).toEqual([
      {
        key: null,
        latestBefore: { releaseId: only, value: 40, errorBound95: 25, cellsSuppressed: 0 },
        earliestAfter: null,
        changeWithinBounds: null,
      },
    ]);
    expect((await results(await campaign({}))).trends).toEqual([]);
  });
});

describe('the arithmetic, on its own', () => {
  it('compares intervals inclusively', () => {
    const point = (value: number | null, errorBound95: number | null, cellsSuppressed = 0) => ({
      releaseId: randomUUID(),
      value,
      errorBound95,
      cellsSuppressed,
    });
    expect(changeWithinBounds(point(10, 5), point(20, 5))).toBe(true);
    expect(changeWithinBounds(point(10, 5), point(21, 5))).toBe(false);
    expect(changeWithinBounds(point(21, 5), point(10, 5))).toBe(false);
    expect(changeWithinBounds(point(10, 0), point(10, 0))).toBe(true);
    expect(changeWithinBounds(point(null, 5), point(10, 5))).toBeNull();
    expect(changeWithinBounds(null, point(10, 5))).toBeNull();
    // A total of no shown cell, or one leaving suppressed cells out, is compared with nothing.
    expect(changeWithinBounds(point(null, null, 6), point(60, 20))).toBeNull();
    expect(changeWithinBounds(point(60, 20, 1), point(60, 20))).toBeNull();
    expect(changeWithinBounds(point(60, 20), point(60, 20, 2))).toBeNull();
  });

  it("judges a campaign's status on Ecuador's date", () => {
    // 03:00 UTC on 1 March is still 28 February in Guayaquil (UTC−5).
    expect(ecuadorDate(new Date('2026-03-01T03:00:00Z'))).toBe('2026-02-28');
    expect(ecuadorDate(new Date('2026-03-01T05:00:00Z'))).toBe('2026-03-01');
    const period = { startsOn: '2026-03-01', endsOn: '2026-03-31' };
    expect(statusOn(period, '2026-02-28')).toBe('planned');
    expect(statusOn(period, '2026-03-01')).toBe('running');
    expect(statusOn(period, '2026-03-31')).toBe('running');
    expect(statusOn(period, '2026-04-01')).toBe('ended');
  });

  it('reads the published total of a value in a table of two dimensions', () => {
    // No catalogue table crosses province with another dimension today; should
    // one, the figure is the release's own total for the territory.
    const release = (id: string, year: number, pichincha: number | null): Release => ({
      id,
      state: 'published',
      table: {
        id: 'victims_by_province',
        source: 'victims',
        dimensions: [
          { id: 'province', values: ['Pichincha'] },
          { id: 'sex', values: ['female', 'male'] },
        ],
        contributionBound: 1,
      },
      period: { year, quarter: null },
      parameters: {
        mechanism: 'discrete_laplace',
        epsilon: 0.5,
        sensitivity: 1,
        threshold: 11,
        rounding: 5,
        confidence: 0.95,
      },
      figures: {
        cells: [],
        cellErrorBound95: 9,
        noiseScale: 2,
        totals: {
          grand: { value: 0, cellsShown: 0, cellsSuppressed: 0, errorBound95: 1 },
          byDimension: [
            {
              dimension: 'province',
              totals: [
                {
                  value: 'Pichincha',
                  total: {
                    value: pichincha ?? 0,
                    cellsShown: 2,
                    cellsSuppressed: 0,
                    errorBound95: 13,
                  },
                },
              ],
            },
          ],
        },
      },
      softwareVersion: 'test',
      computedAt: `${year + 1}-01-01T00:00:00.000Z`,
      publishedAt: `${year + 1}-01-02T00:00:00.000Z`,
    });
    const before = release(randomUUID(), 2020, 50);
    const after = release(randomUUID(), 2022, 80);
    const [trend] = trendsOf(
      {
        startsOn: '2021-01-01',
        endsOn: '2021-12-31',
        targetTerritories: ['Pichincha', 'Guayas'],
        targetGroups: ['woman'],
      },
      [before],
      () => [after, before],
    );
    expect(trend!.before[0]!.figures).toEqual([
      { key: 'Pichincha', value: 50, errorBound95: 13, cellsSuppressed: 0 },
      // Not among the release's values: unknown, never zero, and without a bound.
      { key: 'Guayas', value: null, errorBound95: null, cellsSuppressed: 0 },
    ]);
    expect(trend!.comparisons[0]).toMatchObject({ key: 'Pichincha', changeWithinBounds: false });
  });
});
