import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_JOB_INTERVALS } from '../jobs/job-intervals';
import { ConfigError, loadConfig } from './config';
import { loadSecrets } from './secrets';

const silent = { info: jest.fn() };

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 3000, isProduction: false });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.database.url).toBeUndefined();
  });

  it('falls back to a plain HTTP cookie only in development on a loopback address', () => {
    expect(loadConfig({}).insecureHttpCookie).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0' }).insecureHttpCookie).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).insecureHttpCookie).toBe(false);
    expect(loadConfig({ DEV_INSECURE_HTTP_COOKIE: 'false' }).insecureHttpCookie).toBe(false);
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://amparo_app@db/amparo',
      LEAD_AGENCY_NAME: 'Dirección de Protección',
      DEV_INSECURE_HTTP_COOKIE: 'true',
    };
    expect(configError(() => loadConfig(production)).problems.join('\n')).toMatch(
      /^DEV_INSECURE_HTTP_COOKIE: never allowed in production/m,
    );
    expect(
      configError(() => loadConfig({ HOST: '0.0.0.0', DEV_INSECURE_HTTP_COOKIE: 'true' })).problems,
    ).toEqual([expect.stringMatching(/^DEV_INSECURE_HTTP_COOKIE: only allowed/)]);
  });

  it('reads TRUST_PROXY as false, loopback or a hop count', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(configError(() => loadConfig({ TRUST_PROXY: 'everyone' })).problems).toEqual([
      expect.stringMatching(/^TRUST_PROXY: /),
    ]);
  });

  it('keeps a step-up fresh five minutes unless shortened, never more than fifteen', () => {
    expect(loadConfig({}).stepUpWindowMs).toBe(300_000);
    expect(loadConfig({ STEP_UP_WINDOW_SECONDS: '120' }).stepUpWindowMs).toBe(120_000);
    for (const value of ['59', '901', '90.5', 'cinco']) {
      expect(configError(() => loadConfig({ STEP_UP_WINDOW_SECONDS: value })).problems).toEqual([
        expect.stringMatching(/^STEP_UP_WINDOW_SECONDS: /),
      ]);
    }
  });

  it('reads JOB_INTERVALS over the default interval of each periodic job', () => {
    expect(loadConfig({}).jobIntervals).toEqual(DEFAULT_JOB_INTERVALS);
    expect(loadConfig({}).jobIntervals).toMatchObject({
      'session-purge': 600,
      'referral-expiry': 3600,
      'mail-delivery': 30,
    });
    const set = loadConfig({ JOB_INTERVALS: 'referral-expiry=2, audit-anchor = 1' }).jobIntervals;
    expect(set).toEqual({ ...DEFAULT_JOB_INTERVALS, 'referral-expiry': 2, 'audit-anchor': 1 });
  });

  it('refuses an unknown job or an interval that is not a positive whole number of seconds', () => {
    const problems = (value: string) =>
      configError(() => loadConfig({ JOB_INTERVALS: value })).problems;
    expect(problems('referral-expiry=60,housekeeping=5')).toEqual([
      expect.stringMatching(/^JOB_INTERVALS: unknown job housekeeping \(known: session-purge, /),
    ]);
    for (const value of ['0', '-5', '1.5', 'soon', '604801']) {
      expect(problems(`mail-delivery=${value}`)).toEqual([
        expect.stringMatching(/^JOB_INTERVALS: mail-delivery must be a whole number of seconds/),
      ]);
    }
    expect(problems('mail-delivery=30,,')).toEqual([
      'JOB_INTERVALS: entry 2 must look like name=seconds',
      'JOB_INTERVALS: entry 3 must look like name=seconds',
    ]);
    expect(problems('mail-delivery')).toEqual([
      'JOB_INTERVALS: entry 1 must look like name=seconds',
    ]);
  });

  it('sets the database and HTTP timeouts deliberately, and keeps their relations', () => {
    expect(loadConfig({}).database.timeouts).toEqual({
      connectMs: 2_000,
      statementMs: 15_000,
      lockMs: 5_000,
      idleInTransactionMs: 60_000,
    });
    expect(loadConfig({}).http).toEqual({
      keepAliveTimeoutMs: 65_000,
      headersTimeoutMs: 66_000,
      requestTimeoutMs: 120_000,
    });
    const behindAnIdleMinute = loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '90000' }).http;
    expect(behindAnIdleMinute.headersTimeoutMs).toBeGreaterThan(
      behindAnIdleMinute.keepAliveTimeoutMs,
    );
    expect(
      configError(() => loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '200000' })).problems,
    ).toEqual([expect.stringMatching(/^HTTP_REQUEST_TIMEOUT_MS: must exceed/)]);
    // A statement limit of 0 would leave no client-side backstop either.
    expect(configError(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0' })).problems).toEqual([
      expect.stringMatching(/^DATABASE_STATEMENT_TIMEOUT_MS:/),
    ]);
  });

  it('names each invalid variable without repeating its value', () => {
    const error = configError(() => loadConfig({ PORT: 'tres mil', DATABASE_URL: 'mysql://x' }));
    expect(error.problems.join('\n')).toMatch(/^PORT: /m);
    expect(error.problems.join('\n')).toMatch(/^DATABASE_URL: /m);
    expect(error.message).not.toContain('tres mil');
    expect(error.message).not.toContain('mysql://x');
  });

  it('requires a database server and a lead agency name in production', () => {
    const error = configError(() => loadConfig({ NODE_ENV: 'production' }));
    expect(error.problems).toEqual([
      expect.stringMatching(/^DATABASE_URL: required in production/),
      expect.stringMatching(/^LEAD_AGENCY_NAME: required in production/),
      expect.stringMatching(/^PUBLIC_URL: required in production/),
    ]);
  });

  it('knows the public address certificates print: PUBLIC_URL, or in development its own', () => {
    expect(loadConfig({}).publicUrl).toBe('http://127.0.0.1:3000/');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080/');
    expect(loadConfig({ PUBLIC_URL: 'https://amparo.example.org' }).publicUrl).toBe(
      'https://amparo.example.org',
    );
  });

  it('never loads demo data in production', () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://h/db',
      LEAD_AGENCY_NAME: 'Secretaría',
      PUBLIC_URL: 'https://amparo.example.org',
    };
    expect(loadConfig(env).demoData).toBe(false);
    const error = configError(() => loadConfig({ ...env, DEMO_DATA: 'true' }));
    expect(error.problems).toEqual([expect.stringMatching(/^DEMO_DATA: /)]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).database.url).toBeUndefined();
  });
});

