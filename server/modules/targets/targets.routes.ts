import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import { budgetSummary, createEntry, readProjectBudget, voidEntry } from './budget';
import {
  BudgetEntryVoid,
  BudgetSummaryQuery,
  BudgetYearQuery,
  NewBudgetEntry,
  ProjectParams,
} from './budget.schemas';
import { createManualValue } from './manual-values';
import { listPrograms, listProjects, readProgram, readProject } from './plan-read';
import {
  createProgram,
  createProject,
  deleteProgram,
  deleteProject,
  updateProgram,
  updateProject,
} from './plan-write';
import {
  IdParams,
  NewProgram,
  NewProject,
  ProgramChange,
  ProjectChange,
  ProjectQuery,
} from './plan.schemas';
import { listManualValues, listTargets, readProgress, readTarget } from './target-read';
import { createTarget, deleteTarget, updateTarget } from './target-write';
import {
  NewManualValue,
  NewTarget,
  ProgressQuery,
  TargetChange,
  TargetParams,
  TargetQuery,
} from './target.schemas';
import type { TargetsDeps } from './targets.service';
import { TARGET_ROLES } from './targets.vocabularies';

type Deps = TargetsDeps & { access: AccessControl };

/** `/plan`: programs and projects. Coordinators only. */
export function planRoutes(deps: Deps) {
  const router = createRouter();
  const coordinator = deps.access.requireRole(...TARGET_ROLES);

  router.get('/programs', ...coordinator, async (req, res) => {
    res.json(await listPrograms(deps, actorOf(req)));
  });
  router.post('/programs', ...coordinator, validate({ body: NewProgram }), async (req, res) => {
    res.status(201).json(await createProgram(deps, actorOf(req), req.body as NewProgram));
  });
  router.get('/programs/:id', ...coordinator, validate({ params: IdParams }), async (req, res) => {
    res.json(await readProgram(deps, actorOf(req), (req.params as unknown as IdParams).id));
  });
  router.patch(
    '/programs/:id',
    ...coordinator,
    validate({ params: IdParams, body: ProgramChange }),
    async (req, res) => {
      const { id } = req.params as unknown as IdParams;
      res.json(await updateProgram(deps, actorOf(req), id, req.body as ProgramChange));
    },
  );
  router.delete(
    '/programs/:id',
    ...coordinator,
    validate({ params: IdParams }),
    async (req, res) => {
      await deleteProgram(deps, actorOf(req), (req.params as unknown as IdParams).id);
      res.status(204).end();
    },
  );

  router.get('/projects', ...coordinator, validate({ query: ProjectQuery }), async (req, res) => {
    res.json(await listProjects(deps, actorOf(req), req.query));
  });
  router.post('/projects', ...coordinator, validate({ body: NewProject }), async (req, res) => {
    res.status(201).json(await createProject(deps, actorOf(req), req.body as NewProject));
  });
  router.get('/projects/:id', ...coordinator, validate({ params: IdParams }), async (req, res) => {
    res.json(await readProject(deps, actorOf(req), (req.params as unknown as IdParams).id));
  });
  router.patch(
    '/projects/:id',
    ...coordinator,
    validate({ params: IdParams, body: ProjectChange }),
    async (req, res) => {
      const { id } = req.params as unknown as IdParams;
      res.json(await updateProject(deps, actorOf(req), id, req.body as ProjectChange));
    },
  );
  router.delete(
    '/projects/:id',
    ...coordinator,
    validate({ params: IdParams }),
    async (req, res) => {
      await deleteProject(deps, actorOf(req), (req.params as unknown as IdParams).id);
      res.status(204).end();
    },
  );
  return router;
}

/** `/budget`: entries per project and the execution summary. Coordinators only. */
export function budgetRoutes(deps: Deps) {
  const router = createRouter();
  const coordinator = deps.access.requireRole(...TARGET_ROLES);

  router.get(
    '/execution',
    ...coordinator,
    validate({ query: BudgetSummaryQuery }),
    async (req, res) => {
      res.json(await budgetSummary(deps, actorOf(req), req.query as unknown as BudgetSummaryQuery));
    },
  );
  router.get(
    '/projects/:projectId',
    ...coordinator,
    validate({ params: ProjectParams, query: BudgetYearQuery }),
    async (req, res) => {
      const { projectId } = req.params as unknown as ProjectParams;
      const { year } = req.query as unknown as BudgetYearQuery;
      res.json(await readProjectBudget(deps, actorOf(req), projectId, year));
    },
  );
  router.post(
    '/projects/:projectId/entries',
    ...coordinator,
    validate({ params: ProjectParams, body: NewBudgetEntry }),
    async (req, res) => {
      const { projectId } = req.params as unknown as ProjectParams;
      res
        .status(201)
        .json(await createEntry(deps, actorOf(req), projectId, req.body as NewBudgetEntry));
    },
  );
  router.post(
    '/entries/:id/void',
    ...coordinator,
    validate({ params: IdParams, body: BudgetEntryVoid }),
    async (req, res) => {
      const { id } = req.params as unknown as IdParams;
      res.json(await voidEntry(deps, actorOf(req), id, req.body as BudgetEntryVoid));
    },
  );
  return router;
}

/** `/targets`: targets, their manual values and progress. Coordinators only. */
export function targetsRoutes(deps: Deps) {
  const router = createRouter();
  const coordinator = deps.access.requireRole(...TARGET_ROLES);

  router.get('/', ...coordinator, validate({ query: TargetQuery }), async (req, res) => {
    res.json(await listTargets(deps, actorOf(req), req.query as unknown as TargetQuery));
  });
  router.post('/', ...coordinator, validate({ body: NewTarget }), async (req, res) => {
    res.status(201).json(await createTarget(deps, actorOf(req), req.body as NewTarget));
  });
  router.get('/progress', ...coordinator, validate({ query: ProgressQuery }), async (req, res) => {
    res.json(await readProgress(deps, actorOf(req), req.query as unknown as ProgressQuery));
  });
  router.get('/:id', ...coordinator, validate({ params: TargetParams }), async (req, res) => {
    res.json(await readTarget(deps, actorOf(req), (req.params as unknown as TargetParams).id));
  });
  router.patch(
    '/:id',
    ...coordinator,
    validate({ params: TargetParams, body: TargetChange }),
    async (req, res) => {
      const { id } = req.params as unknown as TargetParams;
      res.json(await updateTarget(deps, actorOf(req), id, req.body as TargetChange));
    },
  );
  router.delete('/:id', ...coordinator, validate({ params: TargetParams }), async (req, res) => {
    await deleteTarget(deps, actorOf(req), (req.params as unknown as TargetParams).id);
    res.status(204).end();
  });
  router.get(
    '/:id/manual-values',
    ...coordinator,
    validate({ params: TargetParams }),
    async (req, res) => {
      const { id } = req.params as unknown as TargetParams;
      res.json(await listManualValues(deps, actorOf(req), id));
    },
  );
  router.post(
    '/:id/manual-values',
    ...coordinator,
    validate({ params: TargetParams, body: NewManualValue }),
    async (req, res) => {
      const { id } = req.params as unknown as TargetParams;
      res
        .status(201)
        .json(await createManualValue(deps, actorOf(req), id, req.body as NewManualValue));
    },
  );
  return router;
}
