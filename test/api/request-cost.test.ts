import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { engine } from '../helpers/engine';
import {
  giveConsent,
  HEALTH,
  newCase,
  referralWorld,
  refer,
  type Signed,
} from '../helpers/referrals';
import type { SessionClient } from '../helpers/session-client';
import { signedIn } from '../helpers/users';

/**
 * One request, one transaction (issue 11): the session check, the account
 * re-read, the use case and its audit rows share one transaction, whose first
 * statement sets the actor context; nothing is sealed or touched on the way.
 * Statements are counted at the driver, BEGIN and COMMIT included.
 */
let t: TestApp;
let world: Awaited<ReturnType<typeof referralWorld>>;
let caseId: string;

beforeAll(async () => {
  t = await startTestApp();
  world = await referralWorld(t, 'coste');
  caseId = await newCase(world.ana.client, {
    identity: { documentNumber: 'AB-123456', phone: '+593 99 000 0000', address: 'Calle 1' },
  });
  await giveConsent(world.ana.client, caseId, HEALTH);
});
afterAll(() => t.close());

async function cost(send: () => Promise<{ status: number }>, expectedStatus: number) {
  const { result, statements } = await t.database.recordStatements(send);
  expect(result.status).toBe(expectedStatus);
  const transactions = statements.filter((text) => /^begin\b/i.test(text)).length;
  return { statements, transactions };
}

const isSessionRead = (text: string) => /open_session/.test(text);
const isAuditInsert = (text: string) => /insert into "audit_events"/.test(text);

describe(`cost of one authenticated request (${engine})`, () => {
  it('a case read is one transaction of at most six statements, opened by the session read', async () => {
    const read = await cost(() => world.ana.client.get(`/api/v1/cases/${caseId}`), 200);
    expect(read.transactions).toBe(1);
    expect(read.statements.length).toBeLessThanOrEqual(6);
    expect(read.statements[0]).toMatch(/^begin$/i);
    expect(isSessionRead(read.statements[1]!)).toBe(true);
    expect(read.statements.filter(isAuditInsert)).toHaveLength(1);
    expect(read.statements.at(-1)).toMatch(/^commit$/i);
    // Nothing is sealed or touched on the request path.
    expect(read.statements.join('\n')).not.toMatch(/audit_chain_head|update "sessions"/);
  });

  it('GET /auth/me, the case list and a note are one transaction each', async () => {
    const client = world.ana.client;
    for (const [send, status] of [
      [() => client.get('/api/v1/auth/me'), 200],
      [() => client.get('/api/v1/cases'), 200],
      [() => client.post(`/api/v1/cases/${caseId}/notes`, { body: 'Nota de seguimiento' }), 201],
    ] as const) {
      const { transactions, statements } = await cost(send, status);
      expect({ transactions, first: statements[1] }).toEqual({
        transactions: 1,
        first: expect.stringContaining('open_session') as string,
      });
    }
  });

  it('a page of notes, the consent approval queue and the directory are one transaction each', async () => {
    await world.sara.client.post(`/api/v1/cases/${caseId}/consents`, {
      givenBy: 'guardian',
      method: 'written',
      givenAt: new Date(Date.now() - 60_000).toISOString(),
      purposes: ['service_referral'],
      scope: HEALTH,
    });
    for (const [send, audits] of [
      [() => world.ana.client.get(`/api/v1/cases/${caseId}/notes?limit=1`), 1],
      [() => world.sofia.client.get('/api/v1/consents?status=pending_approval'), 1],
      [() => world.ana.client.get('/api/v1/directory'), 0],
    ] as const) {
      const { transactions, statements } = await cost(send, 200);
      expect({
        transactions,
        first: statements[1],
        audits: statements.filter(isAuditInsert).length,
      }).toEqual({
        transactions: 1,
        first: expect.stringContaining('open_session') as string,
        audits,
      });
    }
  });

  it('the notifications (asked on every navigation) and the partner’s inbox are one transaction each, unaudited', async () => {
    for (const [send, first] of [
      [() => world.ana.client.get('/api/v1/notifications?limit=20'), 'open_session'],
      [() => world.doctor.client.get('/api/v1/referrals?overdue=true'), 'open_session'],
    ] as const) {
      const { transactions, statements } = await cost(send, 200);
      expect({
        transactions,
        first: statements[1],
        audits: statements.filter(isAuditInsert).length,
        count: statements.length <= 6,
      }).toEqual({
        transactions: 1,
        first: expect.stringContaining(first) as string,
        audits: 0,
        count: true,
      });
    }
  });

  it('computing a statistics release is one transaction; the public observatory one read without a session', async () => {
    const coordinator = await signedIn(t, 'coordinator');
    const release = { tableId: 'victims_by_sex_age_group', year: 2025, epsilon: 0.5 };
    const computed = await cost(
      () => coordinator.client.post('/api/v1/statistics/releases', release),
      201,
    );
    expect(computed.transactions).toBe(1);
    expect(computed.statements.filter(isAuditInsert)).toHaveLength(1);
    const observatory = await cost(
      () =>
        coordinator.client.send('get', '/api/v1/public/statistics/releases', undefined, {
          Cookie: '',
        }),
      200,
    );
    expect(observatory.transactions).toBe(1);
    expect(observatory.statements.some(isSessionRead)).toBe(false);
    expect(observatory.statements.filter(isAuditInsert)).toHaveLength(0);
  });

  it('a referral is created in the request’s one transaction', async () => {
    const { transactions } = await cost(() => refer(world.ana.client, caseId, world.hospital), 201);
    expect(transactions).toBe(1);
  });

  it('a refusal rolls the use case back and audits the attempt in a transaction of its own', async () => {
    const other = await newCase(world.bruno.client);
    const { statements, transactions } = await cost(
      () => world.ana.client.get(`/api/v1/cases/${other}`),
      404,
    );
    expect(statements).toContainEqual(expect.stringMatching(/^rollback$/i));
    expect(transactions).toBe(3); // the read, "does it exist?" as the system, the denial's audit
    expect(statements.filter(isAuditInsert)).toHaveLength(1);
  });

  it('extends the idle limit at most once a minute', async () => {
    const expiry = () => sessionExpiry(world.sara.client);
    await world.sara.client.get('/api/v1/auth/me');
    const first = await expiry();
    await world.sara.client.get('/api/v1/auth/me');
    expect(await expiry()).toEqual(first);
    // As if the last extension were 90 s old: the next request writes a new limit.
    await shiftSessionExpiry(world.sara.client, -90_000);
    const shifted = await expiry();
    const res = await world.sara.client.get('/api/v1/auth/me');
    const extended = await expiry();
    expect(extended.getTime()).toBeGreaterThan(shifted.getTime() + 60_000);
    expect((res.body as { session: { idleExpiresAt: string } }).session.idleExpiresAt).toBe(
      extended.toISOString(),
    );
  });

  it('a refused request still counts as activity: its idle extension survives the rollback', async () => {
    await shiftSessionExpiry(world.sara.client, -90_000);
    const shifted = await sessionExpiry(world.sara.client);
    const res = await world.sara.client.get(`/api/v1/cases/${randomUUID()}`);
    expect(res.status).toBe(404);
    expect((await sessionExpiry(world.sara.client)).getTime()).toBeGreaterThan(
      shifted.getTime() + 60_000,
    );
  });

  it('a slow upload holds no transaction while its body arrives: others are served', async () => {
    const { port, close } = await listen();
    try {
      const upload = slowUpload(port, world.ana.client, 100_000);
      upload.request.write(Buffer.alloc(10, 0x25)); // then nothing: the client is slow
      await new Promise((resolve) => setTimeout(resolve, 100)); // the upload is past its session check
      const res = await world.sara.client.get(`/api/v1/cases/${caseId}`);
      expect(res.status).toBe(200);
      upload.request.destroy();
    } finally {
      await close();
    }
  });

  it('an account disabled while its upload arrives is refused once the body is in', async () => {
    const sofia = world.sofia;
    const { port, close } = await listen();
    try {
      const upload = slowUpload(port, sofia.client, 20);
      upload.request.write(Buffer.from('%PDF-1.7\n%', 'latin1'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
        trx.updateTable('users').set({ active: false }).where('id', '=', sofia.user.id).execute(),
      );
      upload.request.end(Buffer.alloc(10, 0x25));
      expect(await upload.status).toBe(401);
      expect(await attachmentCount()).toBe(0);
    } finally {
      await close();
    }
  });

  it('a disabled account is refused on its very next request', async () => {
    const bruno: Signed = world.bruno;
    expect((await bruno.client.get('/api/v1/cases')).status).toBe(200);
    await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx.updateTable('users').set({ active: false }).where('id', '=', bruno.user.id).execute(),
    );
    const res = await bruno.client.get('/api/v1/cases');
    expect(res.status).toBe(401);
  });
});

