/**
 * 50 caseworkers at once for 60 s through HAProxy on two instances, while
 * (1) the PostgreSQL server stops for a few seconds and starts again, or
 * (2) one instance is killed (SIGKILL) and started again. Afterwards every
 * write the API acknowledged is in the database with its audit event, no
 * write is half done, the audit chain verifies, no error answer or log line
 * holds a person's name, and the failures were the documented ones
 * (docs/RELIABILITY.md, "A database restart and a lost instance under
 * load"). Figures per phase are printed and written to a JSON file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { leaks } from '../helpers/canary';
import { startCluster, type Cluster } from './support/cluster';
import { checkDurability } from './support/durability';
import { errorKind, formatFigures, phaseFigures, type Phase } from './support/figures';
import type { RequestRecord } from './support/http-client';
import { runLoad, type LoadRun } from './support/load-run';
import { startPostgres, stopPostgres } from './support/postgres-server';
import type { ReadySample } from './support/readiness';

const CLIENTS = 50;
const DURATION_MS = 60_000;
const FAULT_AT_MS = 25_000;
/** The database is away this long (stop, then start): long enough for every check to see it. */
const OUTAGE_MS = 3_000;
/** The killed instance is started again after this; it listens some seconds later (tsx compiles). */
const KILLED_FOR_MS = 10_000;
/** Earlier than the restart: an instance takes 5–25 s to start on a busy machine, and the run is 60 s. */
const KILL_AT_MS = 20_000;
/** The client's patience: beyond HAProxy's 30 s server timeout, so a hang shows as HAProxy's 504. */
const PATIENCE_MS = 40_000;
/**
 * A request that fails because the database is away answers within the
 * pool's connect timeout (2 s, DATABASE_CONNECT_TIMEOUT_MS) plus the
 * request's own work on a loaded machine: 5 s.
 */
const OUTAGE_FAILURE_BOUND_MS = 5_000;
/** Any request at all, whatever happens: the statement timeout (15 s) plus the client-side backstop (5 s). */
const ANY_REQUEST_BOUND_MS = 20_000;
const MAX_REQUESTS = 200_000;
/** HAProxy puts an instance back after 2 good checks 500 ms apart (haproxy.ts): 1 s, and a margin. */
const RISE_MS = 2_000;
/**
 * Each client pauses 0–2 s between requests (staff read what they asked for). With
 * shorter pauses a busy 2-core machine saturates the pools and /readyz queues behind
 * requests (see docs/RELIABILITY.md): the run would test an overload, not the fault.
 */
const THINK_MS = 1_000;

const log = (line: string) => process.stderr.write(`[load] ${line}\n`);

