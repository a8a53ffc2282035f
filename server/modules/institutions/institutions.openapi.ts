import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import {
  CreateInstitution,
  Institution,
  InstitutionIdParams,
  InstitutionListQuery,
  InstitutionPage,
  UpdateInstitution,
} from './institutions.schemas';

export function registerInstitutionsOpenApi(registry: OpenAPIRegistry): void {
  registry.register('CreateInstitution', CreateInstitution);
  registry.register('Institution', Institution);

  registry.registerPath({
    method: 'get',
    path: '/api/v1/institutions',
    summary:
      'List institutions by name (admin; caseworkers and supervisors read it to refer), ' +
      'filtered by sector and status',
    request: { query: InstitutionListQuery },
    responses: {
      200: { description: 'A page of institutions', ...jsonContent(InstitutionPage) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/institutions',
    summary: 'Create an institution (admin); names are unique regardless of case',
    request: { body: jsonContent(CreateInstitution) },
    responses: {
      201: { description: 'Created', ...jsonContent(Institution) },
      ...problemResponses(400, 401, 403, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/institutions/{id}',
    summary: 'One institution (admin, caseworker, supervisor)',
    request: { params: InstitutionIdParams },
    responses: {
      200: { description: 'The institution', ...jsonContent(Institution) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/institutions/{id}',
    summary:
      'Change an institution (admin). `active: false` disables it (never the lead agency), ' +
      '`active: true` enables it again. Enabling it and changing its sector need a step-up ' +
      '(they widen access: its staff and systems regain theirs; sector-wide consents ' +
      'cover it differently).',
    request: { params: InstitutionIdParams, body: jsonContent(UpdateInstitution) },
    responses: {
      200: { description: 'The institution', ...jsonContent(Institution) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
}
