import { MAX_SECOND_FACTOR_FAILURES } from '../../server/modules/auth/second-factor';
import { startTestApp, type TestApp } from '../helpers/app';
import { engine } from '../helpers/engine';
import { SessionClient } from '../helpers/session-client';
import { auditEvents, seedUser, signedIn, type SeededUser } from '../helpers/users';

let t: TestApp;
let admin: { user: SeededUser; client: SessionClient };
beforeAll(async () => {
  t = await startTestApp();
  admin = await signedIn(t, 'admin');
});
afterAll(() => t.close());

const codeOf = (res: { body: unknown }) => (res.body as { code?: string }).code;
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

/** Someone who knows the password: each round types it again, then guesses codes. */
async function passwordThenCode(user: SeededUser, code: string, ip: string) {
  const client = new SessionClient(t.app, t.clock);
  await client.refreshCsrf();
  const login = await client.post(
    '/api/v1/auth/login',
    { email: user.email, password: user.password },
    from(ip),
  );
  expect(login.status).toBe(200);
  await client.refreshCsrf();
  return client.post('/api/v1/auth/totp', { code }, from(ip));
}

/** An enrolled user, signed out again; the returned client can make their codes. */
async function enrolled(): Promise<{ user: SeededUser; app: SessionClient }> {
  const user = await seedUser(t, 'caseworker');
  const app = new SessionClient(t.app, t.clock);
  await app.signIn(user.email, user.password);
  await app.post('/api/v1/auth/logout');
  return { user, app };
}

async function lockedAt(userId: string) {
  const res = await admin.client.get(`/api/v1/users/${userId}`);
  expect(res.status).toBe(200);
  return (res.body as { secondFactorLockedAt: string | null }).secondFactorLockedAt;
}

describe(`second factor brute force (${engine})`, () => {
  it('locks the factor after wrong codes in a row even when the password is typed again between them, from any address', async () => {
    const { user, app } = await enrolled();
    // The attack: the right password resets the account+address counter, so
    // the attacker logs in again after each few wrong codes, from new addresses.
    for (let i = 0; i < MAX_SECOND_FACTOR_FAILURES; i++) {
      const guess = await passwordThenCode(user, String(100000 + i), `203.0.113.${10 + i}`);
      expect(guess.status).toBe(401);
      expect(codeOf(guess)).toBe('invalid_code');
    }
    expect(await auditEvents(t, { action: 'auth.mfa.lock', resourceId: user.id })).toEqual([
      expect.objectContaining({ outcome: 'denied', actor_id: user.id }),
    ]);

    // Locked: not even the right code opens it, for the attacker or the owner.
    const right = await passwordThenCode(user, await app.nextCode(), '198.51.100.7');
    expect(right.status).toBe(403);
    expect(codeOf(right)).toBe('second_factor_locked');
    expect(await lockedAt(user.id)).toEqual(expect.any(String));
    const refusals = await auditEvents(t, { action: 'auth.totp', resourceId: user.id });
    expect(refusals.at(-1)).toMatchObject({ outcome: 'denied', purpose: 'second_factor_locked' });
  });

  it('starts the count again after a correct code', async () => {
    const { user, app } = await enrolled();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < MAX_SECOND_FACTOR_FAILURES - 1; i++) {
        expect((await passwordThenCode(user, '000000', '203.0.113.50')).status).toBe(401);
      }
      expect((await passwordThenCode(user, await app.nextCode(), '203.0.113.50')).status).toBe(200);
    }
    expect(await lockedAt(user.id)).toBeNull();
  });

  it('counts wrong step-up codes of a signed-in session the same way, and the lock ends every session', async () => {
    const { user, client } = await signedIn(t, 'supervisor');
    const other = new SessionClient(t.app, t.clock);
    other.totpSecret = client.totpSecret;
    await other.signIn(user.email, user.password);
    for (let i = 0; i < MAX_SECOND_FACTOR_FAILURES; i++) {
      const res = await client.post('/api/v1/auth/step-up', { code: '000000' });
      expect(res.status).toBe(401);
    }
    // A stolen session that failed its step-ups is over, and so is every other one.
    for (const session of [client, other]) {
      const me = await session.get('/api/v1/auth/me');
      expect(me.status).toBe(401);
      expect(codeOf(me)).toBe('unauthenticated');
    }
    const again = await passwordThenCode(user, await client.nextCode(), '198.51.100.9');
    expect(again.status).toBe(403);
    expect(codeOf(again)).toBe('second_factor_locked');
    expect(await lockedAt(user.id)).toEqual(expect.any(String));
  });

  it('is unlocked, or reset, by an administrator only together with a new password', async () => {
    const { user, app } = await enrolled();
    for (let i = 0; i < MAX_SECOND_FACTOR_FAILURES; i++) {
      await passwordThenCode(user, '999999', '203.0.113.77');
    }
    expect(await lockedAt(user.id)).toEqual(expect.any(String));

    // Whoever caused the lock knows the password: neither way out may keep it.
    for (const change of [{ unlockSecondFactor: true }, { resetSecondFactor: true }]) {
      const alone = await admin.client.patch(`/api/v1/users/${user.id}`, change);
      expect(alone.status).toBe(400);
      expect(alone.body).toMatchObject({
        errors: [expect.objectContaining({ path: 'body.resetPassword' })],
      });
    }

    t.clock.advance(6 * 60); // the admin's last second factor is older than the window
    const both = { unlockSecondFactor: true, resetPassword: true };
    const refused = await admin.client.patch(`/api/v1/users/${user.id}`, both);
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('step_up_required');
    expect(await lockedAt(user.id)).toEqual(expect.any(String));

    await admin.client.post('/api/v1/auth/step-up', { code: await admin.client.nextCode() });
    const unlocked = await admin.client.patch(`/api/v1/users/${user.id}`, both);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ secondFactorLockedAt: null, secondFactorEnrolled: true });
    const initialPassword = (unlocked.body as { initialPassword: string }).initialPassword;
    expect(await auditEvents(t, { action: 'user.mfa_unlock', resourceId: user.id })).toEqual([
      expect.objectContaining({ actor_id: admin.user.id, outcome: 'success' }),
    ]);

    // The old password opens nothing any more; the owner starts from the new one.
    const attacker = new SessionClient(t.app, t.clock);
    await attacker.refreshCsrf();
    const old = await attacker.post('/api/v1/auth/login', {
      email: user.email,
      password: user.password,
    });
    expect(old.status).toBe(401);
    const owner = new SessionClient(t.app, t.clock);
    await owner.refreshCsrf();
    const login = await owner.post('/api/v1/auth/login', {
      email: user.email,
      password: initialPassword,
    });
    expect(login.body).toEqual({ next: 'change_password' });
    await owner.refreshCsrf();
    const changed = await owner.post('/api/v1/auth/password', {
      currentPassword: initialPassword,
      newPassword: 'Tortuga-marina-galapagos-2026-propia',
    });
    expect(changed.body).toEqual({ next: 'totp' });
    await owner.refreshCsrf();
    expect((await owner.post('/api/v1/auth/totp', { code: await app.nextCode() })).status).toBe(
      200,
    );
  });
});

