import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import {
  BudgetEntryVoid,
  BudgetSummary,
  BudgetSummaryQuery,
  BudgetYearQuery,
  NewBudgetEntry,
  ProjectBudget,
} from './budget.schemas';
import {
  NewProgram,
  NewProject,
  Program,
  ProgramChange,
  ProgramList,
  Project,
  ProjectChange,
  ProjectList,
  ProjectQuery,
} from './plan.schemas';
import {
  ManagementFigures,
  ManualValueList,
  NewManualValue,
  NewTarget,
  ProgressQuery,
  TargetChange,
  TargetDetail,
  TargetList,
  TargetQuery,
} from './target.schemas';

const READ = 'Coordinator (anyone else: 403, audited). Not audited: nothing personal is read';
const WRITE = 'Coordinator. Audited (one event naming the record)';
const PERSONAL =
  'A free text holding an e-mail address or a run of seven or more digits (a phone or ' +
  'identity number) is refused: 400 looks_personal naming the field';

export function registerTargetsOpenApi(registry: OpenAPIRegistry): void {
  const idParams = z.object({ id: Id });
  const projectParams = z.object({ projectId: Id });
  const path = (
    method: 'get' | 'post' | 'patch' | 'delete',
    route: string,
    summary: string,
    request: Parameters<OpenAPIRegistry['registerPath']>[0]['request'],
    ok: { status: number; description: string; schema?: z.ZodType },
    problems: number[],
  ) =>
    registry.registerPath({
      method,
      path: `/api/v1${route}`,
      summary,
      request,
      responses: {
        [ok.status]: {
          description: ok.description,
          ...(ok.schema ? jsonContent(ok.schema) : {}),
        },
        ...problemResponses(...problems),
      },
    });

  path(
    'get',
    '/plan/programs',
    `Every program of the plan, by code, with its projects. ${READ}`,
    {},
    { status: 200, description: 'The programs', schema: ProgramList },
    [401, 403],
  );
  path(
    'post',
    '/plan/programs',
    `Create a program (409 code_taken). ${PERSONAL}. ${WRITE}`,
    { body: jsonContent(NewProgram) },
    { status: 201, description: 'The program', schema: Program },
    [400, 401, 403, 409],
  );
  path(
    'get',
    '/plan/programs/{id}',
    `A program with its projects. ${READ}`,
    { params: idParams },
    { status: 200, description: 'The program', schema: Program },
    [400, 401, 403, 404],
  );
  path(
    'patch',
    '/plan/programs/{id}',
    `Change a program from the version read (409 stale_version, code_taken). ${PERSONAL}. ${WRITE}`,
    { params: idParams, body: jsonContent(ProgramChange) },
    { status: 200, description: 'The program as changed', schema: Program },
    [400, 401, 403, 404, 409],
  );
  path(
    'delete',
    '/plan/programs/{id}',
    `Delete a program made in error, while it has no project (409 in_use). ${WRITE}`,
    { params: idParams },
    { status: 204, description: 'Deleted' },
    [400, 401, 403, 404, 409],
  );
  path(
    'get',
    '/plan/projects',
    `Projects, by program code then code; of one program if asked. ${READ}`,
    { query: ProjectQuery },
    { status: 200, description: 'The projects', schema: ProjectList },
    [400, 401, 403],
  );
  path(
    'post',
    '/plan/projects',
    `Create a project in a program (400 program_not_found, 409 code_taken). ${PERSONAL}. ${WRITE}`,
    { body: jsonContent(NewProject) },
    { status: 201, description: 'The project', schema: Project },
    [400, 401, 403, 409],
  );
  path(
    'get',
    '/plan/projects/{id}',
    `A project. ${READ}`,
    { params: idParams },
    { status: 200, description: 'The project', schema: Project },
    [400, 401, 403, 404],
  );
  path(
    'patch',
    '/plan/projects/{id}',
    `Change a project from the version read (409 stale_version, code_taken). ${PERSONAL}. ${WRITE}`,
    { params: idParams, body: jsonContent(ProjectChange) },
    { status: 200, description: 'The project as changed', schema: Project },
    [400, 401, 403, 404, 409],
  );
  path(
    'delete',
    '/plan/projects/{id}',
    `Delete a project made in error, while it has no target and no budget entry (409 in_use). ${WRITE}`,
    { params: idParams },
    { status: 204, description: 'Deleted' },
    [400, 401, 403, 404, 409],
  );

  path(
    'get',
    '/budget/execution',
    `Every program and project with its budget execution (coded, accrued, % execution) for a year or up to the end of a quarter, and by quarter. ${READ}`,
    { query: BudgetSummaryQuery },
    { status: 200, description: 'The execution', schema: BudgetSummary },
    [400, 401, 403],
  );
  path(
    'get',
    '/budget/projects/{projectId}',
    `A project's budget for a year: its entries (voided ones too) and its execution. ${READ}`,
    { params: projectParams, query: BudgetYearQuery },
    { status: 200, description: 'The budget', schema: ProjectBudget },
    [400, 401, 403, 404],
  );
  path(
    'post',
    '/budget/projects/{projectId}/entries',
    `Record a budget entry: a coded amount (after a reform) or an accrual, dated not after today (400 in_the_future); answers the project's budget for the entry's year. ${PERSONAL}. ${WRITE}`,
    { params: projectParams, body: jsonContent(NewBudgetEntry) },
    { status: 201, description: "The project's budget", schema: ProjectBudget },
    [400, 401, 403, 404],
  );
  path(
    'post',
    '/budget/entries/{id}/void',
    `Void an entry made in error, once (409 already_voided); it counts no more and stays listed. Audited with the reason. ${WRITE}`,
    { params: idParams, body: jsonContent(BudgetEntryVoid) },
    { status: 200, description: "The project's budget", schema: ProjectBudget },
    [400, 401, 403, 404, 409],
  );

  path(
    'get',
    '/targets',
    `A year's targets, by program, project, then as created. ${READ}`,
    { query: TargetQuery },
    { status: 200, description: 'The targets', schema: TargetList },
    [400, 401, 403],
  );
  path(
    'post',
    '/targets',
    `Define a target of a project for a year, with its measure (computed with filters, or manual). 400 project_not_found, quarters_do_not_add_up, campaign_not_found, programme_not_found. ${PERSONAL}. ${WRITE}`,
    { body: jsonContent(NewTarget) },
    { status: 201, description: 'The target with its progress', schema: TargetDetail },
    [400, 401, 403],
  );
  path(
    'get',
    '/targets/progress',
    `The management figures of a year (or up to the end of a quarter): program → project → budget execution → targets with programmed and executed values and % progress, by quarter — computed live. ${READ}`,
    { query: ProgressQuery },
    { status: 200, description: 'The figures', schema: ManagementFigures },
    [400, 401, 403],
  );
  path(
    'get',
    '/targets/{id}',
    `A target with its progress for its year and, if manual, every value entered. ${READ}`,
    { params: idParams },
    { status: 200, description: 'The target', schema: TargetDetail },
    [400, 401, 403, 404],
  );
  path(
    'patch',
    '/targets/{id}',
    `Change a target from the version read (409 stale_version). ${PERSONAL}. ${WRITE}`,
    { params: idParams, body: jsonContent(TargetChange) },
    { status: 200, description: 'The target as changed', schema: TargetDetail },
    [400, 401, 403, 404, 409],
  );
  path(
    'delete',
    '/targets/{id}',
    `Delete a target defined in error, while no value was entered for it (409 in_use). ${WRITE}`,
    { params: idParams },
    { status: 204, description: 'Deleted' },
    [400, 401, 403, 404, 409],
  );
  path(
    'get',
    '/targets/{id}/manual-values',
    `Every value entered for a target, oldest first, with who and when; the current one of each quarter marked. ${READ}`,
    { params: idParams },
    { status: 200, description: 'The values', schema: ManualValueList },
    [400, 401, 403, 404],
  );
  path(
    'post',
    '/targets/{id}/manual-values',
    `Enter the executed value of a quarter of a manual target (409 not_manual; 400 quarter_not_started): append-only, the latest of a quarter counts. ${PERSONAL}. ${WRITE}`,
    { params: idParams, body: jsonContent(NewManualValue) },
    { status: 201, description: 'The target with its progress', schema: TargetDetail },
    [400, 401, 403, 404, 409],
  );
}
