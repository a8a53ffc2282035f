/**
 * Several Amparo API processes on one PostgreSQL server, behind HAProxy, as an
 * operator would run them: a fresh database (migrated as the migrator role,
 * served as the application role), one set of secrets shared by every
 * instance, each instance on its own loopback port, and HAProxy in front
 * (round robin, health check on /readyz). Everything started here is stopped
 * and removed by `stop()`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadMigrationFiles } from '../../../server/db/migrator';
import pg from 'pg';
import { dropDatabase, SCHEMA } from '../../../server/db/provision';
import { provisionServerDatabase, withKysely } from '../../../server/db/provision-server';
import { SECRET_SPECS } from '../../../server/config/secrets';
import { AMPARO_LISTENING, startChild, type RunningChild } from '../../../scripts/bench/children';
import { freePort, waitFor } from './net';
import { startHaproxy, type Haproxy } from './haproxy';

const ROOT = path.resolve(__dirname, '../../..');
/** Generous: tsx transpiles the server at start, and CI machines may be busy (seen: over 60 s at load 20 on 2 cores). */
const START_TIMEOUT_MS = 180_000;
export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ClusterOptions {
  instances: number;
  /** Extra environment for every instance (e.g. JOB_INTERVALS, STEP_UP_WINDOW_SECONDS). */
  env?: Record<string, string>;
  /** Node options for each instance, e.g. --max-old-space-size=512 as `npm start` runs it. */
  nodeArgs?: readonly string[];
  /** Every chunk an instance writes (stdout and stderr: its log lines), by instance index. */
  onOutput?: (instance: number, chunk: string) => void;
}

export interface Instance {
  /** http://127.0.0.1:PORT — the same port after a restart. */
  readonly url: string;
  readonly port: number;
  /** The node process (undefined while stopped). */
  readonly pid: number | undefined;
  /** Whether its process is running. */
  readonly running: boolean;
  /** Sends the signal and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port (after kill); resolves once it listens. */
  restart(): Promise<void>;
}

