/**
 * npm run seed-demo -- [--cases N] [--seed S] [--as-of YYYY-MM-DD] [--batch B] [--parallel P] [--admin-url URL]
 *
 * Fills the configured database (DATABASE_URL, or the embedded one under
 * DATA_DIR, as `npm start` uses) with N FICTIONAL cases (default 200) for
 * demonstrations and benchmarks: a demo team, disabled demo accounts, the
 * demo partner institutions, and cases with consents and referral histories,
 * encrypted with this installation's keys as the server would. The same
 * --seed (and --as-of) gives the same people and histories. Refused in
 * production. Prints progress every 10 % and the rate.
 *
 * As the application role every row pays for row-level security and the
 * notification triggers (about 100 cases/s on two cores). For a large
 * demonstration or benchmark database on a server, --admin-url names a
 * superuser on the same database: the batches then run with
 * session_replication_role = replica (no trigger fires, no policy applies)
 * and write the same rows several times faster. Never on a database in use.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/config/config';
import { loadKeyring } from '../../server/config/keyring';
import { loadSecrets } from '../../server/config/secrets';
import { sql } from 'kysely';
import {
  openConfiguredDatabase,
  SCRIPT_DATABASE_TIMEOUTS,
  serverKysely,
  type Database,
} from '../../server/db/database';
import { createLogger } from '../../server/http/logger';
import { sealPending } from '../../server/modules/audit';
import { DEFAULT_BATCH, DEFAULT_CASES, seedDemo } from './seed';
import { DEMO_TEAM_NAME } from './world';

if (process.env.NODE_ENV === 'production') {
  console.error('seed-demo refused: NODE_ENV=production. Demo data never goes into production.');
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: String(DEFAULT_CASES) },
    seed: { type: 'string', default: '1' },
    'as-of': { type: 'string' },
    batch: { type: 'string', default: String(DEFAULT_BATCH) },
    parallel: { type: 'string' },
    'admin-url': { type: 'string' },
  },
});

const cases = whole('--cases', values.cases);
const seed = whole('--seed', values.seed);
const batchSize = whole('--batch', values.batch);
const asOf = values['as-of'] === undefined ? new Date() : new Date(`${values['as-of']}T00:00:00Z`);
if (Number.isNaN(asOf.getTime())) usage('--as-of must be a date like 2026-01-31');

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`seed-demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

/**
 * Like the other operator commands (operator-command.ts), with a connection
 * per batch in flight on a server.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  if (config.isProduction) {
    console.error('seed-demo refused: demo data never goes into production.');
    return 1;
  }
  const secrets = loadSecrets(config, createLogger('warn'));
  const keyring = loadKeyring(config, secrets);
  const parallel = values.parallel
    ? whole('--parallel', values.parallel)
    : config.database.url
      ? 2
      : 1;
  const adminUrl = values['admin-url'];
  const database = adminUrl
    ? await openBulkDatabase(config.database.url, adminUrl, parallel + 1)
    : await openConfiguredDatabase(config, parallel + 1);
  const store = { db: database.db, auditKey: secrets.AUDIT_KEY };
  try {
    const engine = config.database.url
      ? `the PostgreSQL server${adminUrl ? ' (bulk, as a superuser)' : ''}`
      : `the embedded database (${config.dataDir})`;
    console.log(`Seeding ${cases} fictional cases (seed ${seed}) into ${engine}.`);
    const result = await seedDemo(
      {
        store,
        keyring,
        blindIndexKey: secrets.BLIND_INDEX_KEY,
        leadAgency: config.leadAgency,
      },
      {
        cases,
        seed,
        asOf,
        batchSize,
        parallel,
        bulk: adminUrl !== undefined,
        log: (line) => console.log(line),
      },
    );
    console.log(
      `Done: ${result.cases} cases, ${result.consents} consents, ${result.referrals} referrals, ` +
        `${result.referralEvents} referral events in ${result.seconds.toFixed(1)} s ` +
        `(${Math.round(result.casesPerSecond)} cases/s).`,
    );
    console.log(
      `The cases belong to the team "${DEMO_TEAM_NAME}": add an account to it ` +
        '(with team access) to browse them.',
    );
    return 0;
  } finally {
    // The run's audit event goes into the chain now: no server may be running to seal it.
    await sealPending(store, { wait: true }).catch((error: unknown) =>
      console.error(`audit events left for the server to seal: ${String(error)}`),
    );
    await database.close();
  }
}

/** A superuser's pool on the database DATABASE_URL names (checked: same database, superuser). */
async function openBulkDatabase(
  appUrl: string | undefined,
  adminUrl: string,
  poolMax: number,
): Promise<Database> {
  if (!appUrl) usage('--admin-url is for a PostgreSQL server (DATABASE_URL)');
  // Bulk inserts of many rows in one statement: no statement limit.
  const db = serverKysely(adminUrl, poolMax, undefined, SCRIPT_DATABASE_TIMEOUTS);
  const { rows } = await sql<{ superuser: boolean; database: string }>`
    select rolsuper as superuser, current_database() as database
    from pg_roles where rolname = current_user`.execute(db);
  const wanted = decodeURIComponent(new URL(appUrl).pathname.slice(1));
  if (!rows[0]?.superuser || rows[0].database !== wanted) {
    await db.destroy();
    usage(`--admin-url must log in as a superuser to the database "${wanted}"`);
  }
  return { db, engine: 'postgres', close: () => db.destroy() };
}

function whole(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) usage(`${name} must be a whole number ≥ 1`);
  return value;
}

function usage(problem: string): never {
  console.error(problem);
  console.error(
    'usage: npm run seed-demo -- [--cases N] [--seed S] [--as-of YYYY-MM-DD] [--batch B] [--parallel P] [--admin-url URL]',
  );
  process.exit(1);
}