describe(`pre-login password change (${engine})`, () => {
  it('is refused when the login’s next step is the second factor, and changes nothing', async () => {
    const { user, app } = await enrolled();
    const owner = new SessionClient(t.app, t.clock);
    owner.totpSecret = app.totpSecret;
    await owner.signIn(user.email, user.password);

    const attacker = new SessionClient(t.app, t.clock);
    await attacker.refreshCsrf();
    const login = await attacker.post('/api/v1/auth/login', {
      email: user.email,
      password: user.password,
    });
    expect(login.body).toEqual({ next: 'totp' });
    await attacker.refreshCsrf();
    const res = await attacker.post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'Tortuga-marina-galapagos-2026-nueva',
    });
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('wrong_login_step');
    expect(await auditEvents(t, { action: 'auth.password_change', resourceId: user.id })).toEqual(
      [],
    );
    // The owner's session lives on, and the password is still theirs.
    expect((await owner.get('/api/v1/auth/me')).status).toBe(200);
    const again = new SessionClient(t.app, t.clock);
    again.totpSecret = app.totpSecret;
    await again.signIn(user.email, user.password);
  });

  it('is allowed when the password must be changed (initial or reset password)', async () => {
    const user = await seedUser(t, 'caseworker', { passwordMustChange: true });
    const client = new SessionClient(t.app, t.clock);
    await client.refreshCsrf();
    const login = await client.post('/api/v1/auth/login', {
      email: user.email,
      password: user.password,
    });
    expect(login.body).toEqual({ next: 'change_password' });
    await client.refreshCsrf();
    const res = await client.post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'Tortuga-marina-galapagos-2026-nueva',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ next: 'enroll_totp' });
  });
});

describe(`IPv6 addresses (${engine})`, () => {
  it('count per /64: new addresses of one network share the account’s lock', async () => {
    const user = await seedUser(t, 'coordinator');
    const client = new SessionClient(t.app, t.clock);
    await client.refreshCsrf();
    const attempt = (password: string, ip: string) =>
      client.post('/api/v1/auth/login', { email: user.email, password }, from(ip));
    for (let i = 1; i <= 10; i++) {
      expect((await attempt(`wrong-${i}`, `2001:db8:77:1::${i.toString(16)}`)).status).toBe(401);
    }
    const sameNetwork = await attempt(user.password, '2001:db8:77:1:ffff:ffff:ffff:fffe');
    expect(sameNetwork.status).toBe(429);
    expect(codeOf(sameNetwork)).toBe('too_many_attempts');
    expect((await attempt(user.password, '2001:db8:77:2::1')).status).toBe(200);
  });
});
