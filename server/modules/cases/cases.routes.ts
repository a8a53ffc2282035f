import { actorOf, type AccessControl } from '../auth';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { CaseIdParams, IntakeCase } from './cases.schemas';
import { intakeCase, readCase, type CasesDeps } from './cases.service';

export function casesRoutes(deps: CasesDeps & { access: AccessControl }) {
  const router = createRouter();
  const caseRoles = deps.access.requireRole('caseworker', 'supervisor');

  router.post('/', ...caseRoles, validate({ body: IntakeCase }), async (req, res) => {
    res.status(201).json(await intakeCase(deps, actorOf(req), req.body as IntakeCase));
  });

  router.get('/:id', ...caseRoles, validate({ params: CaseIdParams }), async (req, res) => {
    res.json(await readCase(deps, actorOf(req), req.params.id as string));
  });

  return router;
}
