/**
 * One load run against a cluster (cluster.ts): seed the staff, sign every
 * client in, then run the workload for its time while each instance's
 * /readyz is polled and an optional fault is injected on its own schedule.
 * Shared by test/reliability/db-restart.test.ts and the soak
 * (scripts/bench/soak.ts).
 */
import { pollReadiness, type ReadySample } from './readiness';
import { seedStaff } from './staff';
import { Workload, type WorkloadOptions, type WorkloadResult } from './workload';

export interface LoadTarget {
  url: string;
  appUrl: string;
  env: NodeJS.ProcessEnv;
  instances: readonly { url: string }[];
}

export interface LoadRunOptions extends Omit<WorkloadOptions, 'baseUrl' | 'staff' | 'onTick'> {
  /** Runs beside the load from its start; `mark` names a moment (ms since the start). */
  fault?: (mark: (name: string) => void) => Promise<void>;
  log?: (line: string) => void;
}

export interface LoadRun extends WorkloadResult {
  readiness: ReadySample[];
  /** The fault's named moments, ms since the run's start. */
  marks: Record<string, number>;
}

export async function runLoad(target: LoadTarget, options: LoadRunOptions): Promise<LoadRun> {
  const log = options.log ?? (() => undefined);
  const staff = await seedStaff(target, options.clients);
  const workload = new Workload({
    ...options,
    baseUrl: target.url,
    staff,
    onTick: (elapsed, requests) => {
      if (Math.round(elapsed / 1000) % 10 === 0) {
        log(`${Math.round(elapsed / 1000)} s: ${requests} requests`);
      }
    },
  });
  log(`signing ${options.clients} caseworkers in`);
  await workload.signIn();
  const origin = performance.now();
  const marks: Record<string, number> = {};
  const mark = (name: string) => {
    marks[name] = Math.round(performance.now() - origin);
    log(`${name} at ${(marks[name] / 1000).toFixed(1)} s`);
  };
  const readiness = pollReadiness(
    target.instances.map((instance) => instance.url),
    origin,
  );
  log(`running ${options.clients} clients for ${options.durationMs / 1000} s`);
  const [result, faultOutcome] = await Promise.all([
    workload.run(origin),
    (options.fault?.(mark) ?? Promise.resolve()).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    ),
  ]);
  const samples = await readiness.stop();
  if (faultOutcome !== undefined) throw faultOutcome;
  return { ...result, readiness: samples, marks };
}