describe('under load, 50 clients for 60 s on two instances', () => {
  let cluster: Cluster;
  const output: string[] = ['', ''];

  beforeEach(async () => {
    output.fill('');
    cluster = await startCluster({
      instances: 2,
      nodeArgs: ['--max-old-space-size=512'],
      onOutput: (instance, chunk) => {
        output[instance] += chunk;
      },
    });
  });

  afterEach(async () => {
    await cluster.stop();
  });

  it('a PostgreSQL restart loses no acknowledged write; failures are fast 503s; the instances recover alone', async () => {
    const pids = cluster.instances.map((instance) => instance.pid);
    const run = await runLoad(cluster, {
      clients: CLIENTS,
      durationMs: DURATION_MS,
      maxRequests: MAX_REQUESTS,
      patienceMs: PATIENCE_MS,
      thinkMs: THINK_MS,
      log,
      fault: async (mark) => {
        await sleep(FAULT_AT_MS);
        mark('stop');
        try {
          await stopPostgres();
          mark('stopped');
          await sleep(OUTAGE_MS);
        } finally {
          // Whatever failed, the shared server is started again. It accepts
          // connections before pg_ctlcluster returns: the outage ends at `start`.
          mark('start');
          await startPostgres();
          mark('started');
        }
      },
    });
    const stop = required(run.marks.stop);
    const stopped = required(run.marks.stopped);
    const start = required(run.marks.start);
    const started = required(run.marks.started);
    const recovered = readyAgain(run.readiness, started, cluster.instances.length);
    report(
      'db-restart',
      run,
      [
        { name: 'before', from: 0, to: stop },
        { name: 'during', from: stop, to: recovered },
        { name: 'after', from: recovered, to: DURATION_MS },
      ],
      output,
    );

    await expectNothingLost(cluster, run);
    expectNoCanary(run, output);

    // Every failure: 503 problem+json with Retry-After, from the API or from HAProxy.
    const failures = run.records.filter((record) => record.outcome !== 'ok');
    expect(failures.length).toBeGreaterThan(0);
    expect(undocumented(failures)).toEqual({});
    expect(
      failures.filter((record) => record.end - record.start > OUTAGE_FAILURE_BOUND_MS),
    ).toEqual([]);
    expect(slowerThan(run.records, ANY_REQUEST_BOUND_MS)).toEqual([]);
    // Outside the outage (and the moments HAProxy takes to see it back) only the pool's own
    // 503 under load may fail a request (a connection not free within 2 s); printed, not hidden.
    const outside = failures.filter(
      (record) => record.end < stop || record.start > recovered + RISE_MS,
    );
    expect(outside.filter((record) => record.code !== 'database_unavailable')).toEqual([]);
    log(`outside the outage: ${outside.length} × 503 database_unavailable (pool saturated)`);

    // /readyz: 503 (fast) while the database was away, 200 on each instance after.
    for (const instance of cluster.instances.keys()) {
      const mine = run.readiness.filter((sample) => sample.instance === instance);
      const outage = mine.filter((sample) => sample.at > stopped && sample.at < start);
      expect(outage.length).toBeGreaterThan(0);
      expect(outage.map((sample) => sample.status)).toEqual(outage.map(() => 503));
      expect(mine.filter((sample) => sample.at > recovered).map((sample) => sample.status)).toEqual(
        mine.filter((sample) => sample.at > recovered).map(() => 200),
      );
      expect(mine.every((sample) => sample.status === 200 || sample.status === 503)).toBe(true);
    }

    // Recovered by themselves: the same processes, serving.
    expect(cluster.instances.map((instance) => instance.pid)).toEqual(pids);
    await expectServing(cluster);
    const after = phaseFigures(run.records, { name: 'after', from: recovered, to: DURATION_MS });
    expect(after.acknowledged).toBeGreaterThan(0);
  });

  it('a killed instance loses no acknowledged write; its peer takes the load; it serves again once started', async () => {
    const victim = cluster.instance(1);
    const survivor = cluster.instance(0);
    const survivorPid = survivor.pid;
    const run = await runLoad(cluster, {
      clients: CLIENTS,
      durationMs: DURATION_MS,
      maxRequests: MAX_REQUESTS,
      patienceMs: PATIENCE_MS,
      thinkMs: THINK_MS,
      log,
      fault: async (mark) => {
        await sleep(KILL_AT_MS);
        mark('kill');
        await victim.kill('SIGKILL');
        mark('killed');
        await sleep(KILLED_FOR_MS);
        mark('restart');
        await victim.restart();
        mark('listening');
      },
    });
    const kill = required(run.marks.kill);
    const listening = required(run.marks.listening);
    const recovered = readyAgain(run.readiness, listening, cluster.instances.length);
    report(
      'instance-kill',
      run,
      [
        { name: 'before', from: 0, to: kill },
        { name: 'one instance', from: kill, to: recovered },
        { name: 'after', from: recovered, to: DURATION_MS },
      ],
      output,
    );

    await expectNothingLost(cluster, run);
    expectNoCanary(run, output);

    // Only requests in flight on the killed instance may fail, right after the kill, and as HAProxy
    // answers them (recorded by kind); never a 500, never a hang.
    const failures = run.records.filter((record) => record.outcome !== 'ok');
    expect(failures.filter((record) => record.status === 500)).toEqual([]);
    expect(failures.filter((record) => record.start > kill + 1_000 || record.end < kill)).toEqual(
      [],
    );
    expect(slowerThan(run.records, ANY_REQUEST_BOUND_MS)).toEqual([]);

    // The survivor took the load alone; the restarted instance serves.
    const alone = phaseFigures(run.records, { name: 'alone', from: kill + 1_000, to: recovered });
    expect(alone.acknowledged).toBeGreaterThan(0);
    expect(survivor.pid).toBe(survivorPid);
    expect(victim.pid).not.toBe(undefined);
    await expectServing(cluster);
  });
});

