import { startTestApp, type TestApp } from '../helpers/app';
import { asSuperuser } from '../helpers/superuser';
import { SessionClient } from '../helpers/session-client';
import { auditEvents, seedUser } from '../helpers/users';

let t: TestApp;
beforeAll(async () => {
  // A short lock so that its expiry can be observed; the production policy is 15 minutes.
  t = await startTestApp({
    throttlePolicy: {
      consecutivePerAccountAndIp: 10,
      lockSeconds: 2,
      failuresPerIpPerDay: 1000,
      ipBlockSeconds: 60,
    },
  });
});
afterAll(() => t.close());

const from = (ip: string) => ({ 'X-Forwarded-For': ip });
const codeOf = (res: { body: unknown }) => (res.body as { code?: string }).code;

async function anonymousClient(): Promise<SessionClient> {
  const client = new SessionClient(t.app, t.clock);
  await client.refreshCsrf();
  return client;
}

describe('login: password, enrolment, second factor', () => {
  it('takes a new user through enrolment; the factor is active only after a valid code', async () => {
    const user = await seedUser(t, 'caseworker');
    const client = await anonymousClient();
    const login = await client.post('/api/v1/auth/login', {
      email: user.email,
      password: user.password,
    });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ next: 'enroll_totp' });
    await client.refreshCsrf();

    const early = await client.post('/api/v1/auth/totp', { code: '123456' });
    expect(early.status).toBe(409);
    expect(codeOf(early)).toBe('wrong_login_step');

    const enrol = await client.post('/api/v1/auth/totp/enroll');
    expect(enrol.status).toBe(200);
    const { secret, otpauthUrl } = enrol.body as { secret: string; otpauthUrl: string };
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Amparo:/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    client.totpSecret = secret;

    expect((await client.get('/api/v1/auth/me')).status).toBe(401); // not signed in yet
    const wrong = await client.post('/api/v1/auth/totp', { code: '000000' });
    expect(wrong.status).toBe(401);
    expect(codeOf(wrong)).toBe('invalid_code');

    const done = await client.post('/api/v1/auth/totp', { code: await client.nextCode() });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ user: { id: user.id, role: 'caseworker' } });
    const actions = (await auditEvents(t, { resourceId: user.id })).map((e) => [
      e.action,
      e.outcome,
    ]);
    expect(actions).toEqual([
      ['auth.password', 'success'],
      ['auth.mfa.enrol_start', 'success'],
      ['auth.totp', 'denied'],
      ['auth.totp', 'success'],
      ['auth.mfa.enrol', 'success'],
      ['auth.login', 'success'],
    ]);
  });

  it('answers /me with the user, institution and session expiry', async () => {
    const user = await seedUser(t, 'supervisor');
    const client = new SessionClient(t.app, t.clock);
    await client.signIn(user.email, user.password);
    const me = await client.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    const body = me.body as { session: Record<string, string> };
    expect(me.body).toMatchObject({
      user: { id: user.id, email: user.email, role: 'supervisor' },
      institution: { id: user.institutionId },
    });
    const idle = Date.parse(body.session.idleExpiresAt!) - Date.now();
    const absolute = Date.parse(body.session.absoluteExpiresAt!) - Date.now();
    expect(idle).toBeGreaterThan(14 * 60_000);
    expect(idle).toBeLessThanOrEqual(15 * 60_000);
    expect(absolute).toBeGreaterThan(7.9 * 3_600_000);
    expect(absolute).toBeLessThanOrEqual(8 * 3_600_000);
  });

  it('refuses a replayed code and a wrong code', async () => {
    const user = await seedUser(t, 'coordinator');
    const client = new SessionClient(t.app, t.clock);
    await client.signIn(user.email, user.password);
    const usedCode = await client.nextCode();
    await client.post('/api/v1/auth/step-up', { code: usedCode });
    const replay = await client.post('/api/v1/auth/step-up', { code: usedCode });
    expect(replay.status).toBe(401);
    expect(codeOf(replay)).toBe('invalid_code');

    const again = await anonymousClient();
    again.totpSecret = client.totpSecret;
    await again.post('/api/v1/auth/login', { email: user.email, password: user.password });
    await again.refreshCsrf();
    expect((await again.post('/api/v1/auth/totp', { code: usedCode })).status).toBe(401);
    const bad = await again.post('/api/v1/auth/totp', { code: 'abcdef' });
    expect(bad.status).toBe(400);
    expect((await again.post('/api/v1/auth/totp', { code: await again.nextCode() })).status).toBe(
      200,
    );
  });

  it('drops a pending login after five wrong codes', async () => {
    const user = await seedUser(t, 'auditor');
    const client = new SessionClient(t.app, t.clock);
    await client.signIn(user.email, user.password);
    const again = await anonymousClient();
    await again.post('/api/v1/auth/login', { email: user.email, password: user.password });
    await again.refreshCsrf();
    for (let i = 0; i < 5; i++) await again.post('/api/v1/auth/totp', { code: '000000' });
    again.totpSecret = client.totpSecret;
    const late = await again.post('/api/v1/auth/totp', { code: await again.nextCode() });
    expect(late.status).toBe(401);
    expect(codeOf(late)).toBe('unauthenticated');
  });

  it('gives unknown accounts, wrong passwords and disabled accounts the same answer', async () => {
    const user = await seedUser(t, 'caseworker');
    await asSuperuser(t.database, `update users set active = false where id = '${user.id}'`);
    const client = await anonymousClient();
    const answers = [
      await client.post('/api/v1/auth/login', {
        email: 'nadie@example.org',
        password: 'x'.repeat(12),
      }),
      await client.post('/api/v1/auth/login', { email: user.email, password: 'wrong password!' }),
      await client.post('/api/v1/auth/login', { email: user.email, password: user.password }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'invalid_credentials', title: 'Invalid credentials' });
    }
    const reasons = (await auditEvents(t, { action: 'auth.password' }))
      .filter((e) => e.outcome === 'denied')
      .map((e) => e.purpose);
    expect(reasons).toEqual(
      expect.arrayContaining(['unknown_account', 'wrong_password', 'account_disabled']),
    );
  });
});

