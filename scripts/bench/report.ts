/** The bench's human report (a few tables) and its --json form. */
import os from 'node:os';
import type { BenchDatabase } from './database';
import type { LoadSettings, Measurement } from './measure';
import type { MemoryBreakdown, RssPeak } from './rss';
import type { CounterStatus, PerRequestCounts } from './statement-count';

export type Target = 'bare' | 'amparo';

export interface ResultRow extends Measurement {
  scenario: string;
  connections: number;
  method: string;
  path: string;
  target: Target;
  /** Undefined when /proc could not be read. */
  rss: RssPeak | undefined;
  /** With BENCH_MEMORY_PROBE: what the process's memory was made of. */
  memory?: MemoryBreakdown;
}

export interface Ratio {
  scenario: string;
  connections: number;
  /** Amparo req/s divided by bare req/s. */
  reqPerSec: number;
  /** Amparo p99 divided by bare p99. */
  p99: number;
}

export interface CountRow extends PerRequestCounts {
  scenario: string;
}

export interface Counts {
  /** true, or why that figure is n/a. */
  status: CounterStatus;
  rows: CountRow[];
}

export interface ReportInput {
  date: Date;
  database: BenchDatabase;
  settings: Omit<LoadSettings, 'connections'> & { connections: readonly number[] };
  rows: readonly ResultRow[];
  ratios: readonly Ratio[];
  counts: Counts;
  amparo: { logLevel: string; poolMax: number; nodeArgs: readonly string[] };
  session: string;
}

export function computeRatios(rows: readonly ResultRow[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const amparo of rows.filter((row) => row.target === 'amparo')) {
    const bare = rows.find(
      (row) =>
        row.target === 'bare' &&
        row.scenario === amparo.scenario &&
        row.connections === amparo.connections,
    );
    if (!bare) continue;
    ratios.push({
      scenario: amparo.scenario,
      connections: amparo.connections,
      reqPerSec: amparo.reqPerSec / bare.reqPerSec,
      p99: amparo.p99Ms / bare.p99Ms,
    });
  }
  return ratios;
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

const fixed = (value: number | undefined, digits: number) =>
  value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);

export function humanReport(input: ReportInput): string {
  const { date, database, settings, rows, ratios, counts, amparo } = input;
  const m = machine();
  const header = [
    `Amparo benchmark, ${date.toISOString()}`,
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}`,
    `engine:  ${database.engine}: ${database.description}`,
    `load:    autocannon on 127.0.0.1, ${settings.connections.join(' and ')} connections, ` +
      `${settings.warmupSeconds} s warm-up (not recorded) + ${settings.seconds} s measured ` +
      'per target, bare first then Amparo; servers in their own processes',
    `Amparo:  LOG_LEVEL=${amparo.logLevel} kept as in production (one pino-http line per ` +
      'request, stdout drained and discarded), NODE_ENV=development, SERVE_CLIENT=false' +
      (database.engine === 'postgres' ? `, pool ${amparo.poolMax}` : '') +
      (amparo.nodeArgs.length > 0 ? `, node ${amparo.nodeArgs.join(' ')}` : ''),
    `bare:    Express 5, JSON body parser only, the same rows' work (bare-routes.ts), ` +
      (database.engine === 'postgres'
        ? `pg pool ${amparo.poolMax}, same role and RLS context`
        : 'its own PGlite in its own data directory, same role and RLS context'),
    `session: ${input.session}`,
    "RSS:     max VmRSS sampled every 150 ms during the target's warm-up and run; " +
      'HWM = VmHWM (lifetime peak) at its end',
  ];
  const table = formatTable(
    [
      'scenario',
      'conns',
      'target',
      'req/s',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'errors',
      'RSS MiB',
      'HWM MiB',
    ],
    rows.map((row) => [
      row.scenario,
      String(row.connections),
      row.target,
      row.reqPerSec.toFixed(1),
      row.p50Ms.toFixed(2),
      row.p99Ms.toFixed(2),
      String(row.non2xx),
      String(row.errors),
      fixed(row.rss?.maxRssMiB, 0),
      fixed(row.rss?.hwmMiB, 0),
    ]),
    3,
  );
  const ratioTable = formatTable(
    ['scenario', 'conns', 'Amparo/bare req/s', 'Amparo/bare p99'],
    ratios.map((r) => [
      r.scenario,
      String(r.connections),
      r.reqPerSec.toFixed(2),
      r.p99.toFixed(2),
    ]),
    2,
  );
  const why = (status: true | string) => (status === true ? '' : ` (n/a: ${status})`);
  const countTable = formatTable(
    ['scenario', 'transactions/req', 'statements/req', 'transactions/req (log)'],
    counts.rows.map((c) => [
      c.scenario,
      fixed(c.transactions, 2),
      fixed(c.statements, 2),
      fixed(c.transactionsFromLog, 2),
    ]),
    1,
  );
  const countRequests = counts.rows[0]?.requests;
  const countLines = [
    `Per Amparo request, sequential counting pass` +
      (countRequests ? ` of ${countRequests} requests per scenario` : '') +
      ', background rate taken out:',
    `  transactions: pg_stat_database xact_commit + xact_rollback${why(counts.status.transactions)}`,
    `  statements: server log with log_statement = all${why(counts.status.statements)}`,
    ...(counts.rows.length > 0 ? countTable : []),
  ];
  return `${[...header, '', ...table, '', ...ratioTable, '', ...countLines, ...memoryLines(rows)].join('\n')}\n`;
}

