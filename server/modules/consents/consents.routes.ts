import { actorOf, type AccessControl } from '../auth';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import {
  ApproveConsent,
  CaseConsentsParams,
  ConsentIdParams,
  ConsentListQuery,
  NewConsent,
  RevokeConsent,
} from './consents.schemas';
import { pendingApprovals } from './consent-approvals';
import { approveConsent, revokeConsent } from './consent-decisions';
import { listConsents, recordConsent, type ConsentsDeps } from './consents.service';

type Deps = ConsentsDeps & { access: AccessControl };

/** Mounted at `/cases`, after the cases router: `/cases/:id/consents`. */
export function caseConsentsRoutes(deps: Deps) {
  const router = createRouter();
  const caseRoles = deps.access.requireRole('caseworker', 'supervisor');

  router.get(
    '/:id/consents',
    ...caseRoles,
    validate({ params: CaseConsentsParams }),
    async (req, res) => {
      res.json({ items: await listConsents(deps, actorOf(req), req.params.id as string) });
    },
  );

  router.post(
    '/:id/consents',
    ...caseRoles,
    validate({ params: CaseConsentsParams, body: NewConsent }),
    async (req, res) => {
      const consent = await recordConsent(
        deps,
        actorOf(req),
        req.params.id as string,
        req.body as NewConsent,
      );
      res.status(201).json(consent);
    },
  );
  return router;
}

/** `/consents?status=pending_approval`, `/consents/:id/approve` and `/consents/:id/revoke`. */
export function consentsRoutes(deps: Deps) {
  const router = createRouter();

  router.get(
    '/',
    ...deps.access.requireRole('supervisor'),
    validate({ query: ConsentListQuery }),
    async (req, res) => {
      const query = req.query as unknown as ConsentListQuery;
      res.json(await pendingApprovals(deps, actorOf(req), query));
    },
  );

  router.post(
    '/:id/approve',
    ...deps.access.requireRole('supervisor'),
    validate({ params: ConsentIdParams, body: ApproveConsent }),
    async (req, res) => {
      res.json(await approveConsent(deps, actorOf(req), req.params.id as string));
    },
  );

  router.post(
    '/:id/revoke',
    ...deps.access.requireRole('caseworker', 'supervisor'),
    validate({ params: ConsentIdParams, body: RevokeConsent }),
    async (req, res) => {
      const { id } = req.params as { id: string };
      res.json(await revokeConsent(deps, actorOf(req), id, req.body as RevokeConsent));
    },
  );
  return router;
}
