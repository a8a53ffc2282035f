import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { deriveKey, type KeyEncryptionKeys } from '../security/crypto';
import { PasswordHasher } from '../security/passwords';
import type { Config } from './config/config';
import type { Secrets } from './config/secrets';
import type { Store } from './db/actor-transaction';
import type { Database } from './db/database';
import { loadMigrationFiles, type MigrationFile } from './db/migrator';
import { clientPages, DEFAULT_CLIENT_DIR } from './http/client-pages';
import { errorHandler, notFound, requireJsonBody } from './http/error-handler';
import { httpLogger } from './http/http-logger';
import { buildApiDocument } from './http/api-document';
import { createRouter, exactRouting } from './http/router';
import {
  apiSecurityHeaders,
  clientSecurityHeaders,
  noStore,
  permissionsPolicy,
} from './http/security-headers';
import { healthRoutes } from './modules/health';
import { auditRoutes } from './modules/audit/audit.routes';
import { integrityAlarm } from './modules/audit/integrity-alarm';
import {
  accessControl,
  authRoutes,
  csrfProtection,
  DEFAULT_THROTTLE_POLICY,
  DEV_SESSION_COOKIE,
  LoginThrottle,
  PostgresSessionStore,
  rejectCrossSite,
  SESSION_COOKIE,
  sessionSupport,
  type AuthContext,
  type ThrottlePolicy,
} from './modules/auth';
import { institutionsRoutes } from './modules/institutions/institutions.routes';
import { usersRoutes } from './modules/users/users.routes';
import { casesRoutes } from './modules/cases/cases.routes';
import { reviewsRoutes } from './modules/reviews/reviews.routes';
import {
  certificatesRoutes,
  institutionCertificatesRoutes,
} from './modules/certificates/certificates.routes';
import { teamsRoutes } from './modules/teams/teams.routes';
import { directoryRoutes } from './modules/directory/directory.routes';
import { caseConsentsRoutes, consentsRoutes } from './modules/consents/consents.routes';
import { erasureEffects, revocationEffects } from './modules/referrals';
import { referralsRoutes } from './modules/referrals/referrals.routes';
import {
  DEFAULT_YEARLY_BUDGET_HUNDREDTHS,
  publicStatisticsRoutes,
  statisticsRoutes,
} from './modules/statistics';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { campaignsRoutes } from './modules/campaigns';
import { budgetRoutes, managementFigures, planRoutes, targetsRoutes } from './modules/targets';
import { managementReportsRoutes } from './modules/management-reports';
import { DEFAULT_RETENTION_YEARS, trainingsRoutes } from './modules/trainings';
import {
  publicCertificatesRoutes,
  trainingCertificatesRoutes,
} from './modules/training-certificates';

export interface AppDeps {
  database: Database;
  config: Pick<
    Config,
    | 'jsonBodyLimit'
    | 'serveClient'
    | 'trustProxy'
    | 'insecureHttpCookie'
    | 'publicUrl'
    | 'stepUpWindowMs'
  >;
  secrets: Pick<Secrets, 'SESSION_SECRET' | 'AUDIT_KEY' | 'BLIND_INDEX_KEY'>;
  /** Key-encryption keys that wrap each case's data key. */
  keyring: KeyEncryptionKeys;
  logger: Logger;
  /** Shared with operator tools in the same process; one per app by default. */
  hasher?: PasswordHasher;
  throttlePolicy?: ThrottlePolicy;
  /** The time second-factor codes are checked against (tests move it). */
  clock?: () => Date;
  /** The migrations this code expects; /readyz compares the database with them. */
  migrations?: readonly MigrationFile[];
  clientDir?: string;
  /** The privacy budget each year of identification starts with (ε × 100; default 200, i.e. ε 2). */
  statisticsYearlyBudgetHundredths?: number;
  /** Years a training participant's identity is kept after their latest programme (default 5). */
  trainingRetentionYears?: number;
  /** Training certificates: the public lookups each client address may make per minute. */
  trainingCertificates?: { lookupsPerMinute?: number };
}

