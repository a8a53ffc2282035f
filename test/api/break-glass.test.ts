import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { asSuperuser } from '../helpers/superuser';
import { type SessionClient } from '../helpers/session-client';
import { auditEvents, createTeam, signedIn, type SeededUser } from '../helpers/users';

type Signed = { user: SeededUser; client: SessionClient };
let t: TestApp;
let ana: Signed; // caseworker, team A (owns the case)
let sara: Signed; // supervisor, team A (reviews)
let bruno: Signed; // caseworker, team B (breaks the glass)
let caseId: string;
const justification = 'Emergencia médica: la persona ingresó al hospital esta noche';

beforeAll(async () => {
  t = await startTestApp();
  const teamA = await createTeam(t, 'Equipo Uno');
  ana = await signedIn(t, 'caseworker', { teamId: teamA });
  sara = await signedIn(t, 'supervisor', { teamId: teamA });
  bruno = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Dos') });
  const created = await ana.client.post('/api/v1/cases', {
    identifiedOn: '2026-11-18',
    riskLevel: 'critical',
    identity: { fullName: 'Persona urgente' },
    attributes: { sex: 'Female', traffickingStatus: 'Actual' },
  });
  caseId = (created.body as { case: { id: string } }).case.id;
});
afterAll(() => t.close());

describe('break-glass', () => {
  it('opens a case outside the team for a limited time, audited and queued for review', async () => {
    const url = `/api/v1/cases/${caseId}/break-glass`;
    expect((await bruno.client.get(`/api/v1/cases/${caseId}`)).status).toBe(404);
    const short = await bruno.client.post(url, { justification: 'porque sí' });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.justification' })],
    });

    t.clock.advance(6 * 60);
    const noStepUp = await bruno.client.post(url, { justification });
    expect(noStepUp.status).toBe(401);
    expect(noStepUp.body).toMatchObject({ code: 'step_up_required' });
    await bruno.client.post('/api/v1/auth/step-up', { code: await bruno.client.nextCode() });

    const res = await bruno.client.post(url, { justification });
    expect(res.status).toBe(201);
    const grant = res.body as { expiresAt: string };
    const minutes = (Date.parse(grant.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(60);

    const read = await bruno.client.get(`/api/v1/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ identity: { fullName: 'Persona urgente' } });
    const reads = await auditEvents(t, { action: 'case.read', resourceId: caseId });
    expect(reads.at(-1)).toMatchObject({ actor_id: bruno.user.id, purpose: 'break_glass' });
    expect(await auditEvents(t, { action: 'case.break_glass', resourceId: caseId })).toEqual([
      expect.objectContaining({ actor_id: bruno.user.id, outcome: 'success' }),
    ]);
    await ana.client.post('/api/v1/auth/step-up', { code: await ana.client.nextCode() });
    const own = await ana.client.post(url, { justification });
    expect(own.status).toBe(409); // hers already
    expect(own.body).toMatchObject({ code: 'already_accessible' });

    const queue = await sara.client.get('/api/v1/reviews');
    expect(queue.status).toBe(200);
    expect((queue.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ caseId, userId: bruno.user.id, justification, active: true }),
    ]);
    expect((await ana.client.get('/api/v1/reviews')).status).toBe(403);
    expect((await bruno.client.get('/api/v1/reviews')).status).toBe(403);

    // It ends by itself: move its expiry into the past, as time would.
    await asSuperuser(
      t.database,
      `update case_access_grants set expires_at = now() - interval '1 second' where case_id = '${caseId}'`,
    );
    expect((await bruno.client.get(`/api/v1/cases/${caseId}`)).status).toBe(404);
    const after = await sara.client.get('/api/v1/reviews');
    expect((after.body as { items: { active: boolean }[] }).items[0]!.active).toBe(false);
    const stored = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx.selectFrom('case_access_grants').select('justification_enc').executeTakeFirstOrThrow(),
    );
    expect(Buffer.from(stored.justification_enc!).toString('utf8')).not.toContain('Emergencia');
  });

  it('answers 404 for a case that does not exist, and 403 to roles that hold no cases', async () => {
    await bruno.client.post('/api/v1/auth/step-up', { code: await bruno.client.nextCode() });
    const missing = await bruno.client.post(
      '/api/v1/cases/00000000-0000-4000-8000-000000000000/break-glass',
      {
        justification,
      },
    );
    expect(missing.status).toBe(404);
    const admin = await signedIn(t, 'admin');
    expect(
      (await admin.client.post(`/api/v1/cases/${caseId}/break-glass`, { justification })).status,
    ).toBe(403);
  });
});
