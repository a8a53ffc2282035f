/**
 * The baseline for `npm run bench`: a bare Express 5 app (no middleware but
 * a JSON body parser) doing the same database work as Amparo's routes,
 * through the same kind of connection (routes for the signed-in scenarios in
 * bare-routes.ts). Run as a child process by index.ts:
 *   DATABASE_URL=postgres://amparo_app@.../amparo_bench  (pg pool, as Amparo)
 *   or DATA_DIR=/tmp/...                                 (embedded PGlite)
 * Prints one JSON line with its port once it listens; SIGTERM stops it.
 */
import type { Server } from 'node:http';
import express from 'express';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { openEmbeddedDatabase } from '../../server/db/database';
import { SCHEMA } from '../../server/db/provision';
import { bareRoutes, type Transact } from './bare-routes';
import { BARE_LISTENING } from './children';

/** The text Kysely compiles Amparo's readiness query to (readAppliedMigrations). */
const READYZ_SQL = 'select "version", "checksum" from "schema_migrations"';

interface Backend {
  /** Runs a query and returns how many rows it gave. */
  rowCount(text: string): Promise<number>;
  transact: Transact;
  close(): Promise<void>;
}

async function openBackend(): Promise<Backend> {
  const url = process.env.DATABASE_URL;
  if (url) {
    // The same settings as serverKysely(): pool size, search_path, timeouts.
    const pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
      application_name: 'amparo-bench-bare',
      options: `-c search_path=${SCHEMA}`,
      connectionTimeoutMillis: 5_000,
    });
    pool.on('error', () => undefined);
    await pool.query('select 1');
    return {
      rowCount: async (text) => (await pool.query(text)).rows.length,
      transact: async (work) => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const result = await work(
            async (text, params) => (await client.query<object>(text, params)).rows,
          );
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const dataDir = process.env.DATA_DIR;
  if (!dataDir) throw new Error('set DATABASE_URL or DATA_DIR');
  const database = await openEmbeddedDatabase({ dataDir });
  return {
    rowCount: async (text) => (await sql.raw(text).execute(database.db)).rows.length,
    // Kysely's transaction on PGlite: BEGIN/COMMIT on its one connection.
    transact: (work) =>
      database.db
        .transaction()
        .execute((trx) =>
          work(
            async (text, params = []) =>
              (await trx.executeQuery(CompiledQuery.raw(text, params))).rows,
          ),
        ),
    close: () => database.close(),
  };
}

async function main(): Promise<void> {
  const backend = await openBackend();
  const app = express();

  app.get('/readyz', async (_req, res) => {
    const rows = await backend.rowCount(READYZ_SQL);
    if (rows === 0) {
      res.status(503).json({ status: 'not ready' });
      return;
    }
    res.json({ status: 'ready' });
  });
  app.use(express.json());
  bareRoutes(app, backend.transact);

  const server: Server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`${JSON.stringify({ port, msg: BARE_LISTENING })}\n`);
  });
  server.on('error', (error) => fail(error));

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    void backend.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function fail(error: unknown): never {
  process.stderr.write(
    `bare server failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}

main().catch(fail);
