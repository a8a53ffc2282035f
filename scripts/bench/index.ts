/**
 * npm run bench [-- --json]
 * npm run bench -- statistics [--cases N] … (statistics releases at scale: statistics.ts)
 * npm run bench -- soak [--minutes 10] [--clients 50] (two instances under load: soak.ts)
 *
 * Starts the real Amparo server and a bare Express baseline (bare-server.ts),
 * each in its own process, on a fresh seeded database (world.ts), signs one
 * session in over HTTP (session.ts), and drives each scenario (scenarios.ts,
 * http-scenarios.ts) with autocannon on loopback at each connection count,
 * bare first then Amparo, printing req/s, p50/p99 latency, the Amparo / bare
 * ratios and each child's peak RSS (rss.ts). Before the load runs, a
 * sequential counting pass per scenario counts Amparo's transactions and
 * statements per request from PostgreSQL's own statistics and log
 * (statement-count.ts; server engine only). Then the in-process measurements.
 *
 * Environment:
 *   BENCH_ADMIN_URL       PostgreSQL administrator URL (default
 *                         postgres://postgres@127.0.0.1:5432/postgres). If it does
 *                         not answer, the embedded engine (PGlite) is used.
 *   BENCH_SECONDS         measured seconds per target (default 10; after a 3 s warm-up).
 *   BENCH_CONNECTIONS     comma-separated connection counts (default 10,50).
 *   BENCH_ONLY            comma-separated scenario names to run (readyz, case-read,
 *                         case-list, auth-me, note-write, referral-create; `in-process`
 *                         for the in-process part). Default: all.
 *   BENCH_COUNT_REQUESTS  requests per scenario in the counting pass (default 200; 0: none).
 *   BENCH_STATEMENT_LOG   a directory: the counting pass writes each scenario's logged
 *                         statements there (<scenario>.log), to see what a request sends.
 *   BENCH_AMPARO_NODE_ARGS  node options for the Amparo child (default: `npm start`'s heap
 *                         cap, --max-old-space-size=512).
 *   BENCH_MEMORY_PROBE    a file: both children load memory-probe.ts, and after each run
 *                         report what their memory is made of (heap, external, WASM).
 * --json                  the human report goes to stderr and the results to stdout as JSON.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  AMPARO_LISTENING,
  BARE_LISTENING,
  startChild,
  stopAllChildren,
  type RunningChild,
} from './children';
import { message, prepareBenchDatabase, BENCH_DATABASE, type BenchDatabase } from './database';
import { measure, stopCurrentRun, type LoadSettings } from './measure';
import { inProcessReport, measureInProcess, type InProcessResult } from './in-process';
import {
  computeRatios,
  humanReport,
  jsonReport,
  type Counts,
  type ReportInput,
  type ResultRow,
  type Target,
} from './report';
import { probeMemory, PROBE_MODULE, sampleRss } from './rss';
import { buildScenarios, readOnly, type BenchRequest, type Scenario } from './scenarios';
import { signIn } from './session';
import { COUNT_APP, openCounter } from './statement-count';
import { runSoak } from './soak';
import { runStatisticsBench, statisticsReport } from './statistics';
import type { Engine } from '../../server/db/database';
import { MAX_CASES } from '../seed-demo/seed';
import { seedBenchWorlds } from './world';

/** The node options `npm start` runs the server with (package.json). */
const START_NODE_ARGS = '--max-old-space-size=512';
const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const START_TIMEOUT_MS = 60_000;
const POOL_MAX = 10;
const AMPARO_LOG_LEVEL = 'info';
const EXIT_WATCHDOG_MS = 10_000;
const SESSION =
  'one caseworker session signed in over HTTP (CSRF token, password, TOTP enrolment and ' +
  'code), its cookie sent by every connection, its CSRF token on writes';

