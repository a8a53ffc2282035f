import { randomBytes, randomUUID } from 'node:crypto';
import { ACTOR_ROLES, type ActorRole } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { giveConsent, givenNow, inDays, referralId as newReferral } from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import {
  auditEvents,
  createTeam,
  partnerInstitutionId,
  seedUser,
  signedIn,
} from '../helpers/users';

/**
 * Every endpoint so far × no session and every role: 401 without a session,
 * 403 (and an audited denial) for a role that may not, 2xx for one that may.
 */
interface Endpoint {
  method: 'get' | 'post' | 'patch';
  path: () => string;
  /** As the route is declared: what a denial records. */
  template: string;
  body?: () => object;
  allowed: readonly ActorRole[] | 'all';
}

let t: TestApp;
const clients = new Map<ActorRole, { id: string; client: SessionClient }>();
let userId: string;
let institutionId: string;
let lead: string;
let caseId: string;
let otherTeamCaseId: string;
let referralId: string;
let pendingConsentId: string;
const revocableConsentIds: string[] = [];
const CASE = {
  identifiedOn: '2026-11-12',
  riskLevel: 'medium',
  identity: { fullName: 'Persona de prueba' },
  attributes: { sex: 'Male', traffickingStatus: 'Possible' },
};

const CONSENT = {
  givenBy: 'person',
  method: 'written',
  givenAt: givenNow(),
  purposes: ['service_referral', 'information_sharing'],
};

