import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import {
  AcknowledgedReview,
  AcknowledgeReview,
  REVIEW_KINDS,
  ReviewPage,
  ReviewQuery,
} from './reviews.schemas';

export function registerReviewsOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/reviews',
    summary:
      "The supervisor's review queue: break-glass grants made on the team's cases and " +
      'referrals sent as vital-interest overrides, pending or reviewed (an audited read)',
    request: { query: ReviewQuery },
    responses: {
      200: {
        description: 'Newest first',
        ...jsonContent(ReviewPage),
      },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/reviews/{kind}/{id}/acknowledge',
    summary:
      'Record the outcome of reviewing an entry of the queue (once; never your own). ' +
      '`id` is the grant id (break_glass) or the referral id (consent_override). ' +
      '`not_justified` ends a break-glass grant that still runs.',
    request: {
      params: z.object({ kind: z.enum(REVIEW_KINDS), id: Id }),
      body: jsonContent(AcknowledgeReview),
    },
    responses: {
      200: { description: 'Reviewed', ...jsonContent(AcknowledgedReview) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
}
