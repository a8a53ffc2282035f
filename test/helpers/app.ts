import type { Express } from 'express';
import { buildApp, type AppDeps } from '../../server/app';
import { createLogger } from '../../server/http/logger';
import { openTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  app: Express;
  database: TestDatabase;
  /** Every log line the app wrote, as raw JSON text. */
  logs: string[];
  close(): Promise<void>;
}

/** The real app on a fresh database, with its log captured for assertions. */
export async function startTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(line) });
  const app = buildApp({
    database,
    logger,
    config: { jsonBodyLimit: '100kb', serveClient: false },
    ...overrides,
  });
  return { app, database, logs, close: () => database.close() };
}
