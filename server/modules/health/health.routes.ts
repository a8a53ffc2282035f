import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { compareMigrations, readAppliedMigrations, type MigrationFile } from '../../db/migrator';
import { problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { DATABASE_RETRY_AFTER_SECONDS, problems } from '../../http/problem';
import { createRouter } from '../../http/router';
import { z } from '../../http/zod';

const READY_TIMEOUT_MS = 2_000;

const HealthStatus = z.object({ status: z.enum(['ok', 'ready']) }).openapi('HealthStatus');

export function healthRoutes(deps: { db: Kysely<DB>; migrations: readonly MigrationFile[] }) {
  const router = createRouter();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const applied = await withTimeout(readAppliedMigrations(deps.db), READY_TIMEOUT_MS).catch(
      () => undefined,
    );
    if (!applied) {
      throw problems
        .notReady('The database does not answer.')
        .withHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    const state = compareMigrations(deps.migrations, applied);
    if (!state.current) {
      throw problems.notReady(`Database migrations are not current (${state.reason}).`);
    }
    res.json({ status: 'ready' });
  });

  return router;
}

export function registerHealthOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'The process is alive',
    responses: {
      200: { description: 'Alive', content: { 'application/json': { schema: HealthStatus } } },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    summary: 'The database answers and its migrations are current',
    responses: {
      200: { description: 'Ready', content: { 'application/json': { schema: HealthStatus } } },
      ...problemResponses(503),
    },
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
