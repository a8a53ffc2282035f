import { startTestApp, type TestApp } from '../helpers/app';
import { newCase } from '../helpers/referrals';
import { createTeam, signedIn } from '../helpers/users';
import type { SessionClient } from '../helpers/session-client';

/**
 * A child known only by a date of birth is a child: the age at identification
 * comes from it when no age is given (the younger of the two when both are),
 * so a minor's own consent is not valid and statistics count a child.
 */
let t: TestApp;
let ana: SessionClient;

beforeAll(async () => {
  t = await startTestApp();
  ana = (await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Edad') })).client;
});
afterAll(() => t.close());

type Detail = {
  id: string;
  version: number;
  ageBand: string;
  attributes: { ageAtIdentification?: number };
};
const intake = async (identity: Record<string, string>, age?: number) => {
  const res = await ana.post('/api/v1/cases', {
    identifiedOn: '2026-06-15',
    riskLevel: 'medium',
    identity: { fullName: 'Persona de prueba', ...identity },
    attributes: {
      sex: 'Female',
      traffickingStatus: 'Actual',
      ...(age === undefined ? {} : { ageAtIdentification: age }),
    },
  });
  expect(res.status).toBe(201);
  return (res.body as { case: Detail }).case;
};

it.each([
  ['only a date of birth', { dateOfBirth: '2011-06-16' }, undefined, 14, '12-17'],
  [
    'a birthday on the day of identification',
    { dateOfBirth: '2008-06-15' },
    undefined,
    18,
    '18-24',
  ],
  ['an age and a younger date of birth', { dateOfBirth: '2010-01-01' }, 30, 16, '12-17'],
  ['an age and an older date of birth', { dateOfBirth: '1980-01-01' }, 30, 30, '25-34'],
  [
    'a date of birth after identification',
    { dateOfBirth: '2027-01-01' },
    undefined,
    undefined,
    'unknown',
  ],
])('intake with %s', async (_, identity, age, expectedAge, band) => {
  const c = await intake(identity, age);
  expect(c.attributes.ageAtIdentification).toBe(expectedAge);
  expect(c.ageBand).toBe(band);
});

it('a child known by a date of birth cannot give her own consent', async () => {
  const c = await intake({ dateOfBirth: '2012-03-01' });
  const res = await ana.post(`/api/v1/cases/${c.id}/consents`, {
    givenBy: 'person',
    method: 'written',
    givenAt: new Date(Date.now() - 60_000).toISOString(),
    purposes: ['service_referral', 'statistics'],
    scope: [{ sectors: ['health'], categories: ['minimal'] }],
  });
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body)).toMatch(/minor/);
});

it('a date of birth added later makes an adult a child, never a child an adult', async () => {
  const id = await newCase(ana, { age: 30 });
  const read = async () => (await ana.get(`/api/v1/cases/${id}`)).body as Detail;
  let res = await ana.patch(`/api/v1/cases/${id}`, {
    version: (await read()).version,
    identity: { dateOfBirth: '2013-01-01' },
  });
  expect(res.status).toBe(200);
  expect(await read()).toMatchObject({ ageBand: '12-17' });
  res = await ana.patch(`/api/v1/cases/${id}`, {
    version: (await read()).version,
    identity: { dateOfBirth: '1990-01-01' },
  });
  expect(res.status).toBe(200);
  expect(await read()).toMatchObject({ ageBand: '12-17' });
});
