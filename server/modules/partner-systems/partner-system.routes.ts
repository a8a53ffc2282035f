import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import {
  exportPackage,
  findReferrals,
  readPackage,
  readReferral,
  ReferralIdParams,
  ReferralListQuery,
  ReferralTransition,
  transitionReferral,
  type ReferralsDeps,
} from '../referrals';
import { systemActorOf } from './certificate-strategy';

/** The partner side of referrals, for an institution's own system. */
export function partnerSystemRoutes(deps: ReferralsDeps) {
  const router = createRouter();

  router.get('/', validate({ query: ReferralListQuery }), async (req, res) => {
    res.json(
      await findReferrals(deps, systemActorOf(req), req.query as unknown as ReferralListQuery),
    );
  });

  router.get('/:id', validate({ params: ReferralIdParams }), async (req, res) => {
    res.json(await readReferral(deps, systemActorOf(req), req.params.id as string));
  });

  router.post(
    '/:id/transitions',
    validate({ params: ReferralIdParams, body: ReferralTransition }),
    async (req, res) => {
      const { id } = req.params as { id: string };
      const input = req.body as ReferralTransition;
      res.json(await transitionReferral(deps, systemActorOf(req), id, input));
    },
  );

  router.get('/:id/package', validate({ params: ReferralIdParams }), async (req, res) => {
    res.json(await readPackage(deps, systemActorOf(req), req.params.id as string));
  });

  router.get('/:id/package.p7m', validate({ params: ReferralIdParams }), async (req, res) => {
    const envelope = await exportPackage(deps, systemActorOf(req), req.params.id as string);
    res.type('application/pkcs7-mime; smime-type=enveloped-data').send(envelope);
  });

  return router;
}
