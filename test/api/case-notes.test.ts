import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, leaks } from '../helpers/canary';
import { SessionClient } from '../helpers/session-client';
import { auditEvents, createTeam, signedIn, type SeededUser } from '../helpers/users';

type Signed = { user: SeededUser; client: SessionClient };
let t: TestApp;
let ana: Signed;
let bruno: Signed;
let caseId: string;

beforeAll(async () => {
  t = await startTestApp();
  ana = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Notas') });
  bruno = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Otro') });
  const created = await ana.client.post('/api/v1/cases', {
    identifiedOn: '2026-11-17',
    riskLevel: 'low',
    identity: { fullName: 'Persona con notas' },
    attributes: { sex: 'Male', traffickingStatus: 'Possible' },
  });
  caseId = (created.body as { case: { id: string } }).case.id;
});
afterAll(() => t.close());

describe('case notes', () => {
  it('appends encrypted notes and reads them back in one audited read', async () => {
    const secret = canary('NOTA');
    const first = await ana.client.post(`/api/v1/cases/${caseId}/notes`, { body: secret });
    expect(first.status).toBe(201);
    await ana.client.post(`/api/v1/cases/${caseId}/notes`, { body: 'Segunda nota' });
    const res = await ana.client.get(`/api/v1/cases/${caseId}/notes`);
    expect(res.status).toBe(200);
    // Newest first.
    expect(res.body).toEqual({
      items: [
        expect.objectContaining({ body: 'Segunda nota' }),
        expect.objectContaining({ body: secret, authorId: ana.user.id }),
      ],
      nextCursor: null,
    });
    expect(await auditEvents(t, { action: 'case.note.create', resourceId: caseId })).toHaveLength(
      2,
    );
    expect(await auditEvents(t, { action: 'case.note.read', resourceId: caseId })).toEqual([
      expect.objectContaining({ purpose: 'view' }),
    ]);
    const raw = await inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
      const { rows } = await sql<{ row: string }>`select n::text as row from case_notes n`.execute(
        trx,
      );
      return rows.map((r) => r.row).join('\n');
    });
    expect(leaks(raw, secret)).toBe(false);
    expect(raw).not.toContain(Buffer.from(secret).toString('hex'));
    expect(leaks(t.logs.join('\n'), secret)).toBe(false);
  });

  it('pages newest first, one audited read per page', async () => {
    const created = await ana.client.post('/api/v1/cases', {
      identifiedOn: '2026-11-17',
      riskLevel: 'low',
      identity: { fullName: 'Persona con muchas notas' },
      attributes: { sex: 'Female', traffickingStatus: 'Possible' },
    });
    const paged = (created.body as { case: { id: string } }).case.id;
    for (let i = 1; i <= 5; i++) {
      expect(
        (await ana.client.post(`/api/v1/cases/${paged}/notes`, { body: `Nota ${i}` })).status,
      ).toBe(201);
    }
    type NotePage = { items: { body: string }[]; nextCursor: string | null };
    const bodies: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const res = await ana.client.get(`/api/v1/cases/${paged}/notes${query}`);
      expect(res.status).toBe(200);
      const page = res.body as NotePage;
      expect(page.items.length).toBeLessThanOrEqual(2);
      bodies.push(...page.items.map((n) => n.body));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(bodies).toEqual(['Nota 5', 'Nota 4', 'Nota 3', 'Nota 2', 'Nota 1']);
    expect(pages).toBe(3);
    expect(await auditEvents(t, { action: 'case.note.read', resourceId: paged })).toHaveLength(3);
    // The default page holds them all.
    const all = await ana.client.get(`/api/v1/cases/${paged}/notes`);
    expect((all.body as NotePage).items).toHaveLength(5);
    expect((all.body as NotePage).nextCursor).toBeNull();
  });

  it('answers 400 naming the field for a bad limit or cursor', async () => {
    for (const [query, field] of [
      ['?limit=0', 'query.limit'],
      ['?limit=201', 'query.limit'],
      ['?limit=abc', 'query.limit'],
      ['?cursor=not-a-cursor!', 'query.cursor'],
      [`?cursor=${Buffer.from('{"id":1}').toString('base64url')}`, 'query.cursor'],
      ['?sort=asc', 'query'],
    ] as const) {
      const res = await ana.client.get(`/api/v1/cases/${caseId}/notes${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ errors: [expect.objectContaining({ path: field })] });
    }
  });

  it('never lets a note be changed or deleted', async () => {
    const attempt = (statement: string) =>
      inActorTransaction(
        t.database.store,
        { id: ana.user.id, role: 'caseworker', institutionId: null },
        (trx) => sql.raw(statement).execute(trx),
      );
    await expect(attempt(`update case_notes set body_enc = '\\x00'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(attempt('delete from case_notes')).rejects.toThrow(/permission denied/);
  });

  it('answers 401, 403, 404 and 400 as for the case itself', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    expect((await anonymous.get(`/api/v1/cases/${caseId}/notes`)).status).toBe(401);
    const admin = await signedIn(t, 'admin');
    expect((await admin.client.post(`/api/v1/cases/${caseId}/notes`, { body: 'x' })).status).toBe(
      403,
    );
    const other = await bruno.client.get(`/api/v1/cases/${caseId}/notes`);
    expect(other.status).toBe(404);
    expect((await bruno.client.post(`/api/v1/cases/${caseId}/notes`, { body: 'x' })).status).toBe(
      404,
    );
    const empty = await ana.client.post(`/api/v1/cases/${caseId}/notes`, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ errors: [expect.objectContaining({ path: 'body.body' })] });
  });
});
