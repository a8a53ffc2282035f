import {
  breakdownsOf,
  buildTrends,
  trendPoints,
  type Breakdown,
} from '../../client/src/features/statistics/trends';
import type { components } from '../../client/src/api/schema';

/**
 * The trends the dashboard and the observatory draw: published figures only,
 * quarter by quarter where the table has quarters, the latest release of a
 * period winning, and nothing derived — a hidden cell stays hidden, a total
 * of hidden cells only has no figure.
 */
type Release = components['schemas']['StatisticsRelease'];

const total = (value: number, shown: number, hidden: number, bound = 9) => ({
  value,
  cellsShown: shown,
  cellsSuppressed: hidden,
  errorBound95: bound,
});

let n = 0;
function release(overrides: Partial<Release> & Pick<Release, 'table' | 'figures'>): Release {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    state: 'published',
    period: { year: 2025, quarter: null },
    parameters: {
      mechanism: 'discrete_laplace',
      epsilon: 0.5,
      sensitivity: 1,
      threshold: 11,
      rounding: 5,
      confidence: 0.95,
    },
    softwareVersion: '0.1.0',
    computedAt: '2026-01-10T10:00:00.000Z',
    publishedAt: '2026-01-11T10:00:00.000Z',
    ...overrides,
  };
}

const sexAge = {
  id: 'victims_by_sex_age_group' as const,
  source: 'victims' as const,
  dimensions: [
    { id: 'sex' as const, values: ['female', 'male'] },
    { id: 'age_group' as const, values: ['adult'] },
  ],
  contributionBound: 1,
};
function sexAgeRelease(year: number, female: number | null, publishedAt: string) {
  return release({
    period: { year, quarter: null },
    publishedAt,
    table: sexAge,
    figures: {
      cells: [
        { key: ['female', 'adult'], value: female, suppressed: female === null },
        { key: ['male', 'adult'], value: null, suppressed: true },
      ],
      cellErrorBound95: 5,
      noiseScale: 2,
      totals: {
        grand: female === null ? total(0, 0, 2) : total(female, 1, 1),
        byDimension: [
          {
            dimension: 'sex',
            totals: [
              { value: 'female', total: female === null ? total(0, 0, 1) : total(female, 1, 0, 5) },
              { value: 'male', total: total(0, 0, 1) },
            ],
          },
          {
            dimension: 'age_group',
            totals: [
              { value: 'adult', total: female === null ? total(0, 0, 2) : total(female, 1, 1) },
            ],
          },
        ],
      },
    },
  });
}

const TOTAL: Breakdown = { kind: 'total' };

describe('statistics trends', () => {
  it('reads published releases only, oldest period first, the latest publication of a period winning', () => {
    const trends = buildTrends([
      sexAgeRelease(2026, 40, '2027-01-02T00:00:00.000Z'),
      sexAgeRelease(2025, 30, '2026-01-02T00:00:00.000Z'),
      sexAgeRelease(2025, 35, '2026-06-02T00:00:00.000Z'),
      { ...sexAgeRelease(2024, 99, '2025-01-02T00:00:00.000Z'), state: 'draft' },
    ]);
    expect(trends).toHaveLength(1);
    const points = trendPoints(trends[0]!, TOTAL);
    expect(points.map((p) => [p.year, p.value, p.hiddenCells])).toEqual([
      [2025, 35, 1],
      [2026, 40, 1],
    ]);
  });

  it('a hidden cell stays hidden ("<k"), and a total of hidden cells only has no figure', () => {
    const [trend] = buildTrends([sexAgeRelease(2025, null, '2026-01-02T00:00:00.000Z')]);
    const [cell] = trendPoints(trend!, { kind: 'value', dimension: 'sex', value: 'male' });
    expect(cell).toMatchObject({ value: null, belowThreshold: false, hiddenCells: 1 });
    const [grand] = trendPoints(trend!, TOTAL);
    expect(grand).toMatchObject({ value: null, belowThreshold: false, hiddenCells: 2 });
  });

  it('one-dimensional tables follow a value through its cell, with the cell bound', () => {
    const [trend] = buildTrends([
      release({
        table: {
          id: 'victims_by_province',
          source: 'victims',
          dimensions: [{ id: 'province', values: ['Pichincha', 'Guayas'] }],
          contributionBound: 1,
        },
        figures: {
          cells: [
            { key: ['Pichincha'], value: 20, suppressed: false },
            { key: ['Guayas'], value: null, suppressed: true },
          ],
          cellErrorBound95: 7,
          noiseScale: 2,
          totals: { grand: total(20, 1, 1), byDimension: [] },
        },
      }),
    ]);
    expect(breakdownsOf(trend!.table)).toHaveLength(3);
    expect(
      trendPoints(trend!, { kind: 'value', dimension: 'province', value: 'Pichincha' })[0],
    ).toMatchObject({ value: 20, errorBound: 7, belowThreshold: false });
    expect(
      trendPoints(trend!, { kind: 'value', dimension: 'province', value: 'Guayas' })[0],
    ).toMatchObject({ value: null, belowThreshold: true });
  });

  it('tables with quarters are read quarter by quarter; quarterly releases of other tables apart from yearly ones', () => {
    const quarterTable = {
      id: 'victims_by_quarter_exploitation' as const,
      source: 'victims' as const,
      dimensions: [
        { id: 'quarter' as const, values: ['1', '2'] },
        { id: 'exploitation_group' as const, values: ['forced_labour'] },
      ],
      contributionBound: 1,
    };
    const [trend] = buildTrends([
      release({
        table: quarterTable,
        figures: {
          cells: [
            { key: ['1', 'forced_labour'], value: 15, suppressed: false },
            { key: ['2', 'forced_labour'], value: 25, suppressed: false },
          ],
          cellErrorBound95: 6,
          noiseScale: 2,
          totals: {
            grand: total(40, 2, 0),
            byDimension: [
              {
                dimension: 'quarter',
                totals: [
                  { value: '1', total: total(15, 1, 0, 6) },
                  { value: '2', total: total(25, 1, 0, 6) },
                ],
              },
              { dimension: 'exploitation_group', totals: [] },
            ],
          },
        },
      }),
    ]);
    expect(trend!.granularity).toBe('quarter');
    expect(
      breakdownsOf(trend!.table).map((b) => (b.kind === 'total' ? 'total' : b.dimension)),
    ).toEqual(['total', 'exploitation_group']);
    expect(trendPoints(trend!, TOTAL).map((p) => [p.quarter, p.value])).toEqual([
      [1, 15],
      [2, 25],
    ]);
    const yearly = sexAgeRelease(2025, 30, '2026-01-02T00:00:00.000Z');
    const quarterly = {
      ...sexAgeRelease(2025, 20, '2026-01-03T00:00:00.000Z'),
      period: { year: 2025, quarter: 3 },
    };
    expect(buildTrends([yearly, quarterly]).map((t) => t.key)).toEqual([
      'victims_by_sex_age_group:quarter',
      'victims_by_sex_age_group:year',
    ]);
  });
});
