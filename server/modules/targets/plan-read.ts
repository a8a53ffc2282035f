import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import * as repo from './plan.repository';
import type { Program, ProgramList, Project, ProjectList, ProjectQuery } from './plan.schemas';
import { type TargetsDeps } from './targets.service';
import { requireCoordinator } from '../auth';

/** Reading the plan: coordinators; not audited (nothing personal). */

export function toProject(row: repo.ProjectRow): Project {
  return {
    id: row.id,
    programId: row.program_id,
    code: row.code,
    name: row.name,
    executingUnits: row.executing_units,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export function toProgram(row: repo.ProgramRow, projects: repo.ProjectRow[]): Program {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    planObjective: row.plan_objective,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    projects: projects.filter((p) => p.program_id === row.id).map(toProject),
  };
}

export async function programOf(trx: repo.Trx, id: string): Promise<Program> {
  const row = await repo.findProgram(trx, id);
  if (!row) throw problems.notFound();
  return toProgram(row, await repo.projects(trx, { programIds: [id] }));
}

export async function projectOf(trx: repo.Trx, id: string): Promise<Project> {
  const row = await repo.findProject(trx, id);
  if (!row) throw problems.notFound();
  return toProject(row);
}

export function listPrograms(deps: TargetsDeps, actor: StaffActor): Promise<ProgramList> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const rows = await repo.programs(trx);
    const projects = await repo.projects(trx);
    return { items: rows.map((row) => toProgram(row, projects)) };
  });
}

export function readProgram(deps: TargetsDeps, actor: StaffActor, id: string): Promise<Program> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, (trx) => programOf(trx, id));
}

export function listProjects(
  deps: TargetsDeps,
  actor: StaffActor,
  query: ProjectQuery,
): Promise<ProjectList> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const programs = await repo.programs(trx);
    const rows = await repo.projects(trx, query.programId ? { programIds: [query.programId] } : {});
    // By program code, then code.
    const rank = new Map(programs.map((p, i) => [p.id, i]));
    rows.sort((a, b) => (rank.get(a.program_id) ?? 0) - (rank.get(b.program_id) ?? 0));
    return { items: rows.map(toProject) };
  });
}

export function readProject(deps: TargetsDeps, actor: StaffActor, id: string): Promise<Project> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, (trx) => projectOf(trx, id));
}
