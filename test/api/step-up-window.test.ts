import { startTestApp, type TestApp } from '../helpers/app';
import { type SessionClient } from '../helpers/session-client';
import { createTeam, signedIn, type SeededUser } from '../helpers/users';

/** STEP_UP_WINDOW_SECONDS shortened to one minute: the server and what it tells the client agree. */
type Signed = { user: SeededUser; client: SessionClient };
let t: TestApp;
let bruno: Signed; // caseworker of another team: break-glass needs a fresh step-up
let caseId: string;
const justification = 'Emergencia médica: la persona ingresó al hospital esta noche';

beforeAll(async () => {
  t = await startTestApp({ config: { stepUpWindowMs: 60_000 } });
  const ana = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Uno') });
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

it('a step-up lasts the configured window, and the session says until when', async () => {
  t.clock.advance(61);
  const lapsed = await bruno.client.post(`/api/v1/cases/${caseId}/break-glass`, { justification });
  expect(lapsed.status).toBe(401);
  expect(lapsed.body).toMatchObject({ code: 'step_up_required' });

  const code = await bruno.client.nextCode(); // may move the clock to the next TOTP step
  const before = t.clock.now().getTime();
  const stepUp = await bruno.client.post('/api/v1/auth/step-up', { code });
  expect(stepUp.status).toBe(200);
  const until = Date.parse((stepUp.body as { stepUpValidUntil: string }).stepUpValidUntil);
  expect(until - before).toBeGreaterThanOrEqual(60_000);
  expect(until - before).toBeLessThan(62_000);

  t.clock.advance(50);
  const fresh = await bruno.client.post(`/api/v1/cases/${caseId}/break-glass`, { justification });
  expect(fresh.status).toBe(201);
});
