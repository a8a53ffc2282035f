import { randomUUID } from 'node:crypto';
import {
  auditAlone,
  inActorTransaction,
  type DbActor,
  type StaffActor,
  type Store,
} from '../../db/actor-transaction';
import { ProblemError, problems } from '../../http/problem';
import { record } from '../audit';
import {
  CATALOGUE,
  dimensionValues,
  tableById,
  type CatalogueTable,
  type ReleasePeriod,
} from './catalogue';
import { releaseFigures } from './figures';
import { cellErrorBound95, noiseScale, type MechanismParameters } from './mechanism';
import * as repo from './statistics.repository';
import {
  DEFAULT_THRESHOLD,
  EPSILON_MAX,
  EPSILON_MIN,
  ROUNDING,
  type Budget,
  type Catalogue,
  type Release,
  type ReleaseList,
  type ReleaseListQuery,
  type ReleasePreview,
  type ReleaseRequest,
  type ReleaseSummary,
  ReleaseSummary as ReleaseSummaryShape,
  type TableDefinition,
} from './statistics.schemas';
import { version as SOFTWARE_VERSION } from '../../../package.json';

/** The yearly budget an installation starts each year with, unless configured (ε × 100). */
export const DEFAULT_YEARLY_BUDGET_HUNDREDTHS = 200;

export interface StatisticsDeps {
  store: Store;
  clock: () => Date;
  yearlyBudgetHundredths: number;
}

const fromHundredths = (h: number) => h / 100;
const toHundredths = (e: number) => Math.round(e * 100);

function requireCoordinator(actor: StaffActor): void {
  if (actor.role !== 'coordinator') throw problems.forbidden();
}

export function definitionOf(table: CatalogueTable, period: ReleasePeriod): TableDefinition {
  return {
    id: table.id as TableDefinition['id'],
    source: table.source,
    dimensions: table.dimensions.map((id) => ({ id, values: [...dimensionValues(id, period)] })),
    contributionBound: table.contributionBound,
  };
}

export function readCatalogue(actor: StaffActor): Catalogue {
  requireCoordinator(actor);
  return {
    tables: CATALOGUE.map((t) => definitionOf(t, { year: 0 })),
    epsilon: { min: EPSILON_MIN, max: EPSILON_MAX, step: 0.01 },
    defaultThreshold: DEFAULT_THRESHOLD,
    rounding: ROUNDING,
  };
}

function parametersOf(table: CatalogueTable, input: ReleaseRequest): MechanismParameters {
  return {
    epsilonHundredths: toHundredths(input.epsilon),
    sensitivity: table.contributionBound,
    threshold: input.threshold,
    rounding: ROUNDING,
  };
}

function catalogued(tableId: string): CatalogueTable {
  const table = tableById(tableId);
  if (!table) throw problems.notFound();
  return table;
}

const periodOf = (input: { year: number; quarter?: number }): ReleasePeriod =>
  input.quarter ? { year: input.year, quarter: input.quarter } : { year: input.year };

async function budgetOf(
  trx: Parameters<typeof repo.budgetSpent>[0],
  deps: StatisticsDeps,
  year: number,
): Promise<Budget> {
  const fixedTotal = await repo.budgetTotal(trx, year);
  const total = fixedTotal ?? deps.yearlyBudgetHundredths;
  const spent = await repo.budgetSpent(trx, year);
  return {
    year,
    total: fromHundredths(total),
    spent: fromHundredths(spent),
    remaining: fromHundredths(total - spent),
    fixed: fixedTotal !== undefined,
  };
}

export function readBudget(deps: StatisticsDeps, actor: StaffActor, year: number): Promise<Budget> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, (trx) => budgetOf(trx, deps, year));
}

/**
 * What a release would look like, from its parameters alone: its cells, the
 * noise and the error bound of every figure, and the budget it would leave.
 * Reads no case and spends nothing — the numbers themselves exist only once
 * computed, and computing spends the budget (docs/STATISTICS.md).
 */
export function previewRelease(
  deps: StatisticsDeps,
  actor: StaffActor,
  input: ReleaseRequest,
): Promise<ReleasePreview> {
  requireCoordinator(actor);
  const table = catalogued(input.tableId);
  const period = periodOf(input);
  const parameters = parametersOf(table, input);
  const scale = noiseScale(parameters);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const budget = await budgetOf(trx, deps, period.year);
    return {
      table: definitionOf(table, period),
      period: { year: period.year, quarter: period.quarter ?? null },
      epsilon: input.epsilon,
      threshold: input.threshold,
      rounding: ROUNDING,
      cells: table.dimensions.reduce((n, d) => n * dimensionValues(d, period).length, 1),
      noiseScale: Number(scale.num) / Number(scale.den),
      cellErrorBound95: cellErrorBound95(parameters),
      budget,
      remainingAfter: fromHundredths(toHundredths(budget.remaining) - parameters.epsilonHundredths),
    };
  });
}

function budgetExceeded(year: number, remaining: number, needed: number): ProblemError {
  const message =
    `The privacy budget of ${year} has ε ${remaining.toFixed(2)} left; ` +
    `this release needs ε ${needed.toFixed(2)}.`;
  return new ProblemError(409, 'privacy_budget_exceeded', 'Privacy budget exceeded', message, [
    { path: 'body.epsilon', code: 'privacy_budget_exceeded', message },
  ]);
}