async function listen() {
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { port, close };
}

/** An attachment upload whose body the test sends when it likes. */
function slowUpload(port: number, client: SessionClient, length: number) {
  const request = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: `/api/v1/cases/${caseId}/attachments`,
    headers: {
      cookie: client.cookie!,
      'x-csrf-token': client.csrfToken!,
      'x-forwarded-proto': 'https',
      'content-type': 'application/pdf',
      'x-attachment-name': 'informe.pdf',
      'content-length': String(length),
    },
  });
  request.on('error', () => undefined);
  const status = new Promise<number | undefined>((resolve) => {
    request.on('response', (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    request.on('close', () => resolve(undefined));
  });
  return { request, status };
}

function attachmentCount(): Promise<number> {
  return inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
    const rows = await trx.selectFrom('case_attachments').select('id').execute();
    return rows.length;
  });
}

/** The stored idle limit of the session a client holds (as the system reads it). */
async function sessionExpiry(client: SessionClient): Promise<Date> {
  return inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
    const { rows } = await sql<{ expires_at: Date }>`
      select expires_at from sessions where id_hash = sha256(${sessionId(client)}::bytea)`.execute(
      trx,
    );
    return rows[0]!.expires_at;
  });
}

async function shiftSessionExpiry(client: SessionClient, ms: number): Promise<void> {
  await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    sql`update sessions set expires_at = expires_at + ${ms}::int * interval '1 millisecond'
        where id_hash = sha256(${sessionId(client)}::bytea)`.execute(trx),
  );
}

/** The session id inside the signed cookie `name=s:<id>.<signature>`. */
function sessionId(client: SessionClient): Buffer {
  const value = decodeURIComponent(client.cookie!.split(';')[0]!.split('=')[1]!);
  return Buffer.from(value.slice(2, value.lastIndexOf('.')), 'utf8');
}
