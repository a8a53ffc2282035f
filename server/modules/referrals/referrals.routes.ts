import { actorOf, type AccessControl } from '../auth';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import type { ReferralsDeps } from './referral-access';
import { exportPackage, readPackage, readReferral } from './referral-reads';
import { closePackageAsSender } from './package-closure';
import { transitionReferral } from './referral-transitions';
import {
  NewReferral,
  ReferralIdParams,
  ReferralListQuery,
  ReferralTransition,
} from './referrals.schemas';
import { createReferral, findReferrals } from './referrals.service';

export function referralsRoutes(deps: ReferralsDeps & { access: AccessControl }) {
  const router = createRouter();
  const bothSides = deps.access.requireRole('caseworker', 'supervisor', 'partner');

  router.get('/', ...bothSides, validate({ query: ReferralListQuery }), async (req, res) => {
    res.json(await findReferrals(deps, actorOf(req), req.query as unknown as ReferralListQuery));
  });

  router.post(
    '/',
    ...deps.access.requireRole('caseworker', 'supervisor'),
    validate({ body: NewReferral }),
    async (req, res) => {
      const input = req.body as NewReferral;
      if (input.vitalInterestOverride) await deps.access.ensureStepUp(req, res);
      res.status(201).json(await createReferral(deps, actorOf(req), input));
    },
  );

  router.get('/:id', ...bothSides, validate({ params: ReferralIdParams }), async (req, res) => {
    res.json(await readReferral(deps, actorOf(req), req.params.id as string));
  });

  router.post(
    '/:id/transitions',
    ...bothSides,
    validate({ params: ReferralIdParams, body: ReferralTransition }),
    async (req, res) => {
      const { id } = req.params as { id: string };
      res.json(await transitionReferral(deps, actorOf(req), id, req.body as ReferralTransition));
    },
  );

  router.get(
    '/:id/package',
    ...deps.access.requireRole('partner'),
    validate({ params: ReferralIdParams }),
    async (req, res) => {
      res.json(await readPackage(deps, actorOf(req), req.params.id as string));
    },
  );

  // The sender closes the package early; the referral keeps its status.
  router.delete(
    '/:id/package',
    ...deps.access.requireRole('caseworker', 'supervisor'),
    validate({ params: ReferralIdParams }),
    async (req, res) => {
      res.json(await closePackageAsSender(deps, actorOf(req), req.params.id as string));
    },
  );

  router.get(
    '/:id/package.p7m',
    ...deps.access.requireRole('partner'),
    validate({ params: ReferralIdParams }),
    async (req, res) => {
      const envelope = await exportPackage(deps, actorOf(req), req.params.id as string);
      res
        .set('Content-Disposition', 'attachment; filename="package.p7m"')
        .type('application/pkcs7-mime; smime-type=enveloped-data')
        .send(envelope);
    },
  );

  return router;
}
