import request from 'supertest';
import { HasherSaturatedError, PasswordHasher } from '../../security/passwords';
import { startTestApp, type TestApp } from '../helpers/app';
import { SessionClient } from '../helpers/session-client';

/** A hasher whose queue is always full: what a burst of logins looks like to the next one. */
class SaturatedHasher extends PasswordHasher {
  override verify(): Promise<boolean> {
    return Promise.reject(new HasherSaturatedError());
  }
}

describe('when password hashing is saturated', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ hasher: new SaturatedHasher() });
  });
  afterAll(() => t.close());

  it('answers 503 busy with Retry-After at once instead of queueing', async () => {
    const client = new SessionClient(t.app, t.clock);
    await client.refreshCsrf();
    const res = await client.post('/api/v1/auth/login', {
      email: 'alguien@example.org',
      password: 'una clave cualquiera',
    });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'busy' });
    expect(res.headers['retry-after']).toBe('1');
  });
});

describe('development fallback over plain HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { insecureHttpCookie: true } });
  });
  afterAll(() => t.close());

  it('uses a plain cookie named amparo.dev.sid, still HttpOnly and SameSite=Strict', async () => {
    const res = await request(t.app).get('/api/v1/auth/csrf');
    const cookie = (res.headers['set-cookie'] as unknown as string[])[0]!;
    expect(cookie).toMatch(/^amparo\.dev\.sid=/);
    expect(cookie).not.toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
  });
});

describe('production cookie over plain HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is never sent when the request did not come over HTTPS', async () => {
    const res = await request(t.app).get('/api/v1/auth/csrf');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
