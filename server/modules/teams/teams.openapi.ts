import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { z } from '../../http/zod';
import { CreateTeam, Team } from './teams.schemas';

export function registerTeamsOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/teams',
    summary: 'Teams of the lead agency (admin)',
    responses: {
      200: { description: 'By name', ...jsonContent(z.object({ items: z.array(Team) })) },
      ...problemResponses(401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/teams',
    summary: 'Create a team (admin)',
    request: { body: jsonContent(CreateTeam) },
    responses: {
      201: { description: 'Created', ...jsonContent(Team) },
      ...problemResponses(400, 401, 403, 409),
    },
  });
}
