import { ApiSession } from './api-session';
import { ecuadorDay } from './dates';
import { E2E_BASE_URL } from './env';
import { STRONG_PASSWORD, createStaff, type Staff, type StaffRole } from './world';

/**
 * Case-work set-up through the API, for journeys that start from a case, a
 * consent or a referral they do not type themselves.
 */

export interface SignedInStaff {
  staff: Staff;
  /** The person's API session; its authenticator is the one the browser must use next. */
  session: ApiSession;
}

/** A new staff member signed in through the API (password changed, second factor enrolled). */
export async function signedInStaff(
  admin: ApiSession,
  role: StaffRole,
  teamId: string,
): Promise<SignedInStaff> {
  const staff = await createStaff(admin, role, teamId);
  const session = new ApiSession(E2E_BASE_URL);
  await session.signIn(staff.email, staff.initialPassword, STRONG_PASSWORD);
  return { staff, session };
}

const todayIso = () => ecuadorDay();
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A case of the caseworker's team; `fullName` is the canary a journey looks for in leaks. */
export async function createCase(
  session: ApiSession,
  fullName: string,
  options: { minor?: boolean } = {},
): Promise<{ id: string; caseNumber: string }> {
  const result = await session.request<{ case: { id: string; caseNumber: string } }>(
    'POST',
    '/api/v1/cases',
    {
      identifiedOn: todayIso(),
      riskLevel: 'high',
      identity: { fullName },
      attributes: {
        sex: 'Female',
        traffickingStatus: 'Possible',
        ageAtIdentification: options.minor ? 15 : 29,
      },
    },
  );
  return result.case;
}

export interface ConsentScope {
  sectors?: string[];
  institutionIds?: string[];
  categories: string[];
}

export async function recordConsent(
  session: ApiSession,
  caseId: string,
  consent: {
    givenBy?: 'person' | 'guardian' | 'best_interest';
    purposes?: string[];
    scope: ConsentScope[];
  },
): Promise<{ id: string; status: string }> {
  return session.request('POST', `/api/v1/cases/${caseId}/consents`, {
    givenBy: consent.givenBy ?? 'person',
    method: 'written',
    givenAt: new Date(Date.now() - 60_000).toISOString(),
    purposes: consent.purposes ?? ['service_referral', 'information_sharing'],
    scope: consent.scope.map((s) => ({
      sectors: s.sectors ?? [],
      institutionIds: s.institutionIds ?? [],
      categories: s.categories,
    })),
  });
}

export async function sendReferral(
  session: ApiSession,
  caseId: string,
  institutionId: string,
  categories: string[] = ['minimal'],
): Promise<{ id: string; status: string }> {
  return session.request('POST', '/api/v1/referrals', {
    caseId,
    institutionId,
    services: ['medical_care'],
    urgency: 'priority',
    acknowledgeBy: inDays(5),
    categories,
  });
}
