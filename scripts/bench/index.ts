/**
 * npm run bench [-- --json]
 *
 * Starts the real Amparo server and a bare Express baseline (bare-server.ts),
 * each in its own process, on a fresh database, drives each scenario of
 * scenarios.ts with autocannon on loopback and prints req/s and p50/p99
 * latency side by side with the Amparo / bare ratios.
 *
 * Environment:
 *   BENCH_ADMIN_URL  PostgreSQL administrator URL (default
 *                    postgres://postgres@127.0.0.1:5432/postgres). If it does
 *                    not answer, the embedded engine (PGlite) is used.
 *   BENCH_SECONDS    measured seconds per target (default 10; after a 3 s warm-up).
 * --json             the human report goes to stderr and the results to stdout as JSON.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  AMPARO_LISTENING,
  BARE_LISTENING,
  startChild,
  stopAllChildren,
  type RunningChild,
} from './children';
import { message, prepareBenchDatabase, type BenchDatabase } from './database';
import { measure, stopCurrentRun, type LoadSettings, type Measurement } from './measure';
import { inProcessReport, measureInProcess } from './in-process';
import { SCENARIOS } from './scenarios';
import { APP_ROLE } from '../../server/db/provision';

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const START_TIMEOUT_MS = 60_000;
const POOL_MAX = 10;
const AMPARO_LOG_LEVEL = 'info';
const EXIT_WATCHDOG_MS = 10_000;

type Target = 'bare' | 'amparo';

interface ResultRow extends Measurement {
  scenario: string;
  method: string;
  path: string;
  target: Target;
}

interface Ratio {
  scenario: string;
  /** Amparo req/s divided by bare req/s. */
  reqPerSec: number;
  /** Amparo p99 divided by bare p99. */
  p99: number;
}

let cleanupDatabase: (() => Promise<void>) | undefined;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
  const json = values.json;
  const settings: LoadSettings = {
    connections: 10,
    warmupSeconds: 3,
    seconds: readSeconds(process.env.BENCH_SECONDS),
  };
  const adminUrl = process.env.BENCH_ADMIN_URL || DEFAULT_ADMIN_URL;
  const date = new Date();

  const database = await prepareBenchDatabase(adminUrl, log);
  cleanupDatabase = () => database.cleanup();
  try {
    log(`starting Amparo and the bare server (${database.engine})`);
    const { amparo, bare } = await startServers(database);
    const targets: Record<Target, RunningChild> = { amparo, bare };

    const rows: ResultRow[] = [];
    for (const scenario of SCENARIOS) {
      const order: Target[] = scenario.baseline ? ['bare', 'amparo'] : ['amparo'];
      for (const target of order) {
        const child = targets[target];
        log(
          `${scenario.name} on ${target}: ${settings.warmupSeconds} s warm-up, ` +
            `${settings.seconds} s measured, ${settings.connections} connections`,
        );
        const measurement = await measure(child.port, scenario, settings);
        const exit = child.unexpectedExit();
        if (exit) throw new Error(`${child.name} ${exit}`);
        rows.push({
          scenario: scenario.name,
          method: scenario.method,
          path: scenario.path,
          target,
          ...measurement,
        });
      }
    }

    const ratios = computeRatios(rows);
    log(`in-process measurements: ${settings.seconds} s each`);
    const inProcess = await measureInProcess(database.amparoEnv.DATABASE_URL, settings.seconds);
    const report =
      humanReport({ date, database, settings, rows, ratios }) + inProcessReport(inProcess);
    if (json) {
      process.stderr.write(report);
      process.stdout.write(
        `${JSON.stringify({ ...jsonReport({ date, database, settings, rows, ratios }), inProcess }, null, 2)}\n`,
      );
    } else {
      process.stdout.write(report);
    }
  } finally {
    log('stopping the servers, removing the bench database or data directories');
    await stopAllChildren();
    cleanupDatabase = undefined;
    await database.cleanup();
  }
}

async function startServers(
  database: BenchDatabase,
): Promise<{ amparo: RunningChild; bare: RunningChild }> {
  const [bare, amparo] = await Promise.allSettled([
    startChild({
      name: 'bare server',
      script: 'scripts/bench/bare-server.ts',
      cwd: ROOT,
      env: childEnv({
        NODE_ENV: 'development',
        DATABASE_POOL_MAX: String(POOL_MAX),
        ...database.bareEnv,
      }),
      readyMessage: BARE_LISTENING,
      startTimeoutMs: START_TIMEOUT_MS,
    }),
    startChild({
      name: 'Amparo',
      script: 'server/main.ts',
      cwd: ROOT,
      env: childEnv({
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: '0',
        SERVE_CLIENT: 'false',
        DEMO_DATA: 'false',
        LOG_LEVEL: AMPARO_LOG_LEVEL,
        DATABASE_POOL_MAX: String(POOL_MAX),
        ...database.amparoEnv,
      }),
      readyMessage: AMPARO_LISTENING,
      startTimeoutMs: START_TIMEOUT_MS,
    }),
  ]);
  const failures = [bare, amparo]
    .filter((outcome) => outcome.status === 'rejected')
    .map((outcome) => message(outcome.reason));
  if (bare.status === 'rejected' || amparo.status === 'rejected') {
    throw new Error(failures.join('\n'));
  }
  return { amparo: amparo.value, bare: bare.value };
}

