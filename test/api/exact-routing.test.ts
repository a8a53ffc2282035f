import { startTestApp, type TestApp } from '../helpers/app';
import { SessionClient } from '../helpers/session-client';
import { auditEvents, createTeam, seedUser, signedIn, type SeededUser } from '../helpers/users';

/**
 * Routing is exact: a path spelled in another case or with a trailing slash
 * reaches no handler. That matters most before login, where the CSRF check
 * exempts a few paths by their exact spelling: a look-alike path must not
 * slip past both the exemption check and the router into the login handler.
 */
let t: TestApp;
let user: SeededUser;
let ana: Awaited<ReturnType<typeof signedIn>>;
let caseId: string;

const LOGIN_LOOKALIKES = [
  '/api/v1/auth/Login',
  '/api/v1/auth/LOGIN',
  '/api/v1/auth/login/',
  '/api/v1/Auth/login',
  '/api/V1/auth/login',
  '/API/v1/auth/login',
];

const codeOf = (res: { body: unknown }) => (res.body as { code?: string }).code;
/** A client with no session and no CSRF token, as a cross-site form or a script would be. */
const stranger = () => new SessionClient(t.app, t.clock);
async function withToken(): Promise<SessionClient> {
  const client = stranger();
  await client.refreshCsrf();
  return client;
}
const passwordEvents = async () =>
  (await auditEvents(t, { action: 'auth.password', resourceId: user.id })).length;

function expectNotFound(label: string, res: { status: number; body: unknown; headers: object }) {
  expect([label, res.status]).toEqual([label, 404]);
  expect([label, codeOf(res)]).toEqual([label, 'not_found']);
  const headers = res.headers as Record<string, string>;
  expect([label, headers['content-type']]).toEqual([
    label,
    expect.stringMatching(/^application\/problem\+json/),
  ]);
  expect([label, headers['set-cookie']]).toEqual([label, undefined]);
}

beforeAll(async () => {
  t = await startTestApp();
  user = await seedUser(t, 'caseworker');
  ana = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Rutas') });
  const created = await ana.client.post('/api/v1/cases', {
    identifiedOn: '2026-11-20',
    riskLevel: 'medium',
    identity: { fullName: 'Persona de rutas' },
    attributes: { sex: 'Female', traffickingStatus: 'Possible' },
  });
  caseId = (created.body as { case: { id: string } }).case.id;
}, 60_000);
afterAll(() => t.close());

describe('login look-alike paths', () => {
  it('answer 404 without a CSRF token, with the right password or a wrong one', async () => {
    const before = await passwordEvents();
    for (const path of LOGIN_LOOKALIKES) {
      for (const password of [user.password, 'not-the-password']) {
        const res = await stranger().post(path, { email: user.email, password });
        expectNotFound(`${path} (no token)`, res);
        expect(codeOf(res)).not.toBe('invalid_credentials');
      }
    }
    expect(await passwordEvents()).toBe(before); // the login handler never ran
  });

  it('answer 404 with a valid CSRF token too, and start no login', async () => {
    const before = await passwordEvents();
    for (const path of LOGIN_LOOKALIKES) {
      const client = await withToken();
      const res = await client.post(path, { email: user.email, password: user.password });
      expectNotFound(`${path} (token)`, res);
      // Nothing pending on this session: the second-factor step is not reachable.
      const next = await client.post('/api/v1/auth/totp', { code: '000000' });
      expect([path, next.status]).toEqual([path, 401]);
      expect([path, codeOf(next)]).toEqual([path, 'unauthenticated']);
    }
    expect(await passwordEvents()).toBe(before);
  });

  it('while the exact path needs the token, and then signs in', async () => {
    const noToken = await stranger().post('/api/v1/auth/login', {
      email: user.email,
      password: user.password,
    });
    expect(noToken.status).toBe(403);
    expect(codeOf(noToken)).toBe('csrf_failed');

    const client = await withToken();
    const wrong = await client.post('/api/v1/auth/login', {
      email: user.email,
      password: 'not-the-password',
    });
    expect(wrong.status).toBe(401);
    expect(codeOf(wrong)).toBe('invalid_credentials');
    const right = await client.post('/api/v1/auth/login', {
      email: user.email,
      password: user.password,
    });
    expect(right.status).toBe(200);
    expect(right.body).toEqual({ next: 'enroll_totp' });
  });

  it('holds for the other pre-login paths', async () => {
    for (const path of [
      '/api/v1/auth/Password',
      '/api/v1/auth/password/',
      '/api/v1/auth/TOTP',
      '/api/v1/auth/totp/',
      '/api/v1/auth/totp/Enroll',
      '/api/v1/auth/totp/enroll/',
    ]) {
      expectNotFound(path, await stranger().post(path, { code: '000000' }));
      expectNotFound(`${path} (token)`, await (await withToken()).post(path, { code: '000000' }));
    }
  });
});

describe('look-alike paths for a signed-in user', () => {
  it('answer 404 and read nothing', async () => {
    const reads = async () => (await auditEvents(t, { action: 'case.read' })).length;
    const before = await reads();
    for (const path of [
      '/api/v1/CASES',
      '/api/v1/Cases',
      `/api/v1/Cases/${caseId}`,
      `/api/v1/CASES/${caseId}`,
      `/api/v1/cases/${caseId}/`,
      `/api/v1/cases/${caseId}/Notes`,
      `/api/v1/cases/${caseId}/notes/`,
      '/api/v1/Referrals',
      '/api/v1/auth/Me',
      '/api/v1/auth/me/',
    ]) {
      expectNotFound(path, await ana.client.get(path));
    }
    expect(await reads()).toBe(before);

    // The exact spellings work.
    expect((await ana.client.get(`/api/v1/cases/${caseId}`)).status).toBe(200);
    expect((await ana.client.get(`/api/v1/cases/${caseId}/notes`)).status).toBe(200);
    expect((await ana.client.get('/api/v1/auth/me')).status).toBe(200);
    expect(await reads()).toBe(before + 1);
  });

  it('create nothing through a look-alike path, with a valid CSRF token', async () => {
    const creations = async () => (await auditEvents(t, { action: 'case.create' })).length;
    const before = await creations();
    const body = {
      identifiedOn: '2026-11-20',
      riskLevel: 'low',
      identity: { fullName: 'No debe existir' },
      attributes: { sex: 'Male', traffickingStatus: 'Possible' },
    };
    for (const path of ['/api/v1/CASES', '/api/v1/Cases']) {
      expectNotFound(path, await ana.client.post(path, body));
    }
    const note = await ana.client.post(`/api/v1/cases/${caseId}/notes/`, { body: 'Nota' });
    expectNotFound('note with trailing slash', note);
    expect(await creations()).toBe(before);
    expect(await auditEvents(t, { action: 'case.note.create', resourceId: caseId })).toEqual([]);
  });
});
