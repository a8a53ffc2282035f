import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Directory } from './directory.schemas';

export function registerDirectoryOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/directory',
    summary:
      "Caseworker, supervisor: the lead agency's teams and its active caseworkers and " +
      'supervisors (names for ids; `assignable`: may be assigned a case). No emails; not audited',
    responses: {
      200: { description: 'Teams and staff, by name', ...jsonContent(Directory) },
      ...problemResponses(401, 403),
    },
  });
}