/** The parent's environment minus anything that would point a child elsewhere. */
function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    'DATABASE_URL',
    'MIGRATION_DATABASE_URL',
    'DATA_DIR',
    'HOST',
    'PORT',
    'DATABASE_POOL_MAX',
  ]) {
    delete env[key];
  }
  return { ...env, ...overrides };
}

function computeRatios(rows: readonly ResultRow[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const scenario of SCENARIOS) {
    const bare = rows.find((row) => row.scenario === scenario.name && row.target === 'bare');
    const amparo = rows.find((row) => row.scenario === scenario.name && row.target === 'amparo');
    if (!bare || !amparo) continue;
    ratios.push({
      scenario: scenario.name,
      reqPerSec: amparo.reqPerSec / bare.reqPerSec,
      p99: amparo.p99Ms / bare.p99Ms,
    });
  }
  return ratios;
}

interface ReportInput {
  date: Date;
  database: BenchDatabase;
  settings: LoadSettings;
  rows: readonly ResultRow[];
  ratios: readonly Ratio[];
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}

function humanReport({ date, database, settings, rows, ratios }: ReportInput): string {
  const m = machine();
  const header = [
    `Amparo benchmark, ${date.toISOString()}`,
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}`,
    `engine:  ${database.engine}: ${database.description}`,
    `load:    autocannon on 127.0.0.1, ${settings.connections} connections, ` +
      `${settings.warmupSeconds} s warm-up (not recorded) + ${settings.seconds} s measured ` +
      'per target, bare first then Amparo; servers in their own processes',
    `Amparo:  LOG_LEVEL=${AMPARO_LOG_LEVEL} kept as in production (one pino-http line per ` +
      'request, stdout drained and discarded), NODE_ENV=development, SERVE_CLIENT=false' +
      (database.engine === 'postgres' ? `, pool ${POOL_MAX}` : ''),
    `bare:    Express 5, no middleware, same query, ` +
      (database.engine === 'postgres'
        ? `pg pool ${POOL_MAX} as ${APP_ROLE}`
        : 'its own PGlite in its own data directory'),
  ];
  const table = formatTable(
    ['scenario', 'target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
    rows.map((row) => [
      row.scenario,
      row.target,
      row.reqPerSec.toFixed(1),
      row.p50Ms.toFixed(2),
      row.p99Ms.toFixed(2),
      String(row.non2xx),
      String(row.errors),
    ]),
  );
  const ratioLines = ratios.map(
    (ratio) =>
      `${ratio.scenario}: Amparo/bare req/s ${ratio.reqPerSec.toFixed(2)}, ` +
      `p99 ${ratio.p99.toFixed(2)}`,
  );
  return `${[...header, '', ...table, '', ...ratioLines].join('\n')}\n`;
}

function jsonReport({ date, database, settings, rows, ratios }: ReportInput) {
  return {
    date: date.toISOString(),
    machine: machine(),
    engine: database.engine,
    database: database.description,
    settings: { ...settings, host: '127.0.0.1', poolMax: POOL_MAX },
    amparo: { nodeEnv: 'development', logLevel: AMPARO_LOG_LEVEL, serveClient: false },
    results: rows.map((row) => ({
      ...row,
      reqPerSec: round(row.reqPerSec, 1),
      p50Ms: round(row.p50Ms, 3),
      p99Ms: round(row.p99Ms, 3),
    })),
    ratios: ratios.map((ratio) => ({
      ...ratio,
      reqPerSec: round(ratio.reqPerSec, 3),
      p99: round(ratio.p99, 3),
    })),
  };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function formatTable(head: string[], body: string[][]): string[] {
  const all = [head, ...body];
  const widths = head.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  // Text columns left-aligned, figures right-aligned.
  return all.map((row) =>
    row
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

function readSeconds(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 10;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) {
    throw new Error('BENCH_SECONDS must be a whole number of seconds between 1 and 600');
  }
  return seconds;
}

/** Whatever happens, the process ends: a lingering handle must not keep it alive. */
function exitSoon(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), EXIT_WATCHDOG_MS).unref();
}

let interrupted = false;
function interrupt(signal: NodeJS.Signals): void {
  if (interrupted) process.exit(130);
  interrupted = true;
  log(`${signal}: stopping (again to exit at once)`);
  stopCurrentRun();
  void stopAllChildren()
    .then(() => cleanupDatabase?.())
    .finally(() => process.exit(130));
}
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

main().then(
  () => exitSoon(0),
  (error: unknown) => {
    log(`failed: ${message(error)}`);
    exitSoon(1);
  },
);
