import { randomUUID } from 'node:crypto';
import { inActorTransaction, type DbActor } from '../../server/db/actor-transaction';
import {
  changeWithinBounds,
  percentOfPlan,
  trendsOf,
} from '../../server/modules/campaigns/campaign-results';
import {
  dayIn,
  releasePeriodBounds,
  statusOn,
} from '../../server/modules/campaigns/campaign-dates';
import { cellKeys, tableById, type TableId } from '../../server/modules/statistics/catalogue';
import type { Release } from '../../server/modules/statistics/statistics.schemas';
import { definitionOf } from '../../server/modules/statistics/statistics.service';
import { startTestApp, type TestApp } from '../helpers/app';
import { signedIn } from '../helpers/users';

/**
 * A campaign's results: reach against plan, and the trend of its releases'
 * tables before and after it — the arithmetic, on both engines. Releases are
 * written straight into statistics_releases (as a coordinator, whom its
 * policies let insert and decide) so that their figures are known.
 */
type Signed = Awaited<ReturnType<typeof signedIn>>;
type Progress = { planned: number | null; reached: number; percentOfPlan: number | null };
type Figure = { key: string | null; value: number | null; errorBound95: number };
type TrendRelease = {
  releaseId: string;
  period: { year: number; quarter: number | null };
  periodStart: string;
  periodEnd: string;
  figures: Figure[];
};
type Point = { releaseId: string; value: number | null; errorBound95: number } | null;
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
  reader = await signedIn(t, 'partner');
}, 60_000);
afterAll(() => t.close());

const BASE = '/api/v1/campaigns';

interface ReleaseSpec {
  tableId: TableId;
  year: number;
  quarter?: number;
  /** Cell values by the cell key's parts joined with '|'; null: suppressed; absent: 0. */
  cells?: Record<string, number | null>;
  cellBound?: number;
  grand?: { value: number; errorBound95: number };
  state?: 'published' | 'draft';
  publishedAt?: string;
}

/** A release straight into the table, as the coordinator: its figures are what the test says. */
async function release(spec: ReleaseSpec): Promise<string> {
  const id = randomUUID();
  const table = tableById(spec.tableId)!;
  const period = spec.quarter ? { year: spec.year, quarter: spec.quarter } : { year: spec.year };
  const cellBound = spec.cellBound ?? 20;
  const cells = cellKeys(table, period).map((key) => {
    const value = spec.cells?.[key.join('|')];
    return value === null
      ? { key, value: null, suppressed: true }
      : { key, value: value ?? 0, suppressed: false };
  });
  const shown = cells.filter((c) => c.value !== null);
  const grand = spec.grand ?? {
    value: shown.reduce((n, c) => n + (c.value ?? 0), 0),
    errorBound95: 99,
  };
  const figures = {
    cells,
    cellErrorBound95: cellBound,
    noiseScale: 2,
    totals: {
      grand: {
        ...grand,
        cellsShown: shown.length,
        cellsSuppressed: cells.length - shown.length,
      },
      byDimension: [],
    },
  };
  const actor: DbActor = {
    id: coordinator.user.id,
    role: 'coordinator',
    institutionId: coordinator.user.institutionId,
  };
  await inActorTransaction(t.database.store, actor, async (trx) => {
    await trx
      .insertInto('statistics_releases')
      .values({
        id,
        table_id: spec.tableId,
        period_year: spec.year,
        period_quarter: spec.quarter ?? null,
        epsilon_hundredths: 50,
        sensitivity: table.contributionBound,
        threshold: 11,
        rounding: 5,
        definition: JSON.stringify(definitionOf(table, period)),
        figures: JSON.stringify(figures),
        software_version: 'test',
        computed_by: actor.id,
      })
      .execute();
    if ((spec.state ?? 'published') === 'published') {
      await trx
        .updateTable('statistics_releases')
        .set({
          published_at: new Date(spec.publishedAt ?? `${spec.year + 1}-01-15T12:00:00Z`),
          published_by: actor.id,
        })
        .where('id', '=', id)
        .execute();
    }
  });
  return id;
}

