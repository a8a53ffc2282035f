import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Store } from '../../server/db/actor-transaction';
import { openEmbeddedDatabase, type Database } from '../../server/db/database';
import { openTestDatabase, type TestDatabase } from './database';
import { engine } from './engine';
import { asSuperuser } from './superuser';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/** A database the script can open from its environment, on the selected engine. */
export interface ScriptSubject {
  env: NodeJS.ProcessEnv;
  /** Runs work with the database (closed again before a script may open it). */
  withStore(work: (store: Store) => Promise<void>): Promise<void>;
  asSuperuser(statements: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function scriptSubject(): Promise<ScriptSubject> {
  const auditKey = randomBytes(32);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-script-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    AUDIT_KEY: auditKey.toString('base64'),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'postgres') {
    const t: TestDatabase = await openTestDatabase();
    env.DATABASE_URL = t.urls!.app;
    return {
      env,
      withStore: (work) => work({ db: t.db, auditKey }),
      asSuperuser: (statements) => asSuperuser(t, statements),
      cleanup: async () => (await t.close(), removeDir()),
    };
  }
  // The embedded engine is single-process: open, work, close before the script runs.
  const withEmbedded = async (work: (database: Database) => Promise<void>) => {
    const database = await openEmbeddedDatabase({ dataDir });
    try {
      await work(database);
    } finally {
      await database.close();
    }
  };
  return {
    env,
    withStore: (work) => withEmbedded((d) => work({ db: d.db, auditKey })),
    asSuperuser: (statements) => withEmbedded((d) => asSuperuser(d, statements)),
    cleanup: () => Promise.resolve(removeDir()),
  };
}

/** Runs an operator script as `npm run` would; resolves with its exit code and output. */
export async function runScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env,
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}
