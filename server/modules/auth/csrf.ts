import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';
import { problems } from '../../http/problem';

const { generateToken, isRequestValid, revokeToken } = csrfSync({ size: 32 });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Requests made before the second factor completes: no user yet, but a session to protect. */
const PRE_LOGIN_PATHS = new Set([
  '/auth/login',
  '/auth/password',
  '/auth/totp/enroll',
  '/auth/totp',
]);

/** The synchroniser token of this session (a session row is created for it if needed). */
export function issueCsrfToken(req: Request): string {
  req.session.startedAt ??= Date.now();
  return generateToken(req);
}

export { revokeToken as revokeCsrfToken };

/**
 * Every state-changing request on a cookie session carries the token in
 * `x-csrf-token`. Requests with neither a user nor a login in progress are left
 * to the route, which answers 401: nothing changes without a session.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  if (!req.user && !PRE_LOGIN_PATHS.has(req.path)) return next();
  if (!isRequestValid(req)) return next(problems.csrfFailed());
  next();
};

/**
 * Fetch Metadata first (every current browser sends Sec-Fetch-Site): only
 * same-origin requests and direct navigations are served. Without it, an
 * Origin header must name this host. Clients that send neither (scripts)
 * still need the session and the CSRF token.
 */
export const rejectCrossSite: RequestHandler = (req, _res, next) => {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) {
    return next(site === 'same-origin' || site === 'none' ? undefined : problems.crossSite());
  }
  const origin = req.get('origin');
  if (origin !== undefined && !sameHost(origin, req.get('host'))) return next(problems.crossSite());
  next();
};

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
