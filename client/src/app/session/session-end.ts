import type { QueryClient } from '@tanstack/react-query';
import { forgetCsrfToken } from '../../api/csrf';

export type SignInReason = 'ended' | 'idle' | 'signed_out';

/** The sign-in page's address, remembering where the person was (a path: ids, never data). */
export function signInPath(reason: SignInReason | undefined, next?: string): string {
  const params = new URLSearchParams();
  if (reason) params.set('reason', reason);
  if (
    next &&
    next !== '/' &&
    next.startsWith('/') &&
    !next.startsWith('//') &&
    !next.startsWith('/sign-in')
  ) {
    params.set('next', next);
  }
  const query = params.toString();
  return query ? `/sign-in?${query}` : '/sign-in';
}

/**
 * Forgets everything the session brought into the page: the query cache (which
 * holds case data), the CSRF token. Called at sign-out and whenever the session
 * ends; nothing else of the session is kept in the browser.
 */
export function forgetSession(queryClient: QueryClient): void {
  queryClient.cancelQueries().catch(() => undefined);
  queryClient.clear();
  forgetCsrfToken();
}

const LOGOUT_WAIT_MS = 1500;

/**
 * Ends the session on the server, waiting at most 1.5 s: a stalled network
 * must not keep a case on an unattended screen, and the next sign-in must not
 * race the logout (it changes the session and its CSRF token).
 */
export function endServerSession(logout: () => Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(resolve, LOGOUT_WAIT_MS);
    logout()
      .catch(() => undefined)
      .finally(() => {
        window.clearTimeout(timer);
        resolve();
      });
  });
}

/** Where to go after signing in: only a path of this application. */
export function safeNext(next: string | null): string {
  // Backslashes and control characters can turn "/\\x" into "//x" once parsed.
  const unsafe = [...(next ?? '')].some((c) => c === '\\' || c <= ' ' || c === '\u007f');
  if (!next || !next.startsWith('/') || unsafe) return '/';
  const url = new URL(next, window.location.origin);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/sign-in')) return '/';
  return `${url.pathname}${url.search}`;
}
