import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { z } from '../../http/zod';
import {
  Budget,
  BudgetQuery,
  Catalogue,
  PublicReleaseQuery,
  PublishedReleaseList,
  Release,
  ReleaseList,
  ReleaseListQuery,
  ReleaseParams,
  ReleasePreview,
  ReleaseRequest,
} from './statistics.schemas';

export function registerStatisticsOpenApi(registry: OpenAPIRegistry): void {
  const body = { body: { content: { 'application/json': { schema: ReleaseRequest } } } };
  registry.registerPath({
    method: 'get',
    path: '/api/v1/statistics/catalogue',
    summary: 'Coordinator: the tables a release can be made of, with their dimensions and ε limits',
    responses: {
      200: { description: 'The catalogue', ...jsonContent(Catalogue) },
      ...problemResponses(401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/statistics/budget',
    summary:
      "Coordinator: a year's privacy budget (per year of identification): total, spent, remaining",
    request: { query: BudgetQuery },
    responses: {
      200: { description: 'The budget', ...jsonContent(Budget) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/statistics/releases/preview',
    summary:
      'Coordinator: what a release would be (cells, noise, error bound, budget left after) from its ' +
      'parameters alone. Reads no case data and spends no budget',
    request: body,
    responses: {
      200: { description: 'The preview', ...jsonContent(ReleasePreview) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/statistics/releases',
    summary:
      'Coordinator: computes a release once (differentially private), frozen as a draft, spending its ε ' +
      "from the year's budget; 409 `privacy_budget_exceeded` names what is left. Audited",
    request: body,
    responses: {
      201: { description: 'The draft release', ...jsonContent(Release) },
      ...problemResponses(400, 401, 403, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/statistics/releases',
    summary: 'Coordinator: releases (drafts, published, discarded), newest period first',
    request: { query: ReleaseListQuery },
    responses: {
      200: { description: 'Releases', ...jsonContent(ReleaseList) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/statistics/releases/{id}',
    summary: 'Coordinator: one release with its figures',
    request: { params: ReleaseParams },
    responses: {
      200: { description: 'The release', ...jsonContent(Release) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  for (const decision of ['publish', 'discard'] as const) {
    registry.registerPath({
      method: 'post',
      path: `/api/v1/statistics/releases/{id}/${decision}`,
      summary:
        decision === 'publish'
          ? 'Coordinator: publishes a draft, permanently (the observatory shows it to anyone). Audited'
          : 'Coordinator: discards a draft (never published; its ε stays spent). Audited',
      request: {
        params: ReleaseParams,
        body: { content: { 'application/json': { schema: z.object({}).strict() } } },
      },
      responses: {
        200: { description: 'The release', ...jsonContent(Release) },
        ...problemResponses(400, 401, 403, 404, 409),
      },
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/api/v1/public/statistics/releases',
    summary:
      'Anyone, no session: the published releases with their figures and parameters. Cacheable',
    request: { query: PublicReleaseQuery },
    responses: {
      200: { description: 'Published releases', ...jsonContent(PublishedReleaseList) },
      ...problemResponses(400),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/public/statistics/releases/{id}',
    summary: 'Anyone, no session: one published release (JSON). Cacheable',
    request: { params: ReleaseParams },
    responses: {
      200: { description: 'The release', ...jsonContent(Release) },
      ...problemResponses(400, 404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/public/statistics/releases/{id}/csv',
    summary: 'Anyone, no session: one published release as CSV (cells, totals, parameters)',
    request: { params: ReleaseParams },
    responses: {
      200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
      ...problemResponses(400, 404),
    },
  });
}