describe('brute force', () => {
  it('locks an account from one address after 10 failures, not from elsewhere, and lifts the lock', async () => {
    const user = await seedUser(t, 'caseworker');
    const attacker = await anonymousClient();
    const attempt = (client: SessionClient, password: string, ip: string) =>
      client.post('/api/v1/auth/login', { email: user.email, password }, from(ip));
    for (let i = 0; i < 10; i++) {
      expect((await attempt(attacker, `wrong-${i}`, '203.0.113.9')).status).toBe(401);
    }
    const locked = await attempt(attacker, user.password, '203.0.113.9');
    expect(locked.status).toBe(429);
    expect(codeOf(locked)).toBe('too_many_attempts');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(await auditEvents(t, { action: 'auth.lockout', resourceId: user.id })).toHaveLength(1);

    const owner = await anonymousClient();
    expect((await attempt(owner, user.password, '198.51.100.7')).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 2_300));
    expect((await attempt(attacker, user.password, '203.0.113.9')).status).toBe(200);
  });
});

describe('sessions', () => {
  it('changes the session id at each login step (no fixation) and the old id is dead', async () => {
    const user = await seedUser(t, 'caseworker');
    const client = await anonymousClient();
    const before = client.cookie;
    expect(before).toMatch(/^__Host-amparo\.sid=/);
    await client.post('/api/v1/auth/login', { email: user.email, password: user.password });
    const afterPassword = client.cookie;
    expect(afterPassword).not.toBe(before);
    await client.refreshCsrf();
    const enrol = await client.post('/api/v1/auth/totp/enroll');
    client.totpSecret = (enrol.body as { secret: string }).secret;
    await client.post('/api/v1/auth/totp', { code: await client.nextCode() });
    const signedIn = client.cookie;
    expect(signedIn).not.toBe(afterPassword);

    for (const stale of [before, afterPassword]) {
      const planted = new SessionClient(t.app, t.clock);
      planted.cookie = stale;
      expect((await planted.get('/api/v1/auth/me')).status).toBe(401);
    }
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('sets a __Host- cookie: Secure, HttpOnly, SameSite=Strict, Path=/, no Domain', async () => {
    const res = await new SessionClient(t.app, t.clock).get('/api/v1/auth/csrf');
    const cookie = (res.headers['set-cookie'] as unknown as string[])[0]!;
    expect(cookie).toMatch(/^__Host-amparo\.sid=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('expires after 15 idle minutes', async () => {
    const user = await seedUser(t, 'caseworker');
    const client = new SessionClient(t.app, t.clock);
    await client.signIn(user.email, user.password);
    await asSuperuser(
      t.database,
      `update sessions set expires_at = now() - interval '1 second' where user_id = '${user.id}'`,
    );
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('logout destroys the session on the server', async () => {
    const user = await seedUser(t, 'caseworker');
    const client = new SessionClient(t.app, t.clock);
    await client.signIn(user.email, user.password);
    const cookie = client.cookie;
    const res = await client.post('/api/v1/auth/logout');
    expect(res.status).toBe(204);
    const replayed = new SessionClient(t.app, t.clock);
    replayed.cookie = cookie;
    expect((await replayed.get('/api/v1/auth/me')).status).toBe(401);
    expect(await auditEvents(t, { action: 'auth.logout', resourceId: user.id })).toHaveLength(1);
  });

  it('a password change ends the person’s other sessions and keeps this one', async () => {
    const user = await seedUser(t, 'caseworker');
    const laptop = new SessionClient(t.app, t.clock);
    await laptop.signIn(user.email, user.password);
    const phone = new SessionClient(t.app, t.clock);
    phone.totpSecret = laptop.totpSecret;
    await phone.signIn(user.email, user.password);
    const res = await laptop.post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'Otra-clave-muy-larga-y-rara-2026!',
    });
    expect(res.status).toBe(204);
    expect((await laptop.get('/api/v1/auth/me')).status).toBe(200);
    expect((await phone.get('/api/v1/auth/me')).status).toBe(401);
  });
});

describe('CSRF and cross-site requests', () => {
  it('refuses a state-changing request without the token, or with a wrong one', async () => {
    const user = await seedUser(t, 'caseworker');
    const client = new SessionClient(t.app, t.clock);
    await client.signIn(user.email, user.password);
    const token = client.csrfToken;
    client.csrfToken = undefined;
    const missing = await client.post('/api/v1/auth/logout');
    expect(missing.status).toBe(403);
    expect(codeOf(missing)).toBe('csrf_failed');
    client.csrfToken = 'f'.repeat(64);
    expect(codeOf(await client.post('/api/v1/auth/logout'))).toBe('csrf_failed');
    client.csrfToken = token;
    expect((await client.get('/api/v1/auth/me')).status).toBe(200); // still signed in
  });

  it('requires the token for the login itself (login CSRF)', async () => {
    const user = await seedUser(t, 'caseworker');
    const client = new SessionClient(t.app, t.clock);
    const res = await client.post('/api/v1/auth/login', {
      email: user.email,
      password: user.password,
    });
    expect(res.status).toBe(403);
    expect(codeOf(res)).toBe('csrf_failed');
  });

  it('refuses cross-site and same-site requests by Fetch Metadata, and foreign origins', async () => {
    const user = await seedUser(t, 'caseworker');
    const client = new SessionClient(t.app, t.clock);
    await client.signIn(user.email, user.password);
    const refusals: Record<string, string>[] = [
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
    ];
    for (const headers of refusals) {
      const res = await client.post('/api/v1/auth/logout', {}, headers);
      expect(res.status).toBe(403);
      expect(codeOf(res)).toBe('cross_site_request');
    }
    const same = await client.get('/api/v1/auth/me', { 'Sec-Fetch-Site': 'same-origin' });
    expect(same.status).toBe(200);
  });
});

describe('secrets never reach the log', () => {
  it('keeps passwords, TOTP secrets and codes, session ids and CSRF tokens out of the log', async () => {
    const user = await seedUser(t, 'caseworker');
    const client = new SessionClient(t.app, t.clock);
    const done = await client.signIn(user.email, user.password);
    const code = await client.nextCode();
    await client.post('/api/v1/auth/step-up', { code });
    await client.post('/api/v1/auth/login', { email: user.email, password: 'wrong password 1' });
    const sessionId = decodeURIComponent(client.cookie!.split('=')[1]!).slice(2).split('.')[0]!;
    const log = t.logs.join('\n');
    for (const secret of [user.password, client.totpSecret!, code, sessionId, client.csrfToken!]) {
      expect(secret.length).toBeGreaterThan(5);
      expect(log).not.toContain(secret);
    }
    expect(log).not.toContain(user.email);
    expect(done.status).toBe(200);
  });
});
