import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import pg from 'pg';
import request from 'supertest';
import { buildApp } from '../../server/app';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import {
  DEFAULT_DATABASE_TIMEOUTS,
  openServerDatabase,
  type Database,
  type DatabaseTimeouts,
} from '../../server/db/database';
import { createLogger } from '../../server/http/logger';
import { DATABASE_RETRY_AFTER_SECONDS } from '../../server/http/problem';
import { startTestApp, TEST_CONFIG, type TestApp } from '../helpers/app';
import { adminUrl, engine } from '../helpers/engine';
import { SessionClient } from '../helpers/session-client';
import { startTcpProxy, throughProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { auditEvents, signedIn } from '../helpers/users';

/**
 * The PostgreSQL server goes away (a TCP relay in front of it cuts every
 * connection and refuses new ones) and comes back: the API answers 503
 * problem+json with Retry-After meanwhile, never 500 and never a hang, and
 * serves again by itself. PGlite is in-process: it has no server to lose
 * (the classifier and the error handler are tested on both engines in
 * database-failure.test.ts).
 */
jest.setTimeout(60_000);

/** docs/RELIABILITY.md: a server that is away or refuses fails a request within the connect timeout. */
const TIMEOUTS: DatabaseTimeouts = { ...DEFAULT_DATABASE_TIMEOUTS, lockMs: 1_000 };
/** Generous (twice the documented bound): a correctness bound, not a speed figure. */
const UPPER_BOUND_MS = 2 * TIMEOUTS.connectMs;

describe(`the API while the database is away (${engine})`, () => {
  if (engine !== 'postgres') {
    it('has nothing to lose on the embedded engine: /readyz answers 200', async () => {
      const t = await startTestApp();
      try {
        expect((await request(t.app).get('/readyz')).status).toBe(200);
      } finally {
        await t.close();
      }
    });
    return;
  }

  let t: TestApp;
  let proxy: TcpProxy;
  let proxied: Database;
  let app: Express;
  let admin: SessionClient;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const target = new URL(t.database.urls!.app);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    proxied = await openServerDatabase(
      throughProxy(t.database.urls!.app, proxy),
      5,
      undefined,
      TIMEOUTS,
    );
    // The same secrets: a session signed in on t.app is valid on this app.
    app = buildApp({
      database: proxied,
      logger: createLogger('info', { write: (line: string) => void logs.push(line) }),
      config: TEST_CONFIG,
      secrets: t.secrets,
      keyring: t.keyring,
      clock: () => t.clock.now(),
    });
    const signed = await signedIn(t, 'admin');
    admin = new SessionClient(app, t.clock);
    admin.cookie = signed.client.cookie;
    admin.csrfToken = signed.client.csrfToken;
  });

  afterAll(async () => {
    await proxied?.close();
    await proxy?.close();
    await t?.close();
  });

  afterEach(() => proxy.restore());

  const credentials = { email: 'nadie@example.org', password: 'irrelevant-password-1' };

  /** The request's answer and how long it took (only ever compared with a generous bound). */
  async function timed(send: () => Promise<request.Response>) {
    const started = Date.now();
    const res = await send();
    return { res, ms: Date.now() - started };
  }

  function expectUnavailable(res: request.Response, code = 'database_unavailable') {
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expect(res.body).toMatchObject({ status: 503, code, type: `urn:amparo:problem:${code}` });
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/\bat \S+ \(|select |insert |amparo_app|ECONN|terminated/i);
  }

  it('answers 200 through the relay before anything goes wrong', async () => {
    expect((await admin.get('/api/v1/teams')).status).toBe(200);
    expect((await request(app).get('/readyz')).status).toBe(200);
  });

  it('while cut: reads, writes, sign-ins and /readyz answer 503 with Retry-After, fast', async () => {
    const visitor = new SessionClient(app, t.clock);
    await visitor.refreshCsrf();
    logs.length = 0;
    proxy.cut();
    const answers = [
      await timed(() => admin.get('/api/v1/teams')),
      await timed(() => admin.post('/api/v1/teams', { name: `Equipo ${randomUUID()}` })),
      // A sign-in whose session the store cannot read.
      await timed(() => visitor.post('/api/v1/auth/login', credentials)),
    ];
    for (const { res, ms } of answers) {
      expectUnavailable(res);
      expect(ms).toBeLessThan(UPPER_BOUND_MS);
    }
    const ready = await timed(() => request(app).get('/readyz'));
    expect(ready.res.status).toBe(503);
    expect(ready.res.body).toMatchObject({ code: 'not_ready' });
    expect(ready.res.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expect(ready.ms).toBeLessThan(UPPER_BOUND_MS);
    expect((await request(app).get('/healthz')).status).toBe(200);

    // One warning per request, with the error's code and no message.
    const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const failed = lines.filter(
      (line) => (line.res as { statusCode?: number })?.statusCode === 503,
    );
    expect(failed).toHaveLength(4); // three API requests and /readyz
    for (const line of failed) {
      expect(line.level).toBe(40);
      expect(JSON.stringify(line)).not.toMatch(/message|nadie|select|amparo_app/i);
    }
    const api = failed.filter((line) => line.route !== '/readyz');
    for (const line of api) expect(line.err).toMatchObject({ code: expect.any(String) });
    expect(lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });

  it('a sign-in whose login throttle cannot be read answers 503, not 401 or 500', async () => {
    const visitor = new SessionClient(app, t.clock);
    await visitor.refreshCsrf();
    proxy.cutBefore('login_throttle');
    expectUnavailable(await visitor.post('/api/v1/auth/login', credentials));
  });

  it('after restore: the same requests succeed without a restart, /readyz 200', async () => {
    proxy.cut();
    expectUnavailable(await admin.get('/api/v1/teams'));
    const before = proxy.relayed;
    proxy.restore();
    expect((await admin.get('/api/v1/teams')).status).toBe(200);
    const name = `Equipo ${randomUUID()}`;
    const created = await admin.post('/api/v1/teams', { name });
    expect(created.status).toBe(201);
    expect((await request(app).get('/readyz')).status).toBe(200);
    expect(proxy.relayed).toBeGreaterThan(before);
  });

  it('a request waiting in the database when the connection is cut gets 503, and the process serves on', async () => {
    const locker = await lockTable('teams');
    try {
      const pending = admin.get('/api/v1/teams');
      await locker.waitForWaiter();
      proxy.cut();
      expectUnavailable(await pending);
    } finally {
      await locker.release();
    }
    proxy.restore();
    expect((await admin.get('/api/v1/teams')).status).toBe(200);
  });

  it('a lock wait past lock_timeout answers 503 database_timeout, logged as an error', async () => {
    logs.length = 0;
    const locker = await lockTable('teams');
    try {
      const { res, ms } = await timed(() => admin.get('/api/v1/teams'));
      expectUnavailable(res, 'database_timeout');
      expect(ms).toBeLessThan(2 * TIMEOUTS.lockMs + UPPER_BOUND_MS);
    } finally {
      await locker.release();
    }
    const line = logs
      .map((text) => JSON.parse(text) as { level: number; err?: { code?: string } })
      .find((entry) => entry.err);
    expect(line).toMatchObject({ level: 50, err: { code: '55P03' } });
  });

  it('a write whose COMMIT never reached the server is not there, nor its audit event', async () => {
    const name = `Equipo ${randomUUID()}`;
    const audited = (await auditEvents(t, { action: 'team.create' })).length;
    proxy.cutBefore('commit\0');
    expectUnavailable(await admin.post('/api/v1/teams', { name }));
    proxy.restore();
    const rows = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx.selectFrom('teams').select('id').where('name', '=', name).execute(),
    );
    expect(rows).toEqual([]);
    expect(await auditEvents(t, { action: 'team.create' })).toHaveLength(audited);
    expect((await admin.post('/api/v1/teams', { name })).status).toBe(201);
  });

  /** A superuser session on the test database holding an exclusive lock on a table. */
  async function lockTable(table: string) {
    const url = new URL(adminUrl!);
    url.pathname = new URL(t.database.urls!.app).pathname;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query('begin');
    await client.query(`lock table amparo.${table} in access exclusive mode`);
    return {
      async waitForWaiter() {
        for (let tries = 0; tries < 200; tries += 1) {
          const { rows } = await client.query<{ waiting: number }>(
            `select count(*)::int as waiting from pg_stat_activity
             where application_name = 'amparo' and wait_event_type = 'Lock'
               and datname = current_database()`,
          );
          if (rows[0]!.waiting > 0) return;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error('no request came to wait on the lock');
      },
      async release() {
        await client.query('rollback').catch(() => undefined);
        await client.end();
      },
    };
  }
});
