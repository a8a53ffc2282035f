/**
 * The session's synchroniser token, kept in memory only (never in storage). It
 * changes when the session does (sign-in, sign-out), so it is forgotten then and
 * fetched again on the next state-changing request.
 */
let token: Promise<string> | undefined;

async function fetchToken(): Promise<string> {
  const response = await fetch('/api/v1/auth/csrf', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`csrf token: ${response.status}`);
  const body = (await response.json()) as { token?: unknown };
  if (typeof body.token !== 'string') throw new Error('csrf token: no token');
  return body.token;
}

export function csrfToken(): Promise<string> {
  token ??= fetchToken().catch((error: unknown) => {
    token = undefined;
    throw error;
  });
  return token;
}

export function forgetCsrfToken(): void {
  token = undefined;
}

export const CSRF_HEADER = 'x-csrf-token';
export const isUnsafeMethod = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);
