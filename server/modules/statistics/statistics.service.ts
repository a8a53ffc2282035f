import { randomUUID } from 'node:crypto';
import { auditAlone, inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { ProblemError, problems } from '../../http/problem';
import { record } from '../audit';
import { CATALOGUE, dimensionValues } from './catalogue';
import { releaseFigures } from './figures';
import { cellErrorBound95, noiseScale } from './mechanism';
import * as repo from './statistics.repository';
import {
  DEFAULT_THRESHOLD,
  EPSILON_MAX,
  EPSILON_MIN,
  ROUNDING,
  type Catalogue,
  type Release,
  type ReleaseList,
  type ReleaseListQuery,
  type ReleasePreview,
  type ReleaseRequest,
} from './statistics.schemas';
import { version as SOFTWARE_VERSION } from '../../../package.json';
import { budgetExceeded, budgetOf, type StatisticsDeps } from './budget';
import {
  assertPeriodEnded,
  catalogued,
  definitionOf,
  fromHundredths,
  parametersOf,
  periodOf,
  toHundredths,
} from './release-request';
import { stateOf, summaryOf, toRelease } from './release-view';
import { requireCoordinator } from '../auth';

export function readCatalogue(actor: StaffActor): Catalogue {
  requireCoordinator(actor);
  return {
    tables: CATALOGUE.map((t) => definitionOf(t, { year: 0 })),
    epsilon: { min: EPSILON_MIN, max: EPSILON_MAX, step: 0.01 },
    defaultThreshold: DEFAULT_THRESHOLD,
    rounding: ROUNDING,
  };
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
  assertPeriodEnded(period, deps.clock());
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
  assertPeriodEnded(period, deps.clock());
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
    const row = await repo.decideRelease(trx, id, decision, actor.id);
    if (!row) {
      const existing = await repo.findRelease(trx, id);
      if (!existing) throw problems.notFound();
      if (stateOf(existing) === 'draft') {
        throw problems.conflict(
          'draft_expired',
          'This draft is too old to publish',
          `A draft may be published within ${repo.DRAFT_PUBLISHABLE_HOURS} hours of being ` +
            'computed (consents withdrawn since would not be honoured); discard it and compute again.',
        );
      }
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
