/**
 * Statements and transactions per request, counted by PostgreSQL itself in a
 * sequential counting pass (never during the load runs), on a server only.
 *
 * Transactions: pg_stat_database (xact_commit + xact_rollback) of the bench
 * database before and after the pass. Backends publish their counts at most
 * once a second while busy and 10 s after going idle, so each reading waits
 * SETTLE_MS after the last request. Whatever else commits meanwhile (both
 * Amparo children's audit sealers every second, the bare server's nothing,
 * autovacuum) is taken out with the rate measured in an idle window of
 * IDLE_MS before the first pass.
 *
 * Statements: `ALTER DATABASE <bench> SET log_statement = 'all'` for the
 * counting phase, read by new connections only, so a dedicated Amparo child
 * (same data directory and secrets: the bench session is valid there) is
 * started after it and connects as application_name COUNT_APP. Its backends'
 * pids are sampled from pg_stat_activity, and the server log lines of those
 * pids between the pass's start and end are counted (`statement:` for the
 * simple protocol, `execute …:` for the extended one), minus the idle rate.
 * The same lines also give transactions (BEGIN…COMMIT blocks, and single
 * statements outside one), as a cross-check of pg_stat_database.
 * The log is the file the postmaster's stderr points to (backends inherit
 * it: /proc/<backend pid>/fd/2), or pg_current_logfile() with a logging
 * collector; when it cannot be read, statements are n/a with the reason.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { message } from './database';
import { preflight } from './measure';
import type { BenchRequest } from './scenarios';

export const COUNT_APP = 'amparo-bench-count';
const SETTLE_MS = 11_000;
const IDLE_MS = 20_000;
const PID_SAMPLE_MS = 100;

export interface PerRequestCounts {
  requests: number;
  /** pg_stat_database, idle rate taken out; undefined when not measured (see reason). */
  transactions?: number;
  /** From the server log, idle rate taken out. */
  statements?: number;
  transactionsFromLog?: number;
}

export interface CounterStatus {
  transactions: true | string;
  statements: true | string;
}

export interface Counter {
  status: CounterStatus;
  count(name: string, request: BenchRequest): Promise<PerRequestCounts>;
  close(): Promise<void>;
}

interface StartedCounterChild {
  port: number;
  stop(): Promise<void>;
}

export interface CounterOptions {
  adminUrl: string;
  database: string;
  requests: number;
  /** Starts the dedicated Amparo child on the app URL with application_name COUNT_APP. */
  startChild(): Promise<StartedCounterChild>;
  log(line: string): void;
  /** When set, each pass's statement lines are written to <dir>/<name>.log (BENCH_STATEMENT_LOG). */
  dumpDir?: string;
}

