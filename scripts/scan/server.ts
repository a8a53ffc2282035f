/**
 * The instance under scan: a fresh database (a new `amparo_scan` database on
 * the PostgreSQL server when it answers — the engine production runs, logged
 * in as `amparo_app`, so injected SQL would meet the real parser, roles and
 * row-level security — else the embedded engine in a temporary folder), the
 * first administrator made by `npm run create-admin`, and `server/main.ts`
 * as a child process with the demo institutions, its log written to a file.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadMigrationFiles } from '../../server/db/migrator';
import { dropDatabase } from '../../server/db/provision';
import { provisionServerDatabase, withKysely } from '../../server/db/provision-server';

export const SCAN_DATABASE = 'amparo_scan';
const ROOT = path.resolve(__dirname, '../..');
const START_TIMEOUT_MS = 120_000;

export interface ScanInstance {
  baseUrl: string;
  engine: string;
  admin: { email: string; password: string };
  serverLog: string;
  /** Whether the process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
}

export async function startInstance(
  adminUrl: string,
  logFile: string,
  log: (line: string) => void,
): Promise<ScanInstance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-scan-'));
  const cleanups: (() => Promise<void>)[] = [
    () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })),
  ];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) {
      await step().catch((e: unknown) => log(`cleanup failed: ${String(e)}`));
    }
  };
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    delete env.MIGRATION_DATABASE_URL;
    let engine: string;
    const version = await serverVersion(adminUrl);
    if (version) {
      cleanups.push(() => withKysely(adminUrl, (admin) => dropDatabase(admin, SCAN_DATABASE)));
      const { appUrl } = await provisionServerDatabase(adminUrl, SCAN_DATABASE, {
        recreate: true,
        migrations: loadMigrationFiles(),
      });
      env.DATABASE_URL = appUrl;
      engine = `PostgreSQL ${version}, database ${SCAN_DATABASE} (as amparo_app)`;
    } else {
      log('PostgreSQL does not answer: scanning the embedded engine (PGlite) instead');
      engine = 'embedded PGlite';
    }

    const email = 'admin@scan.example';
    const created = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/create-admin.ts', '--email', email, '--json'],
      { cwd: ROOT, env, encoding: 'utf8' },
    );
    const { password } = JSON.parse(created.trim().split('\n').pop() ?? '{}') as {
      password: string;
    };

    const out = fs.openSync(logFile, 'a');
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=512', '--import', 'tsx', 'server/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...env,
          HOST: '127.0.0.1',
          PORT: '0',
          SERVE_CLIENT: 'false',
          DEMO_DATA: 'true',
          // The longest an operator may set: step-up operations keep working during the scan.
          STEP_UP_WINDOW_SECONDS: '900',
        },
        stdio: ['ignore', 'pipe', out],
      },
    );
    cleanups.push(() => stopChild(child));
    const port = await readyPort(child, out);
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      engine,
      admin: { email, password },
      serverLog: logFile,
      alive: () => child.exitCode === null && child.signalCode === null,
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function serverVersion(adminUrl: string): Promise<string | undefined> {
  try {
    return await withKysely(adminUrl, async (admin) => {
      const { rows } = await sql<{ server_version: string }>`show server_version`.execute(admin);
      return rows[0]?.server_version;
    });
  } catch {
    return undefined;
  }
}

/** Copies stdout to the log file and resolves with the port of the "Amparo is listening" line. */
function readyPort(child: ChildProcess, out: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let pending = '';
    let port: number | undefined;
    const timer = setTimeout(
      () => reject(new Error('the server did not start in time (see its log)')),
      START_TIMEOUT_MS,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      fs.writeSync(out, chunk);
      if (port !== undefined) return;
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.includes('Amparo is listening')) continue;
        port = (JSON.parse(line) as { port: number }).port;
        clearTimeout(timer);
        resolve(port);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (port === undefined) reject(new Error(`the server exited (${String(code)}): see its log`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
