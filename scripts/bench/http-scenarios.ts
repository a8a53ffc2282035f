/**
 * The signed-in scenarios: Amparo's requests carry the one bench session's
 * cookie (and its CSRF token on writes); the bare server's requests name the
 * same caseworker in `x-bench-actor` (bare-server.ts sets the same RLS
 * context from it) and ids from the bare server's world. Repeating a request
 * stays valid: a note is appended each time, and the API allows any number
 * of referrals of one case to one institution (each a new referral).
 */
import { NOTE_BODY, PACKAGE_BYTES, type BareReferral } from './bare-routes';
import type { BenchRequest, Scenario, ScenarioContext } from './scenarios';
import type { BenchWorld } from './world';

const JSON_HEADERS = { 'content-type': 'application/json' };

export function sessionScenarios({ amparoWorld, bareWorld, session }: ScenarioContext): Scenario[] {
  const read = { cookie: session.cookie };
  const write = { ...read, ...JSON_HEADERS, 'x-csrf-token': session.csrfToken };
  const actor = { 'x-bench-actor': actorHeader(bareWorld) };
  const bareWrite = { ...actor, ...JSON_HEADERS };
  // Far enough ahead for the whole run: the API refuses a due date in the past.
  const acknowledgeBy = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const referral = (world: BenchWorld) => ({
    caseId: world.referralCaseId,
    institutionId: world.hospitalId,
    services: ['medical_care', 'mental_health_psychosocial'],
    urgency: 'priority',
    acknowledgeBy,
    categories: ['identity', 'health'],
  });
  const bareReferral: BareReferral = {
    ...referral(bareWorld),
    consentId: bareWorld.consentId,
    teamId: bareWorld.caseworker.teamId,
  };

  const get = (path: string, headers: Record<string, string>): BenchRequest => ({
    method: 'GET',
    path,
    headers,
  });
  const post = (path: string, headers: Record<string, string>, body: object): BenchRequest => ({
    method: 'POST',
    path,
    headers,
    body: JSON.stringify(body),
  });

  return [
    {
      name: 'case-read',
      amparo: get(`/api/v1/cases/${amparoWorld.readCaseId}`, read),
      bare: get(`/bare/cases/${bareWorld.readCaseId}`, actor),
    },
    {
      name: 'case-list',
      amparo: get('/api/v1/cases', read),
      bare: get('/bare/cases', actor),
    },
    {
      name: 'auth-me',
      amparo: get('/api/v1/auth/me', read),
      bare: get('/bare/me', actor),
    },
    {
      name: 'note-write',
      amparo: post(`/api/v1/cases/${amparoWorld.noteCaseId}/notes`, write, { body: NOTE_BODY }),
      bare: post(`/bare/cases/${bareWorld.noteCaseId}/notes`, bareWrite, { body: NOTE_BODY }),
    },
    {
      name: 'referral-create',
      amparo: post('/api/v1/referrals', write, referral(amparoWorld)),
      bare: post('/bare/referrals', bareWrite, { ...bareReferral, packageBytes: PACKAGE_BYTES }),
    },
  ];
}

function actorHeader(world: BenchWorld): string {
  const { id, role, institutionId } = world.caseworker;
  return `${id},${role},${institutionId ?? ''}`;
}