describe('loadSecrets', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-secrets-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stops production start-up naming every missing secret', () => {
    const error = configError(() => loadSecrets({ isProduction: true, dataDir }, silent, {}));
    expect(error.problems.map((p) => p.split(':')[0])).toEqual([
      'SESSION_SECRET',
      'DATA_KEK',
      'BLIND_INDEX_KEY',
      'AUDIT_KEY',
    ]);
    expect(fs.existsSync(path.join(dataDir, 'secrets'))).toBe(false);
  });

  it('takes production secrets from the environment and rejects short ones unquoted', () => {
    const good = Buffer.alloc(32, 7).toString('base64');
    const env = {
      SESSION_SECRET: good,
      DATA_KEK: good,
      AUDIT_KEY: good,
      BLIND_INDEX_KEY: 'c2hvcnQ=',
    };
    const error = configError(() => loadSecrets({ isProduction: true, dataDir }, silent, env));
    expect(error.problems).toEqual([expect.stringMatching(/^BLIND_INDEX_KEY: must be base64/)]);
    expect(error.message).not.toContain('c2hvcnQ=');
    const secrets = loadSecrets({ isProduction: true, dataDir }, silent, {
      ...env,
      BLIND_INDEX_KEY: good,
    });
    expect(secrets.DATA_KEK!.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it('generates development secrets once, 0600 in a 0700 folder, logging names only', () => {
    const lines: unknown[] = [];
    const logger = { info: (obj: unknown) => void lines.push(obj) };
    const first = loadSecrets({ isProduction: false, dataDir }, logger, {});
    const dir = path.join(dataDir, 'secrets');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of fs.readdirSync(dir)) {
      expect(fs.statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
    }
    expect(lines).toHaveLength(4);
    const logged = JSON.stringify(lines);
    for (const value of Object.values(first)) {
      expect(value).toHaveLength(32);
      expect(logged).not.toContain(value.toString('base64'));
    }
    const second = loadSecrets({ isProduction: false, dataDir }, logger, {});
    expect(second.SESSION_SECRET.equals(first.SESSION_SECRET)).toBe(true);
    expect(lines).toHaveLength(4);
    expect(first.SESSION_SECRET.equals(first.DATA_KEK!)).toBe(false);
  });

  it('lets DATA_KEK (version 1) go once a later version is configured', () => {
    const good = Buffer.alloc(32, 7).toString('base64');
    const rest = { SESSION_SECRET: good, AUDIT_KEY: good, BLIND_INDEX_KEY: good };
    const retired = loadSecrets({ isProduction: true, dataDir }, silent, {
      ...rest,
      DATA_KEK_V2: good,
    });
    expect(retired.DATA_KEK).toBeUndefined();
    const error = configError(() => loadSecrets({ isProduction: true, dataDir }, silent, rest));
    expect(error.problems).toEqual([expect.stringMatching(/^DATA_KEK: missing/)]);

    // Development: a version-1 file is read whenever it is there, beside later versions.
    const both = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-secrets-'));
    loadSecrets({ isProduction: false, dataDir: both }, silent, {});
    fs.writeFileSync(path.join(both, 'secrets', 'data_kek_v2.key'), good, { mode: 0o600 });
    expect(loadSecrets({ isProduction: false, dataDir: both }, silent, {}).DATA_KEK).toHaveLength(
      32,
    );
    fs.rmSync(both, { recursive: true, force: true });

    // Without it, a later version stands in for it; no new version 1 is generated.
    fs.mkdirSync(path.join(dataDir, 'secrets'), { mode: 0o700 });
    fs.writeFileSync(path.join(dataDir, 'secrets', 'data_kek_v2.key'), good, { mode: 0o600 });
    expect(loadSecrets({ isProduction: false, dataDir }, silent, {}).DATA_KEK).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir, 'secrets', 'data_kek.key'))).toBe(false);
  });

  it('refuses a secret file that other users can read', () => {
    loadSecrets({ isProduction: false, dataDir }, silent, {});
    fs.chmodSync(path.join(dataDir, 'secrets', 'data_kek.key'), 0o644);
    const error = configError(() => loadSecrets({ isProduction: false, dataDir }, silent, {}));
    expect(error.problems).toEqual([
      expect.stringMatching(/^DATA_KEK: .* readable by other users/),
    ]);
  });
});
