import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { KeyEncryptionKeys } from '../security/crypto';
import type { Logger } from 'pino';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config/config';
import { loadKeyring } from './config/keyring';
import { loadSecrets, type Secrets } from './config/secrets';
import { openConfiguredDatabase, type Database } from './db/database';
import { browserUrl, startMessage } from './http/browser-url';
import { applyHttpTimeouts } from './http/http-timeouts';
import { createLogger } from './http/logger';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from './db/actor-transaction';
import { createMtlsServer } from './http/mtls-listener';
import { authorityCertificate } from './modules/certificates';
import { buildPartnerSystemApp } from './modules/partner-systems';
import { closeCompletedPackages, expireUnacknowledgedReferrals } from './modules/referrals';
import { auditAnchorLogger, sealPending, type AuditAnchorLogger } from './modules/audit';
import { PostgresSessionStore } from './modules/auth';
import { assertKekVersionsAvailable, upgradeLegacyTotpSecrets } from './modules/keys';
import { ensureDemoInstitutions, ensureLeadAgency } from './modules/institutions';
import { ensureDemoProgramme } from './modules/demo';
import { startNotificationJobs } from './modules/notifications';

const SESSION_PURGE_INTERVAL_MS = 10 * 60 * 1000;
const AUDIT_SEAL_INTERVAL_MS = 1_000;
const REFERRAL_EXPIRY_INTERVAL_MS = 60 * 60 * 1000;
const AUDIT_ANCHOR_INTERVAL_MS = 5 * 60 * 1000;

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (error) => crash(logger, error));
  process.on('uncaughtException', (error) => crash(logger, error));

  const secrets = loadSecrets(config, logger);
  if (!config.database.url) {
    logger.info({ dataDir: config.dataDir }, 'using the embedded database (PGlite)');
  }
  const database = await openConfiguredDatabase(config);
  const store: Store = { db: database.db, auditKey: secrets.AUDIT_KEY };
  const lead = await ensureLeadAgency(store, config.leadAgency);
  if (lead.created) logger.info({ institutionId: lead.institution.id }, 'seeded the lead agency');
  if (config.demoData) {
    logger.info({ added: await ensureDemoInstitutions(store) }, 'demo institutions loaded');
  }

  if (config.insecureHttpCookie) {
    logger.warn(
      'DEV_INSECURE_HTTP_COOKIE: the session cookie is sent over plain HTTP (development only)',
    );
  }
  const keyring = loadKeyring(config, secrets);
  await assertKekVersionsAvailable(store, keyring);
  const upgraded = await upgradeLegacyTotpSecrets(store, keyring, secrets.DATA_KEK);
  if (upgraded > 0) logger.info({ upgraded }, 'wrapped second-factor secrets with the keyring');
  if (config.demoData) {
    const started = performance.now();
    const added = await ensureDemoProgramme({
      store,
      keyring,
      clock: () => new Date(),
      retentionYears: config.trainingRetentionYears,
      publicUrl: config.publicUrl,
    });
    const ms = Math.round(performance.now() - started);
    logger.info({ added, ms }, 'demo programme loaded');
  }
  // The internal certificate authority exists from the first run on.
  const caCertificatePem = await inActorTransaction(store, SYSTEM_ACTOR, (trx) =>
    authorityCertificate(trx, keyring, new Date()),
  );
  const app = buildApp({
    database,
    config,
    secrets,
    keyring,
    logger,
    statisticsYearlyBudgetHundredths: config.statisticsYearlyBudgetHundredths,
    trainingRetentionYears: config.trainingRetentionYears,
  });
  const purge = purgeExpiredSessionsPeriodically(store, logger);
  const sealer = sealAuditEventsPeriodically(store, logger);
  const expiry = expireReferralsPeriodically(store, logger);
  const stopNotifications = startNotificationJobs(store, config.mail, logger);
  if (!config.mail) logger.info('SMTP_URL is not set: no notification e-mails are sent');
  const anchor = auditAnchorLogger(store, logger);
  const anchoring = anchorAuditChainPeriodically(anchor, logger);
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ engine: database.engine, host: config.host, port }, 'Amparo is listening');
    const url = browserUrl(config.host, port);
    logger.info({ url }, startMessage(url, config.serveClient));
  });
  applyHttpTimeouts(server, config.http);
  server.on('error', (error) => crash(logger, error));
  const partnerServer = config.mtls
    ? startPartnerSystemListener(config, { store, keyring, secrets, logger, caCertificatePem })
    : undefined;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    clearInterval(purge);
    clearInterval(sealer);
    clearInterval(expiry);
    clearInterval(anchoring);
    stopNotifications();
    partnerServer?.close();
    partnerServer?.closeIdleConnections();
    void shutdown(server, database, config.shutdownTimeoutMs, logger, anchor).then(() =>
      process.exit(0),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * The mutual-TLS listener for institution systems: its own certificate from
 * the configured files, client certificates from the internal CA.
 */
function startPartnerSystemListener(
  config: Config,
  deps: {
    store: Store;
    keyring: KeyEncryptionKeys;
    secrets: Secrets;
    logger: Logger;
    caCertificatePem: string;
  },
): HttpsServer {
  const { port, certPath, keyPath } = config.mtls!;
  const { caCertificatePem } = deps;
  const app = buildPartnerSystemApp({
    store: deps.store,
    keyring: deps.keyring,
    blindIndexKey: deps.secrets.BLIND_INDEX_KEY,
    clock: () => new Date(),
    logger: deps.logger,
    caCertificatePem,
  });
  const server = createMtlsServer(app, {
    certificatePem: readFileSync(certPath, 'utf8'),
    privateKeyPem: readFileSync(keyPath, 'utf8'),
    caCertificatePem,
  });
  applyHttpTimeouts(server, config.http);
  server.on('error', (error) => crash(deps.logger, error));
  server.listen(port, config.host, () => {
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    deps.logger.info({ host: config.host, port: bound }, 'mutual-TLS listener is up');
  });
  return server;
}

/** Expired sessions are refused on read anyway; this keeps the table small. */
function purgeExpiredSessionsPeriodically(store: Store, logger: Logger): NodeJS.Timeout {
  const sessions = new PostgresSessionStore(store);
  const timer = setInterval(() => {
    sessions.purgeExpired().then(
      (removed) => removed > 0 && logger.info({ removed }, 'purged expired sessions'),
      (error: unknown) => logger.warn({ err: error }, 'could not purge expired sessions'),
    );
  }, SESSION_PURGE_INTERVAL_MS);
  timer.unref();
  return timer;
}

/**
 * Hourly: referrals left unacknowledged long after their due date expire, and
 * completed referrals' packages are destroyed once their keeping time is over.
 */
function expireReferralsPeriodically(store: Store, logger: Logger): NodeJS.Timeout {
  const timer = setInterval(() => {
    expireUnacknowledgedReferrals(store, new Date()).then(
      (expired) => expired > 0 && logger.info({ expired }, 'expired unacknowledged referrals'),
      (error: unknown) => logger.warn({ err: error }, 'could not expire referrals'),
    );
    closeCompletedPackages(store, new Date()).then(
      (closed) => closed > 0 && logger.info({ closed }, 'closed packages of completed referrals'),
      (error: unknown) => logger.warn({ err: error }, 'could not close completed packages'),
    );
  }, REFERRAL_EXPIRY_INTERVAL_MS);
  timer.unref();
  return timer;
}

/**
 * Audit events are written, each with its MAC, in their use case's own
 * transaction; this links them into the chain off the request path, in
 * batches, within about a second of their commit (AUDIT_SEAL_INTERVAL_MS plus
 * the time to seal what is pending). With several instances, the one holding
 * the chain head seals and the others skip their turn. Reads of the log seal
 * first.
 */
function sealAuditEventsPeriodically(store: Store, logger: Logger): NodeJS.Timeout {
  const timer = setInterval(() => {
    sealPending(store, { wait: false }).catch((error: unknown) =>
      logger.error({ err: error }, 'could not seal audit events'),
    );
  }, AUDIT_SEAL_INTERVAL_MS);
  timer.unref();
  return timer;
}

/**
 * The chain head in the log (when it moved), for operators to keep outside the
 * database: `verify-audit --anchor` then detects a log cut back with its head.
 */
function anchorAuditChainPeriodically(anchor: AuditAnchorLogger, logger: Logger): NodeJS.Timeout {
  const timer = setInterval(() => {
    anchor
      .logIfMoved()
      .catch((error: unknown) =>
        logger.error({ err: error }, 'could not log the audit chain anchor'),
      );
  }, AUDIT_ANCHOR_INTERVAL_MS);
  timer.unref();
  return timer;
}

function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/**
 * Stops accepting connections, lets in-flight requests finish (closing each
 * keep-alive connection as soon as it is idle), logs the final audit chain
 * anchor, then closes the database. Connections still busy after the timeout
 * are cut.
 */
async function shutdown(
  server: Server,
  database: Database,
  timeoutMs: number,
  logger: Logger,
  anchor: AuditAnchorLogger,
) {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const reaper = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = setTimeout(() => {
    logger.warn('shutdown timeout: closing the remaining connections');
    server.closeAllConnections();
  }, timeoutMs);
  await closed;
  clearInterval(reaper);
  clearTimeout(deadline);
  await anchor
    .logFinal()
    .catch((error: unknown) =>
      logger.error({ err: error }, 'could not log the audit chain anchor'),
    );
  await database.close();
  logger.info('stopped');
}

function crash(logger: Logger, error: unknown): never {
  logger.fatal({ err: error }, 'fatal error; exiting');
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`Amparo could not start: ${startupMessage(error)}\n`);
  process.exit(1);
});

/** Start-up failures are ours or the database's (no request data exists yet). */
function startupMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