async function campaign(over: Record<string, unknown>): Promise<string> {
  const res = await coordinator.client.post(BASE, {
    name: 'Campaña medida',
    objective: 'Medir el alcance',
    targetTerritories: ['Pichincha', 'Guayas'],
    targetGroups: ['migrant', 'woman'],
    channels: ['radio', 'schools'],
    startsOn: '2023-03-01',
    endsOn: '2023-06-30',
    budgetUsd: 1000,
    plannedReach: { total: 1000 },
    ...over,
  });
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
    expect(reach.total).toEqual({ planned: 1000, reached: 728, percentOfPlan: 72.8 });
    expect(reach.byTerritory).toEqual([
      { territory: 'Guayas', planned: 100, reached: 128, percentOfPlan: 128 },
      { territory: 'Pichincha', planned: 500, reached: 600, percentOfPlan: 120 },
    ]);
    // Target groups always; others (not planned) when reached.
    expect(reach.byGroup).toEqual([
      { group: 'migrant', planned: 400, reached: 270, percentOfPlan: 67.5 },
      { group: 'woman', planned: 200, reached: 57, percentOfPlan: 28.5 },
      { group: 'disability', planned: null, reached: 1, percentOfPlan: null },
      { group: 'general_public', planned: null, reached: 400, percentOfPlan: null },
    ]);
    expect(reach.byTerritoryGroup).toEqual([
      { territory: 'Guayas', group: 'migrant', planned: 100, reached: 120, percentOfPlan: 120 },
      // Planned as zero: no percentage of nothing.
      { territory: 'Guayas', group: 'woman', planned: 0, reached: 7, percentOfPlan: null },
      { territory: 'Guayas', group: 'disability', planned: null, reached: 1, percentOfPlan: null },
      { territory: 'Pichincha', group: 'migrant', planned: 300, reached: 150, percentOfPlan: 50 },
      { territory: 'Pichincha', group: 'woman', planned: 200, reached: 50, percentOfPlan: 25 },
      {
        territory: 'Pichincha',
        group: 'general_public',
        planned: null,
        reached: 400,
        percentOfPlan: null,
      },
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
    expect(reach.total).toEqual({ planned: 3, reached: 0, percentOfPlan: 0 });
    expect(reach.byTerritory.map((r) => [r.territory, r.planned, r.reached])).toEqual([
      ['Guayas', null, 0],
      ['Pichincha', null, 0],
    ]);
    expect(reach.byGroup.map((r) => r.group)).toEqual(['migrant', 'woman']);
    expect(reach.byTerritoryGroup).toEqual([]);
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
        { key: 'Pichincha', value: 100, errorBound95: 20 },
        { key: 'Guayas', value: 50, errorBound95: 20 },
        { key: 'Loja', value: 40, errorBound95: 20 },
      ],
    });
    // A suppressed cell stays null.
    expect(yearly!.after[1]!.figures).toEqual([
      { key: 'Pichincha', value: 130, errorBound95: 20 },
      { key: 'Guayas', value: 150, errorBound95: 20 },
      { key: 'Loja', value: null, errorBound95: 20 },
    ]);
    // Latest before: 2022; earliest after: 2024, its latest publication.
    expect(yearly!.comparisons).toEqual([
      {
        key: 'Pichincha',
        latestBefore: { releaseId: linked, value: 100, errorBound95: 20 },
        earliestAfter: { releaseId: latest2024, value: 130, errorBound95: 20 },
        // |130 − 100| = 30 ≤ 20 + 20: the intervals overlap, not a change.
        changeWithinBounds: true,
      },
      {
        key: 'Guayas',
        latestBefore: { releaseId: linked, value: 50, errorBound95: 20 },
        earliestAfter: { releaseId: latest2024, value: 150, errorBound95: 20 },
        changeWithinBounds: false,
      },
      {
        key: 'Loja',
        latestBefore: { releaseId: linked, value: 40, errorBound95: 20 },
        earliestAfter: { releaseId: latest2024, value: null, errorBound95: 20 },
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
    expect(sex.before[0]!.figures).toEqual([{ key: null, value: 200, errorBound95: 30 }]);
    expect(sex.comparisons).toEqual([
      {
        key: null,
        latestBefore: { releaseId: sexBefore, value: 200, errorBound95: 30 },
        earliestAfter: { releaseId: sexAfter, value: 260, errorBound95: 30 },
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
      { key: 'migrant', value: 20, errorBound95: 15 },
      { key: 'woman', value: null, errorBound95: 15 },
    ]);
    expect(trends![0]!.comparisons.map((c) => [c.key, c.changeWithinBounds])).toEqual([
      ['migrant', true],
      ['woman', null],
    ]);
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
        latestBefore: { releaseId: only, value: 40, errorBound95: 25 },
        earliestAfter: null,
        changeWithinBounds: null,
      },
    ]);
    expect((await results(await campaign({}))).trends).toEqual([]);
  });
});

describe('the arithmetic, on its own', () => {
  it('compares intervals inclusively', () => {
    const point = (value: number | null, errorBound95: number) => ({
      releaseId: randomUUID(),
      value,
      errorBound95,
    });
    expect(changeWithinBounds(point(10, 5), point(20, 5))).toBe(true);
    expect(changeWithinBounds(point(10, 5), point(21, 5))).toBe(false);
    expect(changeWithinBounds(point(21, 5), point(10, 5))).toBe(false);
    expect(changeWithinBounds(point(10, 0), point(10, 0))).toBe(true);
    expect(changeWithinBounds(point(null, 5), point(10, 5))).toBeNull();
    expect(changeWithinBounds(null, point(10, 5))).toBeNull();
  });

  it("judges a campaign's status on Ecuador's date", () => {
    // 03:00 UTC on 1 March is still 28 February in Guayaquil (UTC−5).
    expect(dayIn(new Date('2026-03-01T03:00:00Z'))).toBe('2026-02-28');
    expect(dayIn(new Date('2026-03-01T05:00:00Z'))).toBe('2026-03-01');
    const period = { startsOn: '2026-03-01', endsOn: '2026-03-31' };
    expect(statusOn(period, '2026-02-28')).toBe('planned');
    expect(statusOn(period, '2026-03-01')).toBe('running');
    expect(statusOn(period, '2026-03-31')).toBe('running');
    expect(statusOn(period, '2026-04-01')).toBe('ended');
  });

  it('gives the days of a year and of each quarter', () => {
    expect(releasePeriodBounds({ year: 2024, quarter: null })).toEqual({
      start: '2024-01-01',
      end: '2024-12-31',
    });
    expect(releasePeriodBounds({ year: 2024, quarter: 1 })).toEqual({
      start: '2024-01-01',
      end: '2024-03-31',
    });
    expect(releasePeriodBounds({ year: 2024, quarter: 2 })).toEqual({
      start: '2024-04-01',
      end: '2024-06-30',
    });
    expect(releasePeriodBounds({ year: 2023, quarter: 3 }).end).toBe('2023-09-30');
    expect(releasePeriodBounds({ year: 2023, quarter: 4 }).end).toBe('2023-12-31');
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
      { key: 'Pichincha', value: 50, errorBound95: 13 },
      // Not among the release's values: unknown, never zero.
      { key: 'Guayas', value: null, errorBound95: 9 },
    ]);
    expect(trend!.comparisons[0]).toMatchObject({ key: 'Pichincha', changeWithinBounds: false });
  });
});
