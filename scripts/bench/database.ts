/**
 * The database the benchmark runs on: a fresh `amparo_bench` database on the
 * PostgreSQL server named by the administrator URL when it answers, else the
 * embedded engine (PGlite) in temporary data directories. Either way the
 * returned cleanup removes everything the benchmark created.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Engine } from '../../server/db/database';
import { loadMigrationFiles } from '../../server/db/migrator';
import { dropDatabase } from '../../server/db/provision';
import { provisionServerDatabase, withKysely } from '../../server/db/provision-server';

export const BENCH_DATABASE = 'amparo_bench';
const PROBE_TIMEOUT_MS = 3_000;

export interface BenchDatabase {
  engine: Engine;
  /** Where it runs, without credentials. */
  description: string;
  /** Environment for the Amparo server (DATABASE_URL or an embedded DATA_DIR; always a DATA_DIR for secrets). */
  amparoEnv: Record<string, string>;
  /** Environment for the bare server: the same database, or its own embedded data directory. */
  bareEnv: Record<string, string>;
  cleanup: () => Promise<void>;
}

/** Undoes what has been set up so far, in reverse order; never throws. */
class Cleanup {
  private readonly steps: (() => Promise<void> | void)[] = [];
  add(step: () => Promise<void> | void) {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`cleanup step failed: ${message(error)}\n`);
      }
    }
  }
}

export async function prepareBenchDatabase(
  adminUrl: string,
  log: (line: string) => void,
): Promise<BenchDatabase> {
  const cleanup = new Cleanup();
  try {
    const amparoDataDir = tempDir('amparo-bench-');
    cleanup.add(() => fs.rmSync(amparoDataDir, { recursive: true, force: true }));

    const probe = await probeServer(adminUrl);
    if (probe === true) {
      log(`PostgreSQL answers at ${redact(adminUrl)}: creating database ${BENCH_DATABASE}`);
      // Roles, a re-created database, its schema, migrated as amparo_migrator.
      cleanup.add(() => withKysely(adminUrl, (admin) => dropDatabase(admin, BENCH_DATABASE)));
      const { appUrl } = await provisionServerDatabase(adminUrl, BENCH_DATABASE, {
        recreate: true,
        migrations: loadMigrationFiles(),
      });
      return {
        engine: 'postgres',
        description: `PostgreSQL ${await serverVersion(adminUrl)} at ${redact(appUrl)}`,
        amparoEnv: { DATABASE_URL: appUrl, DATA_DIR: amparoDataDir },
        bareEnv: { DATABASE_URL: appUrl },
        cleanup: () => cleanup.run(),
      };
    }

    log(`PostgreSQL does not answer at ${redact(adminUrl)} (${probe}): using the embedded engine`);
    const bareDataDir = tempDir('amparo-bench-bare-');
    cleanup.add(() => fs.rmSync(bareDataDir, { recursive: true, force: true }));
    return {
      engine: 'pglite',
      description: 'embedded PGlite (separate temporary data directories for Amparo and bare)',
      amparoEnv: { DATA_DIR: amparoDataDir },
      bareEnv: { DATA_DIR: bareDataDir },
      cleanup: () => cleanup.run(),
    };
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}

/** `true`, or why the server cannot be used. */
async function probeServer(adminUrl: string): Promise<true | string> {
  try {
    await withKysely(adminUrl, (admin) =>
      withTimeout(sql`select 1`.execute(admin), PROBE_TIMEOUT_MS),
    );
    return true;
  } catch (error) {
    return message(error);
  }
}

async function serverVersion(adminUrl: string): Promise<string> {
  return withKysely(adminUrl, async (admin) => {
    const { rows } = await sql<{ server_version: string }>`show server_version`.execute(admin);
    return rows[0]?.server_version ?? '?';
  });
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function message(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(message).join('; ');
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