export function jsonReport(input: ReportInput) {
  const { date, database, settings, rows, ratios, counts, amparo } = input;
  const round = (value: number | undefined, digits: number) =>
    value === undefined || Number.isNaN(value) ? null : Number(value.toFixed(digits));
  return {
    date: date.toISOString(),
    machine: machine(),
    engine: database.engine,
    database: database.description,
    settings: { ...settings, host: '127.0.0.1', poolMax: amparo.poolMax },
    amparo: {
      nodeEnv: 'development',
      logLevel: amparo.logLevel,
      serveClient: false,
      nodeArgs: amparo.nodeArgs,
    },
    session: input.session,
    results: rows.map(({ rss, memory, ...row }) => ({
      ...row,
      reqPerSec: round(row.reqPerSec, 1),
      p50Ms: round(row.p50Ms, 3),
      p99Ms: round(row.p99Ms, 3),
      peakRssMiB: round(rss?.maxRssMiB, 1),
      hwmMiB: round(rss?.hwmMiB, 1),
      rssSamples: rss?.samples ?? 0,
      ...(memory ? { memory } : {}),
    })),
    ratios: ratios.map((ratio) => ({
      ...ratio,
      reqPerSec: round(ratio.reqPerSec, 3),
      p99: round(ratio.p99, 3),
    })),
    perRequest: {
      transactions: counts.status.transactions === true ? 'pg_stat_database' : null,
      transactionsUnavailable:
        counts.status.transactions === true ? null : counts.status.transactions,
      statements: counts.status.statements === true ? 'server log, log_statement = all' : null,
      statementsUnavailable: counts.status.statements === true ? null : counts.status.statements,
      rows: counts.rows.map((row) => ({
        scenario: row.scenario,
        requests: row.requests,
        transactions: round(row.transactions, 3),
        statements: round(row.statements, 3),
        transactionsFromLog: round(row.transactionsFromLog, 3),
      })),
    },
  };
}

/** With BENCH_MEMORY_PROBE: the process.memoryUsage() sample at each run's highest RSS, MiB. */
function memoryLines(rows: readonly ResultRow[]): string[] {
  const probed = rows.filter((row) => row.memory);
  if (probed.length === 0) return [];
  const keys = ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers', 'wasm'];
  return [
    '',
    'Memory at the highest sampled RSS of each run (memory-probe.ts, MiB; wasm = PGlite):',
    ...formatTable(
      ['scenario', 'conns', 'target', ...keys, 'new space', 'old space'],
      probed.map((row) => [
        row.scenario,
        String(row.connections),
        row.target,
        ...keys.map((key) => fixed(row.memory?.atPeakRss[key], 0)),
        fixed(row.memory?.heapSpacesNow.new_space, 0),
        fixed(row.memory?.heapSpacesNow.old_space, 0),
      ]),
      3,
    ),
  ];
}

/** The first `textColumns` columns left-aligned, figures right-aligned. */
function formatTable(head: string[], body: string[][], textColumns: number): string[] {
  const all = [head, ...body];
  const widths = head.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  return all.map((row) =>
    row
      .map((cell, column) =>
        column < textColumns
          ? cell.padEnd(widths[column] ?? 0)
          : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}
