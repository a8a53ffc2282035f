import { startTestApp, type TestApp } from '../helpers/app';
import { SessionClient } from '../helpers/session-client';
import { seedUser } from '../helpers/users';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('login flow', () => {
  it('enrols a second factor, signs in and answers /me', async () => {
    const user = await seedUser(t, 'caseworker');
    const client = new SessionClient(t.app, t.clock);
    const done = await client.signIn(user.email, user.password);
    expect(done.body).toMatchObject({ user: { id: user.id, role: 'caseworker' } });
    const me = await client.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { id: user.id },
      institution: { id: user.institutionId },
    });
  });
});