export interface Cluster {
  /** HAProxy's frontend. */
  url: string;
  /** HAProxy's statistics page (CSV at `${statsUrl};csv`). */
  statsUrl: string;
  instances: Instance[];
  instance(index: number): Instance;
  /** Superuser on the cluster's database: for assertions (sees through row-level security). */
  databaseUrl: string;
  /** The application role's URL, as the instances use it. */
  appUrl: string;
  /** The migrator role's URL. */
  migratorUrl: string;
  /** The environment every instance gets (secrets included): for operator scripts. */
  env: NodeJS.ProcessEnv;
  /** The HAProxy configuration in use (the text, for the docs and for debugging). */
  haproxyConfig: string;
  /** A statement as the superuser on the cluster's database (search path: Amparo's schema). */
  query<T extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** Runs an operator script (e.g. scripts/create-admin.ts) with the instances' environment. */
  runScript(script: string, args?: readonly string[]): Promise<{ code: number; stdout: string }>;
  /** Requests HAProxy sent to each instance so far (by instance index), from its statistics. */
  requestsPerInstance(): Promise<number[]>;
  /** Each instance's state as HAProxy's health checks see it (UP, DOWN, …), by index. */
  instanceStates(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const adminUrl = process.env.TEST_DATABASE_URL || DEFAULT_ADMIN_URL;
  const name = `amparo_rel_${randomBytes(5).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-cluster-'));
  const undo: (() => Promise<void> | void)[] = [
    () => fs.rmSync(dataDir, { recursive: true, force: true }),
  ];
  const stop = async () => {
    for (const step of undo.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`cluster clean-up step failed: ${String(error)}\n`);
      }
    }
  };
  try {
    undo.push(() => withKysely(adminUrl, (admin) => dropDatabase(admin, name)));
    const { appUrl, migratorUrl } = await provisionServerDatabase(adminUrl, name, {
      recreate: true,
      migrations: loadMigrationFiles(),
    });
    const databaseUrl = new URL(adminUrl);
    databaseUrl.pathname = `/${name}`;

    const env: NodeJS.ProcessEnv = {
      ...inheritedEnv(),
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: appUrl,
      SERVE_CLIENT: 'false',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      // HAProxy on loopback adds X-Forwarded-For: the login throttle sees the client.
      TRUST_PROXY: 'loopback',
      ...generatedSecrets(),
      ...options.env,
    };

    const ports = await Promise.all(Array.from({ length: options.instances }, () => freePort()));
    const instances = ports.map((port, index) => new ClusterInstance(index, port, env, options));
    undo.push(() => Promise.all(instances.map((instance) => instance.stopForGood())).then());
    // All at once, as a deployment would: start-up work (the CA, the lead
    // agency) must be done once even when instances race for it.
    await Promise.all(instances.map((instance) => instance.restart()));

    const haproxy: Haproxy = await startHaproxy(ports, dataDir);
    undo.push(() => haproxy.stop());

    return {
      url: haproxy.url,
      statsUrl: haproxy.statsUrl,
      instances,
      instance: (index) => {
        const instance = instances[index];
        if (!instance) throw new Error(`no instance ${index}`);
        return instance;
      },
      databaseUrl: databaseUrl.toString(),
      appUrl,
      migratorUrl,
      env,
      haproxyConfig: haproxy.config,
      runScript: (script, args = []) => runScript(script, args, env),
      query: (text, values) => superuserQuery(databaseUrl.toString(), text, values),
      requestsPerInstance: () => haproxy.requestsPerServer(),
      instanceStates: () => haproxy.serverStates(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

class ClusterInstance implements Instance {
  readonly url: string;
  private child: RunningChild | undefined;

  constructor(
    readonly index: number,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly options: ClusterOptions,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.unexpectedExit() === undefined;
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child?.pid || !this.running) return;
    process.kill(child.pid, signal);
    // children.ts reports an exit it did not ask for as unexpected: that is the signal's effect.
    await waitFor(
      () => child.unexpectedExit() !== undefined,
      30_000,
      `instance ${this.index} exit`,
    );
  }

  async restart(): Promise<void> {
    if (this.running) throw new Error(`instance ${this.index} is running: kill it first`);
    await this.child?.stop();
    this.child = await startChild({
      name: `Amparo instance ${this.index}`,
      script: 'server/main.ts',
      cwd: ROOT,
      nodeArgs: this.options.nodeArgs ?? [],
      env: { ...this.env, PORT: String(this.port) },
      readyMessage: AMPARO_LISTENING,
      startTimeoutMs: START_TIMEOUT_MS,
      onOutput: (chunk) => this.options.onOutput?.(this.index, chunk),
    });
  }

  async stopForGood(): Promise<void> {
    await this.child?.stop();
  }
}

/** Fresh random secrets, one set for the whole cluster (as an operator's secret manager hands out). */
function generatedSecrets(): Record<string, string> {
  return Object.fromEntries(
    SECRET_SPECS.map(({ name }) => [name, randomBytes(32).toString('base64')]),
  );
}

/** The test's environment minus anything that would point an instance elsewhere. */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      /^(DATABASE_|MIGRATION_DATABASE_URL|DATA_DIR|HOST|PORT|LEAD_AGENCY_|SMTP_|MAIL_FROM|PUBLIC_URL|MTLS_|JOB_INTERVALS|STEP_UP_)/.test(
        key,
      ) ||
      /^DATA_KEK/.test(key) ||
      SECRET_SPECS.some((spec) => spec.name === key) ||
      key === 'NODE_OPTIONS' // jest's --experimental-vm-modules is not the server's
    ) {
      delete env[key];
    }
  }
  return env;
}

const execFileAsync = promisify(execFile);

async function runScript(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env,
      timeout: 120_000,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

async function superuserQuery<T extends object>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${SCHEMA}` });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
