/**
 * npm run bench -- statistics [--cases N] [--embedded-cases N] [--engines postgres,pglite]
 *                             [--runs R] [--explain] [--json]
 *
 * Statistics releases at scale (issue 14). For each engine: a fresh database
 * (on the server `amparo_bench_statistics`, created and dropped here, like the
 * HTTP bench's; the embedded engine in a temporary data directory), N
 * fictional cases from seed-demo (scripts/seed-demo) loaded in bulk — as the
 * superuser with triggers and row-level security off, the same rows the
 * application role would write, many times faster — then VACUUM ANALYZE.
 * Then, for every table of the statistics catalogue and the latest full
 * year: the time to compute its true counts exactly as a release does
 * (countTable: the application role, SET LOCAL ROLE amparo_statistics, the
 * consent-filtered views), beside a bare GROUP BY over the same rows by the
 * same dimension columns (the raw tables, no consent filter, no
 * generalisation, as the superuser), alternated, median of R runs (default 3),
 * and their ratio. With --explain (or when a table misses the server's 2 s
 * target) the plan of the release's query, EXPLAIN (ANALYZE, BUFFERS).
 *
 * Environment: BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  Kysely,
  PostgresQueryCompiler,
  sql,
  type CompiledQuery,
  type KyselyPlugin,
  type RootOperationNode,
  type Transaction,
} from 'kysely';
import { LocalKeyring } from '../../security/crypto';
import { DEVELOPMENT_LEAD_AGENCY_NAME } from '../../server/config/config';
import {
  openServerDatabase,
  prepareEmbedded,
  SCRIPT_DATABASE_TIMEOUTS,
  serverKysely,
  type Engine,
} from '../../server/db/database';
import { loadMigrationFiles } from '../../server/db/migrator';
import { PGliteDialect } from '../../server/db/pglite-dialect';
import { APP_ROLE, dropDatabase } from '../../server/db/provision';
import { provisionServerDatabase, withKysely } from '../../server/db/provision-server';
import type { DB } from '../../server/db/schema';
import { CATALOGUE, countTable, type CatalogueTable } from '../../server/modules/statistics';
import type { DimensionId } from '../../server/modules/statistics/catalogue';
import { seedDemo } from '../seed-demo/seed';
import { message } from './database';

export const STATISTICS_DATABASE = 'amparo_bench_statistics';
/** The issue's target for one table on the server at 10⁶ cases. */
export const SERVER_TARGET_MS = 2_000;
const SEED = 1;

export interface StatisticsBenchOptions {
  adminUrl: string;
  cases: number;
  /** The embedded engine's size (it loads several times slower). */
  embeddedCases: number;
  engines: readonly Engine[];
  runs: number;
  explain: boolean;
  log: (line: string) => void;
  /** What removes the current engine's database if the bench is interrupted (undefined once removed). */
  onCleanup?: (cleanup: (() => Promise<void>) | undefined) => void;
}

export interface TableTiming {
  table: string;
  /** countTable, milliseconds, each run. */
  releaseMs: number[];
  bareMs: number[];
  releaseMedianMs: number;
  bareMedianMs: number;
  ratio: number;
  /** Rows counted: what the release's cells add up to, what the bare GROUP BY's do. */
  releaseRows: number;
  bareRows: number;
  cells: number;
  plan?: string;
}

export interface EngineResult {
  engine: Engine;
  description: string;
  cases: number;
  seedSeconds: number;
  casesPerSecond: number;
  referrals: number;
  referralEvents: number;
  analyzeSeconds: number;
  databaseBytes: number | null;
  year: number;
  /** The machine's 1-minute load average when the measurements began and ended (others' work skews them). */
  loadAverage: { before: number; after: number };
  tables: TableTiming[];
}

export interface StatisticsBenchResult {
  date: Date;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string };
  runs: number;
  engines: EngineResult[];
}

/** What one engine's run needs: a superuser's handle and the application role's. */
interface BenchEngine {
  engine: Engine;
  description: string;
  /** Superuser, bypassing row-level security (seeding, VACUUM, the bare GROUP BY). */
  admin: Kysely<DB>;
  /** The application role, as the server runs a release (on PGlite: the same handle after SET ROLE). */
  app: Kysely<DB>;
  asApp(): Promise<void>;
  asAdmin(): Promise<void>;
  size(): Promise<number | null>;
  close(): Promise<void>;
}

