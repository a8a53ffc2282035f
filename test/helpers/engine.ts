import os from 'node:os';
import path from 'node:path';

/**
 * The suite runs on one engine per run: PGlite (default) or the PostgreSQL
 * server named by TEST_DATABASE_URL (an administrator URL: it creates roles and
 * databases). Global set-up prepares one migrated template; each test file
 * gets a copy of it.
 */
export const adminUrl = process.env.TEST_DATABASE_URL;
export const engine = adminUrl ? 'postgres' : 'pglite';

/** Names shared by global set-up and the workers (jest runs them in separate processes). */
export const TEMPLATE_ENV = 'AMPARO_TEST_TEMPLATE';

export function pgliteDumpPath(runId: string): string {
  return path.join(os.tmpdir(), `amparo-test-template-${runId}.tar`);
}
