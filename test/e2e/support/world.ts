import { randomUUID } from 'node:crypto';
import { ApiSession } from './api-session';
import { E2E_BASE_URL } from './env';
import { STRONG_PASSWORD } from './global-setup';
import { readState, writeState } from './state';
import { Authenticator } from './totp';

export { STRONG_PASSWORD };

export type StaffRole = 'caseworker' | 'supervisor';

export interface Staff {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  /** The one-time initial password the administrator received. */
  initialPassword: string;
  teamId: string;
}

let admin: Promise<ApiSession> | undefined;

/**
 * The administrator's session, signed in once per worker (each code is
 * single-use, and a lapsed step-up is renewed by ApiSession: one sign-in serves many tests).
 */
export function adminSession(): Promise<ApiSession> {
  admin ??= signInAdmin();
  return admin;
}

async function signInAdmin(): Promise<ApiSession> {
  const state = readState();
  const session = new ApiSession(E2E_BASE_URL);
  session.authenticator = new Authenticator(state.adminSecret, state.adminLastStep);
  try {
    await session.signIn(state.adminEmail, state.adminPassword);
  } finally {
    writeState({ ...state, adminLastStep: session.authenticator.lastStep });
  }
  return session;
}

/** A unique, readable suffix so that journeys never collide on names or emails. */
export const unique = () => randomUUID().slice(0, 8);

export async function createTeam(admin: ApiSession, name = `Equipo ${unique()}`) {
  return admin.request<{ id: string; name: string }>('POST', '/api/v1/teams', { name });
}

/** A caseworker or supervisor of the lead agency, who has never signed in. */
export async function createStaff(
  admin: ApiSession,
  role: StaffRole,
  teamId: string,
  displayName = `${role === 'supervisor' ? 'Supervisora' : 'Trabajadora'} ${unique()}`,
): Promise<Staff> {
  const email = `${role}.${unique()}@e2e.example`;
  const created = await admin.request<{ id: string; initialPassword: string }>(
    'POST',
    '/api/v1/users',
    { email, displayName, institutionId: readState().leadAgencyId, role, teamId, teamAccess: true },
  );
  return {
    id: created.id,
    email,
    displayName,
    role,
    initialPassword: created.initialPassword,
    teamId,
  };
}

/** A partner institution of the demo data, by sector (the journeys refer to a hospital). */
export async function institutionOf(session: ApiSession, sector: string) {
  const page = await session.request<{ items: { id: string; name: string; sector: string }[] }>(
    'GET',
    `/api/v1/institutions?sector=${sector}&active=true&limit=100`,
  );
  // Only the installation's demo institutions: other journeys create their own
  // in any sector, and one of those must never be taken for the demo one.
  const demo = page.items.find((institution) => institution.name.endsWith('(demo)'));
  if (!demo) throw new Error(`no demo institution in sector ${sector}`);
  return demo;
}
