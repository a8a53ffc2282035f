import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { lockEmbeddedDataDir } from './embedded-lock';
import { guardedPool } from './guarded-pool';
import { PGliteDialect } from './pglite-dialect';
import { loadMigrationFiles, migrate, type MigrationFile } from './migrator';
import { APP_ROLE, MIGRATOR_ROLE, SCHEMA, provisionRoles, provisionSchema } from './provision';
import type { DB } from './schema';

export type Engine = 'pglite' | 'postgres';

/** Sees every statement sent, BEGIN and COMMIT included (tests count round trips with it). */
export type QueryObserver = (sql: string) => void;

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /**
   * The server engine's connection of its own for `/readyz`: behind a load
   * balancer, a readiness check queued behind a busy pool would take a working
   * instance out of rotation. Without it, the probe uses `db`.
   */
  probe?: Kysely<DB>;
  close(): Promise<void>;
}

/**
 * The limits of every connection to the server (docs/RELIABILITY.md,
 * "Timeouts and database outages"). 0 turns a statement limit off.
 */
export interface DatabaseTimeouts {
  /** A new connection, or a wait for a free one in the pool, fails after this. */
  connectMs: number;
  /** The server cancels a statement running longer (SQLSTATE 57014). */
  statementMs: number;
  /** The server gives up waiting for a row or table lock after this (55P03). */
  lockMs: number;
  /** The server ends a session left idle inside a transaction this long. */
  idleInTransactionMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 2_000,
  statementMs: 15_000,
  lockMs: 5_000,
  idleInTransactionMs: 60_000,
};

/**
 * For scripts that are not serving requests and may legitimately run one
 * long statement (migrations, provisioning, bulk loads): no statement or
 * lock limit, so no client-side query timeout either.
 */
export const SCRIPT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  ...DEFAULT_DATABASE_TIMEOUTS,
  statementMs: 0,
  lockMs: 0,
};

/**
 * The client-side backstop beyond the statement timeout: a server that
 * stopped answering mid-statement (a network black hole) cannot cancel it,
 * so the client gives up this much later and destroys the connection.
 */
export const QUERY_TIMEOUT_MARGIN_MS = 5_000;

/** Keep-alive probes on idle sockets start after this (the server's or the network's death shows sooner). */
const KEEP_ALIVE_DELAY_MS = 10_000;

/** A `pg` pool whose sessions resolve names in the `amparo` schema. */
export function serverKysely(
  url: string,
  poolMax = 10,
  observe?: QueryObserver,
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
): Kysely<DB> {
  const settings = [
    `search_path=${SCHEMA}`,
    `statement_timeout=${timeouts.statementMs}`,
    `lock_timeout=${timeouts.lockMs}`,
    // The backstop for a transaction left open by mistake (a request holds one
    // only while it works, see request-transaction.ts): the server ends it.
    `idle_in_transaction_session_timeout=${timeouts.idleInTransactionMs}`,
  ];
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    application_name: 'amparo',
    options: settings.map((setting) => `-c ${setting}`).join(' '),
    connectionTimeoutMillis: timeouts.connectMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEP_ALIVE_DELAY_MS,
  });
  // An idle client that loses its server must not crash the process: the pool
  // replaces it on next use, and /readyz reports the outage.
  pool.on('error', () => undefined);
  // Nor one the server ends while it is checked out (a failover, the
  // idle-in-transaction timeout): its query fails, the request answers 503,
  // and the pool drops the client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const queryTimeoutMs =
    timeouts.statementMs > 0 ? timeouts.statementMs + QUERY_TIMEOUT_MARGIN_MS : 0;
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool: guardedPool(pool, queryTimeoutMs) }),
    log: observer(observe),
  });
}

/**
 * Connects to a PostgreSQL server as the application role. Refuses a role that
 * could read around row-level security: a superuser, BYPASSRLS, or an owner of
 * any of Amparo's tables.
 */
export async function openServerDatabase(
  url: string,
  poolMax = 10,
  observe?: QueryObserver,
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
): Promise<Database> {
  const db = serverKysely(url, poolMax, observe, timeouts);
  try {
    await assertUnprivilegedRole(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const probe = serverKysely(url, 1, undefined, timeouts);
  return {
    db,
    engine: 'postgres',
    probe,
    close: async () => {
      await probe.destroy();
      await db.destroy();
    },
  };
}

async function assertUnprivilegedRole(db: Kysely<DB>): Promise<void> {
  const { rows } = await sql<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>`
    select r.rolsuper, r.rolbypassrls,
           (select count(*)::int from pg_class c where c.relowner = r.oid
              and c.relnamespace = ${SCHEMA}::regnamespace) as owned
    from pg_roles r where r.rolname = current_user`.execute(db);
  const role = rows[0];
  if (!role || role.rolsuper || role.rolbypassrls || role.owned > 0) {
    throw new Error(
      `DATABASE_URL must log in as the application role (${APP_ROLE}): ` +
        'not a superuser, without BYPASSRLS, owning no table. See README "PostgreSQL server".',
    );
  }
}

/**
 * PGlite's WASM memory never shrinks: its default 128 MB of shared buffers
 * take ~60 MiB of it for tables that fit in far less (the operating system
 * caches the data files anyway). Measured: 188.6 → 128 MiB.
 */
const EMBEDDED_START = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/**
 * The embedded engine: PGlite persisted in `dataDir` (or in memory when null,
 * or restored from a dump). It provisions and migrates itself as the migrator
 * role, then switches for good to the application role. A data directory is
 * locked while open: a second process is refused (see embedded-lock.ts).
 */
export async function openEmbeddedDatabase(
  source: { dataDir: string } | { memory: true } | { dump: Blob },
  files: readonly MigrationFile[] = loadMigrationFiles(),
  observe?: QueryObserver,
): Promise<Database> {
  const lock = 'dataDir' in source ? lockEmbeddedDataDir(source.dataDir) : undefined;
  let db: Kysely<DB> | undefined;
  const close = async () => {
    try {
      await db?.destroy();
    } finally {
      lock?.release();
    }
  };
  try {
    const pglite =
      'dataDir' in source
        ? new PGlite(path.join(source.dataDir, 'pgdata'), { startParams: EMBEDDED_START })
        : 'dump' in source
          ? new PGlite({ loadDataDir: source.dump, startParams: EMBEDDED_START })
          : new PGlite({ startParams: EMBEDDED_START });
    db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), log: observer(observe) });
    await prepareEmbedded(db, files);
    return { db, engine: 'pglite', close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs as the superuser PGlite starts with; ends as the application role. */
export async function prepareEmbedded(db: Kysely<DB>, files: readonly MigrationFile[]) {
  await sql`reset role`.execute(db);
  await provisionRoles(db);
  await provisionSchema(db);
  await sql.raw(`set search_path = ${SCHEMA}`).execute(db);
  await sql.raw(`set role ${MIGRATOR_ROLE}`).execute(db);
  await migrate(db, files);
  await sql.raw(`reset role; set role ${APP_ROLE}`).execute(db);
}

/** The database the configuration names: the server when DATABASE_URL is set, else PGlite under DATA_DIR. */
export function openConfiguredDatabase(
  config: {
    dataDir: string;
    database: { url?: string; poolMax: number; timeouts: DatabaseTimeouts };
  },
  poolMax = config.database.poolMax,
): Promise<Database> {
  return config.database.url
    ? openServerDatabase(config.database.url, poolMax, undefined, config.database.timeouts)
    : openEmbeddedDatabase({ dataDir: config.dataDir });
}

function observer(observe: QueryObserver | undefined) {
  return observe && ((event: LogEvent) => observe(event.query.sql));
}