let cleanupDatabase: (() => Promise<void>) | undefined;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      cases: { type: 'string' },
      'embedded-cases': { type: 'string' },
      engines: { type: 'string' },
      runs: { type: 'string' },
      explain: { type: 'boolean', default: false },
      minutes: { type: 'string' },
      clients: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (positionals[0] === 'statistics' && positionals.length === 1) {
    return statistics(values);
  }
  if (positionals[0] === 'soak' && positionals.length === 1) {
    const passed = await runSoak({
      minutes: readWhole('--minutes', values.minutes, 10, 2, 24 * 60),
      clients: readWhole('--clients', values.clients, 50, 1, 500),
      log,
    });
    if (!passed) throw new Error('the soak failed its limits (see above)');
    return;
  }
  if (
    positionals.length > 0 ||
    values.cases ||
    values['embedded-cases'] ||
    values.engines ||
    values.minutes ||
    values.clients
  ) {
    throw new Error(
      'usage: npm run bench [-- --json] | npm run bench -- statistics [options] | ' +
        'npm run bench -- soak [--minutes N] [--clients N]',
    );
  }
  const only = readOnly(process.env.BENCH_ONLY);
  const connections = readConnections(process.env.BENCH_CONNECTIONS);
  const seconds = readWhole('BENCH_SECONDS', process.env.BENCH_SECONDS, 10, 1, 600);
  const countRequests = readWhole(
    'BENCH_COUNT_REQUESTS',
    process.env.BENCH_COUNT_REQUESTS,
    200,
    0,
    10_000,
  );
  const probeFile = process.env.BENCH_MEMORY_PROBE || undefined;
  const probeArgs = probeFile ? ['--import', PROBE_MODULE] : [];
  const nodeArgs = [
    ...(process.env.BENCH_AMPARO_NODE_ARGS ?? START_NODE_ARGS).split(/\s+/).filter(Boolean),
    ...probeArgs,
  ];
  const adminUrl = process.env.BENCH_ADMIN_URL || DEFAULT_ADMIN_URL;
  const date = new Date();

  const database = await prepareBenchDatabase(adminUrl, log);
  cleanupDatabase = () => database.cleanup();
  try {
    log('seeding the bench world (team, caseworker, hospital, cases, consent)');
    const worlds = await seedBenchWorlds(database);
    log(`starting Amparo and the bare server (${database.engine})`);
    const { amparo, bare } = await startServers(database, nodeArgs, probeArgs);
    const targets: Record<Target, RunningChild> = { amparo, bare };
    log('signing in over HTTP');
    const session = await signIn(
      amparo.port,
      worlds.amparo.caseworker.email,
      worlds.amparo.caseworker.password,
    );
    const scenarios = buildScenarios({
      amparoWorld: worlds.amparo,
      bareWorld: worlds.bare,
      session,
    }).filter((scenario) => only.scenarios.has(scenario.name));

    const counts = await countPerRequest(database, adminUrl, scenarios, countRequests, nodeArgs);

    const rows: ResultRow[] = [];
    for (const scenario of scenarios) {
      for (const connectionCount of connections) {
        const settings: LoadSettings = { connections: connectionCount, warmupSeconds: 3, seconds };
        const order: [Target, BenchRequest][] = scenario.bare
          ? [
              ['bare', scenario.bare],
              ['amparo', scenario.amparo],
            ]
          : [['amparo', scenario.amparo]];
        for (const [target, request] of order) {
          const child = targets[target];
          log(
            `${scenario.name} on ${target}: ${settings.warmupSeconds} s warm-up, ` +
              `${settings.seconds} s measured, ${connectionCount} connections`,
          );
          const rss = sampleRss(child.pid);
          const measurement = await measure(child.port, request, settings);
          const peak = rss.stop();
          const memory = probeFile ? await probeMemory(child.pid, probeFile) : undefined;
          const exit = child.unexpectedExit();
          if (exit) throw new Error(`${child.name} ${exit}`);
          rows.push({
            scenario: scenario.name,
            connections: connectionCount,
            method: request.method,
            path: request.path,
            target,
            ...measurement,
            rss: peak,
            ...(memory ? { memory } : {}),
          });
        }
      }
    }

    let inProcess: InProcessResult | undefined;
    if (only.inProcess) {
      log(`in-process measurements: ${seconds} s each`);
      inProcess = await measureInProcess(database.amparoEnv.DATABASE_URL, seconds);
    }
    const input: ReportInput = {
      date,
      database,
      settings: { connections, warmupSeconds: 3, seconds },
      rows,
      ratios: computeRatios(rows),
      counts,
      amparo: { logLevel: AMPARO_LOG_LEVEL, poolMax: POOL_MAX, nodeArgs },
      session: SESSION,
    };
    const report = humanReport(input) + (inProcess ? inProcessReport(inProcess) : '');
    if (values.json) {
      process.stderr.write(report);
      process.stdout.write(`${JSON.stringify({ ...jsonReport(input), inProcess }, null, 2)}\n`);
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

/** `npm run bench -- statistics`: the statistics catalogue at scale, on each engine (statistics.ts). */
async function statistics(values: {
  json: boolean;
  cases?: string;
  'embedded-cases'?: string;
  engines?: string;
  runs?: string;
  explain: boolean;
}): Promise<void> {
  const cases = readWhole('--cases', values.cases, 1_000_000, 1, MAX_CASES);
  const embeddedCases = readWhole(
    '--embedded-cases',
    values['embedded-cases'],
    cases,
    1,
    MAX_CASES,
  );
  const runs = readWhole('--runs', values.runs, 3, 1, 20);
  const adminUrl = process.env.BENCH_ADMIN_URL || DEFAULT_ADMIN_URL;
  const wanted = (values.engines ?? 'postgres,pglite').split(',').map((e) => e.trim());
  if (wanted.some((e) => e !== 'postgres' && e !== 'pglite')) {
    throw new Error('--engines is a comma-separated list of postgres and pglite');
  }
  const engines = wanted as Engine[];
  const result = await runStatisticsBench({
    adminUrl,
    cases,
    embeddedCases,
    engines,
    runs,
    explain: values.explain,
    log,
    onCleanup: (cleanup) => (cleanupDatabase = cleanup),
  });
  const report = statisticsReport(result);
  if (values.json) {
    process.stderr.write(report);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    process.stdout.write(report);
  }
}

/** The counting pass on a server; n/a figures (with the reason) on the embedded engine. */
async function countPerRequest(
  database: BenchDatabase,
  adminUrl: string,
  scenarios: readonly Scenario[],
  requests: number,
  nodeArgs: readonly string[],
): Promise<Counts> {
  const appUrl = database.amparoEnv.DATABASE_URL;
  if (!appUrl) {
    const reason =
      'embedded engine: the database lives inside the Amparo process, with no outside view ' +
      'of its statistics or statements';
    return { status: { transactions: reason, statements: reason }, rows: [] };
  }
  if (requests === 0 || scenarios.length === 0) {
    const reason = 'BENCH_COUNT_REQUESTS=0';
    return { status: { transactions: reason, statements: reason }, rows: [] };
  }
  try {
    const counter = await openCounter({
      adminUrl,
      database: BENCH_DATABASE,
      requests,
      log,
      dumpDir: process.env.BENCH_STATEMENT_LOG || undefined,
      startChild: () => {
        const url = new URL(appUrl);
        url.searchParams.set('application_name', COUNT_APP);
        return startAmparo(
          database,
          nodeArgs,
          { DATABASE_URL: url.toString() },
          'Amparo (counting)',
        );
      },
    });
    try {
      const rows = [];
      for (const scenario of scenarios) {
        log(`counting pass: ${scenario.name}, ${requests} requests one after the other`);
        const counted = await counter.count(scenario.name, scenario.amparo);
        rows.push({ scenario: scenario.name, ...counted });
      }
      return { status: counter.status, rows };
    } finally {
      await counter.close();
    }
  } catch (error) {
    // Never fail the bench for its counts.
    const reason = `counting pass failed: ${message(error)}`;
    log(reason);
    return { status: { transactions: reason, statements: reason }, rows: [] };
  }
}

function startAmparo(
  database: BenchDatabase,
  nodeArgs: readonly string[],
  overrides: Record<string, string> = {},
  name = 'Amparo',
): Promise<RunningChild> {
  return startChild({
    name,
    script: 'server/main.ts',
    cwd: ROOT,
    nodeArgs,
    env: childEnv({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      SERVE_CLIENT: 'false',
      DEMO_DATA: 'false',
      LOG_LEVEL: AMPARO_LOG_LEVEL,
      DATABASE_POOL_MAX: String(POOL_MAX),
      ...database.amparoEnv,
      ...overrides,
    }),
    readyMessage: AMPARO_LISTENING,
    startTimeoutMs: START_TIMEOUT_MS,
  });
}

async function startServers(
  database: BenchDatabase,
  nodeArgs: readonly string[],
  bareNodeArgs: readonly string[],
): Promise<{ amparo: RunningChild; bare: RunningChild }> {
  const [bare, amparo] = await Promise.allSettled([
    startChild({
      name: 'bare server',
      script: 'scripts/bench/bare-server.ts',
      cwd: ROOT,
      nodeArgs: bareNodeArgs,
      env: childEnv({
        NODE_ENV: 'development',
        DATABASE_POOL_MAX: String(POOL_MAX),
        ...database.bareEnv,
      }),
      readyMessage: BARE_LISTENING,
      startTimeoutMs: START_TIMEOUT_MS,
    }),
    startAmparo(database, nodeArgs),
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
    'LEAD_AGENCY_NAME',
  ]) {
    delete env[key];
  }
  return { ...env, ...overrides };
}

function readWhole(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number between ${min} and ${max}`);
  }
  return value;
}

function readConnections(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return [10, 50];
  const counts = raw.split(',').map((part) => Number(part.trim()));
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > 1000)) {
    throw new Error('BENCH_CONNECTIONS must be comma-separated whole numbers between 1 and 1000');
  }
  return counts;
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
