import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type request from 'supertest';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { giveConsent, newCase, referralId, referralWorld, type Signed } from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import { seedUser } from '../helpers/users';

/**
 * One record, one spelling; one request, one id. A UUID sent in upper case
 * (in the path, or as X-Request-Id under any spelling of the header name) is
 * taken in its canonical lower-case form: the request is served as the
 * lower-case one would be, and its audit rows carry the lower-case ids, so
 * that an auditor searching by id finds every row. Nothing answers 500.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;
let caseId: string;
let attachmentId: string;
let referral: string;
const pdf = Buffer.from('%PDF-1.7\nAdjunto de prueba\n', 'latin1');

const upperId = () => randomUUID().toUpperCase();
/** Audit rows by request id, read as the system. */
const rowsOfRequest = (requestId: string) =>
  inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    trx.selectFrom('audit_events').selectAll().where('request_id', '=', requestId).execute(),
  );
const rowsAbout = (resourceId: string) =>
  inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    trx.selectFrom('audit_events').selectAll().where('resource_id', '=', resourceId).execute(),
  );

/** The answer and audit rows of a request sent with an upper-case request id. */
async function expectRequestId(res: request.Response, sent: string) {
  const canonical = sent.toLowerCase();
  expect(res.status).toBeLessThan(500);
  expect(res.headers['x-request-id']).toBe(canonical);
  if (res.status >= 400) expect(res.body).toMatchObject({ requestId: canonical });
  expect(await rowsOfRequest(sent)).toEqual([]); // never stored as sent
  return rowsOfRequest(canonical);
}

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Cabeceras');
  caseId = await newCase(w.ana.client, { identity: { healthNotes: 'Notas' } });
  await giveConsent(w.ana.client, caseId, [
    { sectors: ['health'], categories: ['minimal', 'health'] },
  ]);
  referral = await referralId(w.ana.client, caseId, w.hospital, { categories: ['health'] });
  const note = await w.ana.client.post(`/api/v1/cases/${caseId}/notes`, { body: 'Primera nota' });
  expect(note.status).toBe(201);
  const uploaded = await w.ana.client.upload(`/api/v1/cases/${caseId}/attachments`, pdf, {
    'Content-Type': 'application/pdf',
    'X-Attachment-Name': 'informe.pdf',
  });
  expect(uploaded.status).toBe(201);
  attachmentId = (uploaded.body as { id: string }).id;
}, 60_000);
afterAll(() => t.close());

describe('an upper-case X-Request-Id on audited refusals', () => {
  it('a failed login: 401, audited with the lower-case id', async () => {
    const user = await seedUser(t, 'caseworker');
    const client = new SessionClient(t.app, t.clock);
    await client.refreshCsrf();
    const sent = '0A0A0A0A-AAAA-4AAA-8AAA-AAAAAAAAAAAA';
    const res = await client.post(
      '/api/v1/auth/login',
      { email: user.email, password: 'not-the-password' },
      { 'x-ReQuest-Id': sent },
    );
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'invalid_credentials' });
    expect(await expectRequestId(res, sent)).toEqual([
      expect.objectContaining({
        action: 'auth.password',
        outcome: 'denied',
        resource_id: user.id,
        request_id: '0a0a0a0a-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      }),
    ]);
  });

  it('a role denial: 403 forbidden, audited with the lower-case id', async () => {
    const sent = upperId();
    const res = await w.ana.client.post(
      `/api/v1/cases/${caseId}/assign`,
      { assignedTo: w.ana.user.id },
      { 'X-REQUEST-ID': sent },
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'forbidden' });
    expect(await expectRequestId(res, sent)).toEqual([
      expect.objectContaining({
        action: 'access.denied',
        actor_id: w.ana.user.id,
        resource_type: 'endpoint',
        resource_id: 'POST:/api/v1/cases/:id/assign',
      }),
    ]);
  });

  it("another team's case, asked for by an upper-case id: 404, audited with both ids lower-case", async () => {
    const sent = upperId();
    const res = await w.bruno.client.get(`/api/v1/cases/${caseId.toUpperCase()}`, {
      'x-ReQuest-Id': sent,
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found' });
    expect(await expectRequestId(res, sent)).toEqual([
      expect.objectContaining({
        action: 'access.denied',
        actor_id: w.bruno.user.id,
        resource_id: caseId,
      }),
    ]);
  });

  it('a referral of another institution: 404, audited with both ids lower-case', async () => {
    const sent = upperId();
    const res = await w.fiscal.client.get(`/api/v1/referrals/${referral.toUpperCase()}`, {
      'x-request-ID': sent,
    });
    expect(res.status).toBe(404);
    expect(await expectRequestId(res, sent)).toEqual([
      expect.objectContaining({
        action: 'access.denied',
        actor_id: w.fiscal.user.id,
        resource_type: 'referral',
        resource_id: referral,
      }),
    ]);
  });

  it('a step-up refusal: 401 step_up_required, audited with the lower-case id', async () => {
    t.clock.advance(6 * 60); // every sign-in check of this file is now older than 5 minutes
    const sent = upperId();
    // An invalid body: had the step-up check passed, the answer would be 400, never an erasure.
    const res = await w.sara.client.post(
      `/api/v1/cases/${caseId}/erase`,
      { reason: 'not-a-reason' },
      { 'X-Request-ID': sent },
    );
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'step_up_required' });
    expect(await expectRequestId(res, sent)).toEqual([
      expect.objectContaining({
        action: 'access.denied',
        actor_id: w.sara.user.id,
        resource_type: 'step_up',
        resource_id: 'POST:/api/v1/cases/:id/erase',
      }),
    ]);
  });

  it('an X-Request-Id that is not a UUID is replaced by a fresh one, never stored', async () => {
    const res = await w.bruno.client.get(`/api/v1/cases/${caseId}`, {
      'x-ReQuest-Id': '{0A0A0A0A-AAAA-4AAA-8AAA-AAAAAAAAAAAA}',
    });
    expect(res.status).toBe(404);
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(id).not.toBe('0a0a0a0a-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    expect(await rowsOfRequest(id)).toEqual([
      expect.objectContaining({ action: 'access.denied', resource_id: caseId }),
    ]);
  });
});