export async function openCounter(options: CounterOptions): Promise<Counter> {
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  const quoted = `"${options.database.replaceAll('"', '""')}"`;
  let logFile: { file: string } | { reason: string } | undefined;
  let child: StartedCounterChild | undefined;
  const pids = new Set<number>();
  let pidTimer: NodeJS.Timeout | undefined;
  const close = async () => {
    clearInterval(pidTimer);
    await child?.stop();
    if (logFile && 'file' in logFile) {
      await admin.query(`alter database ${quoted} reset log_statement`).catch(() => undefined);
    }
    await admin.end();
  };
  try {
    logFile = await findLogFile(admin).then(
      (found) => ({ file: found }),
      (error: unknown) => ({ reason: message(error) }),
    );
    if ('file' in logFile) {
      await admin.query(`alter database ${quoted} set log_statement = 'all'`);
    } else {
      options.log(`statements per request: n/a (${logFile.reason})`);
    }
    child = await options.startChild();
    pidTimer = setInterval(() => {
      admin
        .query<{ pid: number }>(
          'select pid from pg_stat_activity where datname = $1 and application_name = $2',
          [options.database, COUNT_APP],
        )
        .then(
          ({ rows }) => rows.forEach((row) => pids.add(row.pid)),
          () => undefined,
        );
    }, PID_SAMPLE_MS);
    const file = 'file' in logFile ? logFile.file : undefined;
    const readTransactions = async () => {
      const { rows } = await admin.query<{ n: string }>(
        `select (xact_commit + xact_rollback)::text as n from pg_stat_database where datname = $1`,
        [options.database],
      );
      return Number(rows[0]?.n ?? Number.NaN);
    };
    const window = async () => ({
      at: performance.now(),
      transactions: await readTransactions(),
      logBytes: file ? fs.statSync(file).size : 0,
    });

    options.log(`counting pass: ${IDLE_MS / 1000} s idle window for the background rate`);
    await sleep(SETTLE_MS);
    const idleStart = await window();
    await sleep(IDLE_MS);
    const idleEnd = await window();
    const idleSeconds = (idleEnd.at - idleStart.at) / 1000;
    const idleLog = file
      ? tally(readSlice(file, idleStart.logBytes, idleEnd.logBytes), pids)
      : undefined;
    const rate = {
      transactions: (idleEnd.transactions - idleStart.transactions) / idleSeconds,
      statements: idleLog ? idleLog.statements / idleSeconds : 0,
      logTransactions: idleLog ? idleLog.transactions / idleSeconds : 0,
    };
    options.log(
      `background: ${rate.transactions.toFixed(2)} transactions/s in the database, ` +
        `${rate.statements.toFixed(2)} statements/s from the counting child`,
    );
    let previous = idleEnd;
    const port = child.port;

    return {
      status: {
        transactions: true,
        statements: 'reason' in logFile ? logFile.reason : true,
      },
      async count(name, request) {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        const start = previous;
        try {
          for (let i = 0; i < options.requests; i++) await preflight(port, request, agent);
        } finally {
          agent.destroy();
        }
        const passEnd = performance.now();
        const passBytes = file ? fs.statSync(file).size : 0;
        await sleep(SETTLE_MS);
        const end = await window();
        previous = end;
        const n = options.requests;
        const result: PerRequestCounts = {
          requests: n,
          transactions:
            (end.transactions -
              start.transactions -
              (rate.transactions * (end.at - start.at)) / 1000) /
            n,
        };
        if (file) {
          const lines = tally(readSlice(file, start.logBytes, passBytes), pids);
          if (options.dumpDir) {
            fs.mkdirSync(options.dumpDir, { recursive: true });
            fs.writeFileSync(path.join(options.dumpDir, `${name}.log`), lines.text);
          }
          const passSeconds = (passEnd - start.at) / 1000;
          result.statements = (lines.statements - rate.statements * passSeconds) / n;
          result.transactionsFromLog =
            (lines.transactions - rate.logTransactions * passSeconds) / n;
        }
        return result;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The server log's path, or why it cannot be read. */
async function findLogFile(admin: pg.Client): Promise<string> {
  const setting = async (name: string) =>
    (await admin.query<{ v: string }>(`select current_setting($1) as v`, [name])).rows[0]?.v ?? '';
  const prefix = await setting('log_line_prefix');
  if (!prefix.includes('%p')) throw new Error(`log_line_prefix '${prefix}' has no %p`);
  let file: string;
  if ((await setting('logging_collector')) === 'on') {
    const { rows } = await admin.query<{ f: string | null }>(
      `select pg_current_logfile('stderr') as f`,
    );
    const current = rows[0]?.f;
    if (!current) throw new Error('the logging collector writes no stderr log');
    file = path.isAbsolute(current) ? current : path.join(await setting('data_directory'), current);
  } else {
    const { rows } = await admin.query<{ pid: number }>('select pg_backend_pid() as pid');
    try {
      file = fs.readlinkSync(`/proc/${rows[0]?.pid}/fd/2`);
    } catch (error) {
      throw new Error(`cannot see the server's stderr (${message(error)})`);
    }
    if (!path.isAbsolute(file) || file === '/dev/null') {
      throw new Error(`the server's stderr is ${file}, not a file`);
    }
  }
  fs.accessSync(file, fs.constants.R_OK);
  return file;
}

function readSlice(file: string, from: number, to: number): string {
  if (to <= from) return '';
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(to - from);
    const read = fs.readSync(fd, buffer, 0, buffer.length, from);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

const STATEMENT_LINE = /\[(\d+)\][^\n]*? LOG: {2}(?:statement|execute [^:]*): (.*)$/;
const BEGIN = /^\s*(begin|start transaction)\b/i;
const END = /^\s*(commit|rollback|end|abort)\b/i;

/** Statements and transactions in log text, of the given backends only (and their lines). */
export function tally(text: string, pids: ReadonlySet<number>) {
  let statements = 0;
  let transactions = 0;
  let kept = '';
  const open = new Set<number>();
  for (const line of text.split('\n')) {
    const match = STATEMENT_LINE.exec(line);
    if (!match) continue;
    const pid = Number(match[1]);
    if (!pids.has(pid)) continue;
    const sql = match[2] ?? '';
    statements++;
    kept += `${line}\n`;
    if (BEGIN.test(sql)) open.add(pid);
    else if (END.test(sql)) {
      if (open.delete(pid)) transactions++;
    } else if (!open.has(pid)) transactions++;
  }
  return { statements, transactions, text: kept };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
