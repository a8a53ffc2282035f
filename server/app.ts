import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config/config';
import type { Database } from './db/database';
import { loadMigrationFiles, type MigrationFile } from './db/migrator';
import { clientPages, DEFAULT_CLIENT_DIR } from './http/client-pages';
import { errorHandler, notFound, requireJsonBody } from './http/error-handler';
import { httpLogger } from './http/http-logger';
import { createOpenApiRegistry, generateOpenApiDocument } from './http/openapi';
import { createRouter } from './http/router';
import {
  apiSecurityHeaders,
  clientSecurityHeaders,
  noStore,
  permissionsPolicy,
} from './http/security-headers';
import { healthRoutes, registerHealthOpenApi } from './modules/health';
import { registerInstitutionsOpenApi } from './modules/institutions';
import { version } from '../package.json';

export interface AppDeps {
  database: Database;
  config: Pick<Config, 'jsonBodyLimit' | 'serveClient'>;
  logger: Logger;
  /** The migrations this code expects; /readyz compares the database with them. */
  migrations?: readonly MigrationFile[];
  clientDir?: string;
}

/** Builds the whole HTTP application. It never listens: main.ts and the tests do. */
export function buildApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  const registry = createOpenApiRegistry();
  registerHealthOpenApi(registry);
  registerInstitutionsOpenApi(registry);
  const openApiDocument = generateOpenApiDocument(registry, version);

  app.use(httpLogger(deps.logger));
  app.use(permissionsPolicy);
  app.use(['/api', '/healthz', '/readyz'], apiSecurityHeaders, noStore);
  app.use('/api', requireJsonBody, express.json({ limit: deps.config.jsonBodyLimit }));

  app.use(
    healthRoutes({ db: deps.database.db, migrations: deps.migrations ?? loadMigrationFiles() }),
  );

  const api = createRouter();
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use('/api/v1', api);
  app.use('/api', notFound);

  if (deps.config.serveClient) {
    app.use(clientSecurityHeaders, clientPages(deps.clientDir ?? DEFAULT_CLIENT_DIR));
  }
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
