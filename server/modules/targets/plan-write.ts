import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems, refuseInvalid } from '../../http/problem';
import { record } from '../audit';
import { programOf, projectOf } from './plan-read';
import * as repo from './plan.repository';
import type {
  NewProgram,
  NewProject,
  Program,
  ProgramChange,
  Project,
  ProjectChange,
} from './plan.schemas';
import { codeTaken, inUse, stale, takenCodeAs409, type TargetsDeps } from './targets.service';
import { definedOnly } from '../../http/validate';
import { isForeignKeyViolation } from '../../db/errors';
import { personalTextErrors } from '../../http/plain-text';
import { requireCoordinator } from '../auth';

/** Creating, changing and deleting programs and projects: coordinators; each audited once. */

type PlanAction =
  | 'plan.program.create'
  | 'plan.program.update'
  | 'plan.program.delete'
  | 'plan.project.create'
  | 'plan.project.update'
  | 'plan.project.delete';

const audited = (trx: repo.Trx, action: PlanAction, id: string) =>
  record(trx, {
    action,
    outcome: 'success',
    resourceType: action.startsWith('plan.program') ? 'plan_program' : 'plan_project',
    resourceId: id,
  });

const PROGRAM_CODE = 'plan_programs_code_key';
const PROJECT_CODE = 'plan_projects_program_id_code_key';

export function createProgram(
  deps: TargetsDeps,
  actor: StaffActor,
  input: NewProgram,
): Promise<Program> {
  requireCoordinator(actor);
  return takenCodeAs409(PROGRAM_CODE, () =>
    inActorTransaction(deps.store, actor, async (trx) => {
      refuseInvalid(personalTextErrors({ name: input.name, planObjective: input.planObjective }));
      if (await repo.programCodeTaken(trx, input.code)) throw codeTaken();
      const id = await repo.insertProgram(trx, {
        code: input.code,
        name: input.name,
        plan_objective: input.planObjective,
        created_by: actor.id,
      });
      audited(trx, 'plan.program.create', id);
      return programOf(trx, id);
    }),
  );
}

export function updateProgram(
  deps: TargetsDeps,
  actor: StaffActor,
  id: string,
  change: ProgramChange,
): Promise<Program> {
  requireCoordinator(actor);
  return takenCodeAs409(PROGRAM_CODE, () =>
    inActorTransaction(deps.store, actor, async (trx) => {
      const row = await repo.findProgram(trx, id, true);
      if (!row) throw problems.notFound();
      if (row.version !== change.version) throw stale('program');
      refuseInvalid(personalTextErrors({ name: change.name, planObjective: change.planObjective }));
      if (change.code && (await repo.programCodeTaken(trx, change.code, id))) throw codeTaken();
      const changes = definedOnly({
        code: change.code,
        name: change.name,
        plan_objective: change.planObjective,
      });
      if (!(await repo.updateAtVersion(trx, 'plan_programs', id, change.version, changes))) {
        throw stale('program');
      }
      audited(trx, 'plan.program.update', id);
      return programOf(trx, id);
    }),
  );
}

/** A program made in error, while it has no project (409 in_use otherwise). */
export function deleteProgram(deps: TargetsDeps, actor: StaffActor, id: string): Promise<void> {
  requireCoordinator(actor);
  return deleting(async () =>
    inActorTransaction(deps.store, actor, async (trx) => {
      if (!(await repo.findProgram(trx, id, true))) throw problems.notFound();
      if (await repo.programHasProjects(trx, id)) throw hasProjects();
      await repo.deleteRow(trx, 'plan_programs', id);
      audited(trx, 'plan.program.delete', id);
    }),
  );
}

const hasProjects = () => inUse('Delete its projects first.');
const projectUsed = () => inUse('It has targets or budget entries.');

/** A foreign key violated by a row written meanwhile: the same 409. */
async function deleting(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw inUse('Something was added to it meanwhile.');
    throw error;
  }
}

export function createProject(
  deps: TargetsDeps,
  actor: StaffActor,
  input: NewProject,
): Promise<Project> {
  requireCoordinator(actor);
  return takenCodeAs409(PROJECT_CODE, () =>
    inActorTransaction(deps.store, actor, async (trx) => {
      refuseInvalid(personalTextErrors({ name: input.name, executingUnits: input.executingUnits }));
      if (!(await repo.findProgram(trx, input.programId))) {
        throw problems.validation([
          { path: 'body.programId', code: 'program_not_found', message: 'No such program' },
        ]);
      }
      if (await repo.projectCodeTaken(trx, input.programId, input.code)) throw codeTaken();
      const id = await repo.insertProject(trx, {
        program_id: input.programId,
        code: input.code,
        name: input.name,
        executing_units: input.executingUnits,
        created_by: actor.id,
      });
      audited(trx, 'plan.project.create', id);
      return projectOf(trx, id);
    }),
  );
}

export function updateProject(
  deps: TargetsDeps,
  actor: StaffActor,
  id: string,
  change: ProjectChange,
): Promise<Project> {
  requireCoordinator(actor);
  return takenCodeAs409(PROJECT_CODE, () =>
    inActorTransaction(deps.store, actor, async (trx) => {
      const row = await repo.findProject(trx, id, true);
      if (!row) throw problems.notFound();
      if (row.version !== change.version) throw stale('project');
      refuseInvalid(
        personalTextErrors({ name: change.name, executingUnits: change.executingUnits }),
      );
      if (change.code && (await repo.projectCodeTaken(trx, row.program_id, change.code, id))) {
        throw codeTaken();
      }
      const changes = definedOnly({
        code: change.code,
        name: change.name,
        executing_units: change.executingUnits,
      });
      if (!(await repo.updateAtVersion(trx, 'plan_projects', id, change.version, changes))) {
        throw stale('project');
      }
      audited(trx, 'plan.project.update', id);
      return projectOf(trx, id);
    }),
  );
}

/** A project made in error, while it has no target and no budget entry (409 in_use otherwise). */
export function deleteProject(deps: TargetsDeps, actor: StaffActor, id: string): Promise<void> {
  requireCoordinator(actor);
  return deleting(async () =>
    inActorTransaction(deps.store, actor, async (trx) => {
      if (!(await repo.findProject(trx, id, true))) throw problems.notFound();
      if (await repo.projectInUse(trx, id)) throw projectUsed();
      await repo.deleteRow(trx, 'plan_projects', id);
      audited(trx, 'plan.project.delete', id);
    }),
  );
}
