import { randomUUID } from 'node:crypto';
import { cellKeys, definitionOf, tableById, type TableId } from '../../server/modules/statistics';
import type { TestDatabase } from './database';
import { insertReleaseRow } from './statistics';

/** Fixtures of the campaigns' tests (test/api/campaigns*.test.ts). */

export const CAMPAIGNS = '/api/v1/campaigns';

/** A campaign as a coordinator sends it; `over` replaces fields. */
export const campaignBody = (over: Record<string, unknown> = {}) => ({
  name: 'Rutas seguras',
  objective: 'Prevenir la captación en terminales terrestres.\r\nSegunda línea del objetivo.',
  targetTerritories: ['Pichincha', 'Guayas'],
  targetGroups: ['migrant', 'woman'],
  channels: ['radio', 'transport_terminals'],
  startsOn: '2024-03-01',
  endsOn: '2024-06-30',
  budgetUsd: 12500.5,
  plannedReach: {
    total: 1000,
    byTerritoryGroup: [
      { territory: 'Pichincha', group: 'migrant', planned: 300 },
      { territory: 'Guayas', group: 'general_public', planned: 200 },
    ],
  },
  ...over,
});

/** The columns of a campaign written straight into the table; `over` replaces some. */
export const campaignRow = (createdBy: string, over: Record<string, unknown> = {}) => ({
  name: 'Directa',
  objective: 'Objetivo',
  territories: ['Loja'],
  target_groups: ['woman'],
  channels: ['radio'],
  starts_on: '2024-01-01',
  ends_on: '2024-01-31',
  budget_usd: '1.00',
  planned_reach: 1,
  created_by: createdBy,
  ...over,
});

export interface ReleaseSpec {
  tableId: TableId;
  year: number;
  quarter?: number;
  /** Cell values by the cell key's parts joined with '|'; null: suppressed; absent: 0. */
  cells?: Record<string, number | null>;
  cellBound?: number;
  /** The grand total as published; by default the sum of the cells shown, bound 99. */
  grand?: { value: number; errorBound95: number };
  state?: 'published' | 'draft' | 'discarded';
  publishedAt?: string;
}

/** A statistics release straight into the table, its figures what the test says; its id. */
export async function insertRelease(
  database: Pick<TestDatabase, 'db' | 'urls'>,
  computedBy: string,
  spec: ReleaseSpec,
): Promise<string> {
  const id = randomUUID();
  const table = tableById(spec.tableId)!;
  const period = spec.quarter ? { year: spec.year, quarter: spec.quarter } : { year: spec.year };
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
  const totals = {
    grand: { ...grand, cellsShown: shown.length, cellsSuppressed: cells.length - shown.length },
    byDimension: [],
  };
  await insertReleaseRow(database, {
    id,
    tableId: spec.tableId,
    year: spec.year,
    quarter: spec.quarter ?? null,
    sensitivity: table.contributionBound,
    definition: definitionOf(table, period),
    figures: { cells, cellErrorBound95: spec.cellBound ?? 20, noiseScale: 2, totals },
    computedBy,
    state: spec.state ?? 'published',
    decidedAt: new Date(spec.publishedAt ?? `${spec.year + 1}-01-15T12:00:00Z`),
  });
  return id;
}
