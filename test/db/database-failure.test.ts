import express from 'express';
import { sql } from 'kysely';
import pg from 'pg';
import request from 'supertest';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { databaseFailure, DatabaseUnreachableError } from '../../server/db/database-failure';
import { errorHandler } from '../../server/http/error-handler';
import { DATABASE_RETRY_AFTER_SECONDS } from '../../server/http/problem';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';

/** What the engine itself throws, caught. */
async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
}

/** A real connection refused: nothing listens on port 1 of the loopback. */
async function refusedConnection(): Promise<unknown> {
  const client = new pg.Client({ host: '127.0.0.1', port: 1, user: 'nobody', database: 'none' });
  return failureOf(() => client.connect());
}

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe(`databaseFailure (${engine})`, () => {
  it('a refused connection is the database being unavailable', async () => {
    expect(databaseFailure(await refusedConnection())).toBe('unavailable');
  });

  it("the engine's own errors about the request are not failures of the database", async () => {
    const name = `Equipo ${Date.now()}`;
    const insert = () =>
      inActorTransaction(database.store, SYSTEM_ACTOR, (trx) =>
        trx.insertInto('teams').values({ name }).execute(),
      );
    await insert();
    const duplicate = await failureOf(insert);
    expect((duplicate as { code?: string }).code).toBe('23505');
    expect(databaseFailure(duplicate)).toBeUndefined();
    const syntax = await failureOf(() => sql`selec 1`.execute(database.db));
    expect((syntax as { code?: string }).code).toBe('42601');
    expect(databaseFailure(syntax)).toBeUndefined();
  });

  if (engine === 'postgres') {
    it('a statement cancelled by statement_timeout is a timeout (57014)', async () => {
      const cancelled = await failureOf(() =>
        database.db.transaction().execute(async (trx) => {
          await sql`set local statement_timeout = 50`.execute(trx);
          await sql`select pg_sleep(1)`.execute(trx);
        }),
      );
      expect((cancelled as { code?: string }).code).toBe('57014');
      expect(databaseFailure(cancelled)).toBe('timeout');
    });

    it('a session the server terminates is the database being unavailable (57P01)', async () => {
      const url = new URL(database.urls!.app);
      const client = new pg.Client({ connectionString: url.toString() });
      client.on('error', () => undefined);
      await client.connect();
      const ended = await failureOf(() =>
        client.query('select pg_terminate_backend(pg_backend_pid())'),
      );
      await client.end().catch(() => undefined);
      expect(databaseFailure(ended)).toBe('unavailable');
    });
  }

  it.each([
    ['a socket errno', { code: 'ECONNRESET' }, 'unavailable'],
    ['a broken pipe', { code: 'EPIPE' }, 'unavailable'],
    ['a connection exception (class 08)', { code: '08006' }, 'unavailable'],
    ['a server shutting down', { code: '57P01' }, 'unavailable'],
    ['a server in crash recovery', { code: '57P02' }, 'unavailable'],
    ['a server starting up', { code: '57P03' }, 'unavailable'],
    ['too many connections', { code: '53300' }, 'unavailable'],
    ['a lock timeout', { code: '55P03' }, 'timeout'],
    ['a lost connection', new Error('Connection terminated unexpectedly'), 'unavailable'],
    [
      'a connect timeout',
      new Error('Connection terminated due to connection timeout'),
      'unavailable',
    ],
    ['a pool wait timeout', new Error('timeout exceeded when trying to connect'), 'unavailable'],
    ['no answer within the query timeout', new DatabaseUnreachableError(), 'unavailable'],
    ['a cause', new Error('wrapped', { cause: { code: '57P03' } }), 'unavailable'],
    [
      'every address refused',
      new AggregateError([{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }]),
      'unavailable',
    ],
  ])('%s is classified', (_name, error, expected) => {
    expect(databaseFailure(error)).toBe(expected);
  });

  it.each([
    ['a constraint', { code: '23505' }],
    ['a failed transaction', { code: '25P02' }],
    ["a message that is not exactly a driver's", new Error('Connection terminated unexpectedly!')],
    ['one address of several refused', new AggregateError([{ code: 'ECONNREFUSED' }, {}])],
    ['not an object', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s is not a database failure', (_name, error) => {
    expect(databaseFailure(error)).toBeUndefined();
  });
});

describe('the error handler on a database failure', () => {
  const app = express();
  app.get('/refused', (_req, _res, next) => void refusedConnection().then(next));
  app.get('/timeout', (_req, _res, next) => next({ code: '57014' }));
  app.use(errorHandler);

  it('answers 503 database_unavailable with Retry-After and nothing of the error', async () => {
    const res = await request(app).get('/refused');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expect(res.body).toMatchObject({ code: 'database_unavailable', status: 503 });
    expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\bat /);
  });

  it('answers 503 database_timeout for a cancelled statement', async () => {
    const res = await request(app).get('/timeout');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expect(res.body).toMatchObject({ code: 'database_timeout' });
  });
});
