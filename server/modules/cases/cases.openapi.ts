import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { z } from '../../http/zod';
import { CaseDetail, CaseListQuery, CasePage, IntakeCase, IntakeResult } from './cases.schemas';

export function registerCasesOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cases',
    summary: 'Cases I may see, newest first: no identifying data (nothing is decrypted)',
    request: { query: CaseListQuery },
    responses: {
      200: { description: 'A page of case summaries', ...jsonContent(CasePage) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cases',
    summary:
      'Register a case (caseworker, supervisor): identifying fields are encrypted with the ' +
      "case's own key; possible duplicates are named by team, not by content",
    request: { body: jsonContent(IntakeCase) },
    responses: {
      201: { description: 'Created', ...jsonContent(IntakeResult) },
      ...problemResponses(400, 401, 403, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cases/{id}',
    summary: 'One case with its identifying data (audited as a read with purpose "view")',
    request: { params: z.object({ id: z.uuid() }) },
    responses: {
      200: { description: 'The case', ...jsonContent(CaseDetail) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
}
