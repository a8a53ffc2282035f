import express, { type Express, type RequestHandler } from 'express';
import { Passport } from 'passport';
import type { Logger } from 'pino';
import { databaseFailure } from '../../db/database-failure';
import { errorHandler, notFound, requireJsonBody } from '../../http/error-handler';
import { httpLogger } from '../../http/http-logger';
import { problems } from '../../http/problem';
import { exactRouting } from '../../http/router';
import { apiSecurityHeaders, noStore } from '../../http/security-headers';
import { integrityAlarm } from '../audit/integrity-alarm';
import type { ReferralsDeps } from '../referrals';
import { CERTIFICATE_STRATEGY, CertificateStrategy } from './certificate-strategy';
import { partnerSystemRoutes } from './partner-system.routes';

export interface PartnerSystemDeps extends ReferralsDeps {
  logger: Logger;
  caCertificatePem: string;
}

/**
 * The API that institution systems reach over mutual TLS: only the partner
 * side of referrals (inbox, referral, package, p7m, transitions). No
 * cookies, no sessions, no CSRF: every request carries its client certificate.
 */
export function buildPartnerSystemApp(deps: PartnerSystemDeps): Express {
  const authenticator = new Passport();
  authenticator.use(new CertificateStrategy(deps.store, deps.caCertificatePem));
  const app = express();
  exactRouting(app);
  app.disable('x-powered-by');
  app.use(httpLogger(deps.logger));
  app.use(apiSecurityHeaders, noStore);
  app.use(authenticated(authenticator));
  app.use(requireJsonBody);
  app.use(express.json({ limit: '100kb' }));
  app.use('/api/v1/referrals', partnerSystemRoutes(deps));
  app.use(notFound);
  app.use(integrityAlarm(deps.store));
  app.use(errorHandler);
  return app;
}

/** 401 problem+json for a missing, unknown, revoked or out-of-date certificate. */
function authenticated(authenticator: InstanceType<typeof Passport>): RequestHandler {
  return (req, res, next) => {
    const authenticate = authenticator.authenticate(CERTIFICATE_STRATEGY, {
      session: false,
      failWithError: true,
    }) as RequestHandler;
    authenticate(req, res, (error?: unknown) => {
      // The certificate could not be looked up: 503, not a refusal.
      if (databaseFailure(error)) return next(error);
      if (error) return next(problems.unauthenticated());
      next();
    });
  };
}
