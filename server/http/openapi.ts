import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { Problem } from './problem';
import { z } from './zod';

const OpenApiDocument = z.object({ openapi: z.string() }).loose();

export { OpenAPIRegistry };

export function createOpenApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.register('Problem', Problem);
  registry.registerPath({
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This OpenAPI 3.1 document, generated from the validation schemas',
    responses: {
      200: {
        description: 'OpenAPI document',
        content: { 'application/json': { schema: OpenApiDocument } },
      },
    },
  });
  return registry;
}

/** `content` of a JSON request or response body. */
export function jsonContent(schema: z.ZodType) {
  return { content: { 'application/json': { schema } } };
}

/** A response entry for each problem status an operation can answer. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: 'Problem details (RFC 9457)',
        content: { 'application/problem+json': { schema: Problem } },
      },
    ]),
  );
}

export function generateOpenApiDocument(registry: OpenAPIRegistry, version: string) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Amparo API',
      version,
      description:
        'Case management for victims of human trafficking. Errors are application/problem+json. ' +
        'Any endpoint may answer 503 with a Retry-After header (seconds) while the database is ' +
        'unavailable (code database_unavailable) or a statement ran past its time limit ' +
        '(database_timeout); nothing was changed unless the request had reached its commit.',
    },
    servers: [{ url: '/' }],
  });
}