/**
 * Computes a release once and freezes it as a draft, spending its ε from the
 * year's budget — in one transaction that holds the year's lock, so two
 * releases computed at once cannot both spend the same remainder. Refused
 * (409, naming what is left) when the budget cannot pay for it; the refusal
 * is audited.
 */
export async function computeRelease(
  deps: StatisticsDeps,
  actor: StaffActor,
  input: ReleaseRequest,
): Promise<Release> {
  requireCoordinator(actor);
  const table = catalogued(input.tableId);
  const period = periodOf(input);
  const parameters = parametersOf(table, input);
  const id = randomUUID();
  try {
    return await inActorTransaction(deps.store, actor, async (trx) => {
      await repo.lockBudgetYear(trx, period.year);
      await repo.fixBudgetTotal(trx, period.year, deps.yearlyBudgetHundredths);
      const total = (await repo.budgetTotal(trx, period.year)) as number;
      const spent = await repo.budgetSpent(trx, period.year);
      if (spent + parameters.epsilonHundredths > total) {
        throw budgetExceeded(period.year, fromHundredths(total - spent), input.epsilon);
      }
      const counts = await repo.countTable(trx, table, period);
      const figures = releaseFigures(table, period, counts, parameters);
      await repo.insertRelease(trx, {
        id,
        tableId: table.id,
        period,
        ...parameters,
        definition: definitionOf(table, period),
        figures,
        softwareVersion: SOFTWARE_VERSION,
        actorId: actor.id,
      });
      record(trx, {
        action: 'statistics.release.compute',
        outcome: 'success',
        resourceType: 'statistics_release',
        resourceId: id,
      });
      const row = await repo.findRelease(trx, id);
      return toRelease(row as repo.ReleaseRow);
    });
  } catch (error) {
    if (error instanceof ProblemError && error.code === 'privacy_budget_exceeded') {
      await auditAlone(deps.store, actor, {
        action: 'statistics.release.compute',
        outcome: 'denied',
        purpose: 'privacy_budget_exceeded',
      });
    }
    throw error;
  }
}

export function listReleases(
  deps: StatisticsDeps,
  actor: StaffActor,
  query: ReleaseListQuery,
): Promise<ReleaseList> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const rows = await repo.listReleases(trx, query);
    return { items: rows.map((row) => summaryOf(toRelease(row))) };
  });
}

export function readRelease(deps: StatisticsDeps, actor: StaffActor, id: string): Promise<Release> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await repo.findRelease(trx, id);
    if (!row) throw problems.notFound();
    return toRelease(row);
  });
}

/** Publishes (for good: the observatory shows it to anyone) or discards a draft, once. */
export function decideRelease(
  deps: StatisticsDeps,
  actor: StaffActor,
  id: string,
  decision: 'publish' | 'discard',
): Promise<Release> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await repo.decideRelease(trx, id, decision, actor.id, deps.clock());
    if (!row) {
      const existing = await repo.findRelease(trx, id);
      if (!existing) throw problems.notFound();
      throw problems.conflict('release_decided', 'This release was already published or discarded');
    }
    record(trx, {
      action: decision === 'publish' ? 'statistics.release.publish' : 'statistics.release.discard',
      outcome: 'success',
      resourceType: 'statistics_release',
      resourceId: id,
    });
    return toRelease(row);
  });
}

/** The public observatory: published releases only, read with no session (not audited: public data). */
export function publishedReleases(
  deps: StatisticsDeps,
  anonymous: DbActor,
  tableId: string | undefined,
): Promise<Release[]> {
  return inActorTransaction(deps.store, anonymous, async (trx) => {
    const rows = await repo.listReleases(trx, { state: 'published', tableId, limit: 500 });
    return rows.map(toRelease);
  });
}

export function publishedRelease(
  deps: StatisticsDeps,
  anonymous: DbActor,
  id: string,
): Promise<Release> {
  return inActorTransaction(deps.store, anonymous, async (trx) => {
    const row = await repo.findRelease(trx, id);
    if (!row || row.published_at === null) throw problems.notFound();
    return toRelease(row);
  });
}

function stateOf(row: repo.ReleaseRow): Release['state'] {
  if (row.published_at) return 'published';
  if (row.discarded_at) return 'discarded';
  return 'draft';
}

export function toRelease(row: repo.ReleaseRow): Release {
  return {
    id: row.id,
    state: stateOf(row),
    table: row.definition as TableDefinition,
    period: { year: row.period_year, quarter: row.period_quarter },
    parameters: {
      mechanism: 'discrete_laplace',
      epsilon: fromHundredths(row.epsilon_hundredths),
      sensitivity: row.sensitivity,
      threshold: row.threshold,
      rounding: row.rounding,
      confidence: 0.95,
    },
    figures: row.figures as Release['figures'],
    softwareVersion: row.software_version,
    computedAt: row.computed_at.toISOString(),
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
  };
}

function summaryOf(release: Release): ReleaseSummary {
  return ReleaseSummaryShape.parse(release);
}
