import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { LocalKeyring, type KeyEncryptionKeys } from '../../security/crypto';
import { buildApp, type AppDeps } from '../../server/app';
import { STEP_UP_WINDOW_MS } from '../../server/modules/auth';
import { createLogger } from '../../server/http/logger';
import { openTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  app: Express;
  database: TestDatabase;
  /** Every log line the app wrote, as raw JSON text. */
  logs: string[];
  /** Moves the clock second-factor codes are checked against. */
  clock: TestClock;
  /** The keyring, secrets and logger the app was built with (for a second listener). */
  keyring: KeyEncryptionKeys;
  secrets: AppDeps['secrets'];
  logger: Logger;
  close(): Promise<void>;
}

export interface TestClock {
  now(): Date;
  advance(seconds: number): void;
}

/**
 * Production settings: Secure `__Host-` cookie; tests say https through a
 * trusted proxy header. PUBLIC_URL is set as production must set it.
 */
export const TEST_CONFIG: AppDeps['config'] = {
  jsonBodyLimit: '100kb',
  serveClient: false,
  trustProxy: 'loopback',
  insecureHttpCookie: false,
  stepUpWindowMs: STEP_UP_WINDOW_MS,
  publicUrl: 'https://amparo.test/',
};

export function testSecrets(database: TestDatabase): AppDeps['secrets'] {
  return {
    SESSION_SECRET: randomBytes(32),
    AUDIT_KEY: database.store.auditKey,
    BLIND_INDEX_KEY: randomBytes(32),
  };
}

/** A keyring of one random version, as development would generate. */
export const testKeyring = () => new LocalKeyring(new Map([[1, randomBytes(32)]]));

/** The real app on a fresh database, with its log captured for assertions. */
export async function startTestApp(
  overrides: Partial<Omit<AppDeps, 'config'>> & { config?: Partial<AppDeps['config']> } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(line) });
  let offsetMs = 0;
  const clock: TestClock = {
    now: () => new Date(Date.now() + offsetMs),
    advance: (seconds) => void (offsetMs += seconds * 1000),
  };
  const deps: AppDeps = {
    database,
    logger,
    secrets: testSecrets(database),
    keyring: testKeyring(),
    clock: () => clock.now(),
    ...overrides,
    config: { ...TEST_CONFIG, ...overrides.config },
  };
  const app = buildApp(deps);
  const { keyring, secrets } = deps;
  return { app, database, logs, clock, keyring, secrets, logger, close: () => database.close() };
}
