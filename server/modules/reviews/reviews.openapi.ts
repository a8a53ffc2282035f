import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { z } from '../../http/zod';
import { BreakGlassReview } from '../cases';
import { ConsentOverrideReview } from '../referrals';

export function registerReviewsOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/reviews',
    summary:
      "The supervisor's review queue: break-glass grants on the team's cases and referrals " +
      'sent as vital-interest overrides (an audited read)',
    responses: {
      200: {
        description: 'Newest first',
        ...jsonContent(
          z.object({
            items: z.array(z.discriminatedUnion('kind', [BreakGlassReview, ConsentOverrideReview])),
          }),
        ),
      },
      ...problemResponses(401, 403),
    },
  });
}