const unique = () => randomBytes(4).toString('hex');
const ENDPOINTS: Endpoint[] = [
  { method: 'get', path: () => '/api/v1/auth/me', template: '', allowed: 'all' },
  {
    method: 'get',
    path: () => '/api/v1/users',
    template: 'GET:/api/v1/users/',
    allowed: ['admin'],
  },
  {
    method: 'post',
    path: () => '/api/v1/users',
    template: 'POST:/api/v1/users/',
    body: () => ({
      email: `matrix.${unique()}@example.org`,
      displayName: 'Matriz',
      institutionId: lead,
      role: 'caseworker',
    }),
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: () => `/api/v1/users/${userId}`,
    template: 'GET:/api/v1/users/:id',
    allowed: ['admin'],
  },
  {
    method: 'patch',
    path: () => `/api/v1/users/${userId}`,
    template: 'PATCH:/api/v1/users/:id',
    body: () => ({ displayName: `Nombre ${unique()}` }),
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: () => '/api/v1/institutions',
    template: 'GET:/api/v1/institutions/',
    allowed: ['admin', 'caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => '/api/v1/institutions',
    template: 'POST:/api/v1/institutions/',
    body: () => ({ name: `Institución ${unique()}`, sector: 'education' }),
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: () => `/api/v1/institutions/${institutionId}`,
    template: 'GET:/api/v1/institutions/:id',
    allowed: ['admin', 'caseworker', 'supervisor'],
  },
  {
    method: 'patch',
    path: () => `/api/v1/institutions/${institutionId}`,
    template: 'PATCH:/api/v1/institutions/:id',
    body: () => ({ contact: { name: `Mesa ${unique()}` } }),
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: () => '/api/v1/audit',
    template: 'GET:/api/v1/audit/',
    allowed: ['auditor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/audit/verify',
    template: 'GET:/api/v1/audit/verify',
    allowed: ['auditor'],
  },
  {
    method: 'post',
    path: () => '/api/v1/cases',
    template: 'POST:/api/v1/cases/',
    body: () => CASE,
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/cases/${caseId}`,
    template: 'GET:/api/v1/cases/:id',
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/cases',
    template: 'GET:/api/v1/cases/',
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/cases/${caseId}/assign`,
    template: 'POST:/api/v1/cases/:id/assign',
    body: () => ({ assignedTo: clients.get('caseworker')!.id }),
    allowed: ['supervisor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/cases/${caseId}/notes`,
    template: 'GET:/api/v1/cases/:id/notes',
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/cases/${caseId}/notes`,
    template: 'POST:/api/v1/cases/:id/notes',
    body: () => ({ body: 'Nota de la matriz' }),
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/cases/${otherTeamCaseId}/break-glass`,
    template: 'POST:/api/v1/cases/:id/break-glass',
    body: () => ({ justification: 'Justificación suficiente para la matriz de acceso' }),
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/reviews',
    template: 'GET:/api/v1/reviews/',
    allowed: ['supervisor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/cases/${caseId}/consents`,
    template: 'GET:/api/v1/cases/:id/consents',
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/cases/${caseId}/consents`,
    template: 'POST:/api/v1/cases/:id/consents',
    body: () => ({ ...CONSENT, scope: [{ sectors: ['labour'], categories: ['minimal'] }] }),
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/consents/${pendingConsentId}/approve`,
    template: 'POST:/api/v1/consents/:id/approve',
    body: () => ({}),
    allowed: ['supervisor'],
  },
  {
    method: 'post',
    // One consent per call: a consent is revoked once.
    path: () => `/api/v1/consents/${revocableConsentIds.pop() ?? randomUUID()}/revoke`,
    template: 'POST:/api/v1/consents/:id/revoke',
    body: () => ({ reason: 'other' }),
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/referrals',
    template: 'GET:/api/v1/referrals/',
    allowed: ['caseworker', 'supervisor', 'partner'],
  },
  {
    method: 'post',
    path: () => '/api/v1/referrals',
    template: 'POST:/api/v1/referrals/',
    body: () => ({
      caseId,
      institutionId,
      services: ['medical_care'],
      urgency: 'routine',
      acknowledgeBy: inDays(5),
    }),
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/referrals/${referralId}`,
    template: 'GET:/api/v1/referrals/:id',
    allowed: ['caseworker', 'supervisor', 'partner'],
  },
  {
    method: 'get',
    path: () => `/api/v1/referrals/${referralId}/package`,
    template: 'GET:/api/v1/referrals/:id/package',
    allowed: ['partner'],
  },
  {
    method: 'post',
    path: () => `/api/v1/cases/${caseId}/erase`,
    template: 'POST:/api/v1/cases/:id/erase',
    body: () => ({ reason: 'created_in_error' }),
    allowed: ['supervisor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/teams',
    template: 'GET:/api/v1/teams/',
    allowed: ['admin'],
  },
  {
    method: 'post',
    path: () => '/api/v1/teams',
    template: 'POST:/api/v1/teams/',
    body: () => ({ name: `Equipo ${unique()}` }),
    allowed: ['admin'],
  },
  // Last: it ends each role's session.
  { method: 'post', path: () => '/api/v1/auth/logout', template: '', allowed: 'all' },
];

beforeAll(async () => {
  t = await startTestApp();
  const partners = await partnerInstitutionId(t);
  const teamId = await createTeam(t, 'Equipo Matriz');
  for (const role of ACTOR_ROLES) {
    const options =
      role === 'partner'
        ? { institutionId: partners }
        : role === 'caseworker' || role === 'supervisor'
          ? { teamId }
          : {};
    const { user, client } = await signedIn(t, role, options);
    clients.set(role, { id: user.id, client });
  }
  const target = await seedUser(t, 'coordinator');
  userId = target.id;
  lead = target.institutionId;
  institutionId = partners;
  const created = await clients.get('caseworker')!.client.post('/api/v1/cases', CASE);
  caseId = (created.body as { case: { id: string } }).case.id;
  const caseworker = clients.get('caseworker')!.client;
  await giveConsent(caseworker, caseId, [{ sectors: ['health'], categories: ['minimal'] }]);
  referralId = await newReferral(caseworker, caseId, partners);
  const pending = await caseworker.post(`/api/v1/cases/${caseId}/consents`, {
    ...CONSENT,
    givenBy: 'guardian',
    scope: [{ sectors: ['labour'], categories: ['minimal'] }],
  });
  pendingConsentId = (pending.body as { id: string }).id;
  // No session, then each role: one consent each, of a sector no referral uses.
  for (let i = 0; i <= ACTOR_ROLES.length; i += 1) {
    const { id } = await giveConsent(caseworker, caseId, [
      { sectors: ['labour'], categories: ['minimal'] },
    ]);
    revocableConsentIds.push(id);
  }
  const outsider = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Ajeno') });
  const elsewhere = await outsider.client.post('/api/v1/cases', CASE);
  otherTeamCaseId = (elsewhere.body as { case: { id: string } }).case.id;
}, 60_000);
afterAll(() => t.close());

const send = (client: SessionClient, endpoint: Endpoint) =>
  endpoint.method === 'get'
    ? client.get(endpoint.path())
    : client.send(endpoint.method, endpoint.path(), endpoint.body?.());

describe.each(ENDPOINTS)('$method $template', (endpoint) => {
  const label = `${endpoint.method.toUpperCase()} ${endpoint.path.toString()}`;

  it('answers 401 without a session', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    const res = await send(anonymous, endpoint);
    expect([label, res.status]).toEqual([label, 401]);
  });

  it.each(ACTOR_ROLES)('as %s', async (role) => {
    const { id, client } = clients.get(role)!;
    const res = await send(client, endpoint);
    const allowed = endpoint.allowed === 'all' || endpoint.allowed.includes(role);
    if (allowed) {
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
      return;
    }
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'forbidden' });
    const denial = (await auditEvents(t, { action: 'access.denied' })).filter(
      (e) => e.actor_id === id && e.resource_id === endpoint.template,
    );
    expect(denial.length).toBeGreaterThanOrEqual(1);
    expect(denial.at(-1)).toMatchObject({ outcome: 'denied', actor_role: role });
  });
});
