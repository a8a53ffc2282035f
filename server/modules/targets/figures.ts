import { sql } from 'kysely';
import * as budgetRepo from './budget.repository';
import { counted } from './budget';
import { executionOf, totalOf } from './budget-execution';
import { toDecimal2 } from '../../db/decimal';
import type {
  ManagementFigures,
  ManagementFiguresQuery,
  ProgramFigures,
  ProjectFigures,
  TargetFigures,
} from './management-figures';
import * as plan from './plan.repository';
import { measureOf, progressesOf } from './progress';
import * as repo from './targets.repository';
import { ecuadorDate, yearToDate } from '../../http/ecuador-calendar';

/**
 * The year's management figures, program → project → budget execution →
 * targets (the type: management-figures.ts), computed live in the caller's
 * transaction. The actor must be a coordinator or the system: anyone else's
 * row-level security would silently show an empty plan, so they are refused.
 *
 * Which rows: the projects with a target of the year or a budget entry of
 * the year that counts, and their programs; programs and projects by code
 * (naturally: "P-2" before "P-10"), targets as created.
 */
export async function managementFigures(
  trx: plan.Trx,
  query: ManagementFiguresQuery,
): Promise<ManagementFigures> {
  await requireFigureReader(trx);
  const { year, quarter } = query;
  const today = ecuadorDate(query.asOf);
  const period = yearToDate(year, quarter);
  const targets = await repo.targetsOfYear(trx, year);
  const budgeted = await budgetRepo.projectsWithEntries(trx, year);
  const projectIds = [...new Set([...targets.map((t) => t.project_id), ...budgeted])];
  const projects = await plan.projects(trx, { ids: projectIds });
  const programs = await plan.programs(trx, [...new Set(projects.map((p) => p.program_id))]);
  const entries = await budgetRepo.entriesOfYear(trx, year, projectIds, { counted: true });
  const manual = await repo.manualValuesOf(
    trx,
    targets.filter((t) => t.measure_kind === 'manual').map((t) => t.id),
  );

  // Every target's progress at once: a statement for all computed values, not one per target.
  const progresses = await progressesOf(trx, targets, manual, today, quarter);
  const targetFigures = new Map<string, TargetFigures>();
  for (const [i, target] of targets.entries()) {
    const program = programs.find(
      (p) => p.id === projects.find((x) => x.id === target.project_id)?.program_id,
    );
    const progress = progresses[i]!;
    targetFigures.set(target.id, {
      id: target.id,
      description: target.description,
      indicator: target.indicator,
      unitOfMeasure: target.unit_of_measure,
      measure: measureOf(target),
      programmed: toDecimal2(target.programmed_text),
      ...progress,
      executingUnits: target.executing_units,
      resultsDescription: target.results_description,
      planObjective: target.plan_objective ?? program?.plan_objective ?? null,
    });
  }

  const programFigures: ProgramFigures[] = programs.map((program) => {
    const own: ProjectFigures[] = projects
      .filter((p) => p.program_id === program.id)
      .map((project) => {
        const own = counted(entries.filter((e) => e.project_id === project.id));
        return {
          id: project.id,
          code: project.code,
          name: project.name,
          executingUnits: project.executing_units,
          budget: executionOf(own, period),
          targets: targets
            .filter((t) => t.project_id === project.id)
            .map((t) => targetFigures.get(t.id)!),
        };
      });
    return {
      id: program.id,
      code: program.code,
      name: program.name,
      planObjective: program.plan_objective,
      budget: totalOf(own.map((p) => p.budget)),
      projects: own,
    };
  });

  return {
    year,
    quarter: quarter ?? null,
    period,
    programs: programFigures,
    budget: totalOf(programFigures.map((p) => p.budget)),
  };
}

async function requireFigureReader(trx: plan.Trx): Promise<void> {
  const { rows } = await sql<{
    role: string | null;
  }>`select current_setting('app.actor_role', true) as role`.execute(trx);
  const role = rows[0]?.role;
  if (role !== 'coordinator' && role !== 'system') {
    throw new Error('management figures are read as a coordinator or the system');
  }
}
