import path from 'node:path';
import { z } from 'zod';
import type { DatabaseTimeouts } from '../db/database';
import { browserUrl } from '../http/browser-url';
import { httpTimeouts, type HttpTimeouts } from '../http/http-timeouts';
import { INSTITUTION_SECTORS } from '../modules/institutions/institutions.schemas';

/**
 * The whole configuration is this one schema over the environment. Every
 * variable here is documented in `.env.example`. Secrets are not part of it:
 * they are resolved by `secrets.ts` (environment in production, generated
 * files under DATA_DIR in development).
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL');

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  MIGRATION_DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Timeouts: docs/RELIABILITY.md, "Timeouts and database outages". */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(15_000),
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(3_600_000)
    .default(60_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(65_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(5_000).max(3_600_000).default(120_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LEAD_AGENCY_NAME: z.string().trim().min(2).max(200).optional(),
  LEAD_AGENCY_SECTOR: z.enum(INSTITUTION_SECTORS).default('social_protection'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  JSON_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/, 'must look like 100kb')
    .default('100kb'),
  SERVE_CLIENT: booleanFromEnv.default(true),
  DEMO_DATA: booleanFromEnv.default(false),
  /** The privacy budget (total ε) each year of identification starts with (docs/STATISTICS.md). */
  STATISTICS_YEARLY_EPSILON: z.coerce.number().min(0.1).max(10).default(2),
  /**
   * Years a training participant's identity is kept after the end of their
   * latest programme, so that their certificates stay verifiable (docs/TRAININGS.md).
   */
  TRAINING_RETENTION_YEARS: z.coerce.number().int().min(1).max(30).default(5),
  /**
   * How long a second-factor check (or the sign-in itself) counts as a fresh
   * step-up for sensitive operations. Five minutes unless an operator
   * shortens it; never longer than fifteen.
   */
  STEP_UP_WINDOW_SECONDS: z.coerce.number().int().min(60).max(900).default(300),
  TRUST_PROXY: z
    .string()
    .regex(/^(false|loopback|\d{1,2})$/, 'must be false, loopback or a number of hops')
    .default('false'),
  DEV_INSECURE_HTTP_COOKIE: booleanFromEnv.optional(),
  MTLS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  MTLS_CERT_PATH: z.string().min(1).optional(),
  MTLS_KEY_PATH: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .url()
    .refine((value) => /^smtps?:\/\//.test(value), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.email().optional(),
  PUBLIC_URL: z
    .string()
    .url()
    .refine((value) => /^https?:\/\//.test(value), 'must be an http(s):// URL')
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  host: string;
  port: number;
  dataDir: string;
  database: {
    url?: string;
    migrationUrl?: string;
    poolMax: number;
    /** Every connection's limits (the server engine; PGlite is in-process). */
    timeouts: DatabaseTimeouts;
  };
  /** Node's HTTP server timeouts, for both listeners (see http/http-timeouts.ts). */
  http: HttpTimeouts;
  logLevel: Env['LOG_LEVEL'];
  leadAgency: { name: string; sector: Env['LEAD_AGENCY_SECTOR'] };
  shutdownTimeoutMs: number;
  jsonBodyLimit: string;
  serveClient: boolean;
  demoData: boolean;
  /** ε × 100 each year of identification's privacy budget starts with. */
  statisticsYearlyBudgetHundredths: number;
  /** Years a training participant's identity is kept after their latest programme ends. */
  trainingRetentionYears: number;
  /** How long a step-up counts as fresh (STEP_UP_WINDOW_SECONDS × 1000). */
  stepUpWindowMs: number;
  /** Express `trust proxy`: which proxies may tell us the client address and scheme. */
  trustProxy: false | 'loopback' | number;
  /**
   * The session cookie is `__Host-`, Secure, HttpOnly, SameSite=Strict. Only in
   * development on a loopback address may it fall back to a plain cookie over HTTP.
   */
  insecureHttpCookie: boolean;
  /** The optional mutual-TLS listener for institution systems (all three set, or none). */
  mtls?: { port: number; certPath: string; keyPath: string };
  /**
   * The address people reach the client at (PUBLIC_URL): printed on training
   * certificates for their verification. Required in production; in
   * development, this server's own address.
   */
  publicUrl: string;
  /** Notification e-mails (SMTP_URL, MAIL_FROM, PUBLIC_URL); none are sent when unset. */
  mail?: { smtpUrl: string; from: string; publicUrl: string; requireTls: boolean };
}

export const DEVELOPMENT_LEAD_AGENCY_NAME = 'Agencia líder (desarrollo)';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment. Error messages name the variable, never its value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (isProduction && !e.DATABASE_URL) {
    problems.push('DATABASE_URL: required in production (the embedded engine is for development)');
  }
  if (isProduction && !e.LEAD_AGENCY_NAME) {
    problems.push('LEAD_AGENCY_NAME: required in production');
  }
  if (isProduction && e.DEMO_DATA) {
    problems.push('DEMO_DATA: demo data is never loaded in production');
  }
  if (isProduction && e.DEV_INSECURE_HTTP_COOKIE) {
    problems.push('DEV_INSECURE_HTTP_COOKIE: never allowed in production');
  }
  const loopback = isLoopback(e.HOST);
  if (e.DEV_INSECURE_HTTP_COOKIE && !loopback) {
    problems.push('DEV_INSECURE_HTTP_COOKIE: only allowed when HOST is a loopback address');
  }
  const mtlsSet = [e.MTLS_PORT, e.MTLS_CERT_PATH, e.MTLS_KEY_PATH].filter((v) => v !== undefined);
  if (mtlsSet.length > 0 && mtlsSet.length < 3) {
    problems.push('MTLS_PORT, MTLS_CERT_PATH, MTLS_KEY_PATH: set all three, or none');
  }
  if (e.SMTP_URL && (!e.MAIL_FROM || !e.PUBLIC_URL)) {
    problems.push('MAIL_FROM, PUBLIC_URL: required when SMTP_URL is set');
  }
  if (isProduction && !e.PUBLIC_URL) {
    problems.push('PUBLIC_URL: required in production (training certificates print it)');
  }
  if (isProduction && e.PUBLIC_URL && !e.PUBLIC_URL.startsWith('https://')) {
    problems.push('PUBLIC_URL: must be https:// in production');
  }
  // In production mail goes over TLS: smtps://, or smtp:// with STARTTLS
  // required (requireTls below). Options in the URL's query would override
  // the transport's own (nodemailer reads ignoreTLS, secure, tls.* there).
  if (isProduction && e.SMTP_URL && new URL(e.SMTP_URL).search !== '') {
    problems.push('SMTP_URL: no query options in production (TLS is decided by the scheme)');
  }
  if (e.HTTP_REQUEST_TIMEOUT_MS <= httpTimeouts(e.HTTP_KEEP_ALIVE_TIMEOUT_MS, 0).headersTimeoutMs) {
    problems.push(
      'HTTP_REQUEST_TIMEOUT_MS: must exceed HTTP_KEEP_ALIVE_TIMEOUT_MS by more than 1 s',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    isProduction,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    database: {
      url: e.DATABASE_URL,
      migrationUrl: e.MIGRATION_DATABASE_URL,
      poolMax: e.DATABASE_POOL_MAX,
      timeouts: {
        connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
        statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
        lockMs: e.DATABASE_LOCK_TIMEOUT_MS,
        idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      },
    },
    http: httpTimeouts(e.HTTP_KEEP_ALIVE_TIMEOUT_MS, e.HTTP_REQUEST_TIMEOUT_MS),
    logLevel: e.LOG_LEVEL,
    leadAgency: {
      name: e.LEAD_AGENCY_NAME ?? DEVELOPMENT_LEAD_AGENCY_NAME,
      sector: e.LEAD_AGENCY_SECTOR,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    jsonBodyLimit: e.JSON_BODY_LIMIT,
    serveClient: e.SERVE_CLIENT,
    demoData: e.DEMO_DATA,
    statisticsYearlyBudgetHundredths: Math.round(e.STATISTICS_YEARLY_EPSILON * 100),
    trainingRetentionYears: e.TRAINING_RETENTION_YEARS,
    stepUpWindowMs: e.STEP_UP_WINDOW_SECONDS * 1000,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    // Development over plain HTTP on this machine works out of the box; say so at start.
    insecureHttpCookie: e.DEV_INSECURE_HTTP_COOKIE ?? (e.NODE_ENV === 'development' && loopback),
    publicUrl: e.PUBLIC_URL ?? browserUrl(e.HOST, e.PORT),
    ...(e.MTLS_PORT !== undefined && e.MTLS_CERT_PATH && e.MTLS_KEY_PATH
      ? { mtls: { port: e.MTLS_PORT, certPath: e.MTLS_CERT_PATH, keyPath: e.MTLS_KEY_PATH } }
      : {}),
    ...(e.SMTP_URL && e.MAIL_FROM && e.PUBLIC_URL
      ? {
          mail: {
            smtpUrl: e.SMTP_URL,
            from: e.MAIL_FROM,
            publicUrl: e.PUBLIC_URL,
            requireTls: isProduction && e.SMTP_URL.startsWith('smtp://'),
          },
        }
      : {}),
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function parseTrustProxy(value: string): Config['trustProxy'] {
  if (value === 'false') return false;
  if (value === 'loopback') return 'loopback';
  return Number(value);
}

/** `FOO=` in a .env file means "not set", as operators expect. */
function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]),
  );
}
