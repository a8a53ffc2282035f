import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { toDecimal2 } from '../../db/decimal';
import { managementFigures } from './figures';
import type { ManagementFigures } from './management-figures';
import * as plan from './plan.repository';
import { currentManualValues, measureOf, progressOf } from './progress';
import type {
  ManualValue,
  ManualValueList,
  ProgressQuery,
  Target,
  TargetDetail,
  TargetList,
  TargetQuery,
} from './target.schemas';
import * as repo from './targets.repository';
import { type TargetsDeps } from './targets.service';
import { requireCoordinator } from '../auth';
import { ecuadorDate } from '../../http/ecuador-calendar';

/** Reading targets, their manual values and progress: coordinators; not audited (nothing personal). */

export function toTarget(row: repo.TargetRow): Target {
  return {
    id: row.id,
    projectId: row.project_id,
    year: row.year,
    description: row.description,
    indicator: row.indicator,
    unitOfMeasure: row.unit_of_measure,
    programmed: toDecimal2(row.programmed_text),
    programmedByQuarter: row.quarters_text?.map(toDecimal2) ?? null,
    executingUnits: row.executing_units,
    resultsDescription: row.results_description,
    planObjective: row.plan_objective,
    measure: measureOf(row),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export function toManualValues(rows: readonly repo.ManualValueRow[]): ManualValue[] {
  const current = new Set([...currentManualValues(rows).values()].map((v) => v.id));
  return rows.map((row) => ({
    id: row.id,
    targetId: row.target_id,
    quarter: row.quarter,
    value: toDecimal2(row.value_text),
    note: row.note,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
    current: current.has(row.id),
  }));
}

/** A target with its progress as of `today` (Ecuador's date, from the caller's clock). */
export async function targetDetailOf(
  trx: plan.Trx,
  id: string,
  today: string,
): Promise<TargetDetail> {
  const row = await repo.findTarget(trx, id);
  if (!row) throw problems.notFound();
  const manual = row.measure_kind === 'manual' ? await repo.manualValuesOf(trx, [id]) : [];
  return {
    ...toTarget(row),
    progress: await progressOf(trx, row, manual, today),
    manualValues: toManualValues(manual),
  };
}

export function readTarget(
  deps: TargetsDeps,
  actor: StaffActor,
  id: string,
): Promise<TargetDetail> {
  requireCoordinator(actor);
  const today = ecuadorDate(deps.clock());
  return inActorTransaction(deps.store, actor, (trx) => targetDetailOf(trx, id, today));
}

export function listTargets(
  deps: TargetsDeps,
  actor: StaffActor,
  query: TargetQuery,
): Promise<TargetList> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const rows = await repo.targetsOfYear(
      trx,
      query.year,
      query.projectId ? [query.projectId] : undefined,
    );
    const projects = await plan.projects(trx, { ids: [...new Set(rows.map((r) => r.project_id))] });
    const programs = await plan.programs(trx, [...new Set(projects.map((p) => p.program_id))]);
    // By program code, then project code, then as created (rows come as created).
    const projectRank = new Map(
      programs
        .flatMap((program) => projects.filter((p) => p.program_id === program.id))
        .map((p, i) => [p.id, i]),
    );
    const ordered = [...rows].sort(
      (a, b) => (projectRank.get(a.project_id) ?? 0) - (projectRank.get(b.project_id) ?? 0),
    );
    return { items: ordered.map(toTarget) };
  });
}

export function listManualValues(
  deps: TargetsDeps,
  actor: StaffActor,
  id: string,
): Promise<ManualValueList> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    if (!(await repo.findTarget(trx, id))) throw problems.notFound();
    return { items: toManualValues(await repo.manualValuesOf(trx, [id])) };
  });
}

/** The year's management figures, as the management report reads them. */
export function readProgress(
  deps: TargetsDeps,
  actor: StaffActor,
  query: ProgressQuery,
): Promise<ManagementFigures> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, (trx) =>
    managementFigures(trx, {
      year: query.year,
      asOf: deps.clock(),
      ...(query.quarter ? { quarter: query.quarter } : {}),
    }),
  );
}