describe('an upper-case id in the path', () => {
  const UPPER = () => caseId.toUpperCase();

  /** Sends the same GET with the lower-case and the upper-case spelling; both must agree. */
  async function sameAsLowerCase(who: Signed, lower: string, upper: string) {
    const canonical = await who.client.get(lower);
    const sent = upperId();
    const odd = await who.client.get(upper, { 'X-Request-Id': sent });
    expect([upper, odd.status]).toEqual([upper, canonical.status]);
    expect([upper, odd.status]).toEqual([upper, 200]);
    return { canonical, odd, rows: await rowsOfRequest(sent.toLowerCase()) };
  }

  it('reads the case as the lower-case id would, audited under the lower-case id', async () => {
    expect(UPPER()).not.toBe(caseId);
    const { canonical, odd, rows } = await sameAsLowerCase(
      w.ana,
      `/api/v1/cases/${caseId}`,
      `/api/v1/cases/${UPPER()}`,
    );
    expect(odd.body).toMatchObject({ id: caseId, identity: { fullName: 'Persona derivada' } });
    expect((odd.body as { id: string }).id).toBe((canonical.body as { id: string }).id);
    expect(rows).toEqual([expect.objectContaining({ action: 'case.read', resource_id: caseId })]);
  });

  it('lists the notes and the attachments, and gives back a file by its upper-case id', async () => {
    const notes = await sameAsLowerCase(
      w.ana,
      `/api/v1/cases/${caseId}/notes`,
      `/api/v1/cases/${UPPER()}/notes`,
    );
    expect(notes.odd.body).toEqual(notes.canonical.body);
    expect((notes.odd.body as { items: { body: string }[] }).items).toEqual([
      expect.objectContaining({ body: 'Primera nota' }),
    ]);
    expect(notes.rows).toEqual([
      expect.objectContaining({ action: 'case.note.read', resource_id: caseId }),
    ]);

    const list = await sameAsLowerCase(
      w.ana,
      `/api/v1/cases/${caseId}/attachments`,
      `/api/v1/cases/${UPPER()}/attachments`,
    );
    expect(list.odd.body).toEqual(list.canonical.body);
    expect(list.rows).toEqual([
      expect.objectContaining({ action: 'case.attachment.list', resource_id: caseId }),
    ]);

    const sent = upperId();
    const file = await w.ana.client.get(
      `/api/v1/cases/${UPPER()}/attachments/${attachmentId.toUpperCase()}`,
      { 'X-Request-Id': sent },
    );
    expect(file.status).toBe(200);
    expect(Buffer.from(file.body as Buffer).equals(pdf)).toBe(true);
    expect(await rowsOfRequest(sent.toLowerCase())).toEqual([
      expect.objectContaining({ action: 'case.attachment.read', resource_id: caseId }),
    ]);
  });

  it('reads a referral and its package, and moves it, by the upper-case id', async () => {
    const upper = referral.toUpperCase();
    const sender = await sameAsLowerCase(
      w.ana,
      `/api/v1/referrals/${referral}`,
      `/api/v1/referrals/${upper}`,
    );
    expect(sender.odd.body).toMatchObject({ id: referral, caseId });
    expect(sender.rows).toEqual([
      expect.objectContaining({ action: 'referral.read', resource_id: referral }),
    ]);

    const sent = upperId();
    const pkg = await w.doctor.client.get(`/api/v1/referrals/${upper}/package`, {
      'x-ReQuest-Id': sent,
    });
    expect(pkg.status).toBe(200);
    expect(pkg.body).toMatchObject({ referralId: referral, content: { health: {} } });
    expect(await rowsOfRequest(sent.toLowerCase())).toEqual([
      expect.objectContaining({ action: 'referral.package.read', resource_id: referral }),
    ]);
    const again = await w.doctor.client.get(`/api/v1/referrals/${referral}/package`);
    expect(again.body).toEqual(pkg.body);

    const moved = await w.doctor.client.post(`/api/v1/referrals/${upper}/transitions`, {
      to: 'acknowledged',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: referral, status: 'acknowledged' });
    expect(await w.ana.client.get(`/api/v1/referrals/${referral}`)).toMatchObject({
      body: { status: 'acknowledged', openedAt: expect.any(String) },
    });
  });

  it('never leaves an upper-case id in the audit trail', async () => {
    for (const id of [caseId, attachmentId, referral]) {
      expect([id, await rowsAbout(id.toUpperCase())]).toEqual([id, []]);
    }
    expect((await rowsAbout(caseId)).length).toBeGreaterThan(0);
    expect((await rowsAbout(referral)).length).toBeGreaterThan(0);
    const odd = await inActorTransaction(
      t.database.store,
      SYSTEM_ACTOR,
      async (trx) =>
        (
          await sql<{ resource_id: string | null; request_id: string | null }>`
          select resource_id, request_id from audit_events
          where resource_id <> lower(resource_id)
                and resource_id ~* '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
             or request_id <> lower(request_id)`.execute(trx)
        ).rows,
    );
    expect(odd).toEqual([]);
  });
});
