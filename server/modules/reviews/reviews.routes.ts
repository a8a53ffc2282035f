import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import { AcknowledgeReview, ReviewParams, ReviewQuery } from './reviews.schemas';
import { acknowledgeReview, reviewQueue, type ReviewsDeps } from './reviews.service';

/** `GET /api/v1/reviews`, `POST /api/v1/reviews/:kind/:id/acknowledge`: supervisors. */
export function reviewsRoutes(deps: ReviewsDeps & { access: AccessControl }) {
  const router = createRouter();
  const supervisors = deps.access.requireRole('supervisor');

  router.get('/', ...supervisors, validate({ query: ReviewQuery }), async (req, res) => {
    const query = req.query as unknown as ReviewQuery;
    res.json(await reviewQueue(deps, actorOf(req), query));
  });

  router.post(
    '/:kind/:id/acknowledge',
    ...supervisors,
    validate({ params: ReviewParams, body: AcknowledgeReview }),
    async (req, res) => {
      const params = req.params as unknown as ReviewParams;
      res.json(
        await acknowledgeReview(deps.store, actorOf(req), params, req.body as AcknowledgeReview),
      );
    },
  );
  return router;
}
