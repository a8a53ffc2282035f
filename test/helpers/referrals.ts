import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import type { TestApp } from './app';
import type { SessionClient } from './session-client';
import { createTeam, partnerInstitutionId, signedIn, type SeededUser } from './users';

export type Signed = { user: SeededUser; client: SessionClient };

/**
 * The people of a referral: a team (caseworker ana, supervisors sara and
 * sofia), another team's caseworker bruno, and partner institutions in the
 * health, justice and education sectors with a partner user in the first two.
 */
export async function referralWorld(t: TestApp, label: string) {
  const teamId = await createTeam(t, `Equipo ${label}`);
  const hospital = await partnerInstitutionId(t, `Hospital ${label}`, 'health');
  const fiscalia = await partnerInstitutionId(t, `Fiscalía ${label}`, 'justice');
  const escuela = await partnerInstitutionId(t, `Escuela ${label}`, 'education');
  return {
    teamId,
    hospital,
    fiscalia,
    escuela,
    ana: await signedIn(t, 'caseworker', { teamId }),
    sara: await signedIn(t, 'supervisor', { teamId }),
    sofia: await signedIn(t, 'supervisor', { teamId }),
    bruno: await signedIn(t, 'caseworker', { teamId: await createTeam(t, `Otro ${label}`) }),
    doctor: await signedIn(t, 'partner', { institutionId: hospital }),
    fiscal: await signedIn(t, 'partner', { institutionId: fiscalia }),
  };
}

export async function newCase(
  client: SessionClient,
  options: { age?: number; identity?: Record<string, string> } = {},
): Promise<string> {
  const res = await client.post('/api/v1/cases', {
    identifiedOn: '2026-11-17',
    riskLevel: 'high',
    identity: { fullName: 'Persona derivada', ...options.identity },
    attributes: {
      sex: 'Female',
      traffickingStatus: 'Actual',
      language: 'es',
      ...(options.age === undefined ? {} : { ageAtIdentification: options.age }),
    },
  });
  if (res.status !== 201) throw new Error(`case intake answered ${res.status}`);
  return (res.body as { case: { id: string } }).case.id;
}

export const givenNow = () => new Date(Date.now() - 60_000).toISOString();
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export type Scope = { sectors?: string[]; institutionIds?: string[]; categories: string[] };

export async function giveConsent(
  client: SessionClient,
  caseId: string,
  scope: Scope[],
  extra: Record<string, unknown> = {},
): Promise<{ id: string; status: string }> {
  const res = await client.post(`/api/v1/cases/${caseId}/consents`, {
    givenBy: 'person',
    method: 'written',
    givenAt: givenNow(),
    purposes: ['service_referral', 'information_sharing'],
    scope,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`consent answered ${res.status}`);
  return res.body as { id: string; status: string };
}

export function refer(
  client: SessionClient,
  caseId: string,
  institutionId: string,
  extra: Record<string, unknown> = {},
) {
  return client.post('/api/v1/referrals', {
    caseId,
    institutionId,
    services: ['medical_care'],
    urgency: 'priority',
    acknowledgeBy: inDays(3),
    ...extra,
  });
}

export async function referralId(
  client: SessionClient,
  caseId: string,
  institutionId: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await refer(client, caseId, institutionId, extra);
  if (res.status !== 201) throw new Error(`referral answered ${res.status}`);
  return (res.body as { id: string }).id;
}

/** A consent scope for health institutions: minimal data and health notes. */
export const HEALTH = [{ sectors: ['health'], categories: ['minimal', 'health'] }];

export const move = (who: Signed, id: string, body: Record<string, unknown>) =>
  who.client.post(`/api/v1/referrals/${id}/transitions`, body);

/** One referral as `who` sees it (the read must succeed). */
export async function readReferral<T>(who: Signed, id: string): Promise<T> {
  const res = await who.client.get(`/api/v1/referrals/${id}`);
  expect(res.status).toBe(200);
  return res.body as T;
}

export const revoke = (who: Signed, consentId: string) =>
  who.client.post(`/api/v1/consents/${consentId}/revoke`, { reason: 'person_withdrew' });

/** Which of these referrals still have a package row, sorted (read as the system, past RLS). */
export async function packageRows(t: TestApp, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    trx
      .selectFrom('referral_packages')
      .select('referral_id')
      .where('referral_id', 'in', ids)
      .execute(),
  );
  return rows.map((r) => r.referral_id).sort();
}