/** Builds the whole HTTP application. It never listens: main.ts and the tests do. */
export function buildApp(deps: AppDeps): Express {
  const app = express();
  exactRouting(app);
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);

  const store: Store = { db: deps.database.db, auditKey: deps.secrets.AUDIT_KEY };
  const auth = authContext(store, deps);
  const cookie = {
    name: deps.config.insecureHttpCookie ? DEV_SESSION_COOKIE : SESSION_COOKIE,
    secure: !deps.config.insecureHttpCookie,
  };
  const sessions = sessionSupport(auth, {
    secret: deps.secrets.SESSION_SECRET,
    insecureHttpCookie: deps.config.insecureHttpCookie,
  });

  const openApiDocument = buildApiDocument();

  app.use(httpLogger(deps.logger));
  app.use(permissionsPolicy);
  app.use(['/api', '/healthz', '/readyz'], apiSecurityHeaders, noStore);
  // Case attachments are the one binary upload; every other API body is JSON.
  app.use('/api', unlessAttachmentUpload(requireJsonBody));
  app.use('/api', express.json({ limit: deps.config.jsonBodyLimit }));

  app.use(
    healthRoutes({
      db: deps.database.probe ?? deps.database.db,
      migrations: deps.migrations ?? loadMigrationFiles(),
    }),
  );

  const api = createRouter();
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  const statistics = {
    store,
    clock: deps.clock ?? (() => new Date()),
    yearlyBudgetHundredths:
      deps.statisticsYearlyBudgetHundredths ?? DEFAULT_YEARLY_BUDGET_HUNDREDTHS,
  };
  // Public data: no session, no cookie, cacheable (the observatory).
  api.use('/public/statistics', publicStatisticsRoutes(statistics));
  const certificates = {
    store,
    keyring: deps.keyring,
    // Printed on certificates for their verification (PUBLIC_URL).
    publicUrl: deps.config.publicUrl,
  };
  // Anyone checks a certificate's code: no session, no cookie, never cached.
  api.use(
    '/public/certificates',
    publicCertificatesRoutes({
      ...certificates,
      lookupKey: deriveKey(deps.secrets.SESSION_SECRET, 'certificate-lookup-limit'),
      lookupsPerMinute: deps.trainingCertificates?.lookupsPerMinute,
    }),
  );
  api.use(rejectCrossSite, ...sessions.middleware, csrfProtection);
  api.use('/auth', authRoutes(auth, sessions.authenticatePassword, cookie));
  const access = accessControl(store, auth.sessions, auth.clock, auth.stepUpWindowMs);
  api.use('/institutions', institutionsRoutes({ store, access }));
  api.use('/audit', auditRoutes({ store, access }));
  api.use('/teams', teamsRoutes({ store, access }));
  api.use('/directory', directoryRoutes({ store, access }));
  const clock = deps.clock ?? (() => new Date());
  const cases = {
    store,
    access,
    clock,
    keyring: deps.keyring,
    blindIndexKey: deps.secrets.BLIND_INDEX_KEY,
  };
  api.use('/cases', casesRoutes({ ...cases, onErased: erasureEffects(clock) }));
  const consents = {
    ...cases,
    onRevoked: revocationEffects(clock),
  };
  api.use('/cases', caseConsentsRoutes(consents));
  api.use('/consents', consentsRoutes(consents));
  api.use('/referrals', referralsRoutes(cases));
  // Certificates are checked by other parties against real time, never a test clock.
  const pki = { ...cases, clock: () => new Date() };
  api.use('/institutions', institutionCertificatesRoutes(pki));
  api.use('/certificates', certificatesRoutes(pki));
  api.use('/reviews', reviewsRoutes(cases));
  api.use('/notifications', notificationsRoutes({ store, access, clock }));
  api.use('/statistics', statisticsRoutes({ ...statistics, access }));
  api.use('/campaigns', campaignsRoutes({ store, access, clock }));
  api.use('/plan', planRoutes({ store, access, clock }));
  api.use('/budget', budgetRoutes({ store, access, clock }));
  api.use('/targets', targetsRoutes({ store, access, clock }));
  api.use('/trainings', trainingCertificatesRoutes({ ...certificates, access }));
  api.use(
    '/management-reports',
    managementReportsRoutes({
      store,
      access,
      clock,
      figures: managementFigures,
      render: { publicUrl: deps.config.publicUrl },
    }),
  );
  api.use(
    '/trainings',
    trainingsRoutes({
      store,
      access,
      clock,
      keyring: deps.keyring,
      retentionYears: deps.trainingRetentionYears ?? DEFAULT_RETENTION_YEARS,
    }),
  );
  api.use(
    '/users',
    usersRoutes({
      store,
      access,
      hasher: auth.hasher,
      endSessions: (userId) => auth.sessions.destroyAllForUser(userId),
    }),
  );
  app.use('/api/v1', api);
  app.use('/api', notFound);

  if (deps.config.serveClient) {
    app.use(clientSecurityHeaders, clientPages(deps.clientDir ?? DEFAULT_CLIENT_DIR));
  } else {
    // API only: `/` and any other path answer the 404 below with the API's headers.
    app.use(apiSecurityHeaders, noStore);
  }
  app.use(notFound);
  app.use(integrityAlarm(store));
  app.use(errorHandler);
  return app;
}

const ATTACHMENT_UPLOAD = /^\/v1\/cases\/[^/]+\/attachments$/;

function unlessAttachmentUpload(handler: RequestHandler): RequestHandler {
  return (req, res, next) =>
    req.method === 'POST' && ATTACHMENT_UPLOAD.test(req.path) ? next() : handler(req, res, next);
}

function authContext(store: Store, deps: AppDeps): AuthContext {
  return {
    store,
    hasher: deps.hasher ?? new PasswordHasher(),
    throttle: new LoginThrottle(
      store,
      deriveKey(deps.secrets.SESSION_SECRET, 'login-throttle'),
      deps.throttlePolicy ?? DEFAULT_THROTTLE_POLICY,
    ),
    sessions: new PostgresSessionStore(store),
    keyring: deps.keyring,
    clock: deps.clock ?? (() => new Date()),
    stepUpWindowMs: deps.config.stepUpWindowMs,
  };
}
