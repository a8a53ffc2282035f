import { startTestApp, type TestApp } from '../helpers/app';
import type { SessionClient } from '../helpers/session-client';
import { createTeam, signedIn } from '../helpers/users';

/**
 * Need-to-know across every case endpoint: who (assignee, teammate with and
 * without team access, supervisor of the team, caseworker and supervisor of
 * another team) × which case (theirs, the team's, another team's, none).
 * Another team's case and a missing one must answer exactly alike: 404.
 */
let t: TestApp;
const people = new Map<string, SessionClient>();
const cases: Record<'A' | 'B', string> = { A: '', B: '' };
const MISSING = '00000000-0000-4000-8000-000000000000';

const CASE = {
  identifiedOn: '2026-11-21',
  riskLevel: 'medium',
  identity: { fullName: 'Persona de la matriz' },
  attributes: { sex: 'Male', traffickingStatus: 'Possible' },
};

beforeAll(async () => {
  t = await startTestApp();
  const teamA = await createTeam(t, 'Equipo Matriz A');
  const teamB = await createTeam(t, 'Equipo Matriz B');
  const add = async (
    name: string,
    role: 'caseworker' | 'supervisor',
    teamId: string,
    teamAccess = false,
  ) => people.set(name, (await signedIn(t, role, { teamId, teamAccess })).client);
  await add('owner', 'caseworker', teamA);
  await add('teammate', 'caseworker', teamA);
  await add('teammateWithAccess', 'caseworker', teamA, true);
  await add('supervisorA', 'supervisor', teamA);
  await add('outsider', 'caseworker', teamB);
  await add('supervisorB', 'supervisor', teamB);
  const created = await people.get('owner')!.post('/api/v1/cases', CASE);
  cases.A = (created.body as { case: { id: string } }).case.id;
  const other = await people.get('outsider')!.post('/api/v1/cases', CASE);
  cases.B = (other.body as { case: { id: string } }).case.id;
}, 60_000);
afterAll(() => t.close());

const ENDPOINTS = [
  { name: 'GET case', send: (c: SessionClient, id: string) => c.get(`/api/v1/cases/${id}`) },
  {
    name: 'PATCH case',
    send: async (c: SessionClient, id: string) => {
      const current = await c.get(`/api/v1/cases/${id}`);
      const version = (current.body as { version?: number }).version ?? 1;
      return c.patch(`/api/v1/cases/${id}`, { version, riskLevel: 'high' });
    },
  },
  { name: 'GET notes', send: (c: SessionClient, id: string) => c.get(`/api/v1/cases/${id}/notes`) },
  {
    name: 'POST note',
    send: (c: SessionClient, id: string) => c.post(`/api/v1/cases/${id}/notes`, { body: 'Nota' }),
  },
  {
    name: 'GET attachments',
    send: (c: SessionClient, id: string) => c.get(`/api/v1/cases/${id}/attachments`),
  },
];

// Who may open team A's case.
const MAY_SEE_A = new Set(['owner', 'teammateWithAccess', 'supervisorA']);

describe.each(ENDPOINTS)('$name', ({ send }) => {
  it.each([
    ...['owner', 'teammate', 'teammateWithAccess', 'supervisorA', 'outsider', 'supervisorB'],
  ])('as %s', async (name) => {
    const client = people.get(name)!;
    const onA = await send(client, cases.A);
    if (MAY_SEE_A.has(name)) {
      expect(onA.status).toBeGreaterThanOrEqual(200);
      expect(onA.status).toBeLessThan(300);
    } else {
      expect(onA.status).toBe(404);
    }
    // Team B's case is the outsider's own: only they and their supervisor see it.
    const onB = await send(client, cases.B);
    expect(onB.status < 300).toBe(name === 'outsider' || name === 'supervisorB');
    const missing = await send(client, MISSING);
    expect(missing.status).toBe(404);
    if (!MAY_SEE_A.has(name)) {
      const strip = (body: unknown) => ({ ...(body as object), requestId: undefined });
      expect(strip(onA.body)).toEqual(strip(missing.body));
    }
  });
});
