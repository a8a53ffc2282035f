/**
 * npm run bench -- soak [--minutes 10] [--clients 50]
 *
 * Two Amparo instances behind HAProxy on a fresh database of the PostgreSQL
 * server (test/reliability/support/cluster.ts: TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), each run as `npm start` runs
 * it (--max-old-space-size=512), under the reliability tests' mixed
 * workload (test/reliability/support/workload.ts) for the given minutes.
 * The first minute is the warm-up (JIT, pools, caches); each instance's
 * resident memory (VmRSS) is read when the load starts, after the warm-up
 * and at the end. Fails (exit 1) when an instance grew by more than 10 % or
 * 250 MiB from the warm-up to the end, when an instance exited, or when a
 * write the API acknowledged is missing afterwards.
 */
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCluster } from '../../test/reliability/support/cluster';
import { checkDurability } from '../../test/reliability/support/durability';
import { formatFigures, phaseFigures } from '../../test/reliability/support/figures';
import { runLoad } from '../../test/reliability/support/load-run';

const WARM_UP_MS = 60_000;
const SAMPLE_EVERY_MS = 10_000;
export const MAX_GROWTH_RATIO = 0.1;
export const MAX_GROWTH_MIB = 250;

export interface SoakOptions {
  minutes: number;
  clients: number;
  log: (line: string) => void;
}

interface RssRow {
  instance: number;
  pid: number | undefined;
  loadStartMiB: number | undefined;
  startMiB: number | undefined;
  endMiB: number | undefined;
  minMiB: number;
  maxMiB: number;
}

/** Runs the soak and prints its report; resolves to whether it passed. */
export async function runSoak(options: SoakOptions): Promise<boolean> {
  const durationMs = options.minutes * 60_000;
  if (durationMs <= WARM_UP_MS) throw new Error('--minutes must be more than the 1-minute warm-up');
  const { log } = options;
  log(`starting two instances, HAProxy and a fresh database`);
  const cluster = await startCluster({ instances: 2, nodeArgs: ['--max-old-space-size=512'] });
  try {
    const pids = cluster.instances.map((instance) => instance.pid);
    const rows: RssRow[] = pids.map((pid, instance) => ({
      instance,
      pid,
      loadStartMiB: undefined,
      startMiB: undefined,
      endMiB: undefined,
      minMiB: Infinity,
      maxMiB: 0,
    }));
    const sample = (into?: 'loadStartMiB' | 'startMiB' | 'endMiB') => {
      for (const row of rows) {
        const mib = rssMiB(row.pid);
        if (into) row[into] = mib;
        if (mib === undefined) continue;
        row.minMiB = Math.min(row.minMiB, mib);
        row.maxMiB = Math.max(row.maxMiB, mib);
      }
    };
    const run = await runLoad(cluster, {
      clients: options.clients,
      durationMs,
      maxRequests: 50_000_000,
      patienceMs: 40_000,
      thinkMs: 250,
      log,
      fault: async (mark) => {
        sample('loadStartMiB');
        await sleep(WARM_UP_MS);
        mark('warmed up');
        sample('startMiB');
        const end = performance.now() + durationMs - WARM_UP_MS - SAMPLE_EVERY_MS;
        while (performance.now() < end) {
          await sleep(SAMPLE_EVERY_MS);
          sample();
        }
      },
    });
    sample('endMiB');

    const warm = run.marks['warmed up'] ?? WARM_UP_MS;
    const figures = [
      phaseFigures(run.records, { name: 'warm-up', from: 0, to: warm }),
      phaseFigures(run.records, { name: 'soak', from: warm, to: durationMs }),
      phaseFigures(run.records, { name: 'whole run', from: 0, to: durationMs }),
    ];
    const durability = await checkDurability(cluster.databaseUrl, run.acknowledged);
    const lost = Object.values(durability.lost).flat().length;
    const halfDone = Object.values(durability.halfDone).flat().length;
    const exited = cluster.instances.filter((instance, i) => instance.pid !== pids[i]).length;

    const problems: string[] = [];
    for (const row of rows) {
      const growth = growthOf(row);
      if (!growth) problems.push(`instance ${row.instance}: no RSS reading`);
      else if (growth.mib > MAX_GROWTH_MIB || growth.ratio > MAX_GROWTH_RATIO) {
        problems.push(
          `instance ${row.instance} grew ${growth.mib.toFixed(1)} MiB (${pct(growth.ratio)})`,
        );
      }
    }
    if (exited > 0) problems.push(`${exited} instance(s) exited during the soak`);
    if (lost > 0) problems.push(`${lost} acknowledged write(s) missing`);
    if (halfDone > 0) problems.push(`${halfDone} half-done write(s)`);

    const lines = [
      `Soak: ${options.clients} clients (0–500 ms pauses) for ${options.minutes} min through ` +
        `HAProxy on 2 instances (--max-old-space-size=512); ${run.records.length} requests`,
      formatFigures('Requests', figures),
      'RSS (MiB)   load start  after warm-up        end   growth      min      max',
      ...rows.map((row) => {
        const growth = growthOf(row);
        return [
          `instance ${row.instance}`.padEnd(11),
          fixed(row.loadStartMiB).padStart(11),
          fixed(row.startMiB).padStart(14),
          fixed(row.endMiB).padStart(10),
          (growth ? `${growth.mib >= 0 ? '+' : ''}${pct(growth.ratio)}` : 'n/a').padStart(8),
          fixed(row.minMiB).padStart(8),
          fixed(row.maxMiB).padStart(8),
        ].join(' ');
      }),
      `Acknowledged: ${run.acknowledged.cases.length} cases, ${run.acknowledged.notes.length} notes, ` +
        `${run.acknowledged.referrals.length} referrals, ${run.acknowledged.withdrawals.length} ` +
        `withdrawals, ${run.acknowledged.logins} sign-ins; missing afterwards: ${lost}, half done: ${halfDone}`,
      `Limits: growth from the warm-up to the end ≤ ${pct(MAX_GROWTH_RATIO)} and ≤ ${MAX_GROWTH_MIB} MiB per instance`,
      problems.length === 0 ? 'PASS' : `FAIL: ${problems.join('; ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return problems.length === 0;
  } finally {
    log('stopping the instances, HAProxy; dropping the database');
    await cluster.stop();
  }
}

function growthOf(row: RssRow): { mib: number; ratio: number } | undefined {
  if (row.startMiB === undefined || row.endMiB === undefined) return undefined;
  const mib = row.endMiB - row.startMiB;
  return { mib, ratio: mib / row.startMiB };
}

/** VmRSS of a process, MiB (Linux /proc); undefined once it is gone. */
function rssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const fixed = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(1);
const pct = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;
