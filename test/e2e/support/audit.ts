import { ApiSession } from './api-session';
import { E2E_BASE_URL } from './env';
import { readState } from './state';
import { STRONG_PASSWORD, unique } from './world';

/** An account of a role without a team (auditor of the lead agency, or a partner institution's staff). */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  initialPassword: string;
}

export async function createAccount(
  admin: ApiSession,
  role: 'auditor' | 'partner' | 'coordinator',
  displayName: string,
  institutionId = readState().leadAgencyId,
): Promise<Account> {
  const email = `${role}.${unique()}@e2e.example`;
  const created = await admin.request<{ id: string; initialPassword: string }>(
    'POST',
    '/api/v1/users',
    { email, displayName, institutionId, role },
  );
  return { id: created.id, email, displayName, initialPassword: created.initialPassword };
}

/** The account signed in through the API (first sign-in: new password, second factor). */
export async function accountSession(account: Account): Promise<ApiSession> {
  const session = new ApiSession(E2E_BASE_URL);
  await session.signIn(account.email, account.initialPassword, STRONG_PASSWORD);
  return session;
}
