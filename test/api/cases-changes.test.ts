import { startTestApp, type TestApp } from '../helpers/app';
import { SessionClient } from '../helpers/session-client';
import { auditEvents, createTeam, seedUser, signedIn, type SeededUser } from '../helpers/users';

type Signed = { user: SeededUser; client: SessionClient };
let t: TestApp;
let ana: Signed; // caseworker, team A
let andres: Signed; // caseworker, team A
let bruno: Signed; // caseworker, team B
let sara: Signed; // supervisor, team A

const newCase = (fullName: string, riskLevel = 'medium') => ({
  identifiedOn: '2026-11-15',
  riskLevel,
  identity: { fullName, phone: '+593 99 000 0000' },
  attributes: { sex: 'Male', ageAtIdentification: 15, traffickingStatus: 'Possible' },
});

async function register(who: Signed, fullName: string, riskLevel?: string) {
  const res = await who.client.post('/api/v1/cases', newCase(fullName, riskLevel));
  expect(res.status).toBe(201);
  return (res.body as { case: { id: string; version: number } }).case;
}

beforeAll(async () => {
  t = await startTestApp();
  const teamA = await createTeam(t, 'Equipo A');
  const teamB = await createTeam(t, 'Equipo B');
  ana = await signedIn(t, 'caseworker', { teamId: teamA });
  andres = await signedIn(t, 'caseworker', { teamId: teamA });
  bruno = await signedIn(t, 'caseworker', { teamId: teamB });
  sara = await signedIn(t, 'supervisor', { teamId: teamA });
}, 30_000);
afterAll(() => t.close());

describe('case list', () => {
  it('lists what each person may see, newest first, without identifying data', async () => {
    const first = await register(ana, 'Primera Persona', 'high');
    const second = await register(ana, 'Segunda Persona');
    const other = await register(bruno, 'Otra Persona');
    const mine = await ana.client.get('/api/v1/cases?assigned=me&limit=1');
    expect(mine.status).toBe(200);
    const page = mine.body as { items: Record<string, unknown>[]; nextCursor: string };
    expect(page.items.map((c) => c.id)).toEqual([second.id]);
    expect(Object.keys(page.items[0]!)).not.toContain('identity');
    expect(JSON.stringify(page)).not.toContain('Persona');
    const next = await ana.client.get(
      `/api/v1/cases?assigned=me&limit=1&cursor=${page.nextCursor}`,
    );
    expect((next.body as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([first.id]);

    const high = await sara.client.get('/api/v1/cases?riskLevel=high&assigned=team');
    expect((high.body as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([first.id]);
    const brunos = await bruno.client.get('/api/v1/cases');
    expect((brunos.body as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([other.id]);
    expect((await ana.client.get('/api/v1/cases?assigned=everyone')).status).toBe(400);
  });
});

describe('case changes', () => {
  it('applies a change made from the current version, audited, and refuses a stale one', async () => {
    const created = await register(ana, 'Persona Cambiante');
    const change = {
      version: created.version,
      riskLevel: 'critical',
      identity: { phone: '+593 98 111 2222', legalNotes: 'Denuncia presentada' },
      attributes: { exploitationTypes: ['ForcedBegging'] },
    };
    const res = await ana.client.patch(`/api/v1/cases/${created.id}`, change);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      case: {
        version: created.version + 1,
        riskLevel: 'critical',
        identity: { fullName: 'Persona Cambiante', phone: '+593 98 111 2222' },
        attributes: { exploitationTypes: ['ForcedBegging'], sex: 'Male' },
      },
    });
    const stale = await ana.client.patch(`/api/v1/cases/${created.id}`, {
      ...change,
      riskLevel: 'low',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version' });
    const now = await ana.client.get(`/api/v1/cases/${created.id}`);
    expect(now.body).toMatchObject({ riskLevel: 'critical', version: created.version + 1 });
    expect(await auditEvents(t, { action: 'case.update', resourceId: created.id })).toEqual([
      expect.objectContaining({ purpose: 'edit', actor_id: ana.user.id }),
    ]);
  });

  it('changes status only along legal transitions, with a reason code', async () => {
    const created = await register(ana, 'Persona Estado');
    const patch = (body: object) => ana.client.patch(`/api/v1/cases/${created.id}`, body);
    const noReason = await patch({ version: 1, status: 'active' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.statusReason' })],
    });
    const illegal = await patch({ version: 1, status: 'follow_up', statusReason: 'other' });
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ code: 'illegal_status_change' });
    const ok = await patch({ version: 1, status: 'active', statusReason: 'assessment_done' });
    expect(ok.status).toBe(200);
    expect(await auditEvents(t, { action: 'case.status_change', resourceId: created.id })).toEqual([
      expect.objectContaining({ purpose: 'assessment_done' }),
    ]);
  });

  it('answers 401 without a session and 403 to roles that hold no cases', async () => {
    const created = await register(ana, 'Persona Protegida');
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    expect((await anonymous.patch(`/api/v1/cases/${created.id}`, { version: 1 })).status).toBe(401);
    const coordinator = await signedIn(t, 'coordinator');
    const res = await coordinator.client.patch(`/api/v1/cases/${created.id}`, { version: 1 });
    expect(res.status).toBe(403);
    expect(await auditEvents(t, { action: 'access.denied' })).toContainEqual(
      expect.objectContaining({
        actor_id: coordinator.user.id,
        resource_id: 'PATCH:/api/v1/cases/:id',
      }),
    );
  });

  it("answers 404 for another team's case", async () => {
    const created = await register(ana, 'Persona Ajena');
    const res = await bruno.client.patch(`/api/v1/cases/${created.id}`, {
      version: 1,
      riskLevel: 'low',
    });
    expect(res.status).toBe(404);
  });
});

describe('assignment', () => {
  it('lets a supervisor reassign within the team and to another team; visibility follows', async () => {
    const created = await register(ana, 'Persona Asignada');
    const assign = (who: Signed, assignedTo: string) =>
      who.client.post(`/api/v1/cases/${created.id}/assign`, { assignedTo });
    expect((await assign(ana, andres.user.id)).status).toBe(403);

    const withinTeam = await assign(sara, andres.user.id);
    expect(withinTeam.status).toBe(200);
    expect(withinTeam.body).toMatchObject({ assignedTo: andres.user.id });
    expect((await andres.client.get(`/api/v1/cases/${created.id}`)).status).toBe(200);
    expect((await ana.client.get(`/api/v1/cases/${created.id}`)).status).toBe(404);

    const admin = await seedUser(t, 'admin');
    const wrong = await assign(sara, admin.id);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      errors: [expect.objectContaining({ path: 'body.assignedTo' })],
    });

    expect((await assign(sara, bruno.user.id)).status).toBe(200);
    expect((await bruno.client.get(`/api/v1/cases/${created.id}`)).status).toBe(200);
    expect((await sara.client.get(`/api/v1/cases/${created.id}`)).status).toBe(404);
    expect(await auditEvents(t, { action: 'case.assign', resourceId: created.id })).toHaveLength(2);
  });
});