async function expectNothingLost(cluster: Cluster, run: LoadRun): Promise<void> {
  const durability = await checkDurability(cluster.databaseUrl, run.acknowledged);
  log(
    `acknowledged: ${run.acknowledged.cases.length} cases, ${run.acknowledged.notes.length} notes, ` +
      `${run.acknowledged.consents.length} consents, ${run.acknowledged.referrals.length} referrals, ` +
      `${run.acknowledged.withdrawals.length} withdrawals, ${run.acknowledged.logins} sign-ins; ` +
      `in the database: ${JSON.stringify(durability.counts)}`,
  );
  expect(durability.lost).toEqual({
    cases: [],
    notes: [],
    consents: [],
    referrals: [],
    withdrawals: [],
  });
  for (const invariant of Object.keys(durability.halfDone)) {
    expect([invariant, durability.halfDone[invariant]]).toEqual([invariant, []]);
  }
  // The first sign-ins before the run, and every one acknowledged during it.
  expect(durability.auditedLogins).toBeGreaterThanOrEqual(CLIENTS + run.acknowledged.logins);
  // The audit chain, with every event sealed, verified by the operators' own command.
  const verified = await cluster.runScript('scripts/verify-audit.ts');
  expect([verified.code, verified.stdout]).toEqual([
    0,
    expect.stringContaining('Audit log intact'),
  ]);
}

/** No planted name or note appears in an error answer or in what the instances wrote. */
function expectNoCanary(run: LoadRun, output: readonly string[]): void {
  const places: Record<string, string> = {
    'error answers': run.records.map((record) => record.errorBody ?? '').join('\n'),
    ...Object.fromEntries(output.map((text, index) => [`instance ${index} output`, text])),
  };
  // The search means something only if the logs were captured (request lines at least).
  expect(output.map((text) => text.includes('request completed'))).toEqual(output.map(() => true));
  const found: string[] = [];
  for (const value of run.canaries) {
    const hex = Buffer.from(value, 'utf8').toString('hex');
    for (const [place, text] of Object.entries(places)) {
      if (leaks(text, value) || text.includes(hex)) found.push(`${place}: ${value}`);
    }
  }
  expect(run.canaries.length).toBeGreaterThan(CLIENTS);
  expect(found).toEqual([]);
}

/** Failures that are not a 503 problem+json with a Retry-After in whole seconds, by kind. */
function undocumented(failures: readonly RequestRecord[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const record of failures) {
    const documented =
      record.status === 503 &&
      (record.contentType ?? '').startsWith('application/problem+json') &&
      /^\d+$/.test(record.retryAfter ?? '');
    if (documented) continue;
    const kind = errorKind(record);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

function slowerThan(records: readonly RequestRecord[], ms: number): string[] {
  return records
    .filter((record) => record.end - record.start > ms)
    .map((record) => `${record.op} at ${record.start} ms took ${record.end - record.start} ms`);
}

/** When every instance's /readyz answered 200 again after `since` (the run's end if never). */
function readyAgain(samples: readonly ReadySample[], since: number, instances: number): number {
  let latest = since;
  for (let instance = 0; instance < instances; instance++) {
    const first = samples.find(
      (sample) => sample.instance === instance && sample.at >= since && sample.status === 200,
    );
    latest = Math.max(latest, first ? first.at + first.ms : DURATION_MS);
  }
  return Math.round(latest);
}

/** Each instance answers a signed-in request directly, and /readyz with 200. */
async function expectServing(cluster: Cluster): Promise<void> {
  for (const instance of cluster.instances) {
    const ready = await fetch(`${instance.url}/readyz`);
    expect(ready.status).toBe(200);
    const health = await fetch(`${instance.url}/healthz`);
    expect(health.status).toBe(200);
  }
}

function report(name: string, run: LoadRun, phases: Phase[], output: readonly string[]): void {
  const rows = phases.map((phase) => phaseFigures(run.records, phase));
  const all = phaseFigures(run.records, { name: 'whole run', from: 0, to: DURATION_MS });
  const text = formatFigures(
    `${name}: ${run.records.length} requests, ${CLIENTS} clients, marks ${JSON.stringify(run.marks)}`,
    [...rows, all],
  );
  const file = path.join(os.tmpdir(), `amparo-reliability-${name}-${Date.now()}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        name,
        marks: run.marks,
        phases: rows,
        whole: all,
        acknowledged: counts(run),
        failures: run.records
          .filter((record) => record.outcome !== 'ok')
          .map(({ errorBody: _body, ...record }) => record),
        readiness: run.readiness,
      },
      null,
      2,
    ),
  );
  output.forEach((text, index) =>
    fs.writeFileSync(file.replace(/\.json$/, `-instance-${index}.log`), text),
  );
  console.log(`${text}\n(figures: ${file}, instances' logs beside it)`);
}

function counts(run: LoadRun) {
  const { cases, notes, consents, referrals, withdrawals, logins } = run.acknowledged;
  return {
    cases: cases.length,
    notes: notes.length,
    consents: consents.length,
    referrals: referrals.length,
    withdrawals: withdrawals.length,
    logins,
  };
}

function required(value: number | undefined): number {
  if (value === undefined) throw new Error('the fault did not happen');
  return value;
}
