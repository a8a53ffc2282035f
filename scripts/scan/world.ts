/**
 * What the scanners work on, made through the API as people would: the
 * administrator (created by `npm run create-admin`) signs in, makes a team and
 * one account of each role the scan uses, each signs in (password change,
 * second factor); the caseworker takes in a case whose identifying fields are
 * canaries, writes a note, records a consent and refers the case to a demo
 * hospital, whose partner user then sees the referral. Nothing personal: every
 * planted value is a canary, looked for afterwards in the server's log.
 */
import { randomBytes } from 'node:crypto';
import { ScanSession } from './client';

export const SCAN_ROLES = [
  'caseworker',
  'supervisor',
  'partner',
  'admin',
  'auditor',
  'coordinator',
] as const;
export type ScanRole = (typeof SCAN_ROLES)[number];

export interface ScanWorld {
  sessions: Record<ScanRole, ScanSession>;
  /** A session that has only fetched a CSRF token (the sign-in endpoints). */
  anonymous: ScanSession;
  caseId: string;
  caseNumber: string;
  consentId: string;
  referralId: string;
  hospitalId: string;
  leadAgencyId: string;
  teamId: string;
  userId: string;
  /** Values planted in the case: none may appear in the server's log. */
  canaries: string[];
}

const password = () => `Colibrí-ventana-naranja-${randomBytes(6).toString('hex')}!`;
const canary = (label: string) => `CANARIO-SCAN-${label}-${randomBytes(6).toString('hex')}`;

export async function buildWorld(
  baseUrl: string,
  admin: { email: string; password: string },
  log: (line: string) => void,
): Promise<ScanWorld> {
  const adminSession = new ScanSession(baseUrl);
  await adminSession.signIn(admin.email, admin.password, password());
  const me = await adminSession.request<{ institution: { id: string } }>('GET', '/api/v1/auth/me');
  const leadAgencyId = me.institution.id;
  const team = await adminSession.request<{ id: string }>('POST', '/api/v1/teams', {
    name: `Equipo scan ${randomBytes(3).toString('hex')}`,
  });
  const institutions = await adminSession.request<{ items: { id: string; name: string }[] }>(
    'GET',
    '/api/v1/institutions?sector=health&active=true&limit=100',
  );
  const hospital = institutions.items.find((i) => i.name.endsWith('(demo)'));
  if (!hospital) throw new Error('no demo hospital: the server must run with DEMO_DATA=true');

  const account = async (role: Exclude<ScanRole, 'admin'>) => {
    const inTeam = role === 'caseworker' || role === 'supervisor';
    const email = `${role}.${randomBytes(4).toString('hex')}@scan.example`;
    const created = await adminSession.request<{ id: string; initialPassword: string }>(
      'POST',
      '/api/v1/users',
      {
        email,
        displayName: `Scan ${role}`,
        institutionId: role === 'partner' ? hospital.id : leadAgencyId,
        role,
        teamId: inTeam ? team.id : null,
        teamAccess: inTeam,
      },
    );
    const session = new ScanSession(baseUrl);
    await session.signIn(email, created.initialPassword, password());
    log(`signed in as ${role}`);
    return { session, id: created.id };
  };
  const caseworker = await account('caseworker');
  const supervisor = await account('supervisor');
  const partner = await account('partner');
  const auditor = await account('auditor');
  const coordinator = await account('coordinator');

  const canaries = [canary('NOMBRE'), canary('ALIAS'), canary('NARRATIVA'), canary('NOTA')];
  const [fullName, aliases, narrative, note] = canaries as [string, string, string, string];
  const intake = await caseworker.session.request<{ case: { id: string; caseNumber: string } }>(
    'POST',
    '/api/v1/cases',
    {
      identifiedOn: new Date().toISOString().slice(0, 10),
      riskLevel: 'high',
      identity: { fullName, aliases, narrative },
      attributes: { sex: 'Female', traffickingStatus: 'Possible', ageAtIdentification: 29 },
    },
  );
  const caseId = intake.case.id;
  await caseworker.session.request('POST', `/api/v1/cases/${caseId}/notes`, { body: note });
  const consent = await caseworker.session.request<{ id: string }>(
    'POST',
    `/api/v1/cases/${caseId}/consents`,
    {
      givenBy: 'person',
      method: 'written',
      givenAt: new Date(Date.now() - 60_000).toISOString(),
      purposes: ['service_referral', 'information_sharing'],
      scope: [{ sectors: ['health'], institutionIds: [], categories: ['minimal', 'identity'] }],
    },
  );
  const referral = await caseworker.session.request<{ id: string }>('POST', '/api/v1/referrals', {
    caseId,
    institutionId: hospital.id,
    services: ['medical_care'],
    urgency: 'priority',
    acknowledgeBy: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    categories: ['minimal'],
  });
  await partner.session.request('GET', `/api/v1/referrals/${referral.id}`);
  log(`seeded case ${intake.case.caseNumber}, a note, a consent and a referral`);

  const anonymous = new ScanSession(baseUrl);
  await anonymous.csrfToken();
  return {
    sessions: {
      caseworker: caseworker.session,
      supervisor: supervisor.session,
      partner: partner.session,
      admin: adminSession,
      auditor: auditor.session,
      coordinator: coordinator.session,
    },
    anonymous,
    caseId,
    caseNumber: intake.case.caseNumber,
    consentId: consent.id,
    referralId: referral.id,
    hospitalId: hospital.id,
    leadAgencyId,
    teamId: team.id,
    userId: caseworker.id,
    canaries,
  };
}