export async function runStatisticsBench(
  options: StatisticsBenchOptions,
): Promise<StatisticsBenchResult> {
  const results: EngineResult[] = [];
  for (const engine of options.engines) {
    const cases = engine === 'postgres' ? options.cases : options.embeddedCases;
    options.log(`${engine}: preparing a fresh database for ${cases} cases`);
    const bench =
      engine === 'postgres' ? await serverEngine(options.adminUrl) : await embeddedEngine();
    options.onCleanup?.(() => bench.close());
    try {
      results.push(await runOn(bench, cases, options));
    } finally {
      options.log(`${engine}: removing the bench database`);
      options.onCleanup?.(undefined);
      await bench.close();
    }
  }
  return {
    date: new Date(),
    machine: {
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
      node: process.version,
    },
    runs: options.runs,
    engines: results,
  };
}

async function runOn(
  bench: BenchEngine,
  cases: number,
  options: StatisticsBenchOptions,
): Promise<EngineResult> {
  const { log } = options;
  const asOf = new Date();
  const year = asOf.getUTCFullYear() - 1;
  await bench.asAdmin();
  log(`${bench.engine}: seeding ${cases} fictional cases in bulk`);
  const seeded = await seedDemo(
    {
      store: { db: bench.admin, auditKey: randomBytes(32) },
      // Keys of a throw-away database: nobody decrypts what the bench writes.
      keyring: new LocalKeyring(new Map([[1, randomBytes(32)]])),
      blindIndexKey: randomBytes(32),
      leadAgency: { name: DEVELOPMENT_LEAD_AGENCY_NAME, sector: 'social_protection' },
    },
    {
      cases,
      seed: SEED,
      asOf,
      bulk: true,
      parallel: bench.engine === 'postgres' ? 2 : 1,
      log: (line) => log(`${bench.engine}: ${line}`),
    },
  );
  log(`${bench.engine}: VACUUM ANALYZE`);
  const analyzeStarted = performance.now();
  await sql`vacuum analyze`.execute(bench.admin);
  const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;

  const loadBefore = os.loadavg()[0] ?? NaN;
  const tables: TableTiming[] = [];
  for (const table of CATALOGUE as readonly CatalogueTable[]) {
    const releaseMs: number[] = [];
    const bareMs: number[] = [];
    let release = new Map<string, number>();
    let bare: { n: number }[] = [];
    let compiled: CompiledQuery | undefined;
    for (let run = 0; run < options.runs; run++) {
      await bench.asAdmin();
      let started = performance.now();
      bare = (await bareQuery(table, year).execute(bench.admin)).rows;
      bareMs.push(performance.now() - started);
      await bench.asApp();
      const capture = new CaptureStatistics();
      started = performance.now();
      release = await bench.app
        .transaction()
        .execute((trx) => countTable(trx.withPlugin(capture), table, { year }));
      releaseMs.push(performance.now() - started);
      compiled = capture.compiled();
    }
    const timing: TableTiming = {
      table: table.id,
      releaseMs,
      bareMs,
      releaseMedianMs: median(releaseMs),
      bareMedianMs: median(bareMs),
      ratio: median(releaseMs) / median(bareMs),
      releaseRows: [...release.values()].reduce((a, b) => a + b, 0),
      bareRows: bare.reduce((a, b) => a + Number(b.n), 0),
      cells: release.size,
    };
    const slow = bench.engine === 'postgres' && timing.releaseMedianMs > SERVER_TARGET_MS;
    if (compiled && (options.explain || slow)) {
      timing.plan = await explain(bench, compiled);
    }
    log(
      `${bench.engine}: ${table.id}: release ${timing.releaseMedianMs.toFixed(0)} ms, ` +
        `bare ${timing.bareMedianMs.toFixed(0)} ms (×${timing.ratio.toFixed(1)})`,
    );
    tables.push(timing);
  }
  await bench.asAdmin();
  return {
    engine: bench.engine,
    description: bench.description,
    cases: seeded.cases,
    seedSeconds: seeded.seconds,
    casesPerSecond: seeded.casesPerSecond,
    referrals: seeded.referrals,
    referralEvents: seeded.referralEvents,
    analyzeSeconds,
    databaseBytes: await bench.size(),
    year,
    loadAverage: { before: loadBefore, after: os.loadavg()[0] ?? NaN },
    tables,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Remembers the statement countTable sends to the statistics views (the
 * statement itself is the catalogue's; the bench only replays it under
 * EXPLAIN).
 */
class CaptureStatistics implements KyselyPlugin {
  private node: RootOperationNode | undefined;
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    const compiled = new PostgresQueryCompiler().compileQuery(args.node, { queryId: 'capture' });
    if (/\bstatistics_(case|referral)_facts\b/.test(compiled.sql)) this.node = args.node;
    return args.node;
  }
  transformResult<T>(args: { result: T }): Promise<T> {
    return Promise.resolve(args.result);
  }
  compiled(): CompiledQuery | undefined {
    return this.node && new PostgresQueryCompiler().compileQuery(this.node, { queryId: 'plan' });
  }
}

/** The release's statement under EXPLAIN (ANALYZE, BUFFERS), as the statistics role. */
async function explain(bench: BenchEngine, query: CompiledQuery): Promise<string> {
  await bench.asApp();
  return bench.app.transaction().execute(async (trx: Transaction<DB>) => {
    await sql`set local role amparo_statistics`.execute(trx);
    const result = await trx.executeQuery<{ 'QUERY PLAN': string }>({
      ...query,
      sql: `explain (analyze, buffers) ${query.sql}`,
    });
    return result.rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

/**
 * The bare GROUP BY: the raw tables, by the raw column behind each of the
 * table's dimensions, for the same year (a plain date range), without the
 * consent filter, the generalisation (GLOTIP groups, province names, age and
 * nationality groups) or the per-person bound on referrals.
 */
function bareQuery(table: CatalogueTable, year: number) {
  const columns = table.dimensions.map((d) => sql.raw(BARE_COLUMN[d]));
  const keys = sql.join(columns);
  const from = sql`${sql.lit(`${year}-01-01`)}::date`;
  const to = sql`${sql.lit(`${year + 1}-01-01`)}::date`;
  if (table.source === 'referrals') {
    const ack = table.dimensions.includes('acknowledgement')
      ? sql`left join lateral (select min(e.created_at) as at from referral_events e
              where e.referral_id = r.id and e.to_status = 'acknowledged') ack on true`
      : sql``;
    return sql<{ n: number }>`
      select ${keys}, count(*)::int as n
      from referrals r
      join cases c on c.id = r.case_id
      join institutions i on i.id = r.institution_id
      ${ack}
      where c.identified_on >= ${from} and c.identified_on < ${to}
      group by ${keys}`;
  }
  const groups = table.dimensions.includes('vulnerability_group')
    ? sql`cross join lateral unnest(c.vulnerability_groups) as g (vulnerability_group)`
    : sql``;
  return sql<{ n: number }>`
    select ${keys}, count(*)::int as n
    from cases c ${groups}
    where c.identified_on >= ${from} and c.identified_on < ${to}
    group by ${keys}`;
}

const BARE_COLUMN: Record<DimensionId, string> = {
  quarter: 'extract(quarter from c.identified_on)',
  exploitation_group: 'c.exploitation_types',
  sex: 'c.sex',
  age_group: 'c.age_band',
  nationality_group: 'c.nationality',
  province: 'c.province',
  vulnerability_group: 'g.vulnerability_group',
  sector: 'i.sector',
  outcome: 'r.status',
  acknowledgement: `case when ack.at is null then 'none'
    when ack.at <= r.created_at + interval '7 days' then '7'
    when ack.at <= r.created_at + interval '30 days' then '30' else 'later' end`,
};

/** A fresh database on the server: its superuser's pool, and the application role's. */
async function serverEngine(adminUrl: string): Promise<BenchEngine> {
  const { appUrl } = await provisionServerDatabase(adminUrl, STATISTICS_DATABASE, {
    recreate: true,
    migrations: loadMigrationFiles(),
  });
  const adminOnTarget = new URL(adminUrl);
  adminOnTarget.pathname = `/${STATISTICS_DATABASE}`;
  // The bench measures counts at sizes beyond the statement timeout's: no limit.
  const admin = serverKysely(adminOnTarget.toString(), 3, undefined, SCRIPT_DATABASE_TIMEOUTS);
  const app = await openServerDatabase(appUrl, 2, undefined, SCRIPT_DATABASE_TIMEOUTS);
  const { rows } = await sql<{ server_version: string }>`show server_version`.execute(admin);
  return {
    engine: 'postgres',
    description: `PostgreSQL ${rows[0]?.server_version ?? '?'} (database ${STATISTICS_DATABASE}, created and dropped by the bench)`,
    admin,
    app: app.db,
    asApp: () => Promise.resolve(),
    asAdmin: () => Promise.resolve(),
    size: async () => {
      const size = await sql<{ bytes: string }>`
        select pg_database_size(current_database())::text as bytes`.execute(admin);
      return Number(size.rows[0]?.bytes ?? NaN);
    },
    close: async () => {
      await app.close();
      await admin.destroy();
      await withKysely(adminUrl, (db) => dropDatabase(db, STATISTICS_DATABASE)).catch(
        (error: unknown) =>
          process.stderr.write(`could not drop the bench database: ${message(error)}\n`),
      );
    },
  };
}

/**
 * PGlite in a temporary data directory, started as the product starts it
 * (database.ts: 16 MB of shared buffers), migrated; one connection, whose role
 * the bench switches between the superuser and the application role.
 */
async function embeddedEngine(): Promise<BenchEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-bench-statistics-'));
  const pglite = new PGlite(path.join(dir, 'pgdata'), {
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  await prepareEmbedded(db, loadMigrationFiles());
  return {
    engine: 'pglite',
    description:
      'embedded PGlite in a temporary data directory (16 MB shared buffers, as npm start)',
    admin: db,
    app: db,
    asApp: async () => void (await sql.raw(`set role ${APP_ROLE}`).execute(db)),
    asAdmin: async () => void (await sql`reset role`.execute(db)),
    size: () => {
      try {
        const out = execFileSync('du', ['-sb', dir], { encoding: 'utf8' });
        return Promise.resolve(Number(out.split(/\s/)[0]));
      } catch {
        return Promise.resolve(null);
      }
    },
    close: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function statisticsReport(result: StatisticsBenchResult): string {
  const m = result.machine;
  const lines = [
    '',
    `statistics releases: true counts of each catalogue table for the latest full year,`,
    `median of ${result.runs} runs, beside a bare GROUP BY over the same rows (same run)`,
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`,
  ];
  for (const e of result.engines) {
    const size = e.databaseBytes === null ? 'n/a' : `${(e.databaseBytes / 2 ** 30).toFixed(2)} GiB`;
    lines.push(
      '',
      `${e.description}`,
      `  ${e.cases} cases, ${e.referrals} referrals, ${e.referralEvents} referral events; ` +
        `bulk load ${e.seedSeconds.toFixed(0)} s (${e.casesPerSecond.toFixed(0)} cases/s), ` +
        `VACUUM ANALYZE ${e.analyzeSeconds.toFixed(0)} s, database ${size}; year ${e.year}; ` +
        `load average ${e.loadAverage.before.toFixed(1)} → ${e.loadAverage.after.toFixed(1)}`,
      `  ${'table'.padEnd(38)}${'release ms'.padStart(11)}${'bare ms'.padStart(9)}${'ratio'.padStart(7)}` +
        `${'rows'.padStart(9)}${'bare rows'.padStart(10)}${'cells'.padStart(6)}`,
      ...e.tables.map(
        (t) =>
          `  ${t.table.padEnd(38)}${t.releaseMedianMs.toFixed(0).padStart(11)}` +
          `${t.bareMedianMs.toFixed(0).padStart(9)}${t.ratio.toFixed(1).padStart(7)}` +
          `${String(t.releaseRows).padStart(9)}${String(t.bareRows).padStart(10)}` +
          `${String(t.cells).padStart(6)}` +
          (e.engine === 'postgres' && t.releaseMedianMs > SERVER_TARGET_MS ? '  > 2 s target' : ''),
      ),
    );
    for (const t of e.tables.filter((x) => x.plan)) {
      lines.push(
        '',
        `  plan of ${t.table} (${e.engine}):`,
        ...t.plan!.split('\n').map((l) => `    ${l}`),
      );
    }
  }
  lines.push('');
  return lines.join('\n');
}
